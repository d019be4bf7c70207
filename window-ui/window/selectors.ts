/** What the clerk page derives from its state: which verbs apply, the queue it can serve, overdue colours. Pure. */
import type { ServiceView, TicketView, WindowView } from '../../server/protocol/model';
import type { DeskState } from './state';

/** The page's actions: the hub's verbs plus two that open a chooser first. */
export type DeskAction = 'call-next' | 'call' | 'recall' | 'no-show' | 'undo-no-show' | 'park' | 'call-back' | 'finish' | 'transfer' | 'pause' | 'resume' | 'auto-call' | 'close';
export const DESK_ACTIONS: readonly DeskAction[] = ['call-next', 'call', 'recall', 'no-show', 'undo-no-show', 'park', 'call-back', 'finish', 'transfer', 'pause', 'resume', 'auto-call', 'close'];

export function myWindow(state: DeskState): WindowView | undefined {
  return state.windows.find((w) => w.id === state.windowId);
}

/**
 * The clerk's window closed under them: a manager released it (强制关窗) or the day rolled over. The page
 * then goes back to sign-in (its session can no longer act there), instead of a desk with no usable button.
 */
export function isClosedUnderClerk(state: DeskState): boolean {
  return state.hasSnapshot && myWindow(state)?.state === 'closed';
}

export function currentTicket(state: DeskState): TicketView | undefined {
  const id = myWindow(state)?.current?.ticketId;
  return id ? state.tickets.get(id) : undefined;
}

/**
 * The tickets this window may call, in the order call-next takes them: the hub's order (GET
 * /api/windows/:id/queue, decided by server/domain/call-policy.ts), never one of the page's own. A ticket
 * called or moved since the hub answered drops out at once; a new one shows when the hub's next answer
 * (asked right after the fact) places it.
 */
export function callableTickets(state: DeskState, window: WindowView): TicketView[] {
  if (state.queue?.windowId !== window.id) return [];
  return state.queue.ticketIds.flatMap((id) => {
    const ticket = state.tickets.get(id);
    return ticket?.status === 'waiting' ? [ticket] : [];
  });
}

/** This window's park pool (挂起): only the window that parked a ticket can call it back early. */
export function parkedTickets(state: DeskState, window: WindowView): TicketView[] {
  return [...state.tickets.values()].filter((t) => t.status === 'parked' && t.targetWindowId === window.id).sort((a, b) => a.arrivedAt - b.arrivedAt);
}

export interface ServiceQueue {
  readonly service: ServiceView;
  readonly waiting: number;
  readonly longestWaitMs: number;
  readonly level: Level;
}

export function serviceQueues(state: DeskState, window: WindowView, now: number): ServiceQueue[] {
  const callable = callableTickets(state, window);
  return window.services.flatMap((id) => {
    const service = state.services.find((s) => s.id === id);
    if (!service) return [];
    const mine = callable.filter((t) => t.serviceId === id);
    const longestWaitMs = mine.reduce((max, t) => Math.max(max, now - t.arrivedAt), 0);
    return [{ service, waiting: mine.length, longestWaitMs, level: overdueLevel(longestWaitMs, service.waitLimitMinutes) }];
  });
}

export type Level = 'ok' | 'amber' | 'red';

/** Amber from 80 % of the limit (time to hurry), red once the limit is passed (overdue). */
export function overdueLevel(elapsedMs: number, limitMinutes: number): Level {
  const limitMs = limitMinutes * 60_000;
  if (elapsedMs > limitMs) return 'red';
  if (elapsedMs >= limitMs * 0.8) return 'amber';
  return 'ok';
}

/** The hall's policy would turn the next recall into a no-show (过号): the page says so first. */
export function isLastRecall(state: DeskState): boolean {
  const ticket = currentTicket(state);
  return ticket !== undefined && state.queue !== undefined && ticket.callCount > state.queue.recallLimit;
}

/** The no-show this page may still put back at the counter, with the milliseconds left. */
export function undoableNoShow(state: DeskState, now: number): { readonly ticketId: string; readonly number: string; readonly leftMs: number } | undefined {
  const last = state.lastNoShow;
  return last && now < last.until ? { ticketId: last.ticketId, number: last.number, leftMs: last.until - now } : undefined;
}

/** Which buttons apply now. While a command is in flight none does: a double press never sends twice. */
export function availableActions(state: DeskState, isBusy: boolean, now = 0): ReadonlySet<DeskAction> {
  const window = myWindow(state);
  const actions = new Set<DeskAction>();
  if (!window || isBusy || !state.hasSnapshot) return actions;
  const isServing = window.state === 'serving' && window.current !== undefined;
  const isIdle = window.state === 'open' && window.current === undefined;
  if (isIdle) {
    actions.add('call-next');
    actions.add('pause');
    if (callableTickets(state, window).length > 0) actions.add('call');
    if (parkedTickets(state, window).length > 0) actions.add('call-back');
    if (undoableNoShow(state, now)) actions.add('undo-no-show');
  }
  if (isServing) for (const a of ['recall', 'no-show', 'park', 'finish', 'transfer'] as const) actions.add(a);
  if (window.state === 'paused') actions.add('resume');
  if (window.state !== 'closed') actions.add('auto-call');
  if (!isServing && window.state !== 'closed') actions.add('close');
  return actions;
}

export function minutes(ms: number): number {
  return Math.max(0, Math.floor(ms / 60_000));
}

export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
