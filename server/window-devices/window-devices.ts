/**
 * Drives the window devices from the hub's facts and turns their presses into hub actions:
 * finish → arm the keypad (and the rating pad) for that visit; a call → the strip shows the number;
 * pause/close/idle → the strip's standing text; a keypad press → one rating; a caller key → a window verb,
 * and a refused one → two beeps on the caller and, on a strip that shows words, the reason for 2 s.
 * Devices follow the hub: after commit, never inside a transaction, and a failing device never blocks the hub.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Hub } from '../app/hub';
import { HubError } from '../app/errors';
import type { StaffEvent } from '../protocol/events';
import type { WindowVerb } from '../protocol/http';
import { RATING_TAGS, type RatingTag, type WindowView } from '../protocol/model';
import type { DeviceHealth } from '../../drivers/device';
import { realTimers, type CallerKey, type HardwareCaller, type Rating, type RatingKeypad, type Timers, type WindowStrip } from '../../drivers/window-bus/index';
import { buildBus, type BuiltBus, type SimulatedDevices, type WindowBusEntry } from './bus-factory';
import { PendingRatings, type PendingRating } from './pending-ratings';
import { WindowDevicesRepo } from './window-devices-repo';
import { calledText, idleText, refusalText, type CallerRefusal } from './strip-text';

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

/** How long a strip shows why a caller key was refused before it goes back to its text. */
export const REFUSAL_SHOW_MS = 2_000;

export class WindowDevices {
  readonly pending = new PendingRatings();
  readonly repo: WindowDevicesRepo;
  private readonly sets = new Map<string, WindowSet>();
  private readonly buses: BuiltBus[] = [];
  private readonly cleanups: Array<() => void> = [];
  /** Strip writes are chained per strip so a slow bus can never show an older text after a newer one. */
  private readonly stripQueues = new Map<string, Promise<void>>();
  /** The text each strip stands on (call, pause, welcome): what it goes back to after a refusal reason. */
  private readonly stripTexts = new Map<string, string>();
  /** The refusal reason a strip is showing; any newer text ends it, and only the latest one restores. */
  private readonly flashes = new Map<string, object>();
  private log: FastifyBaseLogger | undefined;

  constructor(
    private readonly hub: Hub,
    private readonly entries: readonly WindowBusEntry[],
    private readonly timers: Timers = realTimers,
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
    this.flashes.clear();
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

  /**
   * Runs the window verb for a caller key. A refusal (a HubError, call-next finding nobody, a key with
   * no hub action) is signalled on the device, since the clerk is looking at the caller, not a screen.
   */
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
      this.signalRefusal(windowId, 'no-hub-action');
      return;
    }
    let reply: ReturnType<Hub['windowCommand']>;
    try {
      reply = this.hub.windowCommand({ kind: 'device', device: 'caller', deviceId, windowId }, windowId, verb, body);
    } catch (error) {
      const isHubError = error instanceof HubError;
      this.log?.[isHubError ? 'info' : 'error']({ err: error, deviceId, windowId, verb }, 'caller key refused');
      this.signalRefusal(windowId, isHubError ? error.code : 'internal');
      return;
    }
    // Only call-next answers null: nobody is waiting for this window.
    if (reply === null) {
      this.log?.info({ deviceId, windowId, verb }, 'caller key found nobody waiting');
      this.signalRefusal(windowId, 'nobody-waiting');
    }
  }

  /** Beeps the window's caller and, where its strip can show words, flashes the reason there. */
  private signalRefusal(windowId: string, refusal: CallerRefusal): void {
    const set = this.sets.get(windowId);
    set?.caller?.device.signalRefusal().catch((error: unknown) => this.log?.warn({ err: error, windowId }, 'caller could not signal the refusal'));
    if (set?.strip && !set.strip.device.isDigitsOnly) this.flashOnStrip(windowId, refusalText(refusal));
  }

  /** Shows `text` for REFUSAL_SHOW_MS, then the strip's standing text, unless a newer text came first. */
  private flashOnStrip(windowId: string, text: string): void {
    const flash = {};
    this.flashes.set(windowId, flash);
    void this.writeStrip(windowId, (strip) => strip.show(text))
      .then(() => new Promise<void>((resolve) => this.timers.schedule(resolve, REFUSAL_SHOW_MS)))
      .then(() => {
        if (this.flashes.get(windowId) !== flash) return;
        this.flashes.delete(windowId);
        const standing = this.stripTexts.get(windowId);
        void this.writeStrip(windowId, (strip) => (standing === undefined ? strip.clear() : strip.show(standing)));
      });
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
    this.stripTexts.set(windowId, text);
    // A newer text replaces a refusal reason at once; the reason's timer then restores nothing.
    this.flashes.delete(windowId);
    void this.writeStrip(windowId, (strip) => strip.show(text));
  }

  /** Queues one write behind the strip's earlier ones; resolves when it is done or has failed (logged). */
  private writeStrip(windowId: string, write: (strip: WindowStrip) => Promise<void>): Promise<void> {
    const strip = this.sets.get(windowId)?.strip;
    if (!strip) return Promise.resolve();
    const previous = this.stripQueues.get(windowId) ?? Promise.resolve();
    const next = previous.then(() => write(strip.device)).catch((error: unknown) => this.log?.warn({ err: error, windowId }, 'strip show failed'));
    this.stripQueues.set(windowId, next);
    return next;
  }
}
