/**
 * The store behind @fastify/rate-limit, counting windows on the hall's monotonic time (HallTime.elapsed)
 * instead of the package's `Date.now()`: with the wall clock, a step back of an hour left every window
 * "not yet expired" for 61 minutes, refusing a kiosk and every login (issue 21). Fixed windows, as the
 * package's own LocalStore counts them; the route options this hub uses (max, timeWindow) are all it needs.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/** Keys kept per route before expired ones are swept (then the oldest), as LocalStore's LRU bounds them. */
const MAX_KEYS = 5_000;

interface Entry {
  start: number;
  count: number;
}

class MonotonicStore implements FastifyRateLimitStore {
  private readonly used = new Map<string, Entry>();

  constructor(private readonly elapsed: () => number) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = this.elapsed();
    let entry = this.used.get(key);
    if (!entry || now - entry.start >= timeWindow) {
      if (!entry && this.used.size >= MAX_KEYS) this.sweep(now, timeWindow);
      entry = { start: now, count: 0 };
      this.used.delete(key);
      this.used.set(key, entry);
    }
    entry.count += 1;
    callback(null, { current: entry.count, ttl: Math.max(0, Math.ceil(timeWindow - (now - entry.start))) });
  }

  child(): FastifyRateLimitStore {
    return new MonotonicStore(this.elapsed);
  }

  private sweep(now: number, timeWindow: number): void {
    for (const [k, e] of this.used) if (now - e.start >= timeWindow) this.used.delete(k);
    // Still full of live keys (a flood from many addresses): forget the oldest windows first.
    for (const k of this.used.keys()) {
      if (this.used.size < MAX_KEYS) break;
      this.used.delete(k);
    }
  }
}

/** The `store` option of @fastify/rate-limit: windows measured on `elapsed` (monotonic ms). */
export function monotonicRateStore(elapsed: () => number): FastifyRateLimitStoreCtor {
  return class extends MonotonicStore {
    constructor() {
      super(elapsed);
    }
  };
}
