/**
 * What the visitor's phone is told beyond the bare status (issue 18 item 7): whether their turn is near
 * (policy.phoneNoticeAhead), and after a 过号 how long the clerk can still put them back (撤销过号,
 * policy.noShowUndoMinutes). Decided here once, so the page only shows what the hub says. Pure.
 */
import type { Ticket } from './types';

/**
 * A waiting ticket with at most `noticeAhead` people ahead: time to come back to the hall. A parked one is not,
 * nor one whose service no open window serves (`isUnstaffed`: before opening, over lunch): 「下一位就是您」 and a
 * vibration at 12:00 sent a visitor back to wait until 13:30, and the alert, given once, was spent by then.
 */
export function isNearTurn(ticket: Pick<Ticket, 'status'>, waitingAhead: number, noticeAhead: number, isUnstaffed = false): boolean {
  return ticket.status === 'waiting' && !isUnstaffed && waitingAhead <= noticeAhead;
}

/**
 * Whole minutes left (rounded up) in which a no-show can still be undone; undefined when it cannot be
 * (another status, the hall allows no undo, or the time is over), so the page gives the other advice.
 */
export function noShowUndoMinutesLeft(ticket: Pick<Ticket, 'status' | 'finishedAt'>, undoMinutes: number, now: number): number | undefined {
  if (ticket.status !== 'no-show' || undoMinutes <= 0 || ticket.finishedAt === undefined) return undefined;
  const leftMs = ticket.finishedAt + undoMinutes * 60_000 - now;
  return leftMs > 0 ? Math.ceil(leftMs / 60_000) : undefined;
}
