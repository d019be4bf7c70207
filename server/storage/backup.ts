/**
 * Backups with SQLite's online backup API: consistent while the hub keeps writing, no stop needed.
 * Daily backups are named by day and pruned after `keepDays`.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError, type Db } from './db';

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly at: number;
}

export async function backupTo(db: Db, file: string): Promise<BackupInfo> {
  // Write beside and rename: a hub killed mid-backup leaves a stray .partial, never a truncated hallq-<day>.db
  // that would pass for today's backup and be the one an operator restores.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  renameSync(partial, file);
  const stat = statSync(file);
  return { file, bytes: stat.size, at: stat.mtimeMs };
}

/** Writes `<dir>/hallq-<day>.db` (replacing that day's earlier backup) and prunes old ones. */
export async function dailyBackup(db: Db, dir: string, day: string, keepDays: number): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  const info = await backupTo(db, join(dir, `hallq-${day}.db`));
  pruneBackups(dir, keepDays);
  return info;
}

export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^hallq-.*\.db$/.test(n))
    .map((n) => {
      const stat = statSync(join(dir, n));
      return { file: join(dir, n), bytes: stat.size, at: stat.mtimeMs };
    })
    .sort((a, b) => b.file.localeCompare(a.file));
}

/** Keeps the newest `keepDays` daily backups (by their day in the name). */
export function pruneBackups(dir: string, keepDays: number): void {
  const daily = listBackups(dir).filter((b) => /hallq-\d{4}-\d{2}-\d{2}\.db$/.test(b.file));
  for (const old of daily.slice(keepDays)) rmSync(old.file, { force: true });
}

/** Whether a backup file is a readable hall database that passes SQLite's integrity check. */
export function checkBackup(file: string): { ok: true } | { ok: false; problem: string } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const verdict: unknown = db.pragma('integrity_check', { simple: true });
    return verdict === 'ok' ? { ok: true } : { ok: false, problem: String(verdict) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  } finally {
    db?.close();
  }
}

/**
 * The documented restore (docs/reliability.md), for a STOPPED hub: check the backup, delete hallq.db's
 * -wal/-shm (a stale WAL replayed onto the restored file would corrupt it), then copy the backup in place
 * through a temporary file and a rename so a crash mid-copy leaves the old database, not half a new one.
 */
export function restoreBackup(backupFile: string, dbFile: string): void {
  const verdict = checkBackup(backupFile);
  if (!verdict.ok) throw new DatabaseError(`The backup ${backupFile} is not usable (${verdict.problem}). Choose an older backup.`);
  const incoming = `${dbFile}.restoring`;
  copyFileSync(backupFile, incoming);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  renameSync(incoming, dbFile);
}
