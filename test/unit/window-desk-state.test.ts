/** The clerk page's pure parts: the reducer, which buttons apply, overdue colours, shortcuts. */
import { describe, expect, it } from 'vitest';
import type { StaffEvent } from '../../server/protocol/events';
import type { StaffSnapshot, TicketView, WindowView } from '../../server/protocol/model';
import { initialState, reduce } from '../../window-ui/window/state';
import { availableActions, callableTickets, isClosedUnderClerk, overdueLevel } from '../../window-ui/window/selectors';
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

describe('desk reducer', () => {
  it('follows a visit from call to finish and picks up its rating', () => {
    let s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('a1'), ticket('a2', { targetWindowId: 'w9' })]), localNow: 400 });
    expect(s.clockOffset).toBe(600);
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

  it('offers call-back only with tickets in this window\'s park pool', () => {
    const s = reduce(initialState('w1'), { type: 'snapshot', snapshot: snapshot([ticket('p1', { status: 'parked', targetWindowId: 'w1' })]), localNow: 0 });
    expect(availableActions(s, false).has('call-back')).toBe(true);
    expect(availableActions(s, false).has('call')).toBe(false);
    expect(availableActions(s, false).has('recall')).toBe(false);
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
