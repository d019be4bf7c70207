import type { DeviceHealth, Unsubscribe } from '../device';
import type { ArmRequest, CallerKey, RatingLevel, ShowOptions } from './types';

/** What a protocol driver reports from one address, already translated to hall terms. */
export type BusEvent =
  | { readonly type: 'rating'; readonly ticketNumber: string | undefined; readonly level: RatingLevel; readonly reasons: string[] }
  | { readonly type: 'key'; readonly key: CallerKey }
  /** The device announced a power-up: it lost whatever we had shown or armed. */
  | { readonly type: 'hello' };

/**
 * The seam between device classes (keypad, strip, caller) and a wire protocol (QLP/1, FF68).
 * Device classes own the hall rules (armed ticket, one rating per arm); drivers own bytes,
 * retries and health. Both protocols implement this so the hub never knows which one is wired.
 */
export interface BusDriver {
  open(): Promise<void>;
  close(): Promise<void>;
  health(address: number): DeviceHealth;
  onHealth(address: number, listener: (health: DeviceHealth) => void): Unsubscribe;
  onEvent(listener: (address: number, event: BusEvent) => void): Unsubscribe;
  armKeypad(address: number, request: ArmRequest): Promise<void>;
  disarmKeypad(address: number): Promise<void>;
  show(address: number, text: string, options: ShowOptions): Promise<void>;
  clear(address: number): Promise<void>;
  /** Beeps `count` times (1–9). QLP/1: one `BEEP n=<count>`; FF68: `count` func 03 frames. */
  beep(address: number, count: number): Promise<void>;
}
