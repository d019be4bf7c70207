/**
 * Fixed-window request budgets for socket commands, the same budgets the HTTP routes get from
 * @fastify/rate-limit: without them a kiosk (or a stolen kiosk token) could flood `ticket:issue` over the
 * socket and exhaust the day's numbers that the HTTP limit protects.
 */
import { HubError } from '../../app/errors';

export class WindowBudget {
  private readonly used = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request for `key`; throws 'rate-limited' once the budget of the current window is spent. */
  take(key: string): void {
    const now = this.now();
    let entry = this.used.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      // Forget stale keys as we go so a churn of clients cannot grow the map without bound.
      if (this.used.size > 10_000) for (const [k, e] of this.used) if (now - e.start >= this.windowMs) this.used.delete(k);
      entry = { start: now, count: 0 };
      this.used.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > this.max) throw new HubError('rate-limited', 'Too many requests. Wait a moment and try again.');
  }
}
