/** The clerk page's pure parts: the reducer, which buttons apply, overdue colours, shortcuts. */
import { describe, expect, it } from 'vitest';
import type { StaffEvent } from '../../server/protocol/events';
import type { StaffSnapshot, TicketView, WindowView } from '../../server/protocol/model';
import { initialState, reduce } from '../../window-ui/window/state';
import type { WindowQueueReply } from '../../server/protocol/window-queue';
import { availableActions, callableTickets, isClosedUnderClerk, isLastRecall, overdueLevel, undoableNoShow } from '../../window-ui/window/selectors';
import { actionForKey } from '../../window-ui/window/shortcuts';

const window: WindowView = { id: 'w1', number: 1, name: '1号窗口', services: ['A'], weights: [], state: 'open', since: 0, isAutoCall: false };
const ticket = (id: string, extra: Partial<TicketView> = {}): TicketView => ({
  id, number: id.toUpperCase(), serviceId: 'A', day: '2026-11-27', status: 'waiting', priority: 'normal', arrivedAt: 0, issuedAt: 0,
  callCount: 0, waitingAhead: 0, estimatedWaitMinutes: 0, ...extra,
});
const snapshot = (tickets: TicketView[], w: WindowView = window): StaffSnapshot => ({
  seq: 1, day: '2026-11-27', now: 1000, hall: { name: 'h', timeZone: 'Asia/Shanghai', language: 'zh-CN' }, services: [], windows: [w],
  recentCalls: [], notices: [], tickets, devices: [],
});
const fact = (seq: number, type: StaffEvent['type'], data: unknown): StaffEvent => ({ seq, at: 0, type, data }) as StaffEvent;
const queueReply = (ticketIds: string[], now = 1000): WindowQueueReply => ({ windowId: 'w1', now, callOrder: 'weighted-wait', priorityFirst: true, ticketIds, recallLimit: 3, noShowUndoSeconds: 120 });

describe('desk reducer', () => {
  it('follows a visit from call to finish and picks up its rating', () => {
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('a1'), ticket('a2', { targetWindowId: 'w9' })]), localNow: 400 });
    expect(s.clockOffset).toBe(600);
    // The page lists nothing of its own: only the hub's order (GET /api/windows/w1/queue) places tickets.
    expect(callableTickets(s, window)).toEqual([]);
    s = reduce(s, { type: 'queue', queue: queueReply(['a1']), localNow: 400 });
    expect(callableTickets(s, window).map((t) => t.id)).toEqual(['a1']);
    const serving: WindowView = { ...window, state: 'serving', current: { ticketId: 'a1', number: 'A1', serviceId: 'A', calledAt: 5 } };
    s = reduce(s, { type: 'event', event: fact(2, 'window:updated', { window: serving }) });
    expect([...availableActions(s, false)].sort()).toEqual(['auto-call', 'finish', 'no-show', 'park', 'recall', 'transfer']);
    expect(availableActions(s, true).size).toBe(0);
    s = reduce(s, { type: 'event', event: fact(3, 'ticket:updated', { ticket: ticket('a1', { status: 'done', windowId: 'w1', finishedAt: 9 }), reason: 'finished' }) });
    expect(s.tickets.has('a1')).toBe(false);
    expect(s.lastFinished).toMatchObject({ number: 'A1', isAwaitingRating: true });
    s = reduce(s, { type: 'event', event: fact(4, 'rating:recorded', { rating: { ticketId: 'a1', score: 5, tags: [], channel: 'keypad' } }) });
    expect(s.lastFinished?.rating?.score).toBe(5);
  });

  it('lists the waiting tickets in the hub\'s order, not by priority or arrival; never an older answer over a newer one', () => {
    const tickets = [ticket('a1', { arrivedAt: 1 }), ticket('b1', { arrivedAt: 2, serviceId: 'A' }), ticket('g1', { arrivedAt: 3, priority: 'green' })];
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot(tickets), localNow: 0 });
    s = reduce(s, { type: 'queue', queue: queueReply(['b1', 'a1', 'g1'], 2000), localNow: 0 });
    expect(callableTickets(s, window).map((t) => t.id)).toEqual(['b1', 'a1', 'g1']);
    s = reduce(s, { type: 'queue', queue: queueReply(['g1'], 1500), localNow: 0 });
    expect(callableTickets(s, window).map((t) => t.id)).toEqual(['b1', 'a1', 'g1']);
    // Called since the hub answered: off the list at once.
    s = reduce(s, { type: 'event', event: fact(2, 'ticket:called', { ticket: ticket('b1', { status: 'called', windowId: 'w1' }) }) });
    expect(callableTickets(s, window).map((t) => t.id)).toEqual(['a1', 'g1']);
  });

  it('warns before the recall that would be a no-show, and offers the undo of a no-show only for the hall\'s undo time', () => {
    const serving: WindowView = { ...window, state: 'serving', current: { ticketId: 'a1', number: 'A1', serviceId: 'A', calledAt: 5 } };
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('a1', { status: 'called', callCount: 3 })], serving), localNow: 0 });
    s = reduce(s, { type: 'queue', queue: queueReply([]), localNow: 0 });
    expect(isLastRecall(s)).toBe(false);
    s = reduce(s, { type: 'reply', window: serving, ticket: ticket('a1', { status: 'called', callCount: 4 }) });
    expect(isLastRecall(s)).toBe(true);
    s = reduce(s, { type: 'reply', window, ticket: ticket('a1', { status: 'no-show', finishedAt: 10_000 }) });
    s = reduce(s, { type: 'no-show', ticket: ticket('a1', { status: 'no-show', finishedAt: 10_000 }) });
    expect(undoableNoShow(s, 10_000 + 119_000)).toMatchObject({ number: 'A1', leftMs: 1000 });
    expect(availableActions(s, false, 10_000 + 119_000).has('undo-no-show')).toBe(true);
    expect(availableActions(s, false, 10_000 + 120_000).has('undo-no-show')).toBe(false);
  });

  it('offers call-back only with tickets in this window\'s park pool', () => {
    const s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('p1', { status: 'parked', targetWindowId: 'w1' })]), localNow: 0 });
    expect(availableActions(s, false).has('call-back')).toBe(true);
    expect(availableActions(s, false).has('call')).toBe(false);
    expect(availableActions(s, false).has('recall')).toBe(false);
  });
});

describe('办件编号 on the serving card', () => {
  it('keeps each number once, in order, from the answer and the fact alike; a snapshot asks again', () => {
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('a1', { status: 'called' })]), localNow: 0 });
    // A fact about a ticket the page has not asked about is left for the GET, which brings the whole list.
    s = reduce(s, { type: 'event', event: fact(2, 'province:case-attached', { ticketId: 'a1', number: 'A1', caseNumber: 'C0001', by: 'clerk1' }) });
    expect(s.cases.has('a1')).toBe(false);
    s = reduce(s, { type: 'cases', ticketId: 'a1', caseNumbers: ['C0001'], isConfigured: true });
    s = reduce(s, { type: 'event', event: fact(3, 'province:case-attached', { ticketId: 'a1', number: 'A1', caseNumber: 'C0002', by: 'clerk1' }) });
    // The attach's own answer after its fact: nothing twice.
    s = reduce(s, { type: 'cases', ticketId: 'a1', caseNumbers: ['C0001', 'C0002'] });
    expect(s.cases.get('a1')).toEqual(['C0001', 'C0002']);
    expect(s.isProvinceConfigured).toBe(true);
    s = reduce(s, { type: 'snapshot', snapshot: snapshot([ticket('a1', { status: 'called' })]), localNow: 0 });
    expect(s.cases.size).toBe(0);
    expect(s.isProvinceConfigured).toBe(true);
  });

  it('F2 (the field) is no verb', () => {
    expect(actionForKey({ key: 'F2', ctrlKey: false, altKey: false, metaKey: false }, false)).toBeUndefined();
  });
});

describe('a window closed under the clerk (强制关窗, day rollover)', () => {
  it('is seen from the fact or from a snapshot, so the page goes back to sign-in instead of a dead desk', () => {
    expect(isClosedUnderClerk(initialState('w1'))).toBe(false);
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([]), localNow: 0 });
    expect(isClosedUnderClerk(s)).toBe(false);
    s = reduce(s, { type: 'event', event: fact(2, 'window:updated', { window: { ...window, state: 'closed' } }) });
    expect(isClosedUnderClerk(s)).toBe(true);
    expect(availableActions(s, false).size).toBe(0);
    const restored = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([], { ...window, state: 'closed' }), localNow: 0 });
    expect(isClosedUnderClerk(restored)).toBe(true);
  });
});

describe('overdue and shortcuts', () => {
  it('turns amber at 80 % of the limit and red past it', () => {
    expect(overdueLevel(11 * 60_000, 15)).toBe('ok');
    expect(overdueLevel(12 * 60_000, 15)).toBe('amber');
    expect(overdueLevel(15 * 60_000 + 1, 15)).toBe('red');
  });

  it('maps keys, and ignores them while typing or with a modifier', () => {
    const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...extra });
    expect(actionForKey(key('F1'), false)).toBe('call-next');
    expect(actionForKey(key(' '), false)).toBe('call-next');
    expect(actionForKey(key('F'), false)).toBe('finish');
    expect(actionForKey(key('f'), true)).toBeUndefined();
    expect(actionForKey(key('r', { ctrlKey: true }), false)).toBeUndefined();
  });
});
