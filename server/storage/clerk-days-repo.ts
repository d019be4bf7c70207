/**
 * What the per-clerk 考核 digests (server/domain/clerk-day.ts) are read from, and where they are kept
 * (migration `clerk_days`). A closed day is read once — its handled tickets, recalls, rating counts and the
 * event log's window states — and stored; a report on a year then reads the stored digests only.
 *
 * The event log has no index on time (every commit would pay for one): a day's facts are found by a binary
 * search of `seq` on `at`, which never runs back (the hall clock holds still rather than step back:
 * app/hall-clock.ts), then read as one primary-key range.
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
      seqBounds: db.prepare<[], { low: number | null; high: number | null }>('SELECT MIN(seq) AS low, MAX(seq) AS high FROM events'),
      atOrAfter: db.prepare<[number], { seq: number; at: number }>('SELECT seq, at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1'),
      states: db.prepare<[number, number, number, number], StateSqlRow>(
        `SELECT at, actor, json_extract(data, '$.window.id') AS window_id, json_extract(data, '$.window.state') AS state,
                json_extract(data, '$.window.pauseReason') AS pause_reason
           FROM events WHERE seq >= ? AND seq < ? AND type = 'window:updated' AND at >= ? AND at < ? ORDER BY seq`,
      ),
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
    const low = this.firstSeqAtOrAfter(start);
    if (low === undefined) return [];
    const high = this.firstSeqAtOrAfter(end) ?? Number.MAX_SAFE_INTEGER;
    const rows: WindowStateRow[] = [];
    for (const r of this.s.states.all(low, high, start, end)) {
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

  /** The smallest sequence number logged at or after `at`, by binary search (about 25 primary-key reads). */
  private firstSeqAtOrAfter(at: number): number | undefined {
    const { low, high } = this.s.seqBounds.get() ?? { low: null, high: null };
    if (low === null || high === null) return undefined;
    let lo = low;
    let hi = high + 1; // the answer is in [lo, hi]; hi = past the end
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.s.atOrAfter.get(mid);
      if (row === undefined) hi = mid;
      else if (row.at >= at) hi = mid;
      else lo = row.seq + 1;
    }
    return lo > high ? undefined : lo;
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
