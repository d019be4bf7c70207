/** What the day rollover's summary (server/domain/day-summary.ts) is computed from: one row per ticket segment of a day. */
import type { TicketStatus } from '../protocol/model';
import type { DayTicketRow } from '../domain/day-summary';
import type { Db } from './db';

interface Row {
  service_id: string;
  window_id: string | null;
  staff_id: string | null;
  status: string;
  seq: number | null;
  issued_at: number;
  first_called_at: number | null;
  called_at: number | null;
  finished_at: number | null;
  score: number | null;
}

export class DaySummaryRepo {
  private readonly rows;

  constructor(db: Db) {
    this.rows = db.prepare<[string], Row>(
      `SELECT t.service_id, t.window_id, t.staff_id, t.status, t.seq, t.issued_at, t.first_called_at, t.called_at, t.finished_at, r.score
         FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
        WHERE t.day = ?`,
    );
  }

  ticketRows(day: string): DayTicketRow[] {
    return this.rows.all(day).map((r) => ({
      serviceId: r.service_id,
      ...(r.window_id ? { windowId: r.window_id } : {}),
      ...(r.staff_id ? { staffId: r.staff_id } : {}),
      status: r.status as TicketStatus,
      isIssued: r.seq !== null,
      issuedAt: r.issued_at,
      ...(r.first_called_at !== null ? { firstCalledAt: r.first_called_at } : {}),
      ...(r.called_at !== null ? { calledAt: r.called_at } : {}),
      ...(r.finished_at !== null ? { finishedAt: r.finished_at } : {}),
      ...(r.score !== null ? { score: r.score } : {}),
    }));
  }
}
