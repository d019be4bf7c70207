/**
 * Writes to the windows' LED strips (窗口屏): one queue per strip, so a slow bus can never show an older
 * text after a newer one, and a refusal reason shown for REFUSAL_SHOW_MS before the strip goes back to
 * the text it stands on (the call, the pause, the welcome). A failing strip is logged, never thrown.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Timers, WindowStrip } from '../../drivers/window-bus/index';

/** How long a strip shows why a caller key was refused before it goes back to its text. */
export const REFUSAL_SHOW_MS = 2_000;

export class WindowStrips {
  private readonly queues = new Map<string, Promise<void>>();
  /** The text each strip stands on: what it goes back to after a refusal reason. */
  private readonly standing = new Map<string, string>();
  /** The refusal reason a strip is showing; any newer text ends it, and only the latest one restores. */
  private readonly flashes = new Map<string, object>();

  constructor(
    private readonly stripOf: (windowId: string) => WindowStrip | undefined,
    private readonly timers: Timers,
    private readonly log: () => FastifyBaseLogger | undefined,
  ) {}

  /** Puts up the window's standing text. A newer text replaces a refusal reason at once. */
  show(windowId: string, text: string): void {
    this.standing.set(windowId, text);
    // The reason's timer then restores nothing.
    this.flashes.delete(windowId);
    void this.write(windowId, (strip) => strip.show(text));
  }

  /** Shows `text` for REFUSAL_SHOW_MS, then the strip's standing text, unless a newer text came first. */
  flash(windowId: string, text: string): void {
    const flash = {};
    this.flashes.set(windowId, flash);
    void this.write(windowId, (strip) => strip.show(text))
      .then(() => new Promise<void>((resolve) => this.timers.schedule(resolve, REFUSAL_SHOW_MS)))
      .then(() => {
        if (this.flashes.get(windowId) !== flash) return;
        this.flashes.delete(windowId);
        const standing = this.standing.get(windowId);
        void this.write(windowId, (strip) => (standing === undefined ? strip.clear() : strip.show(standing)));
      });
  }

  /** Forgets pending refusal reasons (the hub is stopping). */
  clear(): void {
    this.flashes.clear();
  }

  /** Queues one write behind the strip's earlier ones; resolves when it is done or has failed (logged). */
  private write(windowId: string, write: (strip: WindowStrip) => Promise<void>): Promise<void> {
    const strip = this.stripOf(windowId);
    if (!strip) return Promise.resolve();
    const previous = this.queues.get(windowId) ?? Promise.resolve();
    const next = previous.then(() => write(strip)).catch((error: unknown) => this.log()?.warn({ err: error, windowId }, 'strip show failed'));
    this.queues.set(windowId, next);
    return next;
  }
}
