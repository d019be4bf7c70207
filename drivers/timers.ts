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
