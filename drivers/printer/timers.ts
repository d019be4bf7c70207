/** Cancels a scheduled callback. */
export type CancelTimer = () => void;

/**
 * The only clock the printer driver uses, so tests can drive polling and back-off without
 * patching globals. `schedule` runs `fn` once after `ms`.
 */
export interface Timers {
  now(): number;
  schedule(fn: () => void, ms: number): CancelTimer;
}

/** Real timers. unref'd: a printer poll must never keep a finishing process alive. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  schedule(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
};
