/**
 * Drives the window devices from the hub's facts and turns their presses into hub actions:
 * finish → arm the keypad (and the rating pad) for that visit; a call → the strip shows the number;
 * pause/close/idle → the strip's standing text; a keypad press → one rating; a caller key → a window verb,
 * and a refused one → two beeps on the caller and, on a strip that shows words, the reason for 2 s.
 * Devices follow the hub: after commit, never inside a transaction, and a failing device never blocks the hub.
 * The buses themselves are built in server/devices/ (the only place that knows links and simulators).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { HallConfigFile } from '../config-schema';
import type { StaffEvent } from '../protocol/events';
import { RATING_TAGS, type RatingTag, type WindowView } from '../protocol/model';
import type { CallerKey } from '../protocol/window-devices';
import { callerKeyCommand } from '../domain/caller-keys';
import { keypadTimeoutSeconds, pendingRatingOf, pendingSince, PendingRatings, type PendingRating } from '../domain/pending-ratings';
import { calledText, idleText, refusalText, type CallerRefusal } from '../domain/window-strip-text';
import type { DeviceHealth } from '../../drivers/device';
import { systemTimers, type HardwareCaller, type Rating, type RatingKeypad, type RatingLevel, type Timers, type WindowBus, type WindowStrip } from '../../drivers/window-bus/index';
import type { WindowDevicesRepo } from '../storage/window-devices-repo';
import type { Hub } from './hub';
import type { HubPorts } from './ports';
import { HubError } from './errors';
import { WindowStrips } from './window-strips';

/** What the window devices use of the hub: its clock, layout, read model, device health, facts and config. */
export type WindowDevicesPorts = Pick<HubPorts, 'time' | 'layout' | 'read' | 'devices' | 'bus' | 'config'>;
/** The hub's own use cases a device press runs: the same as the pages' (one write path, one set of rules). */
export type WindowDeviceActions = Pick<Hub, 'rateTicket' | 'windowCommandBatched'>;

export type WindowBusEntry = HallConfigFile['windowBuses'][number];

/** The far side of a simulated bus, so the demo (and tests) can "press" keys a person would press. */
export interface SimulatedDevices {
  /** A visitor presses a rating key; false if the device ignored it (not armed, or the level does not exist there). */
  rate(address: number, level: RatingLevel, reasons: readonly string[]): boolean;
  /** A clerk presses a caller key. */
  key(address: number, key: CallerKey): void;
  /** What the strip at this address shows now. */
  stripText(address: number): string | undefined;
  /** How many times the device at this address has beeped (a refused caller key beeps twice). */
  beeps(address: number): number;
}

export interface BuiltBus {
  readonly entry: WindowBusEntry;
  readonly bus: WindowBus;
  readonly simulated?: SimulatedDevices;
}

/** Builds one configured bus (server/devices/window-bus-factory.ts). */
export type BuildBus = (entry: WindowBusEntry) => Promise<BuiltBus>;

export interface Placed<D> {
  readonly device: D;
  readonly address: number;
  readonly simulated?: SimulatedDevices;
}

/** The devices of one window (at most one of each kind is driven; extra ones are reported but idle). */
export interface WindowSet {
  keypad?: Placed<RatingKeypad>;
  strip?: Placed<WindowStrip>;
  caller?: Placed<HardwareCaller>;
}

export class WindowDevices {
  readonly pending = new PendingRatings();
  private readonly sets = new Map<string, WindowSet>();
  private readonly buses: BuiltBus[] = [];
  private readonly cleanups: Array<() => void> = [];
  private readonly strips: WindowStrips;
  private log: FastifyBaseLogger | undefined;

  constructor(
    private readonly ports: WindowDevicesPorts,
    private readonly actions: WindowDeviceActions,
    readonly repo: WindowDevicesRepo,
    private readonly entries: readonly WindowBusEntry[],
    private readonly buildBus: BuildBus,
    timers: Timers = systemTimers,
  ) {
    this.strips = new WindowStrips((windowId) => this.sets.get(windowId)?.strip?.device, timers, () => this.log);
  }

  windowSet(windowId: string): Readonly<WindowSet> | undefined {
    return this.sets.get(windowId);
  }

  async start(log: FastifyBaseLogger): Promise<void> {
    this.log = log;
    this.cleanups.push(this.ports.bus.on('facts', (events) => events.forEach((event) => this.onFact(event))));
    this.restorePending();
    for (const entry of this.entries) {
      let built: BuiltBus;
      try {
        built = await this.buildBus(entry);
      } catch (error) {
        log.error({ err: error, bus: entry.id }, 'window bus could not be built');
        for (const d of entry.devices) this.report(d.id, d.kind, d.windowId, { status: 'error', code: 'bus-config', reason: (error as Error).message, since: this.ports.time.now() });
        continue;
      }
      this.buses.push(built);
      for (const d of entry.devices) this.place(built, d);
      // open() never rejects for missing hardware: a missing port is a health state, retried in the background.
      await built.bus.open().catch((error: unknown) => log.error({ err: error, bus: entry.id }, 'window bus did not open'));
    }
    for (const window of this.ports.read.windowViews()) this.showStanding(window);
    for (const windowId of this.sets.keys()) {
      const pending = this.pending.get(windowId, this.ports.time.now());
      if (pending) this.armKeypad(pending);
    }
  }

  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.strips.clear();
    await Promise.all(this.buses.splice(0).map((b) => b.bus.close().catch(() => undefined)));
    this.sets.clear();
  }

  private place(built: BuiltBus, d: WindowBusEntry['devices'][number]): void {
    const set = this.sets.get(d.windowId) ?? {};
    this.sets.set(d.windowId, set);
    const device = built.bus.keypads.get(d.id) ?? built.bus.strips.get(d.id) ?? built.bus.callers.get(d.id);
    if (!device) return;
    this.report(d.id, d.kind, d.windowId, device.health());
    this.cleanups.push(
      device.onHealth((health) => {
        this.report(d.id, d.kind, d.windowId, health);
        if (health.status === 'online' && device.kind === 'led-strip') this.redraw(d.windowId);
      }),
    );
    const placed = { address: d.address, simulated: built.simulated };
    if (device.kind === 'keypad' && !set.keypad) {
      set.keypad = { ...placed, device };
      this.cleanups.push(device.onRating((rating) => this.onKeypadRating(d.id, d.windowId, rating)));
    } else if (device.kind === 'led-strip' && !set.strip) {
      set.strip = { ...placed, device };
    } else if (device.kind === 'caller' && !set.caller) {
      set.caller = { ...placed, device };
      this.cleanups.push(device.onKey((key) => this.onCallerKey(d.id, d.windowId, key)));
    }
  }

  private report(id: string, kind: string, windowId: string, health: DeviceHealth): void {
    this.ports.devices.reportDevice({ id, kind, owner: windowId, status: health.status, code: health.code, reason: health.reason, since: health.since });
  }

  private onFact(event: StaffEvent): void {
    switch (event.type) {
      case 'ticket:updated': {
        const { ticket, reason } = event.data;
        if (reason !== 'finished' || !ticket.windowId || ticket.finishedAt === undefined) return;
        const pending = pendingRatingOf({ ticketId: ticket.id, number: ticket.number, windowId: ticket.windowId, finishedAt: ticket.finishedAt }, this.ports.config.policy);
        this.pending.set(pending);
        this.armKeypad(pending);
        return;
      }
      case 'rating:recorded': {
        // Rated elsewhere (pad, phone, or this keypad): withdraw the prompt so the visit is not rated twice.
        const windowId = this.pending.clearTicket(event.data.rating.ticketId);
        const keypad = windowId ? this.sets.get(windowId)?.keypad : undefined;
        keypad?.device.disarm().catch((error: unknown) => this.log?.warn({ err: error, windowId }, 'keypad disarm failed'));
        return;
      }
      case 'ticket:called':
        this.strips.show(event.data.call.windowId, calledText(event.data.call.number, event.data.call.windowNumber));
        return;
      case 'window:updated': {
        // While serving, the call text put up by ticket:called (same commit) stays.
        const text = idleText(event.data.window.state, event.data.window.number);
        if (text !== undefined) this.strips.show(event.data.window.id, text);
        return;
      }
      default:
        return;
    }
  }

  /** A restarted hub still owes the last visits their rating time: re-arm them. */
  private restorePending(): void {
    const policy = this.ports.config.policy;
    for (const visit of this.repo.unratedSince(pendingSince(this.ports.time.now(), policy))) this.pending.set(pendingRatingOf(visit, policy));
  }

  private armKeypad(pending: PendingRating): void {
    const keypad = this.sets.get(pending.windowId)?.keypad;
    if (!keypad) return;
    const window = this.ports.layout.windows.get(pending.windowId);
    const ticket = this.ports.read.tickets.get(pending.ticketId);
    const timeoutSeconds = keypadTimeoutSeconds(pending, this.ports.time.now());
    keypad.device
      .arm({ ticketId: pending.ticketId, ticketNumber: pending.number, windowNumber: window?.number ?? 0, staffNumber: ticket?.staffId, timeoutSeconds })
      .catch((error: unknown) => this.log?.warn({ err: error, windowId: pending.windowId, ticket: pending.number }, 'keypad could not be armed; the rating pad and phone still work'));
  }

  private onKeypadRating(deviceId: string, windowId: string, rating: Rating): void {
    const tags = rating.reasons.filter((r): r is RatingTag => (RATING_TAGS as readonly string[]).includes(r));
    try {
      this.actions.rateTicket({ kind: 'device', device: 'keypad', deviceId, windowId }, rating.ticketId, { score: rating.level, tags }, 'keypad');
    } catch (error) {
      // already-rated (the pad or phone was quicker) and rating-closed (too late) are normal outcomes.
      const level = error instanceof HubError ? 'info' : 'error';
      this.log?.[level]({ err: error, deviceId, windowId }, 'keypad rating not recorded');
    }
  }

  /**
   * Runs the window verb for a caller key, through the same batched write path as the clerk's page. A refusal
   * (a HubError, call-next finding nobody, a key with no hub action) is signalled on the device, since the
   * clerk is looking at the caller, not a screen.
   */
  private onCallerKey(deviceId: string, windowId: string, key: CallerKey): void {
    const command = callerKeyCommand(key, this.ports.layout.windowStatus(windowId).state);
    if (!command) {
      this.log?.info({ deviceId, windowId, key }, 'caller key has no hub action (transfer needs the window page)');
      this.signalRefusal(windowId, 'no-hub-action');
      return;
    }
    const { verb } = command;
    const caller = { kind: 'device', device: 'caller', deviceId, windowId } as const;
    Promise.resolve()
      .then(() => this.actions.windowCommandBatched(caller, windowId, command.verb, command.body))
      .then(
        (reply) => {
          // Only call-next answers null: nobody is waiting for this window.
          if (reply !== null) return;
          this.log?.info({ deviceId, windowId, verb }, 'caller key found nobody waiting');
          this.signalRefusal(windowId, 'nobody-waiting');
        },
        (error: unknown) => {
          const isHubError = error instanceof HubError;
          this.log?.[isHubError ? 'info' : 'error']({ err: error, deviceId, windowId, verb }, 'caller key refused');
          this.signalRefusal(windowId, isHubError ? error.code : 'internal');
        },
      );
  }

  /** Beeps the window's caller and, where its strip can show words, flashes the reason there. */
  private signalRefusal(windowId: string, refusal: CallerRefusal): void {
    const set = this.sets.get(windowId);
    set?.caller?.device.signalRefusal().catch((error: unknown) => this.log?.warn({ err: error, windowId }, 'caller could not signal the refusal'));
    if (set?.strip && !set.strip.device.isDigitsOnly) this.strips.flash(windowId, refusalText(refusal));
  }

  private showStanding(window: WindowView): void {
    const text = idleText(window.state, window.number);
    if (text !== undefined) this.strips.show(window.id, text);
    else if (window.current) this.strips.show(window.id, calledText(window.current.number, window.number));
  }

  private redraw(windowId: string): void {
    const window = this.ports.read.windowViews().find((w) => w.id === windowId);
    if (window) this.showStanding(window);
  }
}
