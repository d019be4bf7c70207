/**
 * The layout an admin saved in the console (config_overrides key 'layout'), read and dropped from the command
 * line: `hallq check --data-dir`, `hallq layout export` and `hallq layout drop`. Reading opens the database
 * read-only (safe while the hub runs); dropping writes, so the caller makes sure no hub runs.
 */
import Database from 'better-sqlite3';
import type { Layout } from '../protocol/layout';
import { MIGRATIONS } from './migrations';
import { DatabaseError, openDatabase, schemaVersion, type Db } from './db';

/** The config_overrides key of the services/windows layout (server/app/admin.ts writes it). */
export const LAYOUT_OVERRIDE_KEY = 'layout';

export interface StoredLayout {
  readonly layout: Layout;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

function hasOverridesTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'config_overrides'").get() !== undefined;
}

/** The stored layout of a hall database, or undefined when the file owns the layout. */
export function readStoredLayout(file: string): StoredLayout | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) throw new DatabaseError(`The database has schema version ${version}, newer than this hallq (${MIGRATIONS.length}). Upgrade hallq.`);
    if (!hasOverridesTable(db)) return undefined;
    const row = db
      .prepare<[string], { value: string; updatedAt: number; updatedBy: string }>(
        'SELECT value, updated_at AS updatedAt, updated_by AS updatedBy FROM config_overrides WHERE key = ?',
      )
      .get(LAYOUT_OVERRIDE_KEY);
    return row ? { layout: JSON.parse(row.value) as Layout, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : undefined;
  } finally {
    db.close();
  }
}

/** Deletes the stored layout; true if there was one. The hub must not be running (it holds the layout in memory). */
export function dropStoredLayout(file: string): boolean {
  const db = openDatabase(file, { skipIntegrityCheck: true });
  try {
    return db.prepare('DELETE FROM config_overrides WHERE key = ?').run(LAYOUT_OVERRIDE_KEY).changes > 0;
  } finally {
    db.close();
  }
}
