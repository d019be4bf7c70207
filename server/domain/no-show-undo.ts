/**
 * Undoing a no-show (撤销过号): the visitor marked absent turns up a moment later. Within the hall's
 * short undo time the clerk who marked them puts them back at the counter, as if the no-show had not
 * happened; after it the ticket stays closed, and a sentence says why. Pure: the app layer audits it.
 */
import { accept, refuse, type Decision } from './decision';
import type { Ticket } from './types';
import { requireIdle, type VerbOutcome, type WindowContext } from './window-verbs';

export function undoNoShow(ctx: WindowContext, ticket: Ticket, undoMinutes: number): Decision<VerbOutcome> {
  const { window, now } = ctx;
  if (ticket.status !== 'no-show' || ticket.windowId !== window.id) {
    return refuse('ticket-state', `${ticket.number} was not marked a no-show at window ${window.number}, so there is nothing to undo here.`);
  }
  const markedAt = ticket.finishedAt ?? 0;
  if (undoMinutes <= 0 || now - markedAt > undoMinutes * 60_000) {
    return refuse(
      'undo-expired',
      `${ticket.number} was marked a no-show more than ${undoMinutes} minute(s) ago and can no longer be put back. The visitor can take a new ticket, or a manager can call it by choice.`,
    );
  }
  // The counter must be free: the visitor comes back to it, not into the queue.
  const ready = requireIdle(ctx);
  if (!ready.ok) return ready;
  const back: Ticket = { ...ticket, status: 'called', closeReason: undefined, finishedAt: undefined, calledAt: now, staffId: ctx.status.staffId };
  return accept({
    status: { ...ctx.status, state: 'serving', currentTicketId: back.id, since: now },
    changed: [back],
    created: [],
    ticket: back,
    change: 'no-show-undone',
  });
}
