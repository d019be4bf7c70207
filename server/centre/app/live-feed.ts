/**
 * Pushes hall changes to this process's console streams. Any centre process may have stored the batch: it
 * NOTIFYs `hallq_centre` with the hall code, every process (this one too) hears it, reads that hall's glance
 * once and sends it to the streams allowed to see the hall. Reads of one hall are coalesced: while one is in
 * flight, further notifications only mark it to be read again once more.
 */
import type { HallGlance } from '../../protocol/centre';
import { canSeeHall, type Viewer } from '../domain/access';
import type { CentreLog } from './errors';

export interface LiveSubscriber {
  readonly viewer: Viewer;
  readonly tokenHash: string;
  send(event: string, data: unknown): void;
  close(): void;
}

export interface LiveFeedDeps {
  glance(hallCode: string): Promise<HallGlance | undefined>;
  hallCodes(): readonly string[];
  readonly log: CentreLog;
}

export class LiveFeed {
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private idle: Promise<void> = Promise.resolve();
  private pending = 0;
  private settle?: () => void;

  constructor(private readonly deps: LiveFeedDeps) {}

  get size(): number {
    return this.subscribers.size;
  }

  add(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => void this.subscribers.delete(subscriber);
  }

  hallChanged(hallCode: string): void {
    if (this.subscribers.size === 0) return;
    if (this.inFlight.has(hallCode)) {
      this.again.add(hallCode);
      return;
    }
    this.inFlight.add(hallCode);
    this.track(this.push(hallCode));
  }

  /** After the listening connection was lost: whatever changed meanwhile is read again. */
  refreshAll(): void {
    for (const code of this.deps.hallCodes()) this.hallChanged(code);
  }

  sessionEnded(tokenHash: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.tokenHash !== tokenHash) continue;
      subscriber.send('session-ended', {});
      subscriber.close();
      this.subscribers.delete(subscriber);
    }
  }

  /** Resolves when no read is in flight (tests, graceful close). */
  whenIdle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : this.idle;
  }

  closeAll(): void {
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
  }

  private async push(hallCode: string): Promise<void> {
    try {
      do {
        this.again.delete(hallCode);
        const glance = await this.deps.glance(hallCode);
        if (!glance) continue;
        for (const subscriber of this.subscribers) if (canSeeHall(subscriber.viewer, hallCode)) subscriber.send('hall', glance);
      } while (this.again.has(hallCode));
    } catch (error) {
      this.deps.log.warn({ err: error, hall: hallCode }, 'could not read a hall for the live stream');
    } finally {
      this.inFlight.delete(hallCode);
    }
  }

  private track(work: Promise<void>): void {
    if (this.pending === 0) this.idle = new Promise((resolve) => (this.settle = resolve));
    this.pending++;
    void work.finally(() => {
      this.pending--;
      if (this.pending === 0) this.settle?.();
    });
  }
}
