/**
 * What the per-clerk 考核 digests (server/domain/clerk-day.ts) are read from, and where they are kept
 * (migration `clerk_days`). A closed day is read once — its handled tickets, recalls, rating counts and the
 * event log's window states — and stored; a report on a year then reads the stored digests only.
 *
 * A day's window states come from the partial index `events_window_states` alone (no JSON is parsed and no
 * event row read); its expressions must stay exactly those of the query below for it to cover it.
 */
import type { PauseReason, TicketStatus, WindowState } from '../protocol/model';
import type { ClerkDayDigest, CountRow, HandledRow, WindowStateRow } from '../domain/clerk-day';
import type { Db } from './db';

interface HandledSqlRow {
  staff_id: string;
  window_id: string | null;
  status: string;
  called_at: number | null;
  finished_at: number | null;
}

interface StateSqlRow {
  at: number;
  actor: string;
  window_id: string | null;
  state: string | null;
  pause_reason: string | null;
}

/** The windows' state changes of a time range, read from the covering index alone (test/integration/clerk-reports.test.ts checks the plan). */
export const WINDOW_STATES_SQL = `SELECT at, actor, json_extract(data, '$.window.id') AS window_id, json_extract(data, '$.window.state') AS state,
       json_extract(data, '$.window.pauseReason') AS pause_reason
  FROM events INDEXED BY events_window_states WHERE type = 'window:updated' AND at >= ? AND at < ? ORDER BY at`;

export interface StoredClerkDay {
  readonly day: string;
  readonly body: string;
}

export class ClerkDaysRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      handled: db.prepare<[string], HandledSqlRow>(
        `SELECT staff_id, window_id, status, called_at, finished_at FROM tickets INDEXED BY tickets_report_by_staff
          WHERE day = ? AND staff_id IS NOT NULL`,
      ),
      recalls: db.prepare<[string], CountRow>(
        `SELECT c.staff_id AS staffId, c.window_id AS windowId, COUNT(*) AS n
           FROM tickets t JOIN calls c ON c.ticket_id = t.id
          WHERE t.day = ? AND c.is_recall = 1
          GROUP BY c.staff_id, c.window_id`,
      ),
      states: db.prepare<[number, number], StateSqlRow>(WINDOW_STATES_SQL),
      range: db.prepare<[number, string, string], StoredClerkDay>('SELECT day, body FROM clerk_days WHERE offset_ms = ? AND day BETWEEN ? AND ?'),
      cachedDays: db.prepare<[number, string, string]>('SELECT day FROM clerk_days WHERE offset_ms = ? AND day BETWEEN ? AND ?').pluck(),
      put: db.prepare<[string, number, string]>('INSERT OR REPLACE INTO clerk_days (day, offset_ms, body) VALUES (?, ?, ?)'),
      store: db.transaction((rows: StoredClerkDay[], offsetMs: number) => {
        for (const r of rows) this.s.put.run(r.day, offsetMs, r.body);
      }),
    };
  }

  /** The day's ticket segments a clerk handled. */
  handled(day: string): HandledRow[] {
    return this.s.handled.all(day).map((r) => ({
      staffId: r.staff_id,
      ...(r.window_id !== null ? { windowId: r.window_id } : {}),
      status: r.status as TicketStatus,
      ...(r.called_at !== null ? { calledAt: r.called_at } : {}),
      ...(r.finished_at !== null ? { finishedAt: r.finished_at } : {}),
    }));
  }

  /** Recalls (再次呼叫) of the day's tickets by clerk and window. */
  recalls(day: string): CountRow[] {
    return this.s.recalls.all(day);
  }

  /** The windows' state changes logged in [start, end). */
  windowStates(start: number, end: number): WindowStateRow[] {
    const rows: WindowStateRow[] = [];
    for (const r of this.s.states.all(start, end)) {
      if (r.window_id === null || r.state === null) continue;
      const staff = r.actor.startsWith('staff:') ? r.actor.slice('staff:'.length) : undefined;
      rows.push({
        at: r.at,
        windowId: r.window_id,
        state: r.state as WindowState,
        ...(r.pause_reason !== null ? { pauseReason: r.pause_reason as PauseReason } : {}),
        ...(staff ? { actorStaff: staff } : {}),
      });
    }
    return rows;
  }

  stored(from: string, to: string, offsetMs: number): StoredClerkDay[] {
    return this.s.range.all(offsetMs, from, to);
  }

  storedDays(from: string, to: string, offsetMs: number): Set<string> {
    return new Set(this.s.cachedDays.all(offsetMs, from, to) as string[]);
  }

  /** Closed days only: today's figures change with every call. */
  store(days: readonly { day: string; digest: ClerkDayDigest }[], offsetMs: number): void {
    if (days.length > 0) this.s.store(days.map((d) => ({ day: d.day, body: JSON.stringify(d.digest) })), offsetMs);
  }
}
