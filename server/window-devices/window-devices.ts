/**
 * Drives the window devices from the hub's facts and turns their presses into hub actions:
 * finish → arm the keypad (and the rating pad) for that visit; a call → the strip shows the number;
 * pause/close/idle → the strip's standing text; a keypad press → one rating; a caller key → a window verb.
 * Devices follow the hub: after commit, never inside a transaction, and a failing device never blocks the hub.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Hub } from '../app/hub';
import { HubError } from '../app/errors';
import type { StaffEvent } from '../protocol/events';
import type { WindowVerb } from '../protocol/http';
import { RATING_TAGS, type RatingTag, type WindowView } from '../protocol/model';
import type { DeviceHealth } from '../../drivers/device';
import type { CallerKey, HardwareCaller, Rating, RatingKeypad, WindowStrip } from '../../drivers/window-bus/index';
import { buildBus, type BuiltBus, type SimulatedDevices, type WindowBusEntry } from './bus-factory';
import { PendingRatings, type PendingRating } from './pending-ratings';
import { WindowDevicesRepo } from './window-devices-repo';
import { calledText, idleText } from './strip-text';

interface Placed<D> {
  readonly device: D;
  readonly address: number;
  readonly simulated?: SimulatedDevices;
}

/** The devices of one window (at most one of each kind is driven; extra ones are reported but idle). */
interface WindowSet {
  keypad?: Placed<RatingKeypad>;
  strip?: Placed<WindowStrip>;
  caller?: Placed<HardwareCaller>;
}

const KEY_VERBS: Partial<Record<CallerKey, WindowVerb>> = { 'call-next': 'call-next', 'recall': 'recall', 'no-show': 'no-show', 'finish': 'finish' };

export class WindowDevices {
  readonly pending = new PendingRatings();
  readonly repo: WindowDevicesRepo;
  private readonly sets = new Map<string, WindowSet>();
  private readonly buses: BuiltBus[] = [];
  private readonly cleanups: Array<() => void> = [];
  /** Strip writes are chained per strip so a slow bus can never show an older text after a newer one. */
  private readonly stripQueues = new Map<string, Promise<void>>();
  private log: FastifyBaseLogger | undefined;

  constructor(
    private readonly hub: Hub,
    private readonly entries: readonly WindowBusEntry[],
  ) {
    this.repo = new WindowDevicesRepo(hub.core.deps.db);
  }

  windowSet(windowId: string): Readonly<WindowSet> | undefined {
    return this.sets.get(windowId);
  }

  async start(log: FastifyBaseLogger): Promise<void> {
    this.log = log;
    this.cleanups.push(this.hub.bus.on('facts', (events) => events.forEach((event) => this.onFact(event))));
    this.restorePending();
    for (const entry of this.entries) {
      let built: BuiltBus;
      try {
        built = await buildBus(entry);
      } catch (error) {
        log.error({ err: error, bus: entry.id }, 'window bus could not be built');
        for (const d of entry.devices) this.report(d.id, d.kind, d.windowId, { status: 'error', code: 'bus-config', reason: (error as Error).message, since: this.hub.core.now() });
        continue;
      }
      this.buses.push(built);
      for (const d of entry.devices) this.place(built, d);
      // open() never rejects for missing hardware: a missing port is a health state, retried in the background.
      await built.bus.open().catch((error: unknown) => log.error({ err: error, bus: entry.id }, 'window bus did not open'));
    }
    for (const window of this.hub.snapshot().windows) this.showStanding(window);
    for (const windowId of this.sets.keys()) {
      const pending = this.pending.get(windowId, this.hub.core.now());
      if (pending) this.armKeypad(pending);
    }
  }

  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
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
    this.hub.core.reportDevice({ id, kind, owner: windowId, status: health.status, code: health.code, reason: health.reason, since: health.since });
  }

  private onFact(event: StaffEvent): void {
    switch (event.type) {
      case 'ticket:updated': {
        const { ticket, reason } = event.data;
        if (reason !== 'finished' || !ticket.windowId || ticket.finishedAt === undefined) return;
        const pending: PendingRating = {
          ticketId: ticket.id,
          number: ticket.number,
          windowId: ticket.windowId,
          finishedAt: ticket.finishedAt,
          deadline: ticket.finishedAt + this.hub.core.config.policy.ratingTimeoutSeconds * 1000,
        };
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
        this.showOnStrip(event.data.call.windowId, calledText(event.data.call.number, event.data.call.windowNumber));
        return;
      case 'window:updated': {
        // While serving, the call text put up by ticket:called (same commit) stays.
        const text = idleText(event.data.window.state, event.data.window.number);
        if (text !== undefined) this.showOnStrip(event.data.window.id, text);
        return;
      }
      default:
        return;
    }
  }

  /** A restarted hub still owes the last visits their rating time: re-arm them. */
  private restorePending(): void {
    const now = this.hub.core.now();
    const timeoutMs = this.hub.core.config.policy.ratingTimeoutSeconds * 1000;
    for (const visit of this.repo.unratedSince(now - timeoutMs)) {
      this.pending.set({ ticketId: visit.ticketId, number: visit.number, windowId: visit.windowId, finishedAt: visit.finishedAt, deadline: visit.finishedAt + timeoutMs });
    }
  }

  private armKeypad(pending: PendingRating): void {
    const keypad = this.sets.get(pending.windowId)?.keypad;
    if (!keypad) return;
    const window = this.hub.core.windows.get(pending.windowId);
    const ticket = this.hub.core.tickets.get(pending.ticketId);
    const timeoutSeconds = Math.max(1, Math.floor((pending.deadline - this.hub.core.now()) / 1000));
    keypad.device
      .arm({ ticketId: pending.ticketId, ticketNumber: pending.number, windowNumber: window?.number ?? 0, staffNumber: ticket?.staffId, timeoutSeconds })
      .catch((error: unknown) => this.log?.warn({ err: error, windowId: pending.windowId, ticket: pending.number }, 'keypad could not be armed; the rating pad and phone still work'));
  }

  private onKeypadRating(deviceId: string, windowId: string, rating: Rating): void {
    const tags = rating.reasons.filter((r): r is RatingTag => (RATING_TAGS as readonly string[]).includes(r));
    try {
      this.hub.rateTicket({ kind: 'device', device: 'keypad', deviceId, windowId }, rating.ticketId, { score: rating.level, tags }, 'keypad');
    } catch (error) {
      // already-rated (the pad or phone was quicker) and rating-closed (too late) are normal outcomes.
      const level = error instanceof HubError ? 'info' : 'error';
      this.log?.[level]({ err: error, deviceId, windowId }, 'keypad rating not recorded');
    }
  }

  private onCallerKey(deviceId: string, windowId: string, key: CallerKey): void {
    let verb = KEY_VERBS[key];
    let body: Record<string, unknown> = {};
    if (key === 'pause') {
      // One key toggles: the hall's callers have no separate resume key.
      const state = this.hub.core.windowStatus(windowId).state;
      verb = state === 'paused' ? 'resume' : 'pause';
      body = state === 'paused' ? {} : { reason: 'other' };
    }
    if (!verb) {
      this.log?.info({ deviceId, windowId, key }, 'caller key has no hub action (transfer needs the window page)');
      return;
    }
    try {
      this.hub.windowCommand({ kind: 'device', device: 'caller', deviceId, windowId }, windowId, verb, body);
    } catch (error) {
      const level = error instanceof HubError ? 'info' : 'error';
      this.log?.[level]({ err: error, deviceId, windowId, verb }, 'caller key refused');
    }
  }

  private showStanding(window: WindowView): void {
    const text = idleText(window.state, window.number);
    if (text !== undefined) this.showOnStrip(window.id, text);
    else if (window.current) this.showOnStrip(window.id, calledText(window.current.number, window.number));
  }

  private redraw(windowId: string): void {
    const window = this.hub.snapshot().windows.find((w) => w.id === windowId);
    if (window) this.showStanding(window);
  }

  private showOnStrip(windowId: string, text: string): void {
    const strip = this.sets.get(windowId)?.strip;
    if (!strip) return;
    const previous = this.stripQueues.get(windowId) ?? Promise.resolve();
    const next = previous.then(() => strip.device.show(text)).catch((error: unknown) => this.log?.warn({ err: error, windowId }, 'strip show failed'));
    this.stripQueues.set(windowId, next);
  }
}
