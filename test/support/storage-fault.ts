/**
 * A disk that fills on demand, for tests that cannot use a real full file system: every outermost
 * transaction on the hub's database throws the SqliteError SQLite itself throws on a full disk
 * (code SQLITE_FULL, or another code given), until healed. Savepoints inside a running transaction are
 * left alone: a real full disk fails the commit, and the writer rolls back the whole batch.
 */
import Database from 'better-sqlite3';
import type { Db } from '../../server/storage/db';

export interface StorageFaultSwitch {
  fail(code?: string): void;
  heal(): void;
}

export function injectStorageFault(db: Db): StorageFaultSwitch {
  let code: string | undefined;
  const original = db.transaction.bind(db);
  const patched = (fn: (...args: unknown[]) => unknown) => {
    const tx = original(fn);
    const run = (...args: unknown[]): unknown => {
      if (code !== undefined && !db.inTransaction) {
        throw new Database.SqliteError(code === 'SQLITE_FULL' ? 'database or disk is full' : 'disk I/O error', code);
      }
      return tx(...args);
    };
    return Object.assign(run, { default: tx.default, deferred: tx.deferred, immediate: tx.immediate, exclusive: tx.exclusive });
  };
  db.transaction = patched as unknown as Db['transaction'];
  return {
    fail: (next = 'SQLITE_FULL') => void (code = next),
    heal: () => void (code = undefined),
  };
}
