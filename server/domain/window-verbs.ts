/**
 * The window verbs as pure state transitions: given the window, its current ticket and the time,
 * each verb answers the new window status and the tickets it changed or created — or a refusal.
 * The app layer loads the inputs, persists the outcome in one transaction, then announces it.
 */
import type { PauseReason, StaffRole, WindowState } from '../protocol/model';
import { accept, refuse, type Decision } from './decision';
import type { HallPolicy, Ticket, Window, WindowStatus } from './types';

export type TicketChange = 'called' | 'recalled' | 'finished' | 'no-show' | 'no-show-undone' | 'parked' | 'transferred' | 'released';

export interface VerbOutcome {
  readonly status: WindowStatus;
  /** Existing tickets in their new state. */
  readonly changed: readonly Ticket[];
  /** New ticket segments (a transfer, a return after a transfer). */
  readonly created: readonly Ticket[];
  /** Set when the verb calls a visitor to the window (call, call-next, recall). */
  readonly call?: { readonly ticket: Ticket; readonly isRecall: boolean };
  /** The ticket the verb was about, for the reply. */
  readonly ticket?: Ticket;
  readonly change?: TicketChange;
  /** The clerk chose this ticket out of the policy's order (指定叫号): audited as such. */
  readonly isChosen?: boolean;
}

export interface WindowContext {
  readonly window: Window;
  readonly status: WindowStatus;
  readonly current?: Ticket;
  readonly now: number;
  readonly policy: HallPolicy;
}

function windowLabel(window: Window): string {
  return `window ${window.number}`;
}

/** Refuses verbs that need a clerk at an open window with nobody at the counter. */
export function requireIdle(ctx: WindowContext): Decision<void> {
  const { status, window, current } = ctx;
  if (status.state === 'closed') return refuse('window-closed', `${windowLabel(window)} is closed. Open it first.`);
  if (status.state === 'paused') return refuse('window-paused', `${windowLabel(window)} is paused. Resume it first.`);
  if (current) return refuse('window-busy', `${current.number} is still at ${windowLabel(window)}. Finish, park, transfer or mark a no-show first.`);
  return accept(undefined);
}

function requireCurrent(ctx: WindowContext): Decision<Ticket> {
  if (!ctx.current) return refuse('no-current-ticket', `Nobody is being served at ${windowLabel(ctx.window)}. Call a ticket first.`);
  return accept(ctx.current);
}

function idle(status: WindowStatus, now: number): WindowStatus {
  return { ...status, state: 'open', currentTicketId: undefined, since: now };
}

export function openWindow(ctx: WindowContext, staffId: string): Decision<VerbOutcome> {
  const { status, window, now } = ctx;
  if (status.state !== 'closed' && status.staffId !== staffId) {
    return refuse('window-taken', `${windowLabel(window)} is already open with another clerk. Ask them to close it, or choose another window.`);
  }
  if (status.state !== 'closed') return accept({ status, changed: [], created: [] });
  return accept({ status: { ...status, state: 'open', staffId, since: now, currentTicketId: undefined }, changed: [], created: [] });
}

export function closeWindow(ctx: WindowContext): Decision<VerbOutcome> {
  if (ctx.current) {
    return refuse('window-busy', `${ctx.current.number} is still at ${windowLabel(ctx.window)}. Finish or transfer it before closing.`);
  }
  const status: WindowStatus = { windowId: ctx.status.windowId, state: 'closed', since: ctx.now, isAutoCall: ctx.status.isAutoCall };
  return accept({ status, changed: [], created: [] });
}

/** Who may release a window another clerk holds (强制关窗): the hall's managers and admins, never a clerk. */
export function mayReleaseWindow(role: StaffRole): Decision<void> {
  if (role === 'manager' || role === 'admin') return accept(undefined);
  return refuse('forbidden', 'Only a hall manager can release a window someone else holds. Ask a manager.');
}

export interface ReleaseOutcome extends VerbOutcome {
  /** False when the window was already closed: nothing changes and nothing is announced. */
  readonly isReleased: boolean;
  /** The clerk the window was held by (an account name, never a visitor's data). */
  readonly clerk?: string;
  /** The visitor who was at the counter, back in the queue: the ended segment (in `changed`) and the new one. */
  readonly requeued?: { readonly from: Ticket; readonly to: Ticket };
}

/**
 * 强制关窗: a manager frees a window left open (the clerk went away, was disabled, forgot to close), whatever
 * its state. The window closes with no clerk. The visitor still at the counter is neither lost nor counted as
 * served (which would also let the visit be rated): their segment ends ('transferred', reason
 * 'window-released') and a new waiting segment with the same number, arrival time and services goes ahead
 * of normal tickets (as a return after a transfer does) at any window serving it, this one included.
 */
export function releaseWindow(ctx: WindowContext, role: StaffRole, segmentId: string): Decision<ReleaseOutcome> {
  const allowed = mayReleaseWindow(role);
  if (!allowed.ok) return allowed;
  const { status, current, now } = ctx;
  if (status.state === 'closed') return accept({ status, changed: [], created: [], isReleased: false });
  const closed: WindowStatus = { windowId: status.windowId, state: 'closed', since: now, isAutoCall: status.isAutoCall };
  if (current?.status !== 'called') return accept({ status: closed, changed: [], created: [], isReleased: true, clerk: status.staffId });
  const ended: Ticket = { ...current, status: 'transferred', closeReason: 'window-released', finishedAt: now };
  const again = newSegment(current, segmentId, now, {
    serviceId: current.serviceId,
    returnServiceId: current.returnServiceId,
    isReturn: true,
    note: current.note,
  });
  return accept({
    status: closed,
    changed: [ended],
    created: [again],
    ticket: again,
    change: 'released',
    isReleased: true,
    clerk: status.staffId,
    requeued: { from: ended, to: again },
  });
}

/**
 * The window at the hall's midnight: every window closes with no clerk, so each day starts clean and
 * nobody is signed in at a counter they left yesterday. Answers undefined when there is nothing to close,
 * or when the window is serving a visitor of the new day (called in the moments before the rollover ran).
 */
export function closeForNewDay(status: WindowStatus, current: Ticket | undefined, day: string, now: number): WindowStatus | undefined {
  if (status.state === 'closed' && status.staffId === undefined && status.currentTicketId === undefined) return undefined;
  if (current && current.day === day && current.status === 'called') return undefined;
  return { windowId: status.windowId, state: 'closed', since: now, isAutoCall: status.isAutoCall };
}

export function pauseWindow(ctx: WindowContext, reason: PauseReason, note?: string): Decision<VerbOutcome> {
  const ready = requireIdle(ctx);
  if (!ready.ok) return ready;
  return accept({ status: { ...ctx.status, state: 'paused', pauseReason: reason, pauseNote: note, since: ctx.now }, changed: [], created: [] });
}

export function resumeWindow(ctx: WindowContext): Decision<VerbOutcome> {
  if (ctx.status.state !== 'paused') return refuse('ticket-state', `${windowLabel(ctx.window)} is not paused.`);
  return accept({ status: { ...ctx.status, state: 'open', pauseReason: undefined, pauseNote: undefined, since: ctx.now }, changed: [], created: [] });
}

export function setAutoCall(ctx: WindowContext, enabled: boolean): Decision<VerbOutcome> {
  return accept({ status: { ...ctx.status, isAutoCall: enabled }, changed: [], created: [] });
}

/** Calls `ticket` (chosen by the policy, or picked by the clerk) to this window. */
export function callTicket(ctx: WindowContext, ticket: Ticket): Decision<VerbOutcome> {
  const ready = requireIdle(ctx);
  if (!ready.ok) return ready;
  const { window, now } = ctx;
  const isFromOwnPark = ticket.status === 'parked' && ticket.targetWindowId === window.id;
  if (ticket.status !== 'waiting' && !isFromOwnPark) {
    return refuse('ticket-not-waiting', `${ticket.number} is not waiting (it is ${ticket.status}).`);
  }
  if (ticket.targetWindowId !== undefined && ticket.targetWindowId !== window.id) {
    return refuse('ticket-not-here', `${ticket.number} was sent to another window.`);
  }
  const called: Ticket = {
    ...ticket,
    status: 'called',
    windowId: window.id,
    staffId: ctx.status.staffId,
    calledAt: now,
    firstCalledAt: ticket.firstCalledAt ?? now,
    callCount: ticket.callCount + 1,
    parkedUntil: undefined,
  };
  const status: WindowStatus = { ...ctx.status, state: 'serving', currentTicketId: ticket.id, since: now };
  return accept({ status, changed: [called], created: [], call: { ticket: called, isRecall: false }, ticket: called, change: 'called' });
}

/** Calls the current visitor again; past the hall's recall limit the ticket becomes a no-show. */
export function recallTicket(ctx: WindowContext): Decision<VerbOutcome> {
  const current = requireCurrent(ctx);
  if (!current.ok) return current;
  const ticket = current.value;
  if (ticket.callCount > ctx.policy.recallLimit) return markNoShow(ctx, 'recall-limit');
  const recalled: Ticket = { ...ticket, callCount: ticket.callCount + 1, calledAt: ctx.now };
  return accept({
    status: ctx.status,
    changed: [recalled],
    created: [],
    call: { ticket: recalled, isRecall: true },
    ticket: recalled,
    change: 'recalled',
  });
}

export function markNoShow(ctx: WindowContext, reason = 'no-show'): Decision<VerbOutcome> {
  const current = requireCurrent(ctx);
  if (!current.ok) return current;
  const ticket: Ticket = { ...current.value, status: 'no-show', closeReason: reason, finishedAt: ctx.now };
  return accept({ status: idle(ctx.status, ctx.now), changed: [ticket], created: [], ticket, change: 'no-show' });
}

/** Sets the visitor aside (挂起): back to this window's pool; waiting again after `minutes`. */
export function parkTicket(ctx: WindowContext, minutes: number): Decision<VerbOutcome> {
  const current = requireCurrent(ctx);
  if (!current.ok) return current;
  const ticket: Ticket = {
    ...current.value,
    status: 'parked',
    parkedUntil: ctx.now + minutes * 60_000,
    targetWindowId: ctx.window.id,
  };
  return accept({ status: idle(ctx.status, ctx.now), changed: [ticket], created: [], ticket, change: 'parked' });
}

/** A parked ticket whose time is up waits again, still for the window that parked it. */
export function returnFromPark(ticket: Ticket): Ticket {
  return { ...ticket, status: 'waiting', parkedUntil: undefined };
}

/** Finishes the current visit; a transfer with return sends the visitor back to the first service. */
export function finishTicket(ctx: WindowContext, returnSegmentId: string): Decision<VerbOutcome> {
  const current = requireCurrent(ctx);
  if (!current.ok) return current;
  const done: Ticket = { ...current.value, status: 'done', finishedAt: ctx.now };
  const created: Ticket[] = [];
  if (done.returnServiceId !== undefined) {
    created.push(newSegment(done, returnSegmentId, ctx.now, { serviceId: done.returnServiceId, isReturn: true }));
  }
  return accept({ status: idle(ctx.status, ctx.now), changed: [done], created, ticket: done, change: 'finished' });
}

export interface TransferTarget {
  readonly toService?: { readonly id: string; readonly name: string };
  readonly toWindow?: Window;
  /** The named window's state now: a closed one has nobody to call the visitor (a paused one will resume). */
  readonly toWindowState?: WindowState;
  /** Whether an open (or paused) window serves `toService`: without one nobody could call the visitor. */
  readonly isServiceServed?: boolean;
  readonly note?: string;
  readonly returnAfter?: boolean;
}

/** Sends the current visitor on to another service or a named window, keeping their arrival time and number. */
export function transferTicket(ctx: WindowContext, target: TransferTarget, segmentId: string): Decision<VerbOutcome> {
  const current = requireCurrent(ctx);
  if (!current.ok) return current;
  if (!target.toService && !target.toWindow) return refuse('invalid-request', 'Choose a service or a window to transfer to.');
  if (target.toWindow?.id === ctx.window.id) return refuse('invalid-request', 'That is this window. Choose another window or a service.');
  if (target.toWindow && target.toWindowState === 'closed') {
    return refuse('target-window-closed', `${windowLabel(target.toWindow)} is closed, so nobody there could call this visitor. Choose an open window or a service.`);
  }
  if (target.toService && !target.toWindow && target.isServiceServed === false) {
    return refuse('no-window-serves', `No open window serves ${target.toService.name} now, so nobody could call this visitor. Choose another service, or a named open window.`);
  }
  const from = current.value;
  const serviceId = target.toService?.id ?? from.serviceId;
  const moved: Ticket = { ...from, status: 'transferred', finishedAt: ctx.now, closeReason: 'transferred' };
  const next = newSegment(from, segmentId, ctx.now, {
    serviceId,
    targetWindowId: target.toWindow?.id,
    returnServiceId: target.returnAfter ? from.serviceId : undefined,
    note: target.note,
  });
  return accept({ status: idle(ctx.status, ctx.now), changed: [moved], created: [next], ticket: next, change: 'transferred' });
}

function newSegment(
  from: Ticket,
  id: string,
  now: number,
  fields: { serviceId: string; targetWindowId?: string; returnServiceId?: string; isReturn?: boolean; note?: string },
): Ticket {
  return {
    id,
    day: from.day,
    serviceId: fields.serviceId,
    number: from.number,
    priority: from.priority,
    priorityReason: from.priorityReason,
    status: 'waiting',
    trackToken: from.trackToken,
    arrivedAt: from.arrivedAt,
    issuedAt: now,
    targetWindowId: fields.targetWindowId,
    returnServiceId: fields.returnServiceId,
    isReturn: fields.isReturn ?? false,
    previousId: from.id,
    callCount: 0,
    note: fields.note,
    personHash: from.personHash,
    personMasked: from.personMasked,
    nameMasked: from.nameMasked,
    waitingAhead: 0,
    estimatedWaitMinutes: 0,
  };
}
