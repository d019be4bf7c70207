import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../server/cli/cmd-backup';
import { backupTo } from '../../server/storage/backup';

describe('backup progress', () => {
  it('reports the copied fraction of a real database, rising to 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-progress-'));
    try {
      const db = new Database(join(dir, 'big.db'));
      db.exec('CREATE TABLE t (x BLOB)');
      const insert = db.prepare('INSERT INTO t VALUES (randomblob(4000))');
      db.transaction(() => { for (let i = 0; i < 3000; i++) insert.run(); })();
      const seen: number[] = [];
      await backupTo(db, join(dir, 'copy.db'), (f) => seen.push(f));
      db.close();
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.at(-1)).toBe(1);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints each tenth once, on stderr', () => {
    const lines: string[] = [];
    const print = progressPrinter({ out: () => undefined, err: (l: string) => lines.push(l) } as never, 'backup');
    for (const f of [0, 0.05, 0.12, 0.5, 0.51, 0.99, 1]) print(f);
    expect(lines).toEqual(['backup 0 %', 'backup 10 %', 'backup 50 %', 'backup 90 %']);
  });
});
