/**
 * The report queries. Each reads a day range through a covering index (migration 2: tickets_report,
 * ratings_by_ticket_score), so a year of tickets is one index range scan with no table lookups; the rows
 * come back as compact arrays (`raw()`) and are aggregated in one pass (domain/report-figures.ts).
 */
import type { Db } from './db';
import type { TicketFactRow } from '../domain/report-figures';

export interface RatingCountRow {
  day: string;
  serviceId: string;
  windowId: string;
  staffId: string | null;
  score: number;
  n: number;
}

export interface RatingExportRow {
  id: string;
  ticketId: string;
  number: string;
  day: string;
  serviceId: string;
  windowId: string;
  staffId: string | null;
  score: number;
  tags: string;
  comment: string | null;
  channel: string;
  issuedAt: number;
  firstCalledAt: number | null;
  finishedAt: number;
  ratedAt: number;
  appealStatus: string | null;
  uploadedAt: number | null;
}

export class ReportsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      facts: db
        .prepare<[string, string]>(
          `SELECT service_id, window_id, status, seq, issued_at, first_called_at, finished_at
           FROM tickets INDEXED BY tickets_report WHERE day BETWEEN ? AND ?`,
        )
        .raw(true),
      ratingCounts: db.prepare<[string, string], RatingCountRow>(
        `SELECT t.day AS day, r.service_id AS serviceId, r.window_id AS windowId, r.staff_id AS staffId, r.score AS score, COUNT(*) AS n
         FROM tickets t JOIN ratings r ON r.ticket_id = t.id
         WHERE t.day BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.rating_id = r.id AND f.appeal_status = 'accepted')
         GROUP BY t.day, r.service_id, r.window_id, r.staff_id, r.score`,
      ),
      ratingExport: db.prepare<[string, string], RatingExportRow>(
        `SELECT r.id, r.ticket_id AS ticketId, t.number, t.day, r.service_id AS serviceId, r.window_id AS windowId, r.staff_id AS staffId,
                r.score, r.tags, r.comment, r.channel, t.issued_at AS issuedAt, t.first_called_at AS firstCalledAt,
                r.finished_at AS finishedAt, r.rated_at AS ratedAt, f.appeal_status AS appealStatus,
                COALESCE(u.uploaded_at, (SELECT MIN(o.acked_at) FROM province_outbox o WHERE o.rating_id = r.id AND o.version = 1 AND o.state = 'acked')) AS uploadedAt
         FROM tickets t JOIN ratings r ON r.ticket_id = t.id
         LEFT JOIN followups f ON f.rating_id = r.id
         -- rating_uploads: what the retired manual uploader sent (kept, not written any more); then the province's ack.
         LEFT JOIN rating_uploads u ON u.rating_id = r.id
         WHERE t.day BETWEEN ? AND ? ORDER BY r.rated_at`,
      ),
    };
  }

  /** One row per ticket segment of the days `from`..`to` (inclusive, 'YYYY-MM-DD'). */
  ticketFacts(from: string, to: string): TicketFactRow[] {
    return this.s.facts.all(from, to) as TicketFactRow[];
  }

  /** Rating counts by day, service, window, clerk and level; ratings overturned on appeal are left out. */
  ratingCounts(from: string, to: string): RatingCountRow[] {
    return this.s.ratingCounts.all(from, to);
  }

  ratingsForExport(from: string, to: string): RatingExportRow[] {
    return this.s.ratingExport.all(from, to);
  }
}
