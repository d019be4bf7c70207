/** The pure parts of the province's rules: the default rating's due time and which follow-up deadline has passed. */
import { describe, expect, it } from 'vitest';
import { defaultRating, defaultRatingDueAt, isDefaultRatingDue } from '../../server/domain/default-rating';
import { overdueStep } from '../../server/domain/followup-rules';
import type { Ticket } from '../../server/domain/types';

const TZ = 'Asia/Shanghai';
const noHolidays = { holidays: new Set<string>(), workdays: new Set<string>() };
const friday9 = Date.parse('2026-11-27T01:00:00Z');

describe('default rating', () => {
  it('is off at 0 days', () => {
    expect(defaultRatingDueAt(friday9, { afterDays: 0, phoneRatingHours: 72 }, noHolidays, TZ)).toBeUndefined();
    expect(isDefaultRatingDue(friday9, friday9 + 365 * 86_400_000, { afterDays: 0, phoneRatingHours: 72 }, noHolidays, TZ)).toBe(false);
  });

  it('waits N working days (skipping weekends and holidays) and for the phone window to close', () => {
    // Friday + 1 working day = Monday; due when Monday ends.
    expect(defaultRatingDueAt(friday9, { afterDays: 1, phoneRatingHours: 1 }, noHolidays, TZ)).toBe(Date.parse('2026-11-30T16:00:00Z'));
    const mondayOff = { holidays: new Set(['2026-11-30']), workdays: new Set<string>() };
    expect(defaultRatingDueAt(friday9, { afterDays: 1, phoneRatingHours: 1 }, mondayOff, TZ)).toBe(Date.parse('2026-12-01T16:00:00Z'));
    // A phone window longer than the rule: the visitor keeps it.
    expect(defaultRatingDueAt(friday9, { afterDays: 1, phoneRatingHours: 120 }, noHolidays, TZ)).toBe(friday9 + 120 * 3_600_000);
  });

  it('never replaces a rating, and needs a finished visit', () => {
    const ticket = { id: 't1', number: 'A001', serviceId: 'A', status: 'done', windowId: 'w1', finishedAt: friday9, staffId: 'clerk1' } as unknown as Ticket;
    const made = defaultRating(ticket, undefined, { id: 'r1', score: 5, now: friday9 + 1 });
    expect(made).toMatchObject({ ok: true, value: { channel: 'system', score: 5, tags: [], ticketId: 't1', staffId: 'clerk1' } });
    expect(defaultRating(ticket, made.ok ? made.value : undefined, { id: 'r2', score: 5, now: friday9 + 2 })).toMatchObject({ ok: false, code: 'already-rated' });
    expect(defaultRating({ ...ticket, status: 'called' } as Ticket, undefined, { id: 'r3', score: 5, now: friday9 })).toMatchObject({ ok: false, code: 'ticket-not-finished' });
  });
});

describe('overdue follow-up step', () => {
  const deadlines = { callbackDueAt: 1000, dueAt: 5000 };
  it('is the call-back until it is done, then the 整改 deadline', () => {
    expect(overdueStep({ status: 'open' }, deadlines, 1000)).toBeUndefined();
    expect(overdueStep({ status: 'open' }, deadlines, 1001)).toBe('callback');
    expect(overdueStep({ status: 'open', callbackAt: 1500 }, deadlines, 2000)).toBeUndefined();
    expect(overdueStep({ status: 'open', callbackAt: 1500 }, deadlines, 5001)).toBe('remedy');
    expect(overdueStep({ status: 'closed', callbackAt: 1500 }, deadlines, 9000)).toBeUndefined();
    // Without a province 回访 rule only the 整改 deadline counts.
    expect(overdueStep({ status: 'open' }, { dueAt: 5000 }, 4000)).toBeUndefined();
  });
});
