/**
 * Start-up after a crash or a bad disk (issue #7): the hub checks its database before serving. A corrupt,
 * unreadable or newer-schema database stops it with a message for the operator and exit code 3 — never a
 * silent fresh start over the hall's records — and the file is left untouched for recovery.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseError, markCleanShutdown, openDatabase } from '../../server/storage/db';
import { MIGRATIONS } from '../../server/storage/migrations';
import { killHard, sleep, spawnHub, waitReady } from '../crash/hub-process';

const root = mkdtempSync(join(tmpdir(), 'hallq-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dataDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A real hall database with some rows, then closed: the starting point for damage. */
function goodDatabase(dir: string): string {
  const file = join(dir, 'hallq.db');
  const db = openDatabase(file);
  const insert = db.prepare("INSERT INTO events (at, actor, type, data) VALUES (?, 'test', 'notices:updated', ?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(i, JSON.stringify({ notices: ['x'.repeat(200)] }));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** Scribbles over pages in the middle of the events table: the header stays valid, the b-tree does not. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  for (let offset = 8192; offset < size - 4096; offset += 16384) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, offset);
  closeSync(fd);
}

function cleanMark(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'clean_shutdown'").get() as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

async function startAndFail(dir: string): Promise<{ code: number | null; stderr: string }> {
  const hub = await spawnHub(dir);
  const code = await hub.exited;
  return { code, stderr: hub.stderr() };
}

describe('the real hub refuses a bad database at start', () => {
  it('a file that is not a database: exit 3, a clear message, the file untouched', async () => {
    const dir = dataDir('garbage');
    const file = join(dir, 'hallq.db');
    writeFileSync(file, Buffer.from('these are not the tickets you are looking for\n'.repeat(500)));
    const before = readFileSync(file);
    const result = await startAndFail(dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/hallq\.db/);
    expect(result.stderr).toMatch(/backup/i);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);

  it('a database from a newer hallq: exit 3, told to upgrade, the file untouched', async () => {
    const dir = dataDir('newer');
    const file = goodDatabase(dir);
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    const before = readFileSync(file);
    const result = await startAndFail(dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/newer than this hallq/);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);
});

describe('openDatabase checks before it migrates', () => {
  it('refuses a database whose pages were damaged on disk', () => {
    const file = goodDatabase(dataDir('damaged'));
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    // Scribble over pages in the middle of the events table: the header stays valid, the b-tree does not.
    for (let offset = 8192; offset < size - 4096; offset += 16384) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, offset);
    closeSync(fd);
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    expect(() => openDatabase(file)).toThrow(/integrity check|unreadable|malformed|Restore it from a backup/);
  });

  it('refuses a path it cannot open as a file', () => {
    const dir = dataDir('directory');
    mkdirSync(join(dir, 'hallq.db'));
    expect(() => openDatabase(join(dir, 'hallq.db'))).toThrow(DatabaseError);
  });

  it('opens a database left with a hot WAL by a crash, with everything committed in it', () => {
    const dir = dataDir('hot-wal');
    const file = goodDatabase(dir);
    const writer = openDatabase(file);
    writer.prepare("INSERT INTO meta (key, value) VALUES ('after-crash', 'kept')").run();
    // No close and no checkpoint: the row lives only in hallq.db-wal, as after a SIGKILL.
    const reopened = openDatabase(file);
    expect(reopened.prepare("SELECT value FROM meta WHERE key = 'after-crash'").get()).toEqual({ value: 'kept' });
    reopened.close();
    writer.close();
  });
});

/**
 * Issue 20: the whole-file check no longer runs at every start (it made start-up grow with the file), only when
 * the last hub did not close the database gracefully. These show both halves: the mark is written by a clean
 * stop and consumed by the next open, and without it (SIGKILL, power cut) damage is still refused.
 */
describe('the start-up check runs after an unclean shutdown', () => {
  it('a graceful stop (SIGTERM) leaves the clean-shutdown mark; the next open consumes it', async () => {
    const dir = dataDir('clean-stop');
    const file = goodDatabase(dir);
    expect(cleanMark(file)).toBeUndefined();
    const hub = await spawnHub(dir);
    await waitReady(hub);
    // The SIGTERM handler is installed once main() has printed where the hall runs.
    while (!hub.output().includes('kiosk ')) await sleep(50);
    // While the hub runs there is no mark: a crash now must lead to a check.
    expect(cleanMark(file)).toBeUndefined();
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    expect(cleanMark(file)).toBe('1');
    openDatabase(file).close();
    expect(cleanMark(file)).toBeUndefined();
  }, 120_000);

  it('after a SIGKILL the next start checks the whole file and refuses damage with exit 3', async () => {
    const dir = dataDir('killed');
    const file = goodDatabase(dir);
    const hub = await spawnHub(dir);
    await waitReady(hub);
    await killHard(hub);
    expect(cleanMark(file)).toBeUndefined();
    damage(file);
    const result = await startAndFail(dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/integrity check|unreadable|malformed/);
    // Not replaced by a fresh database. (Closing folds the killed hub's WAL into the file: committed frames only.)
    expect(statSync(file).size).toBeGreaterThan(100_000);
  }, 120_000);

  it('a process that opens a cleanly closed file and dies without closing leaves no mark behind', () => {
    const file = goodDatabase(dataDir('opened-then-died'));
    const first = openDatabase(file);
    markCleanShutdown(first);
    first.close();
    // The next opener takes the mark; it then "dies" (closes without marking), as any crash would.
    openDatabase(file).close();
    damage(file);
    expect(() => openDatabase(file)).toThrow(DatabaseError);
  });
});
