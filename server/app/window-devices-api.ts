/**
 * The use cases behind the window devices' routes: the clerk's own day, the rating pad's state and press,
 * and the demo hall's presses on simulated devices. Who may do what is decided here; the routes only
 * authenticate, call, and render.
 */
import type { RatingBody } from '../protocol/http';
import type { CallerKey, PadState, RatingPadReply, WindowTodayReply } from '../protocol/window-devices';
import { padSecondsLeft, padTicketFor } from '../domain/pending-ratings';
import type { RatingLevel } from '../../drivers/window-bus/index';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { WindowDeviceActions, WindowDevices, WindowDevicesPorts } from './window-devices';

export class WindowDevicesApi {
  constructor(
    private readonly ports: Pick<WindowDevicesPorts, 'time' | 'layout'>,
    private readonly actions: Pick<WindowDeviceActions, 'rateTicket'>,
    private readonly devices: WindowDevices,
    private readonly isDemo: boolean,
  ) {}

  /** 我的今日: the signed-in clerk's figures and the window's last finished visit. */
  today(actor: Actor, windowId: string): WindowTodayReply {
    if (actor.kind !== 'staff') throw new HubError('unauthenticated', 'Sign in as staff first.');
    const window = this.ports.layout.window(windowId);
    const day = this.ports.time.today();
    const { repo, pending } = this.devices;
    const last = repo.lastFinished(window.id, day);
    const awaiting = pending.get(window.id, this.ports.time.now());
    return {
      day,
      figures: repo.clerkDay(day, actor.username),
      ...(last && {
        lastFinished: {
          ticketId: last.ticketId,
          number: last.number,
          serviceId: last.serviceId,
          finishedAt: last.finishedAt,
          rating: repo.ratingOf(last.ticketId),
          isAwaitingRating: awaiting?.ticketId === last.ticketId,
        },
      }),
    };
  }

  /** What the tablet facing the visitor shows: public, only the ticket number. */
  padState(windowId: string): PadState {
    const window = this.ports.layout.window(windowId);
    const now = this.ports.time.now();
    const pending = this.devices.pending.get(window.id, now);
    return {
      windowId: window.id,
      windowNumber: window.number,
      windowName: window.name,
      isArmed: pending !== undefined,
      number: pending?.number,
      secondsLeft: pending ? padSecondsLeft(pending, now) : undefined,
      // In the demo the pads' tokens are published (demo-pad-<window number>), so the page can use them.
      isDemo: this.isDemo,
    };
  }

  /** A press on the rating pad: only the pad registered at this window, only the visit it showed. */
  rateOnPad(pad: Actor, windowId: string, number: string, rating: RatingBody): RatingPadReply {
    const window = this.ports.layout.window(windowId);
    // Only the pad registered at this window may rate its visits: the number is on the public display.
    if (pad.kind !== 'device' || pad.windowId !== window.id) {
      throw new HubError(
        pad.kind === 'public' ? 'unauthenticated' : 'forbidden',
        `This rating pad is not registered for window ${window.number}. Open /rate?window=${window.number}&token=<pad token> once on the tablet.`,
      );
    }
    const pending = this.devices.pending.get(window.id, this.ports.time.now());
    // Without a pending visit, a retry whose first answer was lost may still name the last finished one.
    const last = pending ? undefined : this.devices.repo.lastFinished(window.id, this.ports.time.today());
    const ticketId = padTicketFor(number, pending, last);
    if (!ticketId) throw new HubError('rating-closed', `There is no visit to rate at window ${window.number} right now.`);
    const recorded = this.actions.rateTicket(pad, ticketId, rating, 'pad');
    return { number: recorded.number, score: recorded.score };
  }

  /** Demo: a visitor presses a level on the window's simulated keypad; false when the keypad ignored it. */
  pressKeypad(windowId: string, level: RatingLevel, reasons: readonly string[]): boolean {
    const keypad = this.simulated(windowId, 'keypad');
    return keypad.simulated.rate(keypad.address, level, reasons);
  }

  /** Demo: the clerk presses a key on the window's simulated caller. */
  pressCaller(windowId: string, key: CallerKey): void {
    const caller = this.simulated(windowId, 'caller');
    caller.simulated.key(caller.address, key);
  }

  callerBeeps(windowId: string): number {
    const caller = this.simulated(windowId, 'caller');
    return caller.simulated.beeps(caller.address);
  }

  stripText(windowId: string): string | null {
    const strip = this.simulated(windowId, 'strip');
    return strip.simulated.stripText(strip.address) ?? null;
  }

  private simulated(windowId: string, kind: 'keypad' | 'caller' | 'strip') {
    const window = this.ports.layout.window(windowId);
    const placed = this.devices.windowSet(window.id)?.[kind];
    if (!placed?.simulated) throw new HubError('not-found', `Window ${window.number} has no simulated ${kind}.`);
    return { address: placed.address, simulated: placed.simulated };
  }
}
