/** Follow-up rows ↔ Followup values, joined with their rating for display. No SQL leaves this file. */
import type { Db } from './db';
import type { AppealStatus } from '../protocol/manager-model';
import type { Followup } from '../domain/followup-rules';

interface FollowupRow {
  id: string;
  rating_id: string;
  assignee: string | null;
  opened_at: number;
  due_at: number;
  status: string;
  callback_at: number | null;
  callback_note: string | null;
  remedy_at: number | null;
  remedy_note: string | null;
  feedback_at: number | null;
  feedback_note: string | null;
  closed_at: number | null;
  closed_by: string | null;
  callback_by: string | null;
  remedy_by: string | null;
  feedback_by: string | null;
  appeal_status: string;
  appeal_reason: string | null;
  appeal_by: string | null;
  appeal_at: number | null;
  appeal_decision_note: string | null;
  appeal_decided_by: string | null;
  appeal_decided_at: number | null;
}

export interface RatedFollowup extends Followup {
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly score: number;
  readonly tags: string[];
  readonly comment?: string;
  readonly ratedAt: number;
}

type JoinedRow = FollowupRow & { ticket_id: string; number: string; service_id: string; window_id: string; score: number; tags: string; comment: string | null; rated_at: number };

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toFollowup(r: FollowupRow): Followup {
  return {
    id: r.id,
    ratingId: r.rating_id,
    assignee: u(r.assignee),
    openedAt: r.opened_at,
    dueAt: r.due_at,
    status: r.status === 'closed' ? 'closed' : 'open',
    callbackAt: u(r.callback_at),
    callbackNote: u(r.callback_note),
    callbackBy: u(r.callback_by),
    remedyAt: u(r.remedy_at),
    remedyNote: u(r.remedy_note),
    remedyBy: u(r.remedy_by),
    feedbackAt: u(r.feedback_at),
    feedbackNote: u(r.feedback_note),
    feedbackBy: u(r.feedback_by),
    closedAt: u(r.closed_at),
    closedBy: u(r.closed_by),
    appealStatus: r.appeal_status as AppealStatus,
    appealReason: u(r.appeal_reason),
    appealBy: u(r.appeal_by),
    appealAt: u(r.appeal_at),
    appealDecisionNote: u(r.appeal_decision_note),
    appealDecidedBy: u(r.appeal_decided_by),
    appealDecidedAt: u(r.appeal_decided_at),
  };
}

const COLUMNS = [
  'id', 'rating_id', 'assignee', 'opened_at', 'due_at', 'status', 'callback_at', 'callback_note', 'remedy_at', 'remedy_note',
  'feedback_at', 'feedback_note', 'closed_at', 'appeal_status', 'appeal_reason', 'appeal_by', 'appeal_at', 'appeal_decision_note',
  'appeal_decided_by', 'appeal_decided_at', 'closed_by', 'callback_by', 'remedy_by', 'feedback_by',
] as const;

const JOINED = `SELECT f.*, r.ticket_id, t.number, r.service_id, r.window_id, r.score, r.tags, r.comment, r.rated_at
  FROM followups f JOIN ratings r ON r.id = f.rating_id JOIN tickets t ON t.id = r.ticket_id`;

export class FollowupsRepo {
  private readonly s;

  constructor(db: Db) {
    const updates = COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
    this.s = {
      save: db.prepare(`INSERT INTO followups (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT(id) DO UPDATE SET ${updates}`),
      byId: db.prepare<[string], JoinedRow>(`${JOINED} WHERE f.id = ?`),
      list: db.prepare<[number, number], JoinedRow>(`${JOINED} WHERE f.opened_at >= ? AND f.opened_at < ? ORDER BY f.opened_at DESC LIMIT 1000`),
      open: db.prepare<[], JoinedRow>(`${JOINED} WHERE f.status = 'open' ORDER BY f.due_at`),
      closed: db.prepare<[number, number], JoinedRow>(`${JOINED} WHERE f.status = 'closed' AND f.closed_at >= ? AND f.closed_at < ? ORDER BY f.closed_at DESC LIMIT 1000`),
      assigned: db.prepare<[string, number], JoinedRow>(`${JOINED} WHERE f.assignee = ? AND r.rated_at >= ? ORDER BY r.rated_at DESC LIMIT 200`),
      // 差评 without a follow-up: what a crash between the rating and its follow-up would leave behind.
      missing: db.prepare<[], { id: string; staff_id: string | null; rated_at: number }>(
        'SELECT r.id, r.staff_id, r.rated_at FROM ratings r LEFT JOIN followups f ON f.rating_id = r.id WHERE r.score <= 2 AND f.id IS NULL',
      ),
      rate: db.prepare<[number, number], { total: number; closed: number; overdue: number }>(
        `SELECT COUNT(*) AS total, SUM(status = 'closed') AS closed, SUM(status = 'open' AND due_at < ?) AS overdue
         FROM followups WHERE appeal_status != 'accepted' AND opened_at >= ?`,
      ),
    };
  }

  save(f: Followup): void {
    const row: FollowupRow = {
      id: f.id,
      rating_id: f.ratingId,
      assignee: f.assignee ?? null,
      opened_at: f.openedAt,
      due_at: f.dueAt,
      status: f.status,
      callback_at: f.callbackAt ?? null,
      callback_note: f.callbackNote ?? null,
      remedy_at: f.remedyAt ?? null,
      remedy_note: f.remedyNote ?? null,
      feedback_at: f.feedbackAt ?? null,
      feedback_note: f.feedbackNote ?? null,
      closed_at: f.closedAt ?? null,
      closed_by: f.closedBy ?? null,
      callback_by: f.callbackBy ?? null,
      remedy_by: f.remedyBy ?? null,
      feedback_by: f.feedbackBy ?? null,
      appeal_status: f.appealStatus,
      appeal_reason: f.appealReason ?? null,
      appeal_by: f.appealBy ?? null,
      appeal_at: f.appealAt ?? null,
      appeal_decision_note: f.appealDecisionNote ?? null,
      appeal_decided_by: f.appealDecidedBy ?? null,
      appeal_decided_at: f.appealDecidedAt ?? null,
    };
    this.s.save.run(row);
  }

  get(id: string): RatedFollowup | undefined {
    const r = this.s.byId.get(id);
    return r ? toRated(r) : undefined;
  }

  list(from: number, to: number): RatedFollowup[] {
    return this.s.list.all(from, to).map(toRated);
  }

  listOpen(): RatedFollowup[] {
    return this.s.open.all().map(toRated);
  }

  /** Closed between `from` and `to`, latest first: the history the console keeps showing. */
  listClosed(from: number, to: number): RatedFollowup[] {
    return this.s.closed.all(from, to).map(toRated);
  }

  /** Assigned to `username` for ratings given since `since`, latest first. */
  listAssigned(username: string, since: number): RatedFollowup[] {
    return this.s.assigned.all(username, since).map(toRated);
  }

  badRatingsWithoutFollowup(): { ratingId: string; staffId?: string; ratedAt: number }[] {
    return this.s.missing.all().map((r) => ({ ratingId: r.id, staffId: u(r.staff_id), ratedAt: r.rated_at }));
  }

  /** Counts since `from` (accepted appeals excluded): the 回访整改率 is closed / total. */
  rate(now: number, from: number): { total: number; closed: number; overdue: number } {
    const r = this.s.rate.get(now, from);
    return { total: r?.total ?? 0, closed: r?.closed ?? 0, overdue: r?.overdue ?? 0 };
  }
}

function toRated(r: JoinedRow): RatedFollowup {
  return {
    ...toFollowup(r),
    ticketId: r.ticket_id,
    number: r.number,
    serviceId: r.service_id,
    windowId: r.window_id,
    score: r.score,
    tags: JSON.parse(r.tags) as string[],
    comment: u(r.comment),
    ratedAt: r.rated_at,
  };
}
