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
import { DatabaseError, openDatabase } from '../../server/storage/db';
import { MIGRATIONS } from '../../server/storage/migrations';
import { spawnHub } from '../crash/hub-process';

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
