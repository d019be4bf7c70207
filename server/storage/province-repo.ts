/**
 * 好差评 delivery in the hall database (docs/province.md): the 办件 numbers on tickets and the outbox of
 * province records. Outbox rows are written inside the writer's transaction of the change they carry
 * (a rating, an accepted appeal, a closed follow-up); the deliverer reads and marks them outside it.
 */
import type { Db } from './db';

/** 'forwarded': the city centre holds it durably and awaits the platform's answer (adapter `city-centre`). */
export type OutboxState = 'pending' | 'retrying' | 'forwarded' | 'held' | 'rejected' | 'acked';
export type OutboxKind = 'rating' | 'appeal-accepted' | 'followup-closed';

export interface CaseRow {
  readonly ticketId: string;
  readonly caseNumber: string;
  readonly userProp?: 1 | 2;
  readonly source: string;
  readonly attachedAt: number;
}

export interface OutboxRow {
  readonly id: string;
  readonly ord: number;
  readonly ratingId: string;
  readonly version: number;
  readonly caseIndex: number;
  readonly caseNumber?: string;
  readonly kind: OutboxKind;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAt: number;
  readonly reason?: string;
  readonly platformId?: string;
  readonly corrections: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly ackedAt?: number;
}

/** What a record is built from: the rating with its ticket. */
export interface RatedVisit {
  readonly ratingId: string;
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly staffId?: string;
  readonly score: number;
  readonly tags: readonly string[];
  readonly comment?: string;
  readonly channel: 'pad' | 'keypad' | 'phone' | 'system';
  readonly ratedAt: number;
  readonly nameMasked?: string;
}

interface RawOutbox {
  id: string; ord: number; rating_id: string; version: number; case_index: number; case_number: string | null; kind: string; state: string;
  attempts: number; next_at: number; reason: string | null; platform_id: string | null; corrections: string; created_at: number; updated_at: number; acked_at: number | null;
}

function toOutbox(r: RawOutbox): OutboxRow {
  return {
    id: r.id, ord: r.ord, ratingId: r.rating_id, version: r.version, caseIndex: r.case_index, kind: r.kind as OutboxKind, state: r.state as OutboxState,
    attempts: r.attempts, nextAt: r.next_at, corrections: JSON.parse(r.corrections) as Record<string, string>, createdAt: r.created_at, updatedAt: r.updated_at,
    ...(r.case_number !== null ? { caseNumber: r.case_number } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.platform_id !== null ? { platformId: r.platform_id } : {}),
    ...(r.acked_at !== null ? { ackedAt: r.acked_at } : {}),
  };
}

export class ProvinceRepo {
  constructor(private readonly db: Db) {}

  attachCase(c: CaseRow): boolean {
    const result = this.db
      .prepare('INSERT INTO province_cases (ticket_id, case_number, user_prop, source, attached_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(c.ticketId, c.caseNumber, c.userProp ?? null, c.source, c.attachedAt);
    return result.changes > 0;
  }

  casesOf(ticketId: string): CaseRow[] {
    const rows = this.db.prepare('SELECT ticket_id, case_number, user_prop, source, attached_at FROM province_cases WHERE ticket_id = ? ORDER BY attached_at, case_number').all(ticketId) as {
      ticket_id: string; case_number: string; user_prop: number | null; source: string; attached_at: number;
    }[];
    return rows.map((r) => ({ ticketId: r.ticket_id, caseNumber: r.case_number, source: r.source, attachedAt: r.attached_at, ...(r.user_prop === 1 || r.user_prop === 2 ? { userProp: r.user_prop } : {}) }));
  }

  /** The ticket a window serves now, or served last (the business system attaches by window). */
  latestTicketAtWindow(windowId: string): string | undefined {
    const row = this.db.prepare('SELECT id FROM tickets WHERE window_id = ? AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT 1').get(windowId) as { id: string } | undefined;
    return row?.id;
  }

  /** Finished visits of the business days `fromDay` ≤ day < `toDay` that nobody rated (the default-rating rule). */
  unratedVisits(fromDay: string, toDay: string): { ticketId: string; finishedAt: number }[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.finished_at FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
         WHERE t.day >= ? AND t.day < ? AND t.status = 'done' AND t.finished_at IS NOT NULL AND t.window_id IS NOT NULL AND r.id IS NULL
         ORDER BY t.finished_at`,
      )
      .all(fromDay, toDay) as { id: string; finished_at: number }[];
    return rows.map((r) => ({ ticketId: r.id, finishedAt: r.finished_at }));
  }

  ratingIdOfTicket(ticketId: string): string | undefined {
    const row = this.db.prepare('SELECT id FROM ratings WHERE ticket_id = ?').get(ticketId) as { id: string } | undefined;
    return row?.id;
  }

  visit(ratingId: string): RatedVisit | undefined {
    const r = this.db
      .prepare(
        `SELECT r.id, r.ticket_id, t.number, r.service_id, r.window_id, r.staff_id, r.score, r.tags, r.comment, r.channel, r.rated_at, t.name_masked
         FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = ?`,
      )
      .get(ratingId) as
      | { id: string; ticket_id: string; number: string; service_id: string; window_id: string; staff_id: string | null; score: number; tags: string; comment: string | null; channel: string; rated_at: number; name_masked: string | null }
      | undefined;
    if (!r) return undefined;
    return {
      ratingId: r.id, ticketId: r.ticket_id, number: r.number, serviceId: r.service_id, windowId: r.window_id, score: r.score,
      tags: JSON.parse(r.tags) as string[], channel: r.channel as RatedVisit['channel'], ratedAt: r.rated_at,
      ...(r.staff_id !== null ? { staffId: r.staff_id } : {}),
      ...(r.comment !== null ? { comment: r.comment } : {}),
      ...(r.name_masked !== null ? { nameMasked: r.name_masked } : {}),
    };
  }

  /** The next version number of a rating's records (1 for its first). */
  nextVersion(ratingId: string): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM province_outbox WHERE rating_id = ?').get(ratingId) as { v: number | null };
    return (row.v ?? 0) + 1;
  }

  enqueue(row: { id: string; ratingId: string; version: number; caseIndex: number; caseNumber?: string; kind: OutboxKind; now: number }): void {
    this.db
      .prepare(
        `INSERT INTO province_outbox (id, ord, rating_id, version, case_index, case_number, kind, state, next_at, created_at, updated_at)
         VALUES (?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM province_outbox), ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(row.id, row.ratingId, row.version, row.caseIndex, row.caseNumber ?? null, row.kind, row.now, row.now, row.now);
  }

  /** A case attached after the rating: the rows still waiting for a 办件编号 take it. */
  fillCaseNumber(ratingId: string, caseNumber: string, now: number): number {
    return this.db
      .prepare(`UPDATE province_outbox SET case_number = ?, state = 'pending', reason = NULL, next_at = ?, updated_at = ? WHERE rating_id = ? AND case_number IS NULL AND state != 'acked'`)
      .run(caseNumber, now, now, ratingId).changes;
  }

  rowsOfRating(ratingId: string): OutboxRow[] {
    return (this.db.prepare('SELECT * FROM province_outbox WHERE rating_id = ? ORDER BY ord').all(ratingId) as RawOutbox[]).map(toOutbox);
  }

  get(id: string): OutboxRow | undefined {
    const row = this.db.prepare('SELECT * FROM province_outbox WHERE id = ?').get(id) as RawOutbox | undefined;
    return row ? toOutbox(row) : undefined;
  }

  /** Rows due at `now`, oldest first. */
  due(now: number, limit: number): OutboxRow[] {
    return (this.db.prepare(`SELECT * FROM province_outbox WHERE state IN ('pending', 'retrying', 'forwarded') AND next_at <= ? ORDER BY ord LIMIT ?`).all(now, limit) as RawOutbox[]).map(toOutbox);
  }

  /** When the next row falls due, if any waits. */
  nextDueAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(next_at) AS at FROM province_outbox WHERE state IN ('pending', 'retrying', 'forwarded')`).get() as { at: number | null };
    return row.at ?? undefined;
  }

  list(limit: number, states?: readonly OutboxState[]): OutboxRow[] {
    const rows = states
      ? (this.db.prepare(`SELECT * FROM province_outbox WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY ord DESC LIMIT ?`).all(...states, limit) as RawOutbox[])
      : (this.db.prepare('SELECT * FROM province_outbox ORDER BY ord DESC LIMIT ?').all(limit) as RawOutbox[]);
    return rows.map(toOutbox);
  }

  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, retrying: 0, forwarded: 0, held: 0, rejected: 0, acked: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM province_outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) counts[r.state] = r.n;
    return counts;
  }

  markAcked(id: string, platformId: string, now: number): void {
    this.db.prepare(`UPDATE province_outbox SET state = 'acked', platform_id = ?, reason = NULL, acked_at = ?, updated_at = ? WHERE id = ? AND state != 'acked'`).run(platformId, now, now, id);
  }

  /** Parked: the platform refused it ('rejected') or the hall cannot build it yet ('held'). */
  park(id: string, state: 'rejected' | 'held', reason: string, now: number): void {
    this.db.prepare(`UPDATE province_outbox SET state = ?, reason = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND state != 'acked'`).run(state, reason, now, id);
  }

  /** The city centre stored it; ask it again for the platform's answer at `nextAt`. */
  markForwarded(id: string, nextAt: number, reason: string | undefined, now: number): void {
    this.db.prepare(`UPDATE province_outbox SET state = 'forwarded', reason = ?, attempts = attempts + 1, next_at = ?, updated_at = ? WHERE id = ? AND state != 'acked'`).run(reason ?? null, nextAt, now, id);
  }

  /** A forwarded row stays forwarded (the centre has it: the next try only asks); others become 'retrying'. */
  /** A manager's "send now": the waiting rows are due at `now` (the back-off is for the platform, not for them). */
  makeDueNow(now: number): number {
    return this.db.prepare(`UPDATE province_outbox SET next_at = MIN(next_at, ?) WHERE state IN ('pending', 'retrying')`).run(now).changes;
  }

  retryLater(id: string, reason: string, nextAt: number, now: number): void {
    this.db.prepare(`UPDATE province_outbox SET state = CASE state WHEN 'forwarded' THEN 'forwarded' ELSE 'retrying' END, reason = ?, attempts = attempts + 1, next_at = ?, updated_at = ? WHERE id = ? AND state != 'acked'`).run(reason, nextAt, now, id);
  }

  /** A manager's corrections, then the row is sent again at once (same record id: the platform never took it). */
  correct(id: string, corrections: Readonly<Record<string, string>>, caseNumber: string | undefined, now: number): void {
    this.db
      .prepare(`UPDATE province_outbox SET corrections = ?, case_number = COALESCE(?, case_number), state = 'pending', reason = NULL, attempts = 0, next_at = ?, updated_at = ? WHERE id = ? AND state != 'acked'`)
      .run(JSON.stringify(corrections), caseNumber ?? null, now, now, id);
  }
}
