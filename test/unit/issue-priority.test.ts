/**
 * The issue priority, decided once for every way of issuing (domain/issue-priority.ts). It used to be split
 * between the kiosk's extras and the issue use case, each overriding the other in its own way; then it was
 * whatever the client asked for (issue 18): now a request the hub checks.
 */
import { describe, expect, it } from 'vitest';
import { decideIssuePriority } from '../../server/domain/issue-priority';
import { checkIn } from '../../server/domain/appointment-timing';
import { personForCheckIn } from '../../server/domain/identity-policy';

const kiosk = { isStaff: false, isGreenByAge: false, isAppointmentOnTime: false };
const staff = { ...kiosk, isStaff: true };

describe('issue priority', () => {
  it('is normal without facts, and refuses what a kiosk asks for without the right to it', () => {
    expect(decideIssuePriority(kiosk)).toEqual({ ok: true, value: { priority: 'normal' } });
    expect(decideIssuePriority({ ...kiosk, requested: 'normal' })).toEqual({ ok: true, value: { priority: 'normal' } });
    // It used to be whatever was asked: a kiosk token minted appointment and green tickets that go first.
    expect(decideIssuePriority({ ...kiosk, requested: 'appointment' })).toMatchObject({ ok: false, code: 'priority-not-allowed' });
    expect(decideIssuePriority({ ...kiosk, requested: 'green', requestedReason: 'pregnant' })).toMatchObject({ ok: false, code: 'priority-not-allowed' });
    expect(decideIssuePriority({ ...staff, requested: 'appointment' })).toMatchObject({ ok: false, code: 'priority-not-allowed' });
  });

  it('lets staff grant the green channel, with a reason only', () => {
    expect(decideIssuePriority({ ...staff, requested: 'green', requestedReason: 'pregnant' })).toEqual({ ok: true, value: { priority: 'green', priorityReason: 'pregnant' } });
    expect(decideIssuePriority({ ...staff, requested: 'green' })).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('gives the green channel by age over everything, with the reason elderly, to kiosk and staff alike', () => {
    for (const requested of [undefined, 'normal', 'green', 'appointment'] as const) {
      for (const isStaff of [false, true]) {
        expect(decideIssuePriority({ requested, requestedReason: 'assisted', isStaff, isGreenByAge: true, isAppointmentOnTime: false })).toEqual({ ok: true, value: { priority: 'green', priorityReason: 'elderly' } });
      }
    }
  });

  it("keeps staff's green channel over an on-time appointment, and the appointment over a plain request", () => {
    expect(decideIssuePriority({ ...staff, requested: 'green', requestedReason: 'assisted', isAppointmentOnTime: true })).toEqual({ ok: true, value: { priority: 'green', priorityReason: 'assisted' } });
    expect(decideIssuePriority({ ...kiosk, requested: 'normal', isAppointmentOnTime: true })).toEqual({ ok: true, value: { priority: 'appointment' } });
    expect(decideIssuePriority({ ...kiosk, requested: 'appointment', isAppointmentOnTime: true })).toEqual({ ok: true, value: { priority: 'appointment' } });
    expect(decideIssuePriority({ ...kiosk, requested: 'normal', requestedReason: 'other' })).toEqual({ ok: true, value: { priority: 'normal' } });
  });
});

describe('appointment check-in', () => {
  const policy = { appointmentEarlyMinutes: 15, appointmentLateMinutes: 10 };
  const start = Date.parse('2026-11-27T02:00:00Z'); // 10:00 in Shanghai
  const appointment = { serviceId: 'A', slotStart: start, slotEnd: start + 30 * 60_000 };
  const zone = 'Asia/Shanghai';
  const request = { serviceId: 'A', bookedServiceName: '综合受理' };

  it('is due at its slot when on time or early, and plain when late', () => {
    expect(checkIn(appointment, request, start - 60 * 60_000, zone, policy)).toEqual({ ok: true, value: { dueAt: start } });
    expect(checkIn(appointment, request, start + 30 * 60_000, zone, policy)).toEqual({ ok: true, value: { dueAt: start } });
    expect(checkIn(appointment, request, start + 30 * 60_000 + 1, zone, policy)).toEqual({ ok: true, value: {} });
  });

  it('refuses another service and another day, but not a used one (the transaction does, so a retry gets its ticket)', () => {
    expect(checkIn(appointment, { serviceId: 'B', bookedServiceName: '综合受理' }, start, zone, policy)).toMatchObject({ ok: false, code: 'invalid-request', message: 'This appointment is for 综合受理.' });
    expect(checkIn(appointment, request, start + 24 * 3600_000, zone, policy)).toMatchObject({ ok: false, code: 'appointment-not-today', message: expect.stringContaining('2026-11-27') });
    expect(checkIn({ ...appointment, ticketId: 't1' }, request, start + 24 * 3600_000, zone, policy).ok).toBe(true);
  });

  it("holds an appointment booked with an ID number for that person, and lends the booking's person to the code alone", () => {
    const booked = { personHash: 'h1', personMasked: '1101**********0017', nameMasked: '李**' };
    expect(personForCheckIn({ hash: 'h2', masked: 'x' }, booked)).toMatchObject({ ok: false, code: 'appointment-other-person' });
    expect(personForCheckIn({ hash: 'h1', masked: 'm' }, booked)).toEqual({ ok: true, value: { hash: 'h1', masked: 'm', nameMasked: '李**' } });
    expect(personForCheckIn(undefined, booked)).toEqual({ ok: true, value: { hash: 'h1', masked: '1101**********0017', nameMasked: '李**' } });
    expect(personForCheckIn({ hash: 'h2', masked: 'x' }, {})).toEqual({ ok: true, value: { hash: 'h2', masked: 'x' } });
    expect(personForCheckIn(undefined, {})).toEqual({ ok: true, value: undefined });
  });
});
