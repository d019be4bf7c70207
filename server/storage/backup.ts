/**
 * Backups with SQLite's online backup API: consistent while the hub keeps writing, no stop needed.
 * Daily backups are named by day and pruned after `keepDays`.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db';

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly at: number;
}

export async function backupTo(db: Db, file: string): Promise<BackupInfo> {
  await db.backup(file);
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
