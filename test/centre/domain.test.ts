/**
 * The centre's pure rules: what a batch means against the cursor, when a resend is another history, how a
 * hall's live state follows its facts, the console's figures, months of partitions, who sees which hall.
 */
import { describe, expect, it } from 'vitest';
import { checkRun, newCursor, planBatch, type BatchRun } from '../../server/centre/domain/batch-plan';
import { canonicalJson, withoutPersonal } from '../../server/centre/domain/event-content';
import { EMPTY_LIVE, reduceAll, summarize, type LiveEvent } from '../../server/centre/domain/live-state';
import { glanceOf, linkStateOf, longestWaitOf, supervisionOrder } from '../../server/centre/domain/glance';
import { isPartitionedMonth, monthBounds, monthOfTime, monthsAround, partitionName } from '../../server/centre/domain/months';
import { canSeeHall, mayOpenHall, mayWriteNotes } from '../../server/centre/domain/access';
import { readModelRows } from '../../server/centre/domain/read-model-rows';
import type { SupervisionItem } from '../../server/protocol/centre';

const run = (fromSeq: number, toSeq: number, seqs: number[], generation: BatchRun['generation'] = { id: 'gen-aaaaaaaa', forkSeq: 0 }): BatchRun => ({
  generation, fromSeq, toSeq, events: seqs.map((seq) => ({ seq })),
});
const held = (ackedSeq: number, startSeq = 0) => ({ id: 'gen-aaaaaaaa', forkSeq: startSeq, startSeq, ackedSeq });

describe('batch plan', () => {
  it('accepts the next run and stores all of it', () => {
    expect(planBatch(run(11, 20, [11, 15, 20]), held(10), false)).toMatchObject({ ok: true, ackedSeq: 20, storeFrom: 11, compare: undefined });
  });
  it('answers a run that starts past the held mark with where to resend from', () => {
    expect(planBatch(run(12, 20, [12]), held(10), false)).toMatchObject({ ok: false, code: 'uplink-gap', resendFrom: 11 });
  });
  it('compares the overlap of a resend and stores only what is new', () => {
    expect(planBatch(run(5, 20, [5, 20]), held(10), false)).toMatchObject({ ok: true, compare: { from: 5, to: 10 }, storeFrom: 11, ackedSeq: 20 });
    // Entirely inside what is held: nothing to store, the ack stays at the mark (never goes back).
    expect(planBatch(run(2, 4, [3]), held(10), false)).toMatchObject({ ok: true, compare: { from: 2, to: 4 }, storeFrom: 11, ackedSeq: 10 });
  });
  it('takes an empty run (a heartbeat) at the mark', () => {
    expect(planBatch(run(11, 10, []), held(10), false)).toMatchObject({ ok: true, ackedSeq: 10, compare: undefined });
  });
  it('starts a new generation at its fork, or at what the centre holds of the parent if that is less', () => {
    const generation = { id: 'gen-bbbbbbbb', parent: 'gen-aaaaaaaa', forkSeq: 30 };
    expect(newCursor(generation, undefined)).toMatchObject({ startSeq: 30, ackedSeq: 30 });
    expect(newCursor(generation, held(50))).toMatchObject({ startSeq: 30, ackedSeq: 30 });
    expect(newCursor(generation, held(12))).toMatchObject({ startSeq: 12, ackedSeq: 12 });
    // The shared part (≤ the start) is the parent's: neither compared nor stored again.
    expect(planBatch(run(25, 40, [26, 35], generation), newCursor(generation, undefined), true)).toMatchObject({ ok: true, compare: undefined, storeFrom: 31, ackedSeq: 40 });
  });
  it('refuses malformed runs with a sentence', () => {
    expect(checkRun(run(10, 5, []))).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/toSeq must be at least/) });
    expect(checkRun(run(10, 12, [11, 11]))).toMatchObject({ message: expect.stringMatching(/out of order or repeated/) });
    expect(checkRun(run(10, 12, [9]))).toMatchObject({ message: expect.stringMatching(/out of order/) });
    expect(checkRun(run(10, 12, [13]))).toMatchObject({ message: expect.stringMatching(/outside the run/) });
    expect(checkRun(run(1, 1, [1], { id: 'gen-aaaaaaaa', parent: 'gen-aaaaaaaa', forkSeq: 0 }))).toMatchObject({ message: expect.stringMatching(/its parent/) });
  });
});

describe('event content', () => {
  it('writes equal content as equal text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { y: [1, { d: 2, c: 3 }], x: null } })).toBe(canonicalJson({ a: { x: null, y: [1, { c: 3, d: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
  it('drops personal fields at any depth and names them', () => {
    const { data, dropped } = withoutPersonal({ ticket: { id: 't', personMasked: 'x', nested: [{ trackToken: 'y', ok: 1 }] }, nameMasked: 'z' });
    expect(data).toEqual({ ticket: { id: 't', nested: [{ ok: 1 }] } });
    expect(dropped).toEqual(['nameMasked', 'personMasked', 'trackToken']);
  });
});

const ticket = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id, number: `A${id}`, serviceId: 'A', day: '2026-03-02', status, priority: 'normal', arrivedAt: 1000, issuedAt: 1000, callCount: 0, ...extra,
});
const ev = (type: string, data: Record<string, unknown>, at = 2000): LiveEvent => ({ type, at, data });

describe('live state', () => {
  it('follows waiting tickets, windows, ratings, alerts and the day', () => {
    const state = reduceAll(EMPTY_LIVE, [
      ev('ticket:issued', { ticket: ticket('1', 'waiting') }),
      ev('ticket:issued', { ticket: ticket('2', 'waiting', { issuedAt: 1500, arrivedAt: 1500 }) }),
      ev('ticket:issued', { ticket: ticket('3', 'waiting', { arrivedAt: 500, issuedAt: 1800 }) }), // a transfer segment: not an arrival
      ev('ticket:called', { ticket: ticket('1', 'called'), call: {} }),
      ev('window:updated', { window: { id: 'w1', number: 1, state: 'serving', since: 2000 } }),
      ev('window:updated', { window: { id: 'w2', number: 2, state: 'paused', since: 2000 } }),
      ev('ticket:updated', { ticket: ticket('1', 'done'), reason: 'finished' }),
      ev('rating:recorded', { rating: { id: 'r', score: 4 } }),
      ev('rating:recorded', { rating: { id: 'r2', score: 2 } }),
      ev('alert:raised', { alert: { id: 'al', kind: 'wait-overdue', subject: 'A2', raisedAt: 2000 } }),
      ev('alert:raised', { alert: { id: 'al2', kind: 'device-offline', subject: 'p1', raisedAt: 2000 } }),
      ev('alert:acknowledged', { alert: { id: 'al2' } }),
      ev('device:changed', { device: { id: 'printer-1', kind: 'printer', status: 'error' } }),
      ev('queue:unknown', { anything: true }),
    ]);
    expect(Object.keys(state.waiting).sort()).toEqual(['2', '3']);
    expect(state.today).toEqual({ issued: 2, served: 1, noShows: 0, ratings: 2, satisfied: 1 });
    // 基本满意 (3) is not 差评: it counts as satisfied, as in the hall's reports (protocol/rating-levels.ts).
    expect(reduceAll(state, [ev('rating:recorded', { rating: { id: 'r3', score: 3 } })]).today).toMatchObject({ ratings: 3, satisfied: 2 });
    expect(Object.keys(state.alerts)).toEqual(['al']);
    expect(state.devices['printer-1']).toMatchObject({ state: 'error' });
    expect(summarize(state)).toMatchObject({ waiting: 2, services: { A: { waiting: 2, oldestIssuedAt: 1500 } }, windows: { open: 2, serving: 1, paused: 1 }, openAlerts: 1 });
    const next = reduceAll(state, [ev('day:rolled', { day: '2026-03-03' })]);
    expect(next).toMatchObject({ day: '2026-03-03', waiting: {}, today: { issued: 0, served: 0 } });
    expect(Object.keys(next.windows)).toEqual(['w1', 'w2']);
  });
  it('starts a new day when a later day turns up on a ticket, even without the rollover fact', () => {
    const state = reduceAll(EMPTY_LIVE, [ev('ticket:issued', { ticket: ticket('1', 'waiting') }), ev('ticket:issued', { ticket: ticket('2', 'waiting', { day: '2026-03-03' }) })]);
    expect(state).toMatchObject({ day: '2026-03-03', today: { issued: 1 } });
  });
});

describe('read model rows', () => {
  it('keeps the last state of each ticket, with its wait and service, and skips what it cannot read', () => {
    const rows = readModelRows([
      { seq: 1, at: 1, type: 'ticket:issued', data: { ticket: ticket('1', 'waiting') } },
      { seq: 2, at: 2, type: 'ticket:called', data: { ticket: ticket('1', 'called', { firstCalledAt: 61_000, calledAt: 61_000, windowId: 'w1', staffId: 'clerk1' }), call: { ticketId: '1', serviceId: 'A', windowId: 'w1', at: 61_000 } } },
      { seq: 3, at: 3, type: 'ticket:updated', data: { ticket: ticket('1', 'done', { firstCalledAt: 61_000, finishedAt: 181_000, staffId: 'clerk1' }), reason: 'finished' } },
      { seq: 4, at: 4, type: 'ticket:issued', data: { ticket: { id: 'broken' } } },
      { seq: 5, at: 5, type: 'day:summary', data: { summary: { day: '2026-03-02', services: [{ serviceId: 'A', issued: 3, served: 2, noShows: 1, waitP50Seconds: 60 }] } } },
    ]);
    expect(rows.tickets).toHaveLength(1);
    expect(rows.tickets[0]).toMatchObject({ status: 'done', clerk: 'clerk1', waitMs: 60_000, serviceMs: 120_000, seq: 3 });
    expect(rows.calls).toMatchObject([{ seq: 2, clerk: 'clerk1', windowId: 'w1' }]);
    expect(rows.summaries).toMatchObject([{ day: '2026-03-02', serviceId: 'A', issued: 3, waitP50Seconds: 60 }]);
    expect(rows.unreadable).toBe(1);
  });
});

describe('console figures', () => {
  const hall = { code: 'H-1', name: 'H', level: 'town' as const, services: [{ id: 'A', name: 'A', waitLimitMinutes: 30 }, { id: 'B', name: 'B', waitLimitMinutes: 10 }], windows: [] };
  it('names the link never, live, lagging or offline by the centre\u2019s clock', () => {
    expect(linkStateOf({ backlog: 0, ackedSeq: 0 }, 1e6, 300_000)).toBe('never');
    expect(linkStateOf({ lastContactAt: 1e6, backlog: 0, ackedSeq: 1 }, 1e6 + 1000, 300_000)).toBe('live');
    expect(linkStateOf({ lastContactAt: 1e6, backlog: 5, ackedSeq: 1 }, 1e6 + 1000, 300_000)).toBe('lagging');
    expect(linkStateOf({ lastContactAt: 1e6, backlog: 0, ackedSeq: 1 }, 1e6 + 300_001, 300_000)).toBe('offline');
  });
  it('picks the service furthest along its limit, aged by the hall\u2019s own clock', () => {
    const summary = { waiting: 2, services: { A: { waiting: 1, oldestIssuedAt: 0 }, B: { waiting: 1, oldestIssuedAt: 10 * 60_000 } }, windows: { open: 0, serving: 0, paused: 0 }, openAlerts: 0, today: EMPTY_LIVE.today };
    // Centre now 25 min, hall 2 min behind: A has waited 23 of 30, B 13 of 10.
    expect(longestWaitOf(summary, hall.services, 23 * 60_000)).toMatchObject({ serviceId: 'B', minutes: 13, isOverLimit: true });
    const glance = glanceOf(hall, summary, { lastContactAt: 25 * 60_000, skewMs: -2 * 60_000, backlog: 0, ackedSeq: 3 }, 25 * 60_000, 300_000);
    expect(glance.longestWait).toMatchObject({ serviceId: 'B', minutes: 13 });
  });
  it('orders supervision overdue first, then by deadline', () => {
    const item = (hallCode: string, dueAt: number, isOverdue: boolean) => ({ hallCode, dueAt, isOverdue }) as SupervisionItem;
    const sorted = [item('b', 50, false), item('a', 40, true), item('c', 10, false), item('d', 30, true)].sort(supervisionOrder);
    expect(sorted.map((i) => i.hallCode)).toEqual(['d', 'a', 'c', 'b']);
  });
});

describe('months and access', () => {
  it('computes partition months and bounds', () => {
    expect(monthOfTime(Date.parse('2026-12-31T23:59:59Z'))).toBe('2026-12');
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(partitionName('events', '2026-03')).toBe('events_y2026m03');
    expect(isPartitionedMonth('1970-01')).toBe(false);
    expect(isPartitionedMonth('2026-13')).toBe(false);
    expect(monthsAround(Date.parse('2026-01-15T00:00:00Z'), 1, 2)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
  });
  it('lets city roles see every hall and a hall viewer its own; only city roles write notes', () => {
    const viewer = { username: 'v', name: 'V', role: 'hall-viewer' as const, hallCode: 'H-1' };
    const supervisor = { username: 's', name: 'S', role: 'city-supervisor' as const };
    expect(canSeeHall(viewer, 'H-1')).toBe(true);
    expect(canSeeHall(viewer, 'H-2')).toBe(false);
    expect(mayOpenHall(viewer, 'H-2')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(mayWriteNotes(viewer, 'H-1')).toMatchObject({ ok: false });
    expect(mayWriteNotes(supervisor, 'H-2')).toEqual({ ok: true });
  });
});
