/**
 * The 绿色通道 granted by staff at the front desk (导办台): only for a reason on the hall's list, and an upgrade
 * only of a ticket still in the queue. Pure: the ticket and the list come in, a decision goes out.
 */
import { DEFAULT_GREEN_REASONS, type GreenReason } from '../protocol/desk';
import type { Ticket } from './types';
import { accept, refuse, type Decision } from './decision';

/** The hall's list (`policy.greenReasons`), or the defaults when it has none. */
export function greenReasonsOf(policy: { readonly greenReasons?: readonly GreenReason[] }): readonly GreenReason[] {
  return policy.greenReasons && policy.greenReasons.length > 0 ? policy.greenReasons : DEFAULT_GREEN_REASONS;
}

export function checkGreenReason(reasonId: string, reasons: readonly GreenReason[]): Decision<GreenReason> {
  const reason = reasons.find((r) => r.id === reasonId);
  if (!reason) return refuse('invalid-request', `"${reasonId}" is not one of this hall's green-channel reasons: choose one of ${reasons.map((r) => `${r.id} (${r.name})`).join(', ')}.`);
  return accept(reason);
}

/**
 * A waiting (or parked) ticket becomes green for `reasonId`. Already green for that reason: unchanged
 * (`value` is the same object, so a retried request writes and announces nothing). Green for another
 * reason: the new reason replaces it, since the grant is the desk's judgement and the log keeps both.
 */
export function upgradeToGreen(ticket: Ticket, reasonId: string, reasons: readonly GreenReason[]): Decision<Ticket> {
  const reason = checkGreenReason(reasonId, reasons);
  if (!reason.ok) return reason;
  if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
    return refuse('ticket-not-waiting', `Ticket ${ticket.number} is no longer waiting, so its priority cannot change. Issue a new ticket if the visitor needs one.`);
  }
  if (ticket.priority === 'green' && ticket.priorityReason === reasonId) return accept(ticket);
  return accept({ ...ticket, priority: 'green', priorityReason: reasonId });
}
