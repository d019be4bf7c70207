/** `hallq backup`, `hallq restore` and `hallq export` on a database with known tickets. */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/storage/db';
import { initHall, runHallq, tempDir } from './run-hallq';
import { manualBackupName } from '../../server/storage/backup';

const temp = tempDir();
afterAll(() => temp.remove());
const dataDir = join(temp.dir, 'data');
const MINUTE = 60_000;
// 2026-03-02 09:00 in Asia/Shanghai.
const NINE = Date.parse('2026-03-02T01:00:00Z');

/** A hall database with three tickets on two days, one rated; the visitor fields hold recognisable text. */
function seed(dir: string, label: string): void {
  const db = openDatabase(join(dir, 'hallq.db'));
  db.prepare("INSERT INTO staff (username, name, role, password_hash) VALUES ('clerk1', '王芳', 'clerk', 'scrypt$x')").run();
  const insert = db.prepare(
    `INSERT INTO tickets (id, day, service_id, seq, number, priority, status, track_token, arrived_at, issued_at, window_id, staff_id,
       called_at, first_called_at, call_count, finished_at, person_masked, name_masked)
     VALUES (?, ?, ?, ?, ?, 'normal', ?, 'trk', ?, ?, ?, ?, ?, ?, ?, ?, '1101********1234', '张*')`,
  );
  insert.run(`${label}-1`, '2026-03-02', 'general', 1, 'A001', 'done', NINE, NINE, 'w1', 'clerk1', NINE + 12 * MINUTE, NINE + 12 * MINUTE, 1, NINE + 20 * MINUTE);
  insert.run(`${label}-2`, '2026-03-02', 'social', 1, 'B001', 'no-show', NINE, NINE, 'w2', 'clerk1', NINE + 30 * MINUTE, NINE + 25 * MINUTE, 3, NINE + 31 * MINUTE);
  insert.run(`${label}-3`, '2026-03-03', 'general', 1, 'A001', 'waiting', NINE + 1440 * MINUTE, NINE + 1440 * MINUTE, null, null, null, null, 0, null);
  db.prepare(
    "INSERT INTO ratings (id, ticket_id, service_id, window_id, staff_id, score, channel, finished_at, rated_at) VALUES ('r1', ?, 'general', 'w1', 'clerk1', 5, 'keypad', ?, ?)",
  ).run(`${label}-1`, NINE + 20 * MINUTE, NINE + 21 * MINUTE);
  db.close();
}

function ticketIds(dir: string): string[] {
  const db = new Database(join(dir, 'hallq.db'), { readonly: true });
  try {
    return db.prepare<[], { id: string }>('SELECT id FROM tickets ORDER BY id').all().map((r) => r.id);
  } finally {
    db.close();
  }
}

beforeAll(() => seed(dataDir, 'live'));

describe('hallq export', { timeout: 120_000 }, () => {
  test('writes the tickets of the days asked for as CSV with Chinese headers and words, without visitor data', async () => {
    const out = join(temp.dir, 'march.csv');
    const result = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-02', '--out', out, '--data-dir', dataDir]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Wrote 2 ticket(s)');
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFF业务日期,号码,事项编号,事项,优先,状态,结束原因,')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('2026-03-02,A001,general,general,普通,已办结,,否,w1,,clerk1,王芳,2026-03-02 09:00:00,2026-03-02 09:12:00,2026-03-02 09:20:00,12,8,1,5,窗口评价器');
    expect(lines[2]).toContain(',过号,');
    expect(csv).not.toContain('1101');
    expect(csv).not.toContain('张');
  });

  test('--lang en writes English headers and words; --out x.xlsx writes a workbook with the same cells', async () => {
    const english = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-02', '--lang', 'en', '--data-dir', dataDir]);
    expect(english.status).toBe(0);
    const lines = english.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]?.startsWith('Day,Number,Service ID,Service,Priority,Status,Close reason,')).toBe(true);
    expect(lines[1]).toContain(',Normal,Done,,no,');
    expect(lines[1]?.endsWith(',Window keypad')).toBe(true);

    const out = join(temp.dir, 'march.xlsx');
    const result = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-03', '--out', out, '--data-dir', dataDir]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Wrote 3 ticket(s)');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('票据');
    expect(sheet?.getRow(1).getCell(1).value).toBe('业务日期');
    expect(sheet?.getRow(2).getCell(6).value).toBe('已办结');
    expect(sheet?.getRow(2).getCell(16).value).toBe(12);
    expect(sheet?.rowCount).toBe(4);

    const refused = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-02', '--format', 'xlsx', '--data-dir', dataDir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('needs --out');
    const badLang = await runHallq(['export', '--from', '2026-03-02', '--to', '2026-03-02', '--lang', 'fr', '--data-dir', dataDir]);
    expect(badLang.status).toBe(2);
  });

  test('bad dates are usage errors', async () => {
    const reversed = await runHallq(['export', '--from', '2026-03-05', '--to', '2026-03-01', '--data-dir', dataDir]);
    expect(reversed.status).toBe(2);
    expect(reversed.stderr).toContain('is after');
    const missing = await runHallq(['export', '--from', 'March', '--data-dir', dataDir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--from March is not a date');
  });
});

describe('hallq backup and restore', { timeout: 120_000 }, () => {
  test('backup copies the database; restore puts it back over another one and keeps that one', async () => {
    const backup = join(temp.dir, 'copy.db');
    const made = await runHallq(['backup', '--out', backup, '--data-dir', dataDir]);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(backup);

    const other = join(temp.dir, 'other');
    seed(other, 'other');
    // Uncheckpointed writes in hallq.db-wal, as a crashed hub leaves them: they belong to the old database and
    // must neither be lost from it nor be replayed onto the restored one.
    const crashed = new Database(join(other, 'hallq.db'));
    crashed.pragma('wal_autocheckpoint = 0');
    crashed.prepare("INSERT INTO meta (key, value) VALUES ('only-in-wal', 'yes')").run();
    const restored = await runHallq(['restore', backup, '--data-dir', other]);
    crashed.close();
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(ticketIds(other)).toEqual(['live-1', 'live-2', 'live-3']);
    const kept = readdirSync(other).find((n) => n.startsWith('hallq.db.before-restore-'));
    expect(kept).toBeDefined();
    const old = new Database(join(other, kept ?? ''), { readonly: true });
    expect(old.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('only-in-wal')).toBe('yes');
    old.close();
    const db = openDatabase(join(other, 'hallq.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  // Issue 19: `hallq backup` named its file by UTC time, the console by UTC in another format.
  test('names a backup by the hall-local date and time of its config, the same name the console gives', async () => {
    // A zone far from both UTC and the default Asia/Shanghai, so neither could pass for it.
    const { configPath } = await initHall(join(temp.dir, 'auckland'), (yaml) => yaml.replace('timeZone: Asia/Shanghai', 'timeZone: Pacific/Auckland'));
    const before = Date.now();
    const made = await runHallq(['backup', '--data-dir', dataDir, '--config', configPath]);
    const after = Date.now();
    expect(made.stderr.replace(/backup \d+ %\n?/g, '')).toBe('');
    expect(made.status).toBe(0);
    const name = readdirSync(join(dataDir, 'backups')).find((n) => n.startsWith('hallq-manual-'));
    expect(name).toMatch(/^hallq-manual-\d{4}-\d{2}-\d{2}-\d{6}\.db$/);
    const possible = new Set<string>();
    for (let at = before - 1000; at <= after + 1000; at += 500) possible.add(manualBackupName(at, 'Pacific/Auckland'));
    expect(possible).toContain(name);
    expect(manualBackupName(Date.parse('2026-03-02T01:00:00Z'), 'Pacific/Auckland')).toBe('hallq-manual-2026-03-02-140000.db');
    expect(manualBackupName(Date.parse('2026-03-02T01:00:00Z'), 'Asia/Shanghai')).toBe('hallq-manual-2026-03-02-090000.db');
  });

  test('restore refuses while a hub holds the data directory, and refuses a file that is not a hallq database', async () => {
    const backup = join(temp.dir, 'copy2.db');
    expect((await runHallq(['backup', '--out', backup, '--data-dir', dataDir])).status).toBe(0);
    // This test process stands in for the running hub: its pid is alive.
    writeFileSync(join(dataDir, 'hallq.pid'), `${process.pid}\n`);
    const refused = await runHallq(['restore', backup, '--data-dir', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`A hub (pid ${process.pid}) is running`);
    expect(readdirSync(dataDir).some((n) => n.includes('before-restore'))).toBe(false);

    const junk = join(temp.dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    writeFileSync(join(dataDir, 'hallq.pid'), '999999999\n');
    const bad = await runHallq(['restore', junk, '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not restored');
    expect(ticketIds(dataDir)).toEqual(['live-1', 'live-2', 'live-3']);
    expect(existsSync(join(dataDir, 'hallq.db'))).toBe(true);
  });
});
