import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
}

/**
 * Opens the hall database: WAL, synchronous=FULL (an acknowledged action survives power loss),
 * foreign keys on; checks integrity unless the last hub closed it cleanly, and applies pending migrations.
 * A database that is corrupt or newer than this hub throws a DatabaseError with a message for the
 * operator — never a silent fresh start.
 *
 * The whole-file `quick_check` reads every page: ~1 s per few hundred MiB, so at every start it made
 * start-up grow with the hall's history (issue 20). It now runs only when the clean-shutdown mark
 * (markCleanShutdown, written by the hub's graceful close) is missing: after a crash, SIGKILL or power
 * cut, a restored or copied-in file, or any open by another program (the mark is taken at open, so a
 * process that dies while holding the file never leaves one behind). docs/reliability.md, "Start-up check".
 */
/**
 * What a long open is doing, for a CLI's percentage line and the hub's start-up log (issue 20): the whole-file
 * check after an unclean shutdown (read ahead in chunks, then checked), and each pending migration.
 */
export type OpenProgress =
  | { readonly step: 'integrity-check'; readonly phase: 'reading'; readonly fraction: number; readonly bytes: number }
  | { readonly step: 'integrity-check'; readonly phase: 'checking' | 'done'; readonly bytes: number; readonly ms: number }
  | { readonly step: 'migration'; readonly from: number; readonly to: number; readonly applied: number; readonly ms: number };

export interface OpenOptions {
  readonly skipIntegrityCheck?: boolean;
  readonly onProgress?: (progress: OpenProgress) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = openWal(file);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Statement journals (a statement that fires a trigger needs one) in memory, not in a temp file opened
    // and truncated on every such statement: that file cost ~40 µs per ticket write. Nothing durable lives
    // there: a crash discards an uncommitted transaction through the WAL either way.
    db.pragma('temp_store = MEMORY');
  } catch (cause) {
    const code = String((cause as { code?: unknown }).code ?? '');
    // A full or failing disk is not a broken database: restoring a backup would not help, space would.
    if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
      throw new DatabaseError(`Cannot open the database ${file}: ${(cause as Error).message} (${code}). Free disk space or check the disk (see docs/reliability.md, "Full disk").`, { cause });
    }
    throw new DatabaseError(`Cannot open the database ${file}: ${(cause as Error).message}. Restore it from a backup (see docs/reliability.md, "Restore").`, { cause });
  }
  // Read before anything is written: a damaged file is refused without a write of ours in it.
  if (!options.skipIntegrityCheck && !(hasCleanShutdownMark(db) && clearCleanShutdownMark(db))) {
    let verdict: unknown;
    const started = performance.now();
    const bytes = fileBytes(file);
    try {
      // A new, empty file has nothing to report: its "check" is instant, and no shutdown was unclean.
      if (options.onProgress && schemaVersion(db) > 0) {
        readAhead(file, (fraction) => options.onProgress?.({ step: 'integrity-check', phase: 'reading', fraction, bytes }));
        options.onProgress({ step: 'integrity-check', phase: 'checking', bytes, ms: performance.now() - started });
      }
      verdict = db.pragma('quick_check', { simple: true });
    } catch (cause) {
      db.close();
      throw new DatabaseError(`The database ${file} is unreadable (${(cause as Error).message}). Restore it from a backup.`, { cause });
    }
    if (verdict !== 'ok') {
      db.close();
      throw new DatabaseError(`The database ${file} failed its integrity check (${String(verdict)}). Restore it from a backup.`);
    }
    if (schemaVersion(db) > 0) options.onProgress?.({ step: 'integrity-check', phase: 'done', bytes, ms: performance.now() - started });
  }
  migrate(db, file, options.onProgress);
  return db;
}

/** The database and its write-ahead log, in bytes (0 for `:memory:`). */
function fileBytes(file: string): number {
  if (file === ':memory:') return 0;
  return [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
}

/** Bytes read per step of the read-ahead: a handful of progress steps for a file of a few hundred MiB. */
const READ_AHEAD_CHUNK = 16 * 2 ** 20;

/**
 * Reads the file once, in order, before `quick_check` walks it page by page: `quick_check` has no progress of
 * its own, and the read is what takes the time after a cold boot. Sequential, it is also faster than the
 * check's own reads in B-tree order (on a hall PC's disk), which then come from the page cache.
 */
function readAhead(file: string, onFraction: (fraction: number) => void): void {
  const files = [file, `${file}-wal`].filter((f) => existsSync(f));
  const total = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const buffer = Buffer.allocUnsafe(READ_AHEAD_CHUNK);
  let done = 0;
  onFraction(0);
  for (const f of files) {
    const fd = openSync(f, 'r');
    try {
      for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0; read = readSync(fd, buffer, 0, buffer.length, null)) {
        done += read;
        onFraction(total > 0 ? Math.min(1, done / total) : 1);
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * WAL needs its shared-memory index (hallq.db-shm, 32 KiB) before the first read. On a disk without a free
 * page that file cannot be made (SQLITE_IOERR_SHMSIZE/SHMOPEN, SQLITE_FULL), and the hub could not even
 * read. Then the database is opened in exclusive locking mode, where SQLite keeps that index in memory:
 * the hub starts (read-only until space returns, app/storage-health.ts), and only other processes
 * (`hallq backup`, a second reader) are kept out of the file until the hub restarts.
 */
function openWal(file: string): Db {
  const db = new Database(file, { fileMustExist: false });
  try {
    db.pragma('journal_mode = WAL');
    return db;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (file === ':memory:' || !(code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL')) throw error;
    db.close();
  }
  const exclusive = new Database(file, { fileMustExist: true });
  exclusive.pragma('locking_mode = EXCLUSIVE');
  exclusive.pragma('journal_mode = WAL');
  return exclusive;
}

const CLEAN_SHUTDOWN_KEY = 'clean_shutdown';

/**
 * The last thing a graceful close writes before db.close(): the file was left consistent by this hub, so
 * the next open may skip the whole-file check. Best effort: on a full or read-only disk it cannot be
 * written, and the next start checks (the safe direction).
 */
export function markCleanShutdown(db: Db): void {
  try {
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(CLEAN_SHUTDOWN_KEY, '1');
  } catch {
    // Next start runs the full check instead.
  }
}

/** Whether the last close was clean. No meta table yet (a new file) or an unreadable page: false. */
function hasCleanShutdownMark(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(CLEAN_SHUTDOWN_KEY) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Consumes the mark (durably: synchronous=FULL) so that a crash of this process leaves none. False when it
 * cannot be removed (a full or read-only disk): the caller then checks the whole file, since a mark left in
 * place would wrongly vouch for the file after this process's own crash.
 */
function clearCleanShutdownMark(db: Db): boolean {
  try {
    return db.prepare('DELETE FROM meta WHERE key = ?').run(CLEAN_SHUTDOWN_KEY).changes === 1;
  } catch {
    return false;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string, onProgress: OpenOptions['onProgress']): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    db.close();
    throw new DatabaseError(
      `The database ${file} has schema version ${current}, newer than this hallq (${MIGRATIONS.length}). Upgrade hallq; do not run an older version on it.`,
    );
  }
  const started = performance.now();
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
    onProgress?.({ step: 'migration', from: current, to: MIGRATIONS.length, applied: version + 1 - current, ms: performance.now() - started });
  }
}
