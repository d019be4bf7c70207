/**
 * Progress of the long database steps (issue 20): `hallq restore` (check, then copy), `hallq export` (rows read),
 * and the hub's start after an unclean shutdown on a database one schema behind (the whole-file check, each
 * migration), on stderr and, summed up, in the hub's log. Databases here are made big enough (~40 MiB, 5,000
 * tickets) for a step to take several reports; what is asserted is that the lines appear, never how fast.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/storage/db';
import { MIGRATIONS } from '../../server/storage/migrations';
import { runHallq, startHallq, tempDir } from './run-hallq';

const temp = tempDir('hallq-progress-');
afterAll(() => temp.remove());
const FILLER_MIB = 40;

/** A hall database padded with FILLER_MIB MiB of blobs, closed without the hub's clean-shutdown mark. */
function paddedDatabase(dir: string): string {
  const file = join(dir, 'hallq.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE filler (b BLOB)');
  const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(1048576))');
  db.transaction(() => {
    for (let i = 0; i < FILLER_MIB; i++) insert.run();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** Waits for a state, not for a time (the test's own timeout bounds it). */
async function until(isTrue: () => boolean): Promise<void> {
  while (!isTrue()) await sleep(20);
}

const percentLines = (text: string, what: string): string[] => text.split('\n').filter((line) => new RegExp(`${what} \\d0 %$`).test(line));

describe('progress lines', { timeout: 180_000 }, () => {
  test('hallq restore announces the check of a big backup and prints the copy in percent', async () => {
    const backup = paddedDatabase(join(temp.dir, 'backup'));
    const result = await runHallq(['restore', backup, '--data-dir', join(temp.dir, 'restored')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`restore: checking the backup (${FILLER_MIB} MiB)`);
    expect(percentLines(result.stderr, 'restore: copying').length).toBeGreaterThan(1);
    const db = new Database(join(temp.dir, 'restored', 'hallq.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(FILLER_MIB);
    db.close();
  });

  test('hallq export prints the tickets read in percent, then what it writes', async () => {
    const dataDir = join(temp.dir, 'export');
    const db = openDatabase(join(dataDir, 'hallq.db'));
    const insert = db.prepare(
      `INSERT INTO tickets (id, day, service_id, seq, number, priority, status, track_token, arrived_at, issued_at, call_count)
       VALUES (?, '2026-03-02', 'general', ?, ?, 'normal', 'waiting', ?, ?, ?, 0)`,
    );
    const nine = Date.parse('2026-03-02T01:00:00Z');
    db.transaction(() => {
      for (let i = 1; i <= 5000; i++) insert.run(`t${i}`, i, `A${i}`, `trk${i}`, nine + i, nine + i);
    })();
    db.close();
    const out = join(temp.dir, 'tickets.csv');
    const result = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-02', '--out', out, '--data-dir', dataDir]);
    expect(result.status).toBe(0);
    expect(percentLines(result.stderr, 'export: reading tickets').length).toBeGreaterThan(1);
    expect(result.stderr).toContain('export: writing 5000 tickets as CSV');
    expect(result.stderr).toContain('Wrote 5000 ticket(s)');
  });

  test('hallq start after an unclean shutdown on an older schema: the check in percent, each migration, a summary in the log', async () => {
    const dataDir = join(temp.dir, 'start');
    // Two migrations behind: the first ones applied as an older hallq left them, then padded; no clean-shutdown mark.
    const behind = MIGRATIONS.length - 2;
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(join(dataDir, 'hallq.db'));
    old.pragma('journal_mode = WAL');
    for (let version = 0; version < behind; version++) old.exec(MIGRATIONS[version] ?? '');
    old.pragma(`user_version = ${behind}`);
    old.exec('CREATE TABLE filler (b BLOB)');
    const insert = old.prepare('INSERT INTO filler (b) VALUES (randomblob(1048576))');
    for (let i = 0; i < FILLER_MIB; i++) insert.run();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();

    const hub = await startHallq(['--demo', '--data-dir', dataDir], 120_000, { HALLQ_LOG_LEVEL: 'info', HALLQ_LOG_FORMAT: 'json' });
    try {
      // stderr and stdout are two pipes: wait until the log's last line of the open has arrived too.
      await until(() => hub.output().includes('database schema upgraded'));
      const output = hub.output();
      expect(output).toMatch(/hallq: integrity check after an unclean shutdown: reading 4\d MiB/);
      expect(percentLines(output, 'hallq: integrity check:').length).toBeGreaterThan(1);
      expect(output).toMatch(/hallq: integrity check: ok \(4\d MiB in [\d.]+ s\)/);
      expect(output).toContain(`hallq: database upgrade: migration 1 of 2 (schema ${behind} → ${MIGRATIONS.length})`);
      expect(output).toContain(`hallq: database upgrade: migration 2 of 2 (schema ${behind} → ${MIGRATIONS.length})`);
      const logged = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg?: string; bytes?: number; from?: number; to?: number });
      expect(logged.find((l) => l.msg === 'integrity check after an unclean shutdown: ok')?.bytes).toBeGreaterThan(FILLER_MIB * 2 ** 20);
      expect(logged.find((l) => l.msg === 'database schema upgraded')).toMatchObject({ from: behind, to: MIGRATIONS.length });
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
});
