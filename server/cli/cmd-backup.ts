/**
 * `hallq backup` and `hallq restore <file>`. Backup uses SQLite's online backup API, so it is consistent
 * while the hub runs. Restore replaces the database and so refuses while a hub holds the data directory; the
 * check and the restore themselves are storage/backup.ts's, the same as the documented procedure's.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDatabaseFile, BackupRefused, manualBackupName, restoreBackup, type RestoreProgress } from '../storage/backup';
import { readConfigFile } from '../load-config-file';
import { runningHubPid } from './hub-lock';
import { percentLines } from './progress-lines';
import { CliError, DATA_DIR_OPTION, databaseFile, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const BACKUP_HELP = `Usage: hallq backup [--data-dir <dir>] [--out <file>] [--config <hallq.yaml>]

Copies the hub's database consistently, also while the hub is running. Default destination:
<data-dir>/backups/hallq-manual-<date>-<time>.db, in the hall's local time (hall.timeZone of --config or
HALLQ_CONFIG; Asia/Shanghai without one), the name the manager console's "backup now" gives too.
Copy backups off the machine too.`;

export const RESTORE_HELP = `Usage: hallq restore <file> [--data-dir <dir>]

Replaces the hub's database with a backup, after checking the backup's integrity and schema version.
Refuses while a hub runs on the data directory (stop it first: sudo systemctl stop hallq). The database
it replaces is kept as <data-dir>/hallq.db.before-restore-<date>-<time>.`;

/** "backup 40 %" on stderr at most once per 10 %: a multi-GiB copy should not look hung, nor flood a log. */
export function progressPrinter(io: CommandIo, what: string): (fraction: number) => void {
  let shown = -1;
  return (fraction) => {
    const tenth = Math.floor(fraction * 10);
    if (tenth <= shown || tenth >= 10) return;
    shown = tenth;
    io.err(`${what} ${tenth * 10} %`);
  };
}

/**
 * The hall's zone for the backup's name. A configuration that does not load only warns: a backup taken in a
 * hurry must not fail over its name.
 */
function hallTimeZone(path: string | undefined, io: CommandIo): string {
  if (!path) return 'Asia/Shanghai';
  const result = readConfigFile(path);
  if (result.ok) return result.config.hall.timeZone;
  io.err(`${path} is not valid (run \`hallq check ${path}\`); naming the backup in Asia/Shanghai time.`);
  return 'Asia/Shanghai';
}

export async function runBackup(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('backup', args, { ...DATA_DIR_OPTION, out: { type: 'string' }, config: { type: 'string' } });
  if (values.help) {
    io.out(BACKUP_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}; the destination is --out <file>.`, 2);
  const dataDir = dataDirOf(values['data-dir']);
  const source = requireDatabase(dataDir);
  const out = resolve(stringOption(values.out) ?? join(dataDir, 'backups', manualBackupName(Date.now(), hallTimeZone(stringOption(values.config) ?? process.env.HALLQ_CONFIG, io))));
  if (existsSync(out)) throw new CliError(`${out} already exists; choose another --out.`);
  mkdirSync(resolve(out, '..'), { recursive: true });
  const info = await backupDatabaseFile(source, out, progressPrinter(io, 'backup'));
  io.out(`Backed up ${source} to ${info.file} (${Math.ceil(info.bytes / 1024)} KiB).`);
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
  const target = databaseFile(dataDir);
  let keptAs: string | undefined;
  try {
    keptAs = restoreBackup(backup, target, new Date(), restoreProgress(io)).keptAs;
  } catch (error) {
    if (error instanceof BackupRefused) throw new CliError(error.message);
    throw error;
  }
  io.out(`Restored ${backup} to ${target}.${keptAs ? `\nThe previous database is kept as ${keptAs}.` : ''}\nStart the hub again (sudo systemctl start hallq).`);
  return 0;
}

/** "restore: copying 40 %" lines; the check is announced only for a backup big enough to take a while. */
function restoreProgress(io: CommandIo): RestoreProgress {
  const copying = percentLines((line) => io.err(line), 'restore: copying');
  return ({ phase, fraction, bytes }) => {
    if (phase === 'copying') copying(fraction);
    else if (bytes > 8 * 2 ** 20) io.err(`restore: checking the backup (${Math.round(bytes / 2 ** 20)} MiB)`);
  };
}
