/**
 * The tickets of a day range for `hallq export` (a hall database opened read-only: safe while the hub runs) and
 * for the console's ticket export (the hub's own database). No visitor data is selected at all: no ID or name, not even masked; clerks are named, they are staff.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { DatabaseError, schemaVersion, type Db } from './db';

export interface TicketExportRow {
  readonly day: string;
  readonly number: string;
  readonly serviceId: string;
  readonly priority: string;
  readonly status: string;
  readonly closeReason: string | null;
  readonly isReturn: boolean;
  readonly windowId: string | null;
  readonly staffId: string | null;
  readonly staffName: string | null;
  readonly issuedAt: number;
  readonly firstCalledAt: number | null;
  readonly calledAt: number | null;
  readonly finishedAt: number | null;
  readonly callCount: number;
  readonly score: number | null;
  readonly channel: string | null;
}

interface Row extends Omit<TicketExportRow, 'isReturn'> {
  readonly isReturn: number;
}

/** Tickets of the business days `from`..`to` (inclusive), in day and issue order, from a hall database file. */
export function readTicketsForExport(file: string, from: string, to: string, onProgress?: (read: number, total: number) => void): TicketExportRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) throw new DatabaseError(`The database has schema version ${version}, newer than this hallq (${MIGRATIONS.length}). Upgrade hallq.`);
    return onProgress ? ticketsWithProgress(db, from, to, onProgress) : ticketsForExport(db, from, to);
  } finally {
    db.close();
  }
}

/** Rows read between two progress reports of a CLI export (a year is ~500,000 tickets). */
const EXPORT_STEP_ROWS = 1000;

/** The same rows, counted first and then read one by one, reporting every EXPORT_STEP_ROWS rows. */
function ticketsWithProgress(db: Db, from: string, to: string, onProgress: (read: number, total: number) => void): TicketExportRow[] {
  const total = db.prepare<[string, string], number>('SELECT COUNT(*) FROM tickets WHERE day BETWEEN ? AND ?').pluck().get(from, to) ?? 0;
  const rows: TicketExportRow[] = [];
  for (const r of db.prepare<[string, string], Row>(EXPORT_SQL).iterate(from, to)) {
    rows.push({ ...r, isReturn: r.isReturn !== 0 });
    if (rows.length % EXPORT_STEP_ROWS === 0) onProgress(rows.length, Math.max(total, rows.length));
  }
  onProgress(rows.length, rows.length);
  return rows;
}

/** The same rows from an open database (the hub's, for the console's export). */
export function ticketsForExport(db: Db, from: string, to: string): TicketExportRow[] {
  return db
    .prepare<[string, string], Row>(EXPORT_SQL)
    .all(from, to)
    .map((r) => ({ ...r, isReturn: r.isReturn !== 0 }));
}

const EXPORT_SQL = `SELECT t.day, t.number, t.service_id AS serviceId, t.priority, t.status, t.close_reason AS closeReason, t.is_return AS isReturn,
              t.window_id AS windowId, t.staff_id AS staffId, s.name AS staffName, t.issued_at AS issuedAt,
              t.first_called_at AS firstCalledAt, t.called_at AS calledAt, t.finished_at AS finishedAt, t.call_count AS callCount,
              r.score, r.channel
         FROM tickets t LEFT JOIN staff s ON s.username = t.staff_id LEFT JOIN ratings r ON r.ticket_id = t.id
        WHERE t.day BETWEEN ? AND ? ORDER BY t.day, t.issued_at, t.number`;
