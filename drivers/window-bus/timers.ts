/**
 * Injectable time for drivers: back-off, reply timeouts and polling all go through this,
 * so tests can drive them by hand instead of patching globals.
 */
export interface Timers {
  /** Runs `callback` once after `ms`; returns a function that cancels it (safe to call twice). */
  after(ms: number, callback: () => void): () => void;
  /** Epoch milliseconds. */
  now(): number;
}

/** Timers backed by the real clock. Handles are unref'd so a forgotten poll never keeps Node alive. */
export const realTimers: Timers = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
  now: () => Date.now(),
};

/** Resolves after `ms` on the given timers. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.after(ms, resolve);
  });
}
