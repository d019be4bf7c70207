/** Window status, ratings, the event log and small key/value facts: rows ↔ domain values. */
import type { PauseReason, RatingChannel, RatingScore, WindowState } from '../protocol/model';
import type { Rating, WindowStatus } from '../domain/types';
import type { Db } from './db';

interface WindowRow {
  window_id: string;
  state: string;
  staff_id: string | null;
  pause_reason: string | null;
  pause_note: string | null;
  since: number;
  is_auto_call: number;
  current_ticket_id: string | null;
}

interface RatingRow {
  id: string;
  ticket_id: string;
  service_id: string;
  window_id: string;
  staff_id: string | null;
  score: number;
  tags: string;
  comment: string | null;
  channel: string;
  finished_at: number;
  rated_at: number;
}

export interface LoggedEvent {
  seq: number;
  at: number;
  actor: string;
  type: string;
  data: unknown;
}

function toRating(r: RatingRow): Rating {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    serviceId: r.service_id,
    windowId: r.window_id,
    staffId: r.staff_id ?? undefined,
    score: r.score as RatingScore,
    tags: JSON.parse(r.tags) as string[],
    comment: r.comment ?? undefined,
    channel: r.channel as RatingChannel,
    finishedAt: r.finished_at,
    ratedAt: r.rated_at,
  };
}

export class HallRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      windows: db.prepare<[], WindowRow>('SELECT * FROM window_status'),
      saveWindow: db.prepare(
        `INSERT INTO window_status (window_id, state, staff_id, pause_reason, pause_note, since, is_auto_call, current_ticket_id)
         VALUES (@window_id, @state, @staff_id, @pause_reason, @pause_note, @since, @is_auto_call, @current_ticket_id)
         ON CONFLICT(window_id) DO UPDATE SET state = excluded.state, staff_id = excluded.staff_id, pause_reason = excluded.pause_reason,
           pause_note = excluded.pause_note, since = excluded.since, is_auto_call = excluded.is_auto_call, current_ticket_id = excluded.current_ticket_id`,
      ),
      appendEvent: db.prepare('INSERT INTO events (seq, at, actor, type, data) VALUES (?, ?, ?, ?, ?)'),
      eventsAfter: db.prepare<[number, number], { seq: number; at: number; actor: string; type: string; data: string }>(
        'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      lastSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events'),
      ratingByTicket: db.prepare<[string], RatingRow>('SELECT * FROM ratings WHERE ticket_id = ?'),
      insertRating: db.prepare(
        `INSERT INTO ratings (id, ticket_id, service_id, window_id, staff_id, score, tags, comment, channel, finished_at, rated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      ratingsForStaffDay: db.prepare<[string, number, number], RatingRow>('SELECT * FROM ratings WHERE staff_id = ? AND finished_at >= ? AND finished_at < ?'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  /**
   * Window states and the head of the event log, kept by the single writer like the live queue (every
   * command reads them) and dropped after a rollback (forgetCached), when SQLite is the truth again.
   */
  private statuses: Map<string, WindowStatus> | undefined;
  private head: number | undefined;

  forgetCached(): void {
    this.statuses = undefined;
    this.head = undefined;
  }

  /** A copy: callers may keep or change the map without touching the cache. */
  windowStatuses(): Map<string, WindowStatus> {
    this.statuses ??= this.readWindowStatuses();
    return new Map(this.statuses);
  }

  private readWindowStatuses(): Map<string, WindowStatus> {
    const map = new Map<string, WindowStatus>();
    for (const r of this.statements.windows.all()) {
      map.set(r.window_id, {
        windowId: r.window_id,
        state: r.state as WindowState,
        staffId: r.staff_id ?? undefined,
        pauseReason: (r.pause_reason ?? undefined) as PauseReason | undefined,
        pauseNote: r.pause_note ?? undefined,
        since: r.since,
        isAutoCall: r.is_auto_call === 1,
        currentTicketId: r.current_ticket_id ?? undefined,
      });
    }
    return map;
  }

  saveWindow(s: WindowStatus): void {
    this.statements.saveWindow.run({
      window_id: s.windowId,
      state: s.state,
      staff_id: s.staffId ?? null,
      pause_reason: s.pauseReason ?? null,
      pause_note: s.pauseNote ?? null,
      since: s.since,
      is_auto_call: s.isAutoCall ? 1 : 0,
      current_ticket_id: s.currentTicketId ?? null,
    });
    this.statuses?.set(s.windowId, s);
  }

  /**
   * The sequence number the next event will get. Only valid inside the writer's transaction: the hub is the
   * single writer, so nothing can append between this read and `appendEvent`.
   */
  nextSeq(): number {
    return this.lastSeq() + 1;
  }

  appendEvent(seq: number, at: number, actor: string, type: string, data: unknown): void {
    this.statements.appendEvent.run(seq, at, actor, type, JSON.stringify(data));
    this.head = seq;
  }

  eventsAfter(seq: number, limit: number): LoggedEvent[] {
    return this.statements.eventsAfter.all(seq, limit).map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }));
  }

  lastSeq(): number {
    this.head ??= this.statements.lastSeq.get()?.seq ?? 0;
    return this.head;
  }

  ratingForTicket(ticketId: string): Rating | undefined {
    const row = this.statements.ratingByTicket.get(ticketId);
    return row ? toRating(row) : undefined;
  }

  insertRating(r: Rating): void {
    this.statements.insertRating.run(
      r.id, r.ticketId, r.serviceId, r.windowId, r.staffId ?? null, r.score, JSON.stringify(r.tags), r.comment ?? null, r.channel, r.finishedAt, r.ratedAt,
    );
  }

  ratingsForStaff(staffId: string, from: number, to: number): Rating[] {
    return this.statements.ratingsForStaffDay.all(staffId, from, to).map(toRating);
  }

  getMeta(key: string): string | undefined {
    return this.statements.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
