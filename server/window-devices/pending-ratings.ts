/**
 * The visit each window is waiting for a rating on (一次一评): set when the window finishes a ticket,
 * cleared when the visit is rated or the hall's rating time passes. The keypad and the rating pad
 * both read it, so they always offer the same ticket.
 */
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
