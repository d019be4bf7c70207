import type { ByteLink, Unsubscribe } from '../device';
import { Backoff, type BackoffOptions } from '../backoff';
import { systemTimers, type Timers } from '../timers';

/** Callbacks of a {@link LinkSupervisor}. Both may be called many times over a process lifetime. */
export interface LinkSupervisorHandlers {
  /** The link (re)opened: the devices behind it may answer again. */
  onUp(): void;
  /** The link is gone (open failed, cable pulled). The supervisor is already retrying. */
  onDown(error?: Error): void;
}

/**
 * Keeps one ByteLink open: opens it, and whenever it closes without being asked to (USB cable
 * pulled, adapter reset) re-opens it with exponential back-off until it returns.
 * Never throws and never lets an error escape as an unhandled rejection: a missing port is a
 * health state, not a crash.
 */
export class LinkSupervisor {
  private running = false;
  private up = false;
  private cancelRetry: (() => void) | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private readonly backoff: Backoff;
  private readonly timers: Timers;

  constructor(
    private readonly link: ByteLink,
    private readonly handlers: LinkSupervisorHandlers,
    options: { backoff?: BackoffOptions; timers?: Timers } = {},
  ) {
    this.backoff = new Backoff(options.backoff);
    this.timers = options.timers ?? systemTimers;
  }

  /** True while the link is open and usable. */
  isUp(): boolean {
    return this.up;
  }

  /** Starts supervising; resolves after the first open attempt, whether it succeeded or not. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.link.onState((state, error) => {
      if (state === 'closed') this.handleLoss(error);
    });
    await this.attempt();
  }

  /** Stops retrying and closes the link. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.up = false;
    if (this.link.isOpen()) await this.link.close().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    this.cancelRetry = undefined;
    if (!this.running) return;
    try {
      await this.link.open();
    } catch (error) {
      this.handleLoss(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (!this.running) {
      await this.link.close().catch(() => undefined);
      return;
    }
    this.backoff.reset();
    this.up = true;
    this.handlers.onUp();
  }

  private handleLoss(error?: Error): void {
    const wasUp = this.up;
    this.up = false;
    if (!this.running) return;
    // Reported on every failed attempt; health trackers ignore repeats of the same state.
    if (wasUp || this.cancelRetry === undefined) this.handlers.onDown(error);
    if (this.cancelRetry) return;
    const delay = this.backoff.nextDelay();
    this.cancelRetry = this.timers.schedule(() => {
      // A handler that throws (onUp) is the owner's bug, not a reason to take the process down.
      void this.attempt().catch((error: unknown) => this.handleLoss(error instanceof Error ? error : new Error(String(error))));
    }, delay);
  }
}
