/**
 * The visit each window is waiting for a rating on (一次一评): set when the window finishes a ticket,
 * cleared when the visit is rated or the hall's rating time passes. The keypad and the rating pad
 * both read it, so they always offer the same ticket. Pure: the time is passed in.
 */
import type { HallPolicy } from './types';

export interface PendingRating {
  readonly ticketId: string;
  readonly number: string;
  readonly windowId: string;
  readonly finishedAt: number;
  /** Epoch ms (hub clock) after which the hub refuses a keypad or pad rating. */
  readonly deadline: number;
}

export class PendingRatings {
  private readonly byWindow = new Map<string, PendingRating>();

  /** A newer finish at the same window replaces the older visit: the keypad can only offer one. */
  set(pending: PendingRating): void {
    const current = this.byWindow.get(pending.windowId);
    if (current && current.finishedAt > pending.finishedAt) return;
    this.byWindow.set(pending.windowId, pending);
  }

  get(windowId: string, now: number): PendingRating | undefined {
    const pending = this.byWindow.get(windowId);
    if (pending && now > pending.deadline) {
      this.byWindow.delete(windowId);
      return undefined;
    }
    return pending;
  }

  /** Forgets the ticket wherever it is pending; answers the window it was pending at. */
  clearTicket(ticketId: string): string | undefined {
    for (const [windowId, pending] of this.byWindow) {
      if (pending.ticketId === ticketId) {
        this.byWindow.delete(windowId);
        return windowId;
      }
    }
    return undefined;
  }
}

/** A visit the window just finished, as the keypad and the pad offer it: open for the hall's keypad rating time. */
export function pendingRatingOf(
  visit: { readonly ticketId: string; readonly number: string; readonly windowId: string; readonly finishedAt: number },
  policy: Pick<HallPolicy, 'ratingTimeoutSeconds'>,
): PendingRating {
  return { ticketId: visit.ticketId, number: visit.number, windowId: visit.windowId, finishedAt: visit.finishedAt, deadline: visit.finishedAt + policy.ratingTimeoutSeconds * 1000 };
}

/** The earliest finish a restarted hub still owes a keypad rating: the visits since then are re-armed. */
export function pendingSince(now: number, policy: Pick<HallPolicy, 'ratingTimeoutSeconds'>): number {
  return now - policy.ratingTimeoutSeconds * 1000;
}

/** The countdown the rating pad shows: whole seconds left, rounded up, never below zero. */
export function padSecondsLeft(pending: PendingRating, now: number): number {
  return Math.max(0, Math.ceil((pending.deadline - now) / 1000));
}

/** The time the keypad is armed for: whole seconds left, rounded down, at least one (a keypad needs a positive timeout). */
export function keypadTimeoutSeconds(pending: PendingRating, now: number): number {
  return Math.max(1, Math.floor((pending.deadline - now) / 1000));
}

/**
 * Which visit a press on the rating pad rates: the pending one if the pad showed its number, or, for a retry
 * whose first answer was lost after the rating cleared it, the window's last finished visit if the number is
 * that one. Undefined: nothing to rate. The hub's rating rules (one per visit, within the time) decide either way.
 */
export function padTicketFor(
  number: string,
  pending: PendingRating | undefined,
  lastFinished: { readonly ticketId: string; readonly number: string } | undefined,
): string | undefined {
  if (pending) return pending.number === number ? pending.ticketId : undefined;
  return lastFinished?.number === number ? lastFinished.ticketId : undefined;
}
