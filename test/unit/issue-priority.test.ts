/**
 * The issue priority, decided once for every way of issuing (domain/issue-priority.ts). It used to be split
 * between the kiosk's extras and the issue use case, each overriding the other in its own way.
 */
import { describe, expect, it } from 'vitest';
import { decideIssuePriority } from '../../server/domain/issue-priority';
import { checkIn } from '../../server/domain/appointment-timing';
import { personForCheckIn } from '../../server/domain/identity-policy';

const none = { isGreenByAge: false, isAppointmentOnTime: false };

describe('issue priority', () => {
  it('is what was asked, or normal, without kiosk facts', () => {
    expect(decideIssuePriority(none)).toEqual({ priority: 'normal' });
    expect(decideIssuePriority({ ...none, requested: 'appointment' })).toEqual({ priority: 'appointment' });
    expect(decideIssuePriority({ ...none, requested: 'green', requestedReason: 'pregnant' })).toEqual({ priority: 'green', priorityReason: 'pregnant' });
    expect(decideIssuePriority({ ...none, requested: 'green' })).toEqual({ priority: 'green', priorityReason: 'other' });
  });

  it('gives the green channel by age over everything, with the reason elderly', () => {
    for (const requested of [undefined, 'normal', 'green'] as const) {
      expect(decideIssuePriority({ requested, requestedReason: 'assisted', isGreenByAge: true, isAppointmentOnTime: true })).toEqual({ priority: 'green', priorityReason: 'elderly' });
    }
  });

  it('keeps a green channel asked for over an on-time appointment, and the appointment over a plain request', () => {
    expect(decideIssuePriority({ requested: 'green', requestedReason: 'assisted', isGreenByAge: false, isAppointmentOnTime: true })).toEqual({ priority: 'green', priorityReason: 'assisted' });
    expect(decideIssuePriority({ requested: 'normal', isGreenByAge: false, isAppointmentOnTime: true })).toEqual({ priority: 'appointment' });
    expect(decideIssuePriority({ requested: 'normal', requestedReason: 'other', isGreenByAge: false, isAppointmentOnTime: false })).toEqual({ priority: 'normal' });
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
