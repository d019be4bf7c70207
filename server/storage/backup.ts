/**
 * Backups with SQLite's online backup API: consistent while the hub keeps writing, no stop needed.
 * Daily backups are named by day and pruned after `keepDays`. One check and one restore serve the CLI
 * (`hallq backup`/`hallq restore`) and the documented procedure alike.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { schemaVersion, type Db } from './db';
import { MIGRATIONS } from './migrations';
import { startGenerationAfterRestore } from './uplink-repo';
import { localDateTime } from '../domain/local-time';

/** Pages copied between yields to the event loop (SQLite's default is 100): ~4 MiB a step at 4 KiB pages. */
const BACKUP_PAGES_PER_STEP = 1000;

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly at: number;
}

/** Fraction copied so far (0–1), for a CLI or a start-up log line on a database of several GiB. */
export type BackupProgress = (fraction: number) => void;

export async function backupTo(db: Db, file: string, onProgress?: BackupProgress): Promise<BackupInfo> {
  // Write beside and rename: a hub killed mid-backup leaves a stray .partial, never a truncated hallq-<day>.db
  // that would pass for today's backup and be the one an operator restores.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages > 0 ? (totalPages - remainingPages) / totalPages : 1);
      return BACKUP_PAGES_PER_STEP;
    },
  });
  onProgress?.(1);
  renameSync(partial, file);
  const stat = statSync(file);
  return { file, bytes: stat.size, at: stat.mtimeMs };
}

/**
 * The name of a backup made by hand, `hallq-manual-2026-03-02-091500.db`, in the hall's wall-clock time: the one
 * name the console's "backup now" (app/backups.ts) and `hallq backup` both give, so an operator finds the file of
 * "this morning at nine" under nine, whatever zone the server's clock is set to.
 */
export function manualBackupName(at: number, timeZone: string): string {
  const [day, time] = localDateTime(at, timeZone).split(' ') as [string, string];
  return `hallq-manual-${day}-${time.replace(/:/g, '')}.db`;
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

/** Why a backup was refused: a sentence for the operator (`hallq restore`, the restore in docs/reliability.md). */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

export type BackupVerdict = { ok: true } | { ok: false; problem: string };

/**
 * The one check a backup passes before it is put back: a readable SQLite file that passes `integrity_check`,
 * with a hallq schema this hallq can run (not none, not newer). `problem` completes "The backup … is not usable: …".
 */
export function checkBackup(file: string): BackupVerdict {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const verdict: unknown = db.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') return { ok: false, problem: `it fails its integrity check (${String(verdict)})` };
    const version = schemaVersion(db);
    if (version === 0) return { ok: false, problem: 'it is not a hallq database (no schema)' };
    if (version > MIGRATIONS.length) return { ok: false, problem: `it has schema version ${version}, newer than this hallq (${MIGRATIONS.length}); upgrade hallq first` };
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: `it is not a readable SQLite database (${(error as Error).message})` };
  } finally {
    db?.close();
  }
}

/** Copies a database file consistently (the online backup API), also while a hub keeps writing to it. */
export async function backupDatabaseFile(source: string, file: string, onProgress?: BackupProgress): Promise<BackupInfo> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    return await backupTo(db, file, onProgress);
  } finally {
    db.close();
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/\..*$/, '').replace(/:/g, '').replace('T', '-');
}

/** Checkpoints the write-ahead log into `file`; false when the file cannot be opened as a database. */
function foldWriteAheadLog(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Where a restore is: checking the backup (`integrity_check`, no steps of its own), then copying it in. */
export type RestoreProgress = (progress: { readonly phase: 'checking' | 'copying'; readonly fraction: number; readonly bytes: number }) => void;

/** Bytes copied per progress step of a restore. */
const RESTORE_CHUNK = 8 * 2 ** 20;

/** copyFileSync in steps, for a percentage on a multi-GiB backup; synced before the caller renames it into place. */
function copyWithProgress(from: string, to: string, onFraction: (fraction: number, bytes: number) => void): void {
  const total = statSync(from).size;
  const buffer = Buffer.allocUnsafe(RESTORE_CHUNK);
  const source = openSync(from, 'r');
  try {
    const target = openSync(to, 'w');
    try {
      let copied = 0;
      for (let read = readSync(source, buffer, 0, buffer.length, null); read > 0; read = readSync(source, buffer, 0, buffer.length, null)) {
        for (let written = 0; written < read; ) written += writeSync(target, buffer, written, read - written);
        copied += read;
        onFraction(total > 0 ? Math.min(1, copied / total) : 1, total);
      }
      fsyncSync(target);
    } finally {
      closeSync(target);
    }
  } finally {
    closeSync(source);
  }
}

/**
 * The restore (docs/reliability.md, `hallq restore`), for a STOPPED hub: check the backup; keep the database
 * it replaces as `<dbFile>.before-restore-<time>`, its write-ahead log folded in first (a corrupt database, the
 * usual reason to restore, cannot be checkpointed: its -wal is kept beside it instead); delete -wal/-shm (a
 * stale WAL replayed onto the restored file would corrupt it); then copy the backup in through a temporary
 * file and a rename, so a crash midway leaves the old database, never half a new one.
 */
export function restoreBackup(backupFile: string, dbFile: string, now = new Date(), onProgress?: RestoreProgress): { keptAs?: string } {
  onProgress?.({ phase: 'checking', fraction: 0, bytes: statSync(backupFile).size });
  const verdict = checkBackup(backupFile);
  if (!verdict.ok) throw new BackupRefused(`The backup ${backupFile} is not usable: ${verdict.problem}; not restored. Choose another backup.`);
  mkdirSync(dirname(dbFile), { recursive: true });
  let keptAs: string | undefined;
  if (existsSync(dbFile)) {
    const isFolded = foldWriteAheadLog(dbFile);
    keptAs = `${dbFile}.before-restore-${stamp(now)}`;
    renameSync(dbFile, keptAs);
    if (!isFolded && existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${keptAs}-wal`);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  copyWithProgress(backupFile, `${dbFile}.restoring`, (fraction, bytes) => onProgress?.({ phase: 'copying', fraction, bytes }));
  renameSync(`${dbFile}.restoring`, dbFile);
  startGenerationAfterRestore(dbFile); // the city uplink: a restored log is a new history (docs/uplink.md)
  return { keptAs };
}
