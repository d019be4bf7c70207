/**
 * Persisting a window verb's outcome: tickets first, then the window row, then its facts. One function for
 * the window verbs (window-commands.ts), a manager's release (release-window.ts) and auto-call (auto-call.ts).
 */
import type { Ticket } from '../domain/types';
import type * as verbs from '../domain/window-verbs';
import type { HubCore, Tx } from './core';
import { toCallView, toTicketView, toWindowView } from './views';

const TICKET_REASON = {
  'finished': 'finished',
  'no-show': 'no-show',
  'no-show-undone': 'no-show-undone',
  'parked': 'parked',
  'transferred': 'transferred',
  'released': 'released',
} as const;

/** Persists a verb's outcome (tickets first, then the window row) and emits its facts; server/app/release-window.ts uses it too. */
export function apply(core: HubCore, tx: Tx, windowId: string, outcome: verbs.VerbOutcome): { status: verbs.VerbOutcome['status']; current?: Ticket } {
  const window = core.window(windowId);
  // Persist the ticket that leaves the window before the window row points elsewhere.
  for (const ticket of outcome.changed) core.tickets.update(ticket);
  for (const ticket of outcome.created) core.tickets.insert(ticket);
  core.hall.saveWindow(outcome.status);
  if (outcome.call) {
    const { ticket, isRecall } = outcome.call;
    const seq = tx.emit('ticket:called', (eventSeq) => ({
      call: toCallView(eventSeq, ticket, window, isRecall, tx.now),
      ticket: toTicketView(ticket),
      ...(outcome.isChosen ? { isChosen: true } : {}),
    }));
    core.tickets.recordCall(seq, ticket, isRecall, tx.now);
  } else if (outcome.change && outcome.change in TICKET_REASON) {
    for (const ticket of outcome.changed) {
      tx.emit('ticket:updated', { ticket: toTicketView(ticket), reason: TICKET_REASON[outcome.change as keyof typeof TICKET_REASON] });
    }
  }
  for (const ticket of outcome.created) tx.emit('ticket:issued', { ticket: toTicketView(ticket) });
  const current = outcome.status.currentTicketId ? (outcome.call?.ticket ?? core.tickets.get(outcome.status.currentTicketId)) : undefined;
  tx.emit('window:updated', { window: toWindowView(window, outcome.status, current, tx.now) });
  return { status: outcome.status, current };
}
