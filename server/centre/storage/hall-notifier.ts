/**
 * Tells every centre process (LISTEN hallq_centre) which halls changed, after their batches commit.
 *
 * Not inside the batch's transaction: PostgreSQL commits the transactions that NOTIFY one at a time (under
 * one global lock, through the WAL flush), which would turn fifty halls' parallel batches into a queue.
 * Instead the codes of committed batches are collected for a few milliseconds and sent in one small
 * statement. A process that dies in between loses only that nudge: the console takes a fresh snapshot
 * every 30 s anyway.
 */
import type { Pool } from './pool';
import { CENTRE_CHANNEL } from './ingest-repo';

export class HallNotifier {
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 10,
  ) {}

  /** `hallCode`'s batch has committed. */
  changed(hallCode: string): void {
    this.pending.add(hallCode);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.delayMs);
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const codes = [...this.pending];
    this.pending.clear();
    await this.pool.query(`SELECT pg_notify('${CENTRE_CHANNEL}', code) FROM unnest($1::text[]) AS code`, [codes]).catch(this.onError);
  }

  /** Sends what is pending now (graceful close). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
  }
}
