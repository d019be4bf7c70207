/**
 * Read-only queries the window devices and the clerk page need and the core repositories do not offer:
 * a clerk's day, the last visit a window finished, and the visits still open for a keypad rating.
 * Reads only: every write still goes through the hub's single writer.
 */
import type { Db } from './db';
import type { RatingChannel, RatingScore } from '../protocol/model';
import type { ClerkDayFigures, VisitRatingView } from '../protocol/window-devices';

export interface FinishedVisit {
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly staffId?: string;
  readonly finishedAt: number;
}

export type VisitRating = VisitRatingView;

interface VisitRow {
  id: string;
  number: string;
  service_id: string;
  window_id: string;
  staff_id: string | null;
  finished_at: number;
}

function toVisit(r: VisitRow): FinishedVisit {
  return { ticketId: r.id, number: r.number, serviceId: r.service_id, windowId: r.window_id, staffId: r.staff_id ?? undefined, finishedAt: r.finished_at };
}

export class WindowDevicesRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      // A visitor sent back to the queue when a manager released the window was not transferred by the clerk.
      outcomes: db.prepare<[string, string], { status: string; n: number; avg_ms: number | null }>(
        `SELECT status, COUNT(*) AS n, AVG(CASE WHEN status = 'done' THEN finished_at - first_called_at END) AS avg_ms
         FROM tickets WHERE day = ? AND staff_id = ? AND status IN ('done', 'no-show', 'transferred')
           AND COALESCE(close_reason, '') <> 'window-released' GROUP BY status`,
      ),
      ratings: db.prepare<[string, string], { score: number; n: number }>(
        // A rating whose appeal a manager accepted leaves the clerk's figures, as it leaves the reports.
        `SELECT r.score, COUNT(*) AS n FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.day = ? AND r.staff_id = ?
           AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.rating_id = r.id AND f.appeal_status = 'accepted') GROUP BY r.score`,
      ),
      lastFinished: db.prepare<[string, string], VisitRow>(
        `SELECT id, number, service_id, window_id, staff_id, finished_at FROM tickets
         WHERE window_id = ? AND day = ? AND status = 'done' ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
      ),
      unratedSince: db.prepare<[number], VisitRow>(
        `SELECT t.id, t.number, t.service_id, t.window_id, t.staff_id, t.finished_at FROM tickets t
         LEFT JOIN ratings r ON r.ticket_id = t.id
         WHERE t.status = 'done' AND t.finished_at >= ? AND t.window_id IS NOT NULL AND r.id IS NULL ORDER BY t.finished_at, t.rowid`,
      ),
      rating: db.prepare<[string], { score: number; tags: string; channel: string }>('SELECT score, tags, channel FROM ratings WHERE ticket_id = ?'),
    };
  }

  clerkDay(day: string, staffId: string): ClerkDayFigures {
    const counts = new Map(this.statements.outcomes.all(day, staffId).map((r) => [r.status, r]));
    const byScore: Record<RatingScore, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    let count = 0;
    let sum = 0;
    for (const row of this.statements.ratings.all(day, staffId)) {
      byScore[row.score as RatingScore] = row.n;
      count += row.n;
      sum += row.score * row.n;
    }
    const done = counts.get('done');
    return {
      served: done?.n ?? 0,
      noShows: counts.get('no-show')?.n ?? 0,
      transferred: counts.get('transferred')?.n ?? 0,
      averageServiceSeconds: done?.avg_ms == null ? undefined : Math.round(done.avg_ms / 1000),
      ratings: { count, average: count > 0 ? Math.round((sum / count) * 100) / 100 : undefined, bad: byScore[1] + byScore[2], byScore },
    };
  }

  lastFinished(windowId: string, day: string): FinishedVisit | undefined {
    const row = this.statements.lastFinished.get(windowId, day);
    return row ? toVisit(row) : undefined;
  }

  /** Finished visits without a rating since `from`, oldest first: what a restarted hub re-arms. */
  unratedSince(from: number): FinishedVisit[] {
    return this.statements.unratedSince.all(from).map(toVisit);
  }

  ratingOf(ticketId: string): VisitRating | undefined {
    const row = this.statements.rating.get(ticketId);
    return row ? { score: row.score as RatingScore, tags: JSON.parse(row.tags) as string[], channel: row.channel as RatingChannel } : undefined;
  }
}
