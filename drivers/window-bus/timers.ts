/** The window bus uses the drivers' one clock (drivers/timers.ts); `sleep` is its only addition. */
import { systemTimers, type Timers } from '../timers';

export type { Timers };

/** Timers backed by the real clock (unref'd handles). */
export const realTimers: Timers = systemTimers;

/** Resolves after `ms` on the given timers. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.schedule(resolve, ms);
  });
}
