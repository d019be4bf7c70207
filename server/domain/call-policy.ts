/**
 * Which waiting ticket a window calls next. This one function is the hall's ordering policy; it is
 * documented for staff in docs/call-policy.md and tested on its edge cases in test/unit/call-policy.test.ts.
 *
 * 1. Eligibility: waiting tickets of the services the window serves, plus tickets sent to this window by
 *    name; tickets sent to another window by name are not eligible.
 * 2. Class (when `priorityFirst`): tickets sent to this window by name, returns after a transfer,
 *    green channel, and appointments whose slot is due go before everything else.
 * 3. Within a class, by the hall's `callOrder`:
 *    - 'weighted-wait': highest (minutes waited + 1) × the window's weight for the ticket's service.
 *      A low-weight service still rises as its visitors wait, so it is never starved.
 *    - 'service-order': the window's first listed service with anyone waiting, then arrival.
 *    - 'arrival': earliest arrival across all the window's services.
 * 4. Ties: earlier arrival, then lower number, then id (two segments of one visit share a number).
 *
 * `chooseNext` is the head of `orderForWindow`, by construction (one comparator) and by test
 * (test/property/queue-order.test.ts): the list the clerk's page shows is the order call-next takes.
 */
import type { HallPolicy, Ticket, Window } from './types';

export function isEligible(ticket: Ticket, window: Window): boolean {
  if (ticket.status !== 'waiting') return false;
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  return window.serves.some((s) => s.serviceId === ticket.serviceId);
}

/** Green channel, a return after a transfer, or an appointment whose slot is due: goes first anywhere. */
export function isUrgent(ticket: Ticket, policy: HallPolicy, now: number): boolean {
  if (ticket.isReturn || ticket.priority === 'green') return true;
  if (ticket.priority === 'appointment') {
    return ticket.dueAt === undefined || now >= ticket.dueAt - policy.appointmentEarlyMinutes * 60_000;
  }
  return false;
}

export function isPriorityClass(ticket: Ticket, window: Window, policy: HallPolicy, now: number): boolean {
  return ticket.targetWindowId === window.id || isUrgent(ticket, policy, now);
}

function weightOf(ticket: Ticket, window: Window): number {
  // A ticket sent here by name from a service this window does not list counts with weight 1.
  return window.serves.find((s) => s.serviceId === ticket.serviceId)?.weight ?? 1;
}

function serviceRank(ticket: Ticket, window: Window): number {
  const index = window.serves.findIndex((s) => s.serviceId === ticket.serviceId);
  return index === -1 ? 0 : index;
}

/** Negative when `a` should be called before `b`. */
export function compareForWindow(a: Ticket, b: Ticket, window: Window, policy: HallPolicy, now: number): number {
  if (policy.priorityFirst) {
    const pa = isPriorityClass(a, window, policy, now) ? 0 : 1;
    const pb = isPriorityClass(b, window, policy, now) ? 0 : 1;
    if (pa !== pb) return pa - pb;
  }
  if (policy.callOrder === 'weighted-wait') {
    // Never a negative wait: an arrival stamped after `now` (a log from before the hall clock) counts as just arrived.
    const sa = (Math.max(0, now - a.arrivedAt) / 60_000 + 1) * weightOf(a, window);
    const sb = (Math.max(0, now - b.arrivedAt) / 60_000 + 1) * weightOf(b, window);
    if (sa !== sb) return sb - sa;
  } else if (policy.callOrder === 'service-order') {
    const ra = serviceRank(a, window);
    const rb = serviceRank(b, window);
    if (ra !== rb) return ra - rb;
  }
  if (a.arrivedAt !== b.arrivedAt) return a.arrivedAt - b.arrivedAt;
  if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The ticket the window should call now, or undefined when nobody it serves is waiting. */
export function chooseNext(window: Window, tickets: readonly Ticket[], policy: HallPolicy, now: number): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of tickets) {
    if (!isEligible(t, window)) continue;
    if (best === undefined || compareForWindow(t, best, window, policy, now) < 0) best = t;
  }
  return best;
}

/** The waiting tickets a window would call, in the order call-next would take them (the clerk's queue list). */
export function orderForWindow(window: Window, tickets: readonly Ticket[], policy: HallPolicy, now: number): Ticket[] {
  return tickets.filter((t) => isEligible(t, window)).sort((a, b) => compareForWindow(a, b, window, policy, now));
}
