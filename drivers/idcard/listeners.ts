import type { Unsubscribe } from '../device';

/**
 * A listener set whose `emit` survives throwing listeners: a bug in the hub must not stop the
 * reader loop. The thrown error is dropped, not rethrown or logged, because it may quote card data.
 */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  /** Calls every listener; returns how many threw. */
  emit(value: T): number {
    let failures = 0;
    for (const listener of this.set) {
      try {
        listener(value);
      } catch {
        failures += 1;
      }
    }
    return failures;
  }
}
