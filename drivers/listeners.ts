import type { Unsubscribe } from './device';

/**
 * The subscriber list behind every driver's `onData` / `onState` / `onHealth` / `onEvent`.
 * `Args` names what a listener receives, e.g. `Listeners<[state: LinkState, error?: Error]>`.
 * Listeners run in subscription order; one added during an emit is called by that same emit
 * (plain `Set` iteration, as the drivers did before sharing this).
 */
export class Listeners<Args extends unknown[]> {
  private readonly set = new Set<(...args: Args) => void>();

  add(listener: (...args: Args) => void): Unsubscribe {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  /**
   * Calls every listener; a throw propagates and skips the rest. For byte links and bus frames,
   * where a throwing listener is a driver bug the caller should see.
   */
  emit(...args: Args): void {
    for (const listener of this.set) listener(...args);
  }

  /**
   * Calls every listener even if some throw, and returns how many threw. For events that reach
   * the hub: a bug in one hub listener must not stop a reader or poll loop. The error is dropped,
   * not logged, because it may quote card data; the hub logs inside its own listener.
   */
  emitIsolated(...args: Args): number {
    let failures = 0;
    for (const listener of this.set) {
      try {
        listener(...args);
      } catch {
        failures += 1;
      }
    }
    return failures;
  }
}
