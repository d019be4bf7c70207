/**
 * Property tests of the domain (issue #7): any sequence of issue / call / call-next / recall / no-show /
 * park / transfer / finish / rate across several windows, under every call policy, keeps the hall's
 * invariants, and every call-next picks what the documented rule (server/domain/call-policy.ts header)
 * says — checked against an independent reading of that rule, not against the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HallPolicy, Ticket, Window } from '../../server/domain/types';
import { service, window as makeWindow, policy as basePolicy, T0 } from '../support/domain';
import { HallModel, type Action, type CallRecord, type Verb } from './hall-model';

const SERVICES = [service({ id: 'A', prefix: 'A' }), service({ id: 'B', prefix: 'B' }), service({ id: 'C', prefix: 'C', dailyCap: 12 })];
const WINDOWS: Window[] = [
  makeWindow('w1', [['A', 1]]),
  makeWindow('w2', [['B', 2], ['A', 1]]),
  makeWindow('w3', [['C', 1], ['A', 3]]),
  makeWindow('w4', [['A', 1], ['B', 1], ['C', 1]]),
];
const VERBS: Verb[] = ['open', 'close', 'pause', 'resume', 'resume', 'call-next', 'call-next', 'call-next', 'call-next', 'call', 'recall', 'no-show', 'park', 'finish', 'finish', 'finish', 'transfer'];

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(2), priority: fc.constantFrom('normal' as const, 'normal' as const, 'green' as const, 'appointment' as const), dueInMinutes: fc.integer({ min: -30, max: 60 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('verb' as const), window: fc.nat(3), verb: fc.constantFrom(...VERBS), pick: fc.nat(50), toWindow: fc.boolean(), returnAfter: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(50), score: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const), late: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unpark' as const }) },
);

const policies: fc.Arbitrary<HallPolicy> = fc.record({
  callOrder: fc.constantFrom('weighted-wait' as const, 'service-order' as const, 'arrival' as const),
  priorityFirst: fc.boolean(),
  recallLimit: fc.integer({ min: 0, max: 3 }),
}).map((p) => ({ ...basePolicy, ...p }));

/** The documented rule, read independently: eligibility, then class, then the policy's key, then arrival and number. */
function oracleKey(t: Ticket, w: Window, p: HallPolicy, now: number): number[] {
  const dueSoon = t.priority === 'appointment' && (t.dueAt === undefined || now >= t.dueAt - p.appointmentEarlyMinutes * 60_000);
  const isFirstClass = t.targetWindowId === w.id || t.isReturn || t.priority === 'green' || dueSoon;
  const key: number[] = [p.priorityFirst && !isFirstClass ? 1 : 0];
  const index = w.serves.findIndex((s) => s.serviceId === t.serviceId);
  if (p.callOrder === 'weighted-wait') key.push(-((now - t.arrivedAt) / 60_000 + 1) * (w.serves[index]?.weight ?? 1));
  if (p.callOrder === 'service-order') key.push(Math.max(index, 0));
  return [...key, t.arrivedAt];
}

function isEligibleOracle(t: Ticket, w: Window): boolean {
  if (t.status !== 'waiting') return false;
  return t.targetWindowId !== undefined ? t.targetWindowId === w.id : w.serves.some((s) => s.serviceId === t.serviceId);
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** How many call-next had a real choice to make: guards the test's own power (it must see contests). */
let contested = 0;

function checkCall(call: CallRecord, p: HallPolicy): void {
  const eligible = call.waiting.filter((t) => isEligibleOracle(t, call.window));
  if (eligible.length > 1) contested += 1;
  if (!call.chosen) {
    expect(eligible, `call-next at ${call.window.id} found nobody but someone was eligible`).toEqual([]);
    return;
  }
  expect(isEligibleOracle(call.chosen, call.window)).toBe(true);
  const chosenKey = oracleKey(call.chosen, call.window, p, call.now);
  for (const other of eligible) {
    const otherKey = oracleKey(other, call.window, p, call.now);
    const shouldGoFirst = lexLess(otherKey, chosenKey) || (!lexLess(chosenKey, otherKey) && other.number < call.chosen.number);
    expect(shouldGoFirst, `${other.number} should have been called before ${call.chosen.number} at ${call.window.id} (${p.callOrder})`).toBe(false);
  }
}

function checkInvariants(hall: HallModel): void {
  const tickets = [...hall.tickets.values()];
  // At most one current ticket per window, and it is called, at that window; no ticket current at two windows.
  const currentOf = new Map<string, string>();
  for (const [windowId, s] of hall.statuses) {
    expect(s.state === 'serving', `${windowId} is ${s.state} with current ${s.currentTicketId}`).toBe(s.currentTicketId !== undefined);
    if (!s.currentTicketId) continue;
    expect(currentOf.has(s.currentTicketId), `${s.currentTicketId} is current at two windows`).toBe(false);
    currentOf.set(s.currentTicketId, windowId);
    const t = hall.tickets.get(s.currentTicketId);
    expect(t?.status).toBe('called');
    expect(t?.windowId).toBe(windowId);
  }
  // Every called ticket is some window's current one: nobody is stranded at a counter.
  for (const t of tickets) if (t.status === 'called') expect(currentOf.get(t.id), `${t.number} is called but at no window`).toBe(t.windowId);
  // A visit (track token) is in one place at a time: at most one of its segments is still active.
  const active = new Map<string, number>();
  for (const t of tickets) if (t.status === 'waiting' || t.status === 'called' || t.status === 'parked') active.set(t.trackToken, (active.get(t.trackToken) ?? 0) + 1);
  for (const [token, n] of active) expect(n, `visit ${token} has ${n} active segments`).toBe(1);
  // A closed segment that sent the visitor on has exactly one successor; the number and arrival follow.
  for (const t of tickets.filter((x) => x.previousId !== undefined)) {
    const before = hall.tickets.get(t.previousId ?? '');
    expect(before?.status === 'transferred' || before?.status === 'done').toBe(true);
    expect(t.number).toBe(before?.number);
    expect(t.arrivedAt).toBe(before?.arrivedAt);
  }
  // Numbers: 1, 2, 3… per service, never twice, never past the cap.
  for (const [serviceId, seqs] of hall.issued) {
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const cap = SERVICES.find((s) => s.id === serviceId)?.dailyCap;
    if (cap !== undefined) expect(seqs.length).toBeLessThanOrEqual(cap);
  }
  // Ratings: one per visit segment, only of finished ones, tied to the window that served.
  for (const [ticketId, r] of hall.ratings) {
    const t = hall.tickets.get(ticketId);
    expect(t?.status).toBe('done');
    expect(r.windowId).toBe(t?.windowId);
  }
}

describe('the hall under any sequence of actions (fast-check)', () => {
  it('keeps every invariant and calls in the documented order', () => {
    fc.assert(
      fc.property(policies, fc.array(action, { minLength: 20, maxLength: 150, size: 'max' }), (p, actions) => {
        const hall = new HallModel(SERVICES, WINDOWS, p, T0);
        // The day starts with the windows open (each can still close or pause later in the sequence).
        const opening: Action[] = WINDOWS.map((_, window) => ({ kind: 'verb', window, verb: 'open', pick: 0, toWindow: false, returnAfter: false }));
        for (const a of [...opening, ...actions]) {
          const callsBefore = hall.calls.length;
          const ratingsBefore = hall.ratings.size;
          const outcome = hall.run(a);
          if (hall.calls.length > callsBefore) checkCall(hall.calls[hall.calls.length - 1] as CallRecord, p);
          // A refused action changes nothing it was about; an accepted rating adds exactly one.
          if (a.kind === 'rate') expect(hall.ratings.size - ratingsBefore).toBe(outcome?.ok ? 1 : 0);
          checkInvariants(hall);
        }
      }),
      { numRuns: 150 },
    );
    expect(contested, 'call-next rarely had a choice to make: the generator lost its power').toBeGreaterThan(300);
  });

  it('rates a visit at most once, and only while the rating is open', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const), { minLength: 1, maxLength: 5 }), fc.boolean(), (scores, late) => {
        const hall = new HallModel(SERVICES, WINDOWS, basePolicy, T0);
        hall.run({ kind: 'issue', service: 0, priority: 'normal', dueInMinutes: 0 });
        for (const verb of ['open', 'call-next', 'finish'] as const) hall.run({ kind: 'verb', window: 0, verb, pick: 0, toWindow: false, returnAfter: false });
        const accepted = scores.map((score) => hall.run({ kind: 'rate', pick: 0, score, late })?.ok === true).filter(Boolean).length;
        expect(accepted).toBe(late ? 0 : 1);
      }),
    );
  });
});
