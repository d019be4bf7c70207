import { systemTimers } from '../timers';

/**
 * The window bus's spelling of the drivers' clock (`Timers` in drivers/timers.ts): `after(ms, callback)`
 * instead of `schedule(fn, ms)`. Kept because callers outside drivers/ implement this shape
 * (test/drivers/window-bus-backoff.test.ts's ManualTimers); the real clock behind it is shared.
 */
export interface Timers {
  /** Runs `callback` once after `ms`; returns a function that cancels it (safe to call twice). */
  after(ms: number, callback: () => void): () => void;
  /** Epoch milliseconds. */
  now(): number;
}

/** Timers backed by the real clock (unref'd handles, as {@link systemTimers}). */
export const realTimers: Timers = {
  after: (ms, callback) => systemTimers.schedule(callback, ms),
  now: () => systemTimers.now(),
};

/** Resolves after `ms` on the given timers. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.after(ms, resolve);
  });
}
