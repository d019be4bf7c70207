/** Options for {@link Backoff}. */
export interface BackoffOptions {
  /** First delay after a failure. Default 500 ms. */
  readonly initialMs?: number;
  /** Upper bound: a cable unplugged for an hour is retried every `maxMs`. Default 30 s. */
  readonly maxMs?: number;
  /** Growth per consecutive failure. Default 2. */
  readonly factor?: number;
}

/**
 * Exponential back-off with a cap: the one reconnect policy of every driver (the window bus's link
 * supervisor, the ticket printer, the ID card reader). Pure arithmetic: the caller owns the timer, so
 * the same helper serves a serial port, a TCP printer or anything else that comes and goes.
 */
export class Backoff {
  private failures = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    if (this.initialMs <= 0 || this.maxMs < this.initialMs || this.factor < 1) {
      throw new RangeError('Backoff: need 0 < initialMs <= maxMs and factor >= 1');
    }
  }

  /** The delay before the next attempt; each call counts one more failure. */
  nextDelay(): number {
    const delay = Math.min(this.maxMs, this.initialMs * this.factor ** this.failures);
    // Stop growing the exponent once capped so it can never overflow to Infinity.
    if (delay < this.maxMs) this.failures += 1;
    return delay;
  }

  /** Call after a success: the next failure starts again at `initialMs`. */
  reset(): void {
    this.failures = 0;
  }
}
