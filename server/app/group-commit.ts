/**
 * Group commit for the single writer. With synchronous=FULL every transaction costs an fsync, and the
 * fsync, not the SQL, bounds how many tickets a second the hub can issue. Changes queued in the same
 * event-loop turn (many kiosks pressing at once) therefore share ONE outer transaction: each runs in its
 * own savepoint (a nested better-sqlite3 transaction), so a refusal rolls back only that change; the
 * batch commits once; only then are the facts published and the callers resolved. Nothing is announced
 * or answered before it is durable, exactly as with `HubCore.commit`.
 */
import type { Db } from '../storage/db';
import type { StaffEvent } from '../protocol/events';

/** Enough to amortise the fsync many times over while keeping one batch's event-loop pause short. */
export const MAX_BATCH = 64;

/** One queued change: `run` executes inside the batch transaction and appends its facts to `pending`. */
interface Queued {
  readonly run: (now: number, pending: StaffEvent[]) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly item: Queued; readonly ok: true; readonly value: unknown } | { readonly item: Queued; readonly ok: false; readonly error: unknown };

export class GroupCommit {
  private queue: Queued[] = [];
  private isScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    /** Called once per committed batch with its facts in sequence order. */
    private readonly publish: (pending: readonly StaffEvent[]) => void,
    /** Called after any rollback, so in-memory caches of rows drop what SQLite undid. */
    private readonly onRollback: () => void = () => undefined,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  enqueue<T>(run: (now: number, pending: StaffEvent[]) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    // setImmediate runs after the poll phase: every request that arrived in this turn is queued by then.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.isScheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    const now = this.now();
    const pending: StaffEvent[] = [];
    const outcomes: Outcome[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) outcomes.push(this.runOne(item, now, pending));
      })();
    } catch (error) {
      // The shared commit (or SQLite itself) failed: nothing of the batch is durable, so nobody is told otherwise.
      this.onRollback();
      for (const item of batch) item.reject(error);
      return;
    }
    this.publish(pending);
    for (const outcome of outcomes) {
      if (outcome.ok) outcome.item.resolve(outcome.value);
      else outcome.item.reject(outcome.error);
    }
  }

  /** Runs one change in its own savepoint; a refusal rolls back that savepoint and its facts only. */
  private runOne(item: Queued, now: number, pending: StaffEvent[]): Outcome {
    const mine: StaffEvent[] = [];
    try {
      const value = this.db.transaction(() => item.run(now, mine))();
      pending.push(...mine);
      return { item, ok: true, value };
    } catch (error) {
      this.onRollback();
      // Some SQLite errors (disk full, I/O) abort the whole transaction, not just the savepoint: then the
      // batch cannot commit what came before either, and must fail as a whole.
      if (!this.db.inTransaction) throw error;
      return { item, ok: false, error };
    }
  }
}
