/**
 * Upgrades: a newer hallq migrates a database made by every earlier schema version forward on open, keeping
 * its rows; a database newer than this hallq is refused, and `hallq start` on it exits non-zero.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DatabaseError, openDatabase, schemaVersion } from '../../server/storage/db';
import { MIGRATIONS } from '../../server/storage/migrations';
import { initHall, runHallq, tempDir } from '../cli/run-hallq';

const temp = tempDir('hallq-upgrade-');
afterAll(() => temp.remove());
const N = MIGRATIONS.length;

/** A database as hallq at schema version k left it: migrations 1..k, and rows where the schema has tables. */
function databaseAtVersion(file: string, k: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < k; v++) {
    db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${v + 1}`);
  }
  // Migration 1 made these tables; later migrations may add columns but must keep these rows.
  if (k >= 1) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('made-by-version', ?)").run(String(k));
    db.prepare("INSERT INTO staff (username, name, role, password_hash) VALUES ('clerk1', '王芳', 'clerk', 'scrypt$old')").run();
    db.prepare(
      `INSERT INTO tickets (id, day, service_id, seq, number, priority, status, track_token, arrived_at, issued_at)
       VALUES ('t1', '2026-03-02', 'general', 1, 'A001', 'normal', 'waiting', 'trk', 1, 1)`,
    ).run();
    db.prepare("INSERT INTO events (at, actor, type, data) VALUES (1, 'system', 'ticket:issued', '{}')").run();
    db.prepare("INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES ('issue:kiosk:k1', 'key-0001', 'h', 200, '{\"number\":\"A001\"}', 1)").run();
  }
  db.close();
}

describe('database upgrades', { timeout: 120_000 }, () => {
  test.each(Array.from({ length: N }, (_, k) => k))('a database at schema version %i reaches the current version with its rows', (k) => {
    const file = join(temp.dir, `v${k}.db`);
    databaseAtVersion(file, k);
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(N);
      if (k >= 1) {
        expect(db.prepare("SELECT value FROM meta WHERE key = 'made-by-version'").pluck().get()).toBe(String(k));
        expect(db.prepare("SELECT name FROM staff WHERE username = 'clerk1'").pluck().get()).toBe('王芳');
        expect(db.prepare("SELECT number FROM tickets WHERE id = 't1'").pluck().get()).toBe('A001');
        expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
        expect(db.prepare("SELECT response FROM idempotency WHERE key = 'key-0001' AND scope = 'issue:kiosk:k1'").pluck().get()).toBe('{"number":"A001"}');
        expect(db.prepare('SELECT seq FROM events').pluck().get()).toBe(1);
      }
      // Migration 5: the log stays append-only, and nothing rewrites sqlite_sequence on each commit.
      db.prepare("INSERT INTO events (seq, at, actor, type, data) VALUES (2, 2, 'system', 'notices:updated', '{}')").run();
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE events SET actor = 'x'").run()).toThrow(/append-only/);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events'").pluck().get()).not.toMatch(/AUTOINCREMENT/i);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'idempotency'").pluck().get()).toMatch(/WITHOUT ROWID/i);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  test('a database newer than this hallq is refused with a message for the operator', () => {
    const file = join(temp.dir, 'future.db');
    databaseAtVersion(file, N);
    const db = new Database(file);
    db.pragma(`user_version = ${N + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    expect(() => openDatabase(file)).toThrow(`schema version ${N + 1}, newer than this hallq (${N})`);
    // Refused, not "repaired": the file still says N+1.
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(N + 1);
    after.close();
  });

  test('hallq start on a newer database exits non-zero and says why', async () => {
    const dataDir = join(temp.dir, 'future-hall');
    const { configPath } = await initHall(join(temp.dir, 'etc'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    databaseAtVersion(join(dataDir, 'hallq.db'), N);
    const db = new Database(join(dataDir, 'hallq.db'));
    db.pragma(`user_version = ${N + 1}`);
    db.close();
    const result = await runHallq(['start', '--config', configPath, '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('newer than this hallq');
  });
});
