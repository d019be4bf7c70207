import { describe, expect, it } from 'vitest';
import { dayOf, isWithinHours, minuteOfDay, nextMidnight } from '../../server/domain/calendar';
import { allocateSeq, formatNumber, unavailableReason } from '../../server/domain/numbering';
import { service } from '../support/domain';

const TZ = 'Asia/Shanghai';

describe('hall-local days', () => {
  it('counts the business day in the hall time zone, not UTC', () => {
    // 2026-11-27 15:59:59 UTC is 23:59:59 in Shanghai; one second later it is the 28th there.
    expect(dayOf(Date.parse('2026-11-27T15:59:59Z'), TZ)).toBe('2026-11-27');
    expect(dayOf(Date.parse('2026-11-27T16:00:00Z'), TZ)).toBe('2026-11-28');
  });

  it('finds the next local midnight exactly', () => {
    expect(nextMidnight(Date.parse('2026-11-27T01:00:00Z'), TZ)).toBe(Date.parse('2026-11-27T16:00:00Z'));
    expect(nextMidnight(Date.parse('2026-11-27T15:59:59.999Z'), TZ)).toBe(Date.parse('2026-11-27T16:00:00Z'));
  });

  it('handles a zone with daylight saving (Europe/Berlin, the night clocks go back)', () => {
    const at = Date.parse('2026-10-24T12:00:00Z'); // 14:00 CEST on the 24th; midnight is 22:00Z
    expect(nextMidnight(at, 'Europe/Berlin')).toBe(Date.parse('2026-10-24T22:00:00Z'));
    const after = Date.parse('2026-10-25T12:00:00Z'); // CET from 03:00 local; the next midnight is 23:00Z
    expect(nextMidnight(after, 'Europe/Berlin')).toBe(Date.parse('2026-10-25T23:00:00Z'));
  });

  it('knows opening hours in local minutes', () => {
    const nineAm = Date.parse('2026-11-27T01:00:00Z');
    expect(minuteOfDay(nineAm, TZ)).toBe(9 * 60);
    expect(isWithinHours(9 * 60, [{ from: '09:00', to: '12:00' }])).toBe(true);
    expect(isWithinHours(12 * 60, [{ from: '09:00', to: '12:00' }])).toBe(false);
    expect(isWithinHours(13 * 60 + 30, [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }])).toBe(true);
    expect(isWithinHours(3 * 60, [])).toBe(true);
  });
});

describe('ticket numbering', () => {
  it('pads to three digits, or to the range end width', () => {
    expect(formatNumber('A', 12, 999)).toBe('A012');
    expect(formatNumber('B', 7, 999)).toBe('B007');
    expect(formatNumber('C', 12, 9999)).toBe('C0012');
  });

  it('starts each day at the range start and counts up', () => {
    const s = service({ rangeStart: 101, rangeEnd: 199 });
    expect(allocateSeq(s, { issuedToday: 0 }, 600)).toEqual({ ok: true, value: 101 });
    expect(allocateSeq(s, { lastSeq: 101, issuedToday: 1 }, 600)).toEqual({ ok: true, value: 102 });
  });

  it('refuses past the range end, over the daily cap, and outside hours — with a reason a person can read', () => {
    const s = service({ rangeEnd: 3, dailyCap: 2, hours: [{ from: '09:00', to: '17:00' }] });
    const exhausted = allocateSeq(s, { lastSeq: 3, issuedToday: 1 }, 600);
    expect(exhausted.ok ? 'ok' : exhausted.code).toBe('numbers-exhausted');
    const capped = allocateSeq(s, { lastSeq: 2, issuedToday: 2 }, 600);
    expect(capped.ok ? 'ok' : capped.code).toBe('daily-cap-reached');
    const early = allocateSeq(s, { issuedToday: 0 }, 8 * 60);
    expect(early.ok ? 'ok' : early.code).toBe('service-closed');
    if (!early.ok) expect(early.message).toMatch(/opening hours/);
    expect(unavailableReason(s, { issuedToday: 0 }, 8 * 60)).toBe('outside-hours');
    expect(unavailableReason(s, { issuedToday: 0 }, 10 * 60)).toBeUndefined();
  });

  it('does not hold a booked visitor to the daily cap, but to the range and the hours', () => {
    const s = service({ rangeEnd: 3, dailyCap: 2, hours: [{ from: '09:00', to: '17:00' }] });
    expect(allocateSeq(s, { lastSeq: 2, issuedToday: 2 }, 600, true)).toEqual({ ok: true, value: 3 });
    const exhausted = allocateSeq(s, { lastSeq: 3, issuedToday: 3 }, 600, true);
    expect(exhausted.ok ? 'ok' : exhausted.code).toBe('numbers-exhausted');
    expect(unavailableReason(s, { issuedToday: 2 }, 8 * 60, true)).toBe('outside-hours');
  });
});
