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

export function measureBareFsync(commits: number, dir = tmpdir()): BareFsync {
  const home = mkdtempSync(join(dir, 'hallq-bench-bare-'));
  const db = new Database(join(home, 'bare.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (at, data) VALUES (?, ?)');
    const commit = db.transaction((at: number) => insert.run(at, 'x'.repeat(200)));
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now();
      commit(Date.now());
      samples.push(performance.now() - t0);
    }
    const elapsed = performance.now() - started;
    return { perSecond: (commits / elapsed) * 1000, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), meanMs: elapsed / commits };
  } finally {
    db.close();
    rmSync(home, { recursive: true, force: true });
  }
}
