/**
 * What the clerk page asks the hub for besides its stream: the window's queue in call order (GET
 * /api/windows/:id/queue) and the clerk's day (GET /api/windows/:id/today). Each ask is debounced, since
 * facts come in bursts, and an answer for a session that has since ended is dropped.
 */
import { ApiError } from '../../ui-client/hub-client';
import { call } from '../../ui-client/api';
import { windowDevicesRoutes } from '../../server/protocol/routes/window-devices';
import { windowQueueRoutes } from '../../server/protocol/routes/window-queue';
import type { StaffEvent } from '../../server/protocol/events';
import type { DeskUpdate } from './state';

/** Weighted waits change as time passes, so the hub's order is asked again at least this often. */
export const QUEUE_REFRESH_MS = 15_000;
/** While the last visitor's rating is awaited, the page asks this often whether the pad gave up. */
export const RATING_REFRESH_MS = 10_000;
/** Facts after which the call order may have changed. */
export const QUEUE_FACTS: ReadonlySet<StaffEvent['type']> = new Set(['ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated', 'window:released', 'config:updated', 'day:rolled']);

export interface RefreshSession {
  readonly token: string;
  readonly windowId: string;
}

export interface RefreshHooks {
  session(): RefreshSession | undefined;
  dispatch(update: DeskUpdate): void;
  /** A refusal of the ask: the page signs out when the session is gone. */
  failed(error: ApiError): void;
}

export class DeskRefresh {
  private queueTimer: ReturnType<typeof setTimeout> | undefined;
  private todayTimer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private lastTodayAt = 0;

  constructor(private readonly hooks: RefreshHooks) {}

  /** Starts the periodic ask for the queue (time passing changes weighted waits). */
  start(): void {
    this.stop();
    this.poller = setInterval(() => this.queue(0), QUEUE_REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.poller);
    clearTimeout(this.queueTimer);
    clearTimeout(this.todayTimer);
  }

  /** The window's waiting list in the hub's call order (what call-next takes). */
  queue(delayMs = 100): void {
    clearTimeout(this.queueTimer);
    this.queueTimer = setTimeout(() => {
      const current = this.hooks.session();
      if (!current) return;
      call(windowQueueRoutes.queue, { params: { windowId: current.windowId } }, { token: current.token }).then(
        (queue) => this.hooks.session() === current && this.hooks.dispatch({ type: 'queue', queue, localNow: Date.now() }),
        (error: unknown) => error instanceof ApiError && this.hooks.failed(error),
      );
    }, delayMs);
  }

  /** The clerk's figures and the last visit's rating: asked again whenever they may have changed. */
  today(): void {
    clearTimeout(this.todayTimer);
    this.todayTimer = setTimeout(() => {
      const current = this.hooks.session();
      if (!current) return;
      this.lastTodayAt = Date.now();
      call(windowDevicesRoutes.today, { params: { windowId: current.windowId } }, { token: current.token }).then(
        (today) => this.hooks.session() === current && this.hooks.dispatch({ type: 'today', today }),
        (error: unknown) => error instanceof ApiError && this.hooks.failed(error),
      );
    }, 150);
  }

  /** While a rating is awaited: asks again now and then, so 「等待评价…」 ends when the pad gave up. */
  todayIfAwaitingRating(isAwaiting: boolean): void {
    if (isAwaiting && Date.now() - this.lastTodayAt > RATING_REFRESH_MS) this.today();
  }
}
