import { describe, expect, it } from 'vitest';
import { isBadRating, rateTicket } from '../../server/domain/ratings';
import { effectiveWindows, estimateMinutes, meanServiceMinutes, peopleAhead, PRIOR_WEIGHT } from '../../server/domain/wait-estimate';
import { MIN, T0, policy, service, ticket, window } from '../support/domain';

const done = ticket({ status: 'done', windowId: 'w1', staffId: 'clerk1', finishedAt: T0 });
const input = { id: 'r1', score: 5 as const, tags: [], channel: 'keypad' as const, now: T0 + 10_000 };

describe('rating rules (一次一评)', () => {
  it('ties the rating to the ticket, window, clerk, service and times', () => {
    const r = rateTicket(done, undefined, input, policy);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ ticketId: done.id, windowId: 'w1', staffId: 'clerk1', serviceId: 'A', finishedAt: T0, ratedAt: T0 + 10_000, channel: 'keypad' }) });
  });

  it('refuses a second rating, a ticket not finished, and a late keypad press', () => {
    const first = rateTicket(done, undefined, input, policy);
    if (!first.ok) throw new Error('first refused');
    expect(rateTicket(done, first.value, input, policy)).toMatchObject({ ok: false, code: 'already-rated' });
    expect(rateTicket(ticket({ status: 'called' }), undefined, input, policy)).toMatchObject({ ok: false, code: 'ticket-not-finished' });
    expect(rateTicket(done, undefined, { ...input, now: T0 + 61_000 }, policy)).toMatchObject({ ok: false, code: 'rating-closed' });
    // The phone stays open for hours after the visit.
    expect(rateTicket(done, undefined, { ...input, channel: 'phone', now: T0 + 3600_000 }, policy).ok).toBe(true);
  });

  it('counts 不满意 and 非常不满意 as 差评', () => {
    expect([5, 4, 3, 2, 1].map((s) => isBadRating(s as 1 | 2 | 3 | 4 | 5))).toEqual([false, false, false, true, true]);
  });
});

describe('wait estimate', () => {
  it('blends observed service times with the configured default', () => {
    const s = service({ defaultServiceMinutes: 6 });
    expect(meanServiceMinutes(s, [])).toBe(6);
    const observed = [10, 10, 10, 10, 10];
    expect(meanServiceMinutes(s, observed)).toBeCloseTo((50 + PRIOR_WEIGHT * 6) / (5 + PRIOR_WEIGHT));
  });

  it('counts open windows by their share of the service', () => {
    const windows = [window('w1', [['A', 1]]), window('w5', [['A', 1], ['B', 1], ['C', 1], ['D', 1]]), window('w3', [['C', 1]])];
    const statuses = new Map([
      ['w1', { windowId: 'w1', state: 'open' as const, since: 0, isAutoCall: false }],
      ['w5', { windowId: 'w5', state: 'serving' as const, since: 0, isAutoCall: false }],
      ['w3', { windowId: 'w3', state: 'open' as const, since: 0, isAutoCall: false }],
    ]);
    expect(effectiveWindows('A', windows, statuses)).toBeCloseTo(1.25);
    expect(effectiveWindows('B', windows, new Map())).toBe(0);
    expect(estimateMinutes(5, 6, 1.25)).toBe(24);
    expect(estimateMinutes(5, 6, 0)).toBe(30); // nobody open yet: as if one window
  });

  it('counts people ahead in the service queue as a visitor understands it', () => {
    const a1 = ticket({ arrivedAt: T0 });
    const a2 = ticket({ arrivedAt: T0 + MIN });
    const green = ticket({ arrivedAt: T0 + 2 * MIN, priority: 'green' });
    const mine = ticket({ arrivedAt: T0 + 3 * MIN });
    const all = [a1, a2, green, mine];
    expect(peopleAhead(mine, all, policy, T0 + 4 * MIN)).toBe(3);
    expect(peopleAhead(green, all, policy, T0 + 4 * MIN)).toBe(0);
    expect(peopleAhead(a2, all, policy, T0 + 4 * MIN)).toBe(2);
  });
});
