/**
 * Time-driven changes, run by the hub's scheduler (and directly by tests with a controlled clock):
 * the day rollover at the hall's local midnight — no cron — and parked tickets whose time is up.
 */
import { closeForNewDay, returnFromPark } from '../domain/window-verbs';
import { summarizeDay } from '../domain/day-summary';
import { DaySummaryRepo } from '../storage/day-summary-repo';
import type { HubCore } from './core';
import { toTicketView, toWindowView } from './views';
import { callAtIdleWindows } from './auto-call';

const SYSTEM = { kind: 'system' } as const;

/**
 * Closes earlier days: their waiting, called and parked tickets end with reason 'day-closed', and every
 * window closes with no clerk (`closeForNewDay`), so nobody holds a counter they left yesterday.
 */
export function rollDayIfNeeded(core: HubCore): boolean {
  const today = core.today();
  const previous = core.hall.getMeta('current-day');
  // Forward only: a day that began is never undone (YYYY-MM-DD sorts as it reads). The hall clock never
  // runs back and takes a forward step only once it held for five minutes (app/hall-clock.ts), so a
  // midnight it reaches is a midnight that happened: docs/reliability.md, "Clock steps".
  if (previous !== undefined && today <= previous) return false;
  core.commit(SYSTEM, (tx) => {
    for (const stale of core.tickets.listActiveBefore(tx.day)) {
      const closed = { ...stale, status: 'cancelled' as const, closeReason: 'day-closed', finishedAt: stale.finishedAt ?? tx.now };
      core.tickets.update(closed);
      tx.emit('ticket:updated', { ticket: toTicketView(closed), reason: 'day-closed' });
    }
    for (const [windowId, status] of core.hall.windowStatuses()) {
      const current = status.currentTicketId ? core.tickets.get(status.currentTicketId) : undefined;
      const closed = closeForNewDay(status, current, tx.day, tx.now);
      if (!closed) continue;
      core.hall.saveWindow(closed);
      const window = core.windows.get(windowId);
      if (window) tx.emit('window:updated', { window: toWindowView(window, closed, undefined, tx.now) });
    }
    // The closed day's figures, after its last tickets were closed above (the city centre's daily reports).
    if (previous !== undefined && previous < tx.day) tx.emit('day:summary', { summary: summarizeDay(previous, new DaySummaryRepo(core.deps.db).ticketRows(previous)) });
    core.hall.setMeta('current-day', tx.day);
    tx.emit('day:rolled', { day: tx.day });
  });
  return true;
}

/** Parked tickets whose time is up wait again for the window that parked them. */
export function returnParkedTickets(core: HubCore): number {
  const now = core.now();
  const due = core.activeTickets().filter((t) => t.status === 'parked' && t.parkedUntil !== undefined && t.parkedUntil <= now);
  if (due.length === 0) return 0;
  core.commit(SYSTEM, (tx) => {
    for (const parked of due) {
      const current = core.tickets.get(parked.id);
      if (current?.status !== 'parked') continue;
      const back = returnFromPark(current);
      core.tickets.update(back);
      tx.emit('ticket:updated', { ticket: toTicketView(back), reason: 'returned' });
    }
    // Back in the queue: an idle auto-call window (usually the one that parked it) calls at once.
    callAtIdleWindows(core, tx);
  });
  return due.length;
}
