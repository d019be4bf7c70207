/**
 * Auto-call inside the transaction that made a visitor callable (issue, window verbs, a parked ticket's
 * return): domain/auto-call.ts decides who is called where, the window verbs' own `callTicket` and
 * `apply` persist and announce it, exactly as a clerk's call-next would.
 */
import { planAutoCalls } from '../domain/auto-call';
import { callTicket } from '../domain/window-verbs';
import type { Ticket, WindowStatus } from '../domain/types';
import type { HubCore, Tx } from './core';
import { apply } from './window-apply';

export interface AutoCalled {
  readonly status: WindowStatus;
  readonly current?: Ticket;
}

/** Calls at every idle auto-call window that has someone to call; answers what changed, by window id. */
export function callAtIdleWindows(core: HubCore, tx: Tx): Map<string, AutoCalled> {
  const called = new Map<string, AutoCalled>();
  const statuses = core.hall.windowStatuses();
  const windows = [...core.windows.values()].map((window) => ({ window, status: core.windowStatus(window.id, statuses) }));
  // The usual hall has no auto-call window: no ticket list is read then.
  if (!windows.some((w) => w.status.isAutoCall)) return called;
  const policy = core.config.policy;
  for (const { window, status, ticket } of planAutoCalls(windows, core.activeTickets(), policy, tx.now)) {
    const decision = callTicket({ window, status, current: undefined, now: tx.now, policy }, ticket);
    // The plan only names idle windows and waiting tickets; a refusal here is skipped, never the caller's failure.
    if (decision.ok) called.set(window.id, apply(core, tx, window.id, decision.value));
  }
  return called;
}
