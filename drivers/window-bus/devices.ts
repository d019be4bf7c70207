import type { DeviceHealth, Unsubscribe } from '../device';
import { Listeners } from '../listeners';
import type { BusDriver, BusEvent } from './bus-driver';
import { systemTimers, type Timers } from '../timers';
import type { ArmRequest, CallerKey, HardwareCaller, Rating, RatingKeypad, ShowOptions, WindowStrip } from './types';

/** Presses arriving this long after the arm timeout still count: the device may have been polled late. */
const ARM_GRACE_MS = 2_000;
/** Two beeps mean "refused": one short beep is what many callers already make on any key press. */
const REFUSAL_BEEPS = 2;

/** Shared plumbing: identity, health from the bus, and listener sets. */
abstract class BusDevice {
  private opened = false;

  constructor(
    readonly id: string,
    protected readonly address: number,
    protected readonly bus: BusDriver,
    private readonly openBus: () => Promise<void>,
  ) {
    bus.onEvent((from, event) => {
      if (from === this.address && this.opened) this.handle(event);
    });
  }

  /** Opens the shared bus (idempotent) and starts delivering events for this device. */
  async open(): Promise<void> {
    this.opened = true;
    await this.openBus();
  }

  /** Stops delivering events for this device; the bus itself is closed by WindowBus.close(). */
  async close(): Promise<void> {
    this.opened = false;
  }

  health(): DeviceHealth {
    return this.bus.health(this.address);
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.bus.onHealth(this.address, listener);
  }

  protected abstract handle(event: BusEvent): void;
}

/** Keypad on either protocol; owns the 一次一评 rule so both protocols enforce it identically. */
export class BusRatingKeypad extends BusDevice implements RatingKeypad {
  readonly kind = 'keypad' as const;
  private armed: ArmRequest | undefined;
  private cancelExpiry: (() => void) | undefined;
  private ignored = 0;
  private readonly listeners = new Listeners<[rating: Rating]>();

  constructor(id: string, address: number, bus: BusDriver, openBus: () => Promise<void>, private readonly timers: Timers = systemTimers) {
    super(id, address, bus, openBus);
  }

  async arm(request: ArmRequest): Promise<void> {
    this.setArmed(undefined);
    await this.bus.armKeypad(this.address, request);
    this.setArmed(request);
  }

  async disarm(): Promise<void> {
    const wasArmed = this.armed !== undefined;
    this.setArmed(undefined);
    if (wasArmed) await this.bus.disarmKeypad(this.address);
  }

  onRating(listener: (rating: Rating) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  ignoredPresses(): number {
    return this.ignored;
  }

  protected handle(event: BusEvent): void {
    if (event.type === 'hello') {
      // The device rebooted and forgot the prompt: put it back rather than lose the rating.
      const armed = this.armed;
      if (armed) this.bus.armKeypad(this.address, armed).catch(() => undefined);
      return;
    }
    if (event.type !== 'rating') return;
    const armed = this.armed;
    if (!armed || (event.ticketNumber !== undefined && event.ticketNumber !== armed.ticketNumber)) {
      this.ignored += 1;
      return;
    }
    this.setArmed(undefined);
    // Isolated: a throwing hub listener must not break the bus's poll loop for every other device.
    this.listeners.emitIsolated({ ticketId: armed.ticketId, level: event.level, reasons: event.reasons });
  }

  private setArmed(request: ArmRequest | undefined): void {
    this.cancelExpiry?.();
    this.cancelExpiry = undefined;
    this.armed = request;
    if (request) {
      this.cancelExpiry = this.timers.schedule(() => {
        if (this.armed === request) this.armed = undefined;
      }, request.timeoutSeconds * 1000 + ARM_GRACE_MS);
    }
  }
}

/** Strip on either protocol; remembers its text so a rebooted strip is redrawn. */
export class BusWindowStrip extends BusDevice implements WindowStrip {
  readonly kind = 'led-strip' as const;
  private current: { text: string; options: ShowOptions } | undefined;

  constructor(id: string, address: number, bus: BusDriver, openBus: () => Promise<void>, readonly isDigitsOnly: boolean) {
    super(id, address, bus, openBus);
  }

  async show(text: string, options: ShowOptions = {}): Promise<void> {
    await this.bus.show(this.address, text, options);
    this.current = { text, options };
  }

  async clear(): Promise<void> {
    await this.bus.clear(this.address);
    this.current = undefined;
  }

  protected handle(event: BusEvent): void {
    const current = this.current;
    if (event.type === 'hello' && current) this.bus.show(this.address, current.text, current.options).catch(() => undefined);
  }
}

/** Caller keys on either protocol. */
export class BusHardwareCaller extends BusDevice implements HardwareCaller {
  readonly kind = 'caller' as const;
  private readonly listeners = new Listeners<[key: CallerKey]>();

  onKey(listener: (key: CallerKey) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  async signalRefusal(): Promise<void> {
    await this.bus.beep(this.address, REFUSAL_BEEPS);
  }

  protected handle(event: BusEvent): void {
    if (event.type === 'key') this.listeners.emitIsolated(event.key);
  }
}
