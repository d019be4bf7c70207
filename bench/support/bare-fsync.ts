/**
 * The baseline of figure 1 (and the per-commit cost other figures compare with): bare better-sqlite3,
 * WAL + synchronous=FULL like the hub, one single-row transaction per commit, on the same disk.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats';

export interface BareFsync {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** Commit timings gathered over one or more slices. */
export interface Timings {
  readonly samples: number[];
  elapsedMs: number;
}

export const newTimings = (): Timings => ({ samples: [], elapsedMs: 0 });

export function summarizeTimings(t: Timings): BareFsync {
  return {
    perSecond: (t.samples.length / t.elapsedMs) * 1000,
    p50Ms: percentile(t.samples, 50),
    p99Ms: percentile(t.samples, 99),
    meanMs: t.elapsedMs / t.samples.length,
  };
}

/** An open bare database, to be timed in slices between the hub's (figure 1 interleaves them). */
export class BareCommits {
  private readonly home: string;
  private readonly db: Database.Database;
  private readonly commit: (at: number) => void;

  constructor(dir = tmpdir()) {
    this.home = mkdtempSync(join(dir, 'hallq-bench-bare-'));
    this.db = new Database(join(this.home, 'bare.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, data TEXT NOT NULL)');
    const insert = this.db.prepare('INSERT INTO t (at, data) VALUES (?, ?)');
    const commit = this.db.transaction((at: number) => insert.run(at, 'x'.repeat(200)));
    this.commit = (at) => void commit(at);
  }

  /** `commits` single-row transactions, one after another, added to `into`. */
  run(commits: number, into: Timings = newTimings()): Timings {
    const started = performance.now();
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now();
      this.commit(Date.now());
      into.samples.push(performance.now() - t0);
    }
    into.elapsedMs += performance.now() - started;
    return into;
  }

  close(): void {
    this.db.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** One warmed, timed run: the JIT and the WAL file past its first growth, like the hub it is compared with. */
export function measureBareFsync(commits: number, dir = tmpdir()): BareFsync {
  const bare = new BareCommits(dir);
  try {
    bare.run(commits);
    return summarizeTimings(bare.run(commits));
  } finally {
    bare.close();
  }
}
