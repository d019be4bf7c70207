/**
 * The hub's state as a fuzz test compares it before and after: row counts and contents that any accepted
 * request would change, and the public snapshot (without its clock).
 */
import type { Db } from '../../server/storage/db';
import { api } from '../support/hub';

export async function stateOf(hub: { url: string; db: Db }): Promise<unknown> {
  const count = (table: string): number => (hub.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const hall = await api<Record<string, unknown>>(hub, 'GET', '/api/hall');
  // `now`, and `since` of a window that never opened, are the clock, not state (window rows are compared below).
  const { now: _now, windows, ...rest } = hall.body as { now: number; windows: Array<Record<string, unknown>> };
  const snapshot = { ...rest, windows: windows.map(({ since: _since, ...w }) => w) };
  return {
    tickets: hub.db.prepare('SELECT id, status, window_id, call_count FROM tickets ORDER BY id').all(),
    windows: hub.db.prepare('SELECT * FROM window_status ORDER BY window_id').all(),
    staff: hub.db.prepare('SELECT username, failed_logins, locked_until FROM staff ORDER BY username').all(),
    calls: count('calls'),
    ratings: count('ratings'),
    events: count('events'),
    sessions: count('sessions'),
    replies: count('idempotency'),
    // The extensions' tables (kiosk appointments, manager alerts, follow-ups, admin edits, 好差评 uploads).
    extensions: ['appointments', 'alerts', 'followups', 'holidays', 'config_overrides', 'rating_uploads'].map(count),
    snapshot,
  };
}
