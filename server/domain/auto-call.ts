/**
 * Auto-call (自动叫号): a window with auto-call on that is open and idle calls the next visitor it serves as
 * soon as there is one — a new ticket, a ticket transferred to it, its own visitor's no-show, park or finish,
 * a parked ticket back. Pure: the app runs it inside the transaction that made the change, so the same
 * single writer that keeps two call-nexts apart keeps two auto-calls apart.
 *
 * The rule is call-next's own (call-policy.ts `chooseNext`), asked once per idle window, longest idle first
 * (then lower number), each ticket taken at most once: one visitor is never called twice or at two windows.
 */
import { chooseNext } from './call-policy';
import type { HallPolicy, Ticket, Window, WindowStatus } from './types';

export interface WindowAndStatus {
  readonly window: Window;
  readonly status: WindowStatus;
}

export interface AutoCall {
  readonly window: Window;
  readonly status: WindowStatus;
  readonly ticket: Ticket;
}

/** Open, nobody at the counter, auto-call on: a paused or closed window never calls by itself. */
export function isIdleAutoCall(status: WindowStatus): boolean {
  return status.isAutoCall && status.state === 'open' && status.currentTicketId === undefined;
}

/** Who each idle auto-call window calls now. */
export function planAutoCalls(windows: readonly WindowAndStatus[], tickets: readonly Ticket[], policy: HallPolicy, now: number): AutoCall[] {
  const idle = windows
    .filter((w) => isIdleAutoCall(w.status))
    .sort((a, b) => a.status.since - b.status.since || a.window.number - b.window.number);
  const calls: AutoCall[] = [];
  const taken = new Set<string>();
  for (const { window, status } of idle) {
    const next = chooseNext(window, tickets.filter((t) => !taken.has(t.id)), policy, now);
    if (!next) continue;
    taken.add(next.id);
    calls.push({ window, status, ticket: next });
  }
  return calls;
}
