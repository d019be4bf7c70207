/**
 * The wait estimate's people-ahead count bisects the queue and asks urgency only where it decides; this
 * checks it against the rule as written (a better class, or the same class and earlier) on random queues:
 * plain, green, returned and appointment tickets, ties in arrival, and for tickets in the queue, newcomers
 * and tickets out of it (called or parked: the track page asks for those too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUrgent } from '../../server/domain/call-policy';
import { peopleAhead, queueOrder } from '../../server/domain/wait-estimate';
import type { Ticket } from '../../server/domain/types';
import { MIN, T0, policy, ticket } from '../support/domain';

/** The definition, one ticket at a time. */
function aheadByDefinition(mine: Ticket, queue: readonly Ticket[], now: number): number {
  const urgent = isUrgent(mine, policy, now);
  return queue.filter((other) => {
    if (other.id === mine.id || other.status !== 'waiting') return false;
    const theirs = isUrgent(other, policy, now);
    if (theirs !== urgent) return theirs;
    return other.arrivedAt < mine.arrivedAt || (other.arrivedAt === mine.arrivedAt && other.number < mine.number);
  }).length;
}

const arbTicket = fc.record({
  minute: fc.integer({ min: 0, max: 20 }),
  seq: fc.integer({ min: 1, max: 999 }),
  kind: fc.constantFrom('normal', 'green', 'return', 'appointment-soon', 'appointment-later', 'appointment-open'),
  status: fc.constantFrom('waiting', 'waiting', 'waiting', 'called', 'parked'),
});

describe('people ahead', () => {
  it('matches the rule on random queues, for members and for newcomers', () => {
    fc.assert(
      fc.property(fc.array(arbTicket, { maxLength: 40 }), arbTicket, fc.integer({ min: 0, max: 40 }), (specs, newcomer, nowMinute) => {
        const now = T0 + nowMinute * MIN;
        const make = (s: typeof newcomer): Ticket =>
          ticket({
            arrivedAt: T0 + s.minute * MIN,
            number: `A${String(s.seq).padStart(3, '0')}`,
            status: s.status as Ticket['status'],
            priority: s.kind === 'green' ? 'green' : s.kind.startsWith('appointment') ? 'appointment' : 'normal',
            isReturn: s.kind === 'return',
            dueAt: s.kind === 'appointment-soon' ? now + 5 * MIN : s.kind === 'appointment-later' ? now + 60 * MIN : undefined,
          });
        const everyone = specs.map(make);
        // What the repository hands over: the service's waiting tickets in queue order.
        const queue = everyone.filter((t) => t.status === 'waiting').sort(queueOrder);
        for (const mine of [...everyone, make({ ...newcomer, status: 'waiting' })]) {
          expect(peopleAhead(mine, queue, policy, now)).toBe(aheadByDefinition(mine, queue, now));
        }
      }),
      { numRuns: 500 },
    );
  });
});
