/** Cancels a scheduled callback; safe to call more than once. */
export type CancelTimer = () => void;

/**
 * The only clock drivers use: polling, reply timeouts and back-off all go through it, so tests
 * (and the hub's clock) decide what "later" means instead of patching globals.
 */
export interface Timers {
  /** Runs `fn` once after `ms`; returns a function that cancels it. */
  schedule(fn: () => void, ms: number): CancelTimer;
  /** Epoch ms, used for `DeviceHealth.since`. */
  now(): number;
}

/** Real timers. unref'd: a forgotten poll or reconnect must never keep a finishing process alive. */
export const systemTimers: Timers = {
  schedule(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
  now: () => Date.now(),
};

/** Resolves after `ms` on the given timers. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.schedule(resolve, ms);
  });
}

/**
 * A delivery loop's wait for its next look (the uplink shipper, province delivery, the centre's forwarder): it
 * ends after `ms`, or at once when `wake()` is called (new work arrived, or the loop is stopping). unref'd: a
 * waiting loop must not keep a finishing process alive.
 */
export class WakeableSleep {
  private wakeCurrent: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.wakeCurrent === done) self.wakeCurrent = undefined;
        resolve();
      }
      this.wakeCurrent = done;
    });
  }

  /** Ends the current sleep now (nothing happens when the loop is not sleeping). */
  wake(): void {
    this.wakeCurrent?.();
  }
}
