import type { DeviceHealth, Unsubscribe } from '../device';
import { Listeners } from '../listeners';

const REASONS: Record<string, string> = {
  starting: 'waiting for the first answer',
  'no-answer': 'device did not answer after retries',
  'port-missing': 'serial port is missing or was unplugged',
  closed: 'bus closed',
};

/**
 * Health of every address on one bus. Repeating the same status and code is a no-op, so
 * `since` keeps the moment the state really began and listeners are not spammed by polls.
 */
export class HealthBoard {
  private readonly states = new Map<number, DeviceHealth>();
  private readonly listeners = new Map<number, Listeners<[health: DeviceHealth]>>();

  constructor(
    addresses: Iterable<number>,
    private readonly now: () => number,
  ) {
    for (const address of addresses) {
      this.states.set(address, { status: 'offline', code: 'starting', reason: REASONS.starting, since: now() });
    }
  }

  get(address: number): DeviceHealth {
    return this.states.get(address) ?? { status: 'offline', code: 'unknown-address', since: 0 };
  }

  isOnline(address: number): boolean {
    return this.get(address).status === 'online';
  }

  markOnline(address: number): void {
    this.set(address, 'online', undefined);
  }

  markOffline(address: number, code: 'no-answer' | 'port-missing' | 'closed'): void {
    this.set(address, 'offline', code);
  }

  markAllOffline(code: 'port-missing' | 'closed'): void {
    for (const address of this.states.keys()) this.markOffline(address, code);
  }

  subscribe(address: number, listener: (health: DeviceHealth) => void): Unsubscribe {
    let listeners = this.listeners.get(address);
    if (!listeners) {
      listeners = new Listeners();
      this.listeners.set(address, listeners);
    }
    return listeners.add(listener);
  }

  private set(address: number, status: DeviceHealth['status'], code: string | undefined): void {
    const current = this.states.get(address);
    if (!current || (current.status === status && current.code === code)) return;
    const next: DeviceHealth =
      code === undefined ? { status, since: this.now() } : { status, code, reason: REASONS[code] ?? code, since: this.now() };
    this.states.set(address, next);
    this.listeners.get(address)?.emit(next);
  }
}
