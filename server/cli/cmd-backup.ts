/**
 * `hallq backup` and `hallq restore <file>`. Backup uses SQLite's online backup API, so it is consistent
 * while the hub runs. Restore replaces the database and so refuses while a hub holds the data directory.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupTo } from '../storage/backup';
import { MIGRATIONS } from '../storage/migrations';
import { runningHubPid } from './hub-lock';
import { CliError, DATA_DIR_OPTION, databaseFile, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const BACKUP_HELP = `Usage: hallq backup [--data-dir <dir>] [--out <file>]

Copies the hub's database consistently, also while the hub is running. Default destination:
<data-dir>/backups/hallq-manual-<date>-<time>.db. Copy backups off the machine too.`;

export const RESTORE_HELP = `Usage: hallq restore <file> [--data-dir <dir>]

Replaces the hub's database with a backup, after checking the backup's integrity and schema version.
Refuses while a hub runs on the data directory (stop it first: sudo systemctl stop hallq). The database
it replaces is kept as <data-dir>/hallq.db.before-restore-<date>-<time>.`;

function stamp(now = new Date()): string {
  return now.toISOString().replace(/\..*$/, '').replace(/:/g, '').replace('T', '-');
}

export async function runBackup(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('backup', args, { ...DATA_DIR_OPTION, out: { type: 'string' } });
  if (values.help) {
    io.out(BACKUP_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}; the destination is --out <file>.`, 2);
  const dataDir = dataDirOf(values['data-dir']);
  const source = requireDatabase(dataDir);
  const out = resolve(stringOption(values.out) ?? join(dataDir, 'backups', `hallq-manual-${stamp()}.db`));
  if (existsSync(out)) throw new CliError(`${out} already exists; choose another --out.`);
  mkdirSync(resolve(out, '..'), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const info = await backupTo(db, out);
    io.out(`Backed up ${source} to ${info.file} (${Math.ceil(info.bytes / 1024)} KiB).`);
  } finally {
    db.close();
  }
  return 0;
}

export function runRestore(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('restore', args, DATA_DIR_OPTION);
  if (values.help) {
    io.out(RESTORE_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliError('hallq restore needs exactly one backup file.', 2);
  const backup = resolve(file);
  if (!existsSync(backup)) throw new CliError(`${backup} does not exist.`);
  const dataDir = dataDirOf(values['data-dir']);
  const pid = runningHubPid(dataDir);
  if (pid !== undefined) throw new CliError(`A hub (pid ${pid}) is running on ${dataDir}. Stop it first (sudo systemctl stop hallq), then restore.`);
  checkBackup(backup);

  const target = databaseFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  let keptAs: string | undefined;
  if (existsSync(target)) {
    // Fold the write-ahead log into the file first: a stale hallq.db-wal next to the restored file would be
    // replayed onto it and corrupt it.
    // A corrupt database (the usual reason to restore) cannot be checkpointed: keep its -wal beside it instead.
    const isFolded = foldWriteAheadLog(target);
    keptAs = `${target}.before-restore-${stamp()}`;
    renameSync(target, keptAs);
    if (!isFolded && existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${keptAs}-wal`);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  // Copy then rename, so that a crash midway never leaves a half-written hallq.db.
  copyFileSync(backup, `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
  io.out(`Restored ${backup} to ${target}.${keptAs ? `\nThe previous database is kept as ${keptAs}.` : ''}\nStart the hub again (sudo systemctl start hallq).`);
  return 0;
}

/** Checkpoints hallq.db's write-ahead log into it; false when the database cannot be opened as one. */
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

function checkBackup(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const verdict = db.pragma('quick_check', { simple: true });
    if (verdict !== 'ok') throw new CliError(`${file} fails its integrity check (${String(verdict)}); not restored.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new CliError(`${file} is not a hallq database (no schema); not restored.`);
    if (version > MIGRATIONS.length) throw new CliError(`${file} has schema version ${version}, newer than this hallq (${MIGRATIONS.length}); upgrade hallq first.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file} is not a readable SQLite database (${(error as Error).message}); not restored.`);
  } finally {
    db?.close();
  }
}
