/**
 * 差评 follow-up rules (国办发〔2019〕51号: 谁办理、谁负责; revisit, fix, report back; 申诉复核). Pure: the
 * current record and the clock come in, a decision goes out. A rating is never deleted: an accepted appeal
 * only takes it out of the satisfaction and follow-up rates.
 */
import type { AppealStatus, FollowupStep } from '../protocol/manager-model';
import { accept, refuse, type Decision } from './decision';

export interface Followup {
  readonly id: string;
  readonly ratingId: string;
  readonly assignee?: string;
  readonly openedAt: number;
  readonly dueAt: number;
  readonly status: 'open' | 'closed';
  readonly callbackAt?: number;
  readonly callbackNote?: string;
  /** Who recorded each step (a staff username); absent on steps recorded before this was kept. */
  readonly callbackBy?: string;
  readonly remedyAt?: number;
  readonly remedyNote?: string;
  readonly remedyBy?: string;
  readonly feedbackAt?: number;
  readonly feedbackNote?: string;
  readonly feedbackBy?: string;
  readonly closedAt?: number;
  /** The staff member whose step or decision closed it. */
  readonly closedBy?: string;
  readonly appealStatus: AppealStatus;
  readonly appealReason?: string;
  readonly appealBy?: string;
  readonly appealAt?: number;
  readonly appealDecisionNote?: string;
  readonly appealDecidedBy?: string;
  readonly appealDecidedAt?: number;
}

export function openFollowup(id: string, ratingId: string, assignee: string | undefined, now: number, dueAt: number): Followup {
  return { id, ratingId, assignee, openedAt: now, dueAt, status: 'open', appealStatus: 'none' };
}

/** Past its deadline and still open. A pending appeal does not stop the clock: the visitor still waits. */
export function isOverdue(f: Followup, now: number): boolean {
  return f.status === 'open' && now > f.dueAt;
}

/**
 * Records a call-back (回访), remedy (整改) or feedback to the visitor. The item closes once the visitor was
 * called back and told the outcome; a remedy is optional (a request without legal basis gets an explanation).
 */
export function recordStep(f: Followup, step: FollowupStep, note: string, at: number, now: number, by: string): Decision<Followup> {
  if (f.status === 'closed') return refuse('followup-closed', 'This follow-up is closed. Open items only can be changed.');
  if (at > now) return refuse('invalid-request', 'A follow-up step cannot be dated in the future.');
  if (at < f.openedAt) return refuse('invalid-request', 'A follow-up step cannot be dated before the rating.');
  const next: Followup =
    step === 'callback'
      ? { ...f, callbackAt: at, callbackNote: note, callbackBy: by }
      : step === 'remedy'
        ? { ...f, remedyAt: at, remedyNote: note, remedyBy: by }
        : { ...f, feedbackAt: at, feedbackNote: note, feedbackBy: by };
  const isDone = next.callbackAt !== undefined && next.feedbackAt !== undefined;
  return accept(isDone ? { ...next, status: 'closed', closedAt: now, closedBy: by } : next);
}

export function fileAppeal(f: Followup, reason: string, by: string, now: number): Decision<Followup> {
  if (f.appealStatus !== 'none') return refuse('appeal-not-allowed', 'This rating has already been appealed; each rating can be appealed once.');
  return accept({ ...f, appealStatus: 'pending', appealReason: reason, appealBy: by, appealAt: now });
}

export function decideAppeal(f: Followup, decision: 'accepted' | 'rejected', note: string, by: string, now: number): Decision<Followup> {
  if (f.appealStatus !== 'pending') return refuse('appeal-not-allowed', 'There is no pending appeal on this rating.');
  if (f.appealBy === by) return refuse('forbidden', 'The appeal must be reviewed by another manager than the one who filed it.');
  const decided: Followup = { ...f, appealStatus: decision, appealDecisionNote: note, appealDecidedBy: by, appealDecidedAt: now };
  // An accepted appeal (mistaken or malicious rating) needs no further remedy; the rating stays on record.
  return accept(decision === 'accepted' && decided.status === 'open' ? { ...decided, status: 'closed', closedAt: now, closedBy: by } : decided);
}

/** A follow-up's deadlines: the call-back (回访) one only where the province sets it (`province.rules`). */
export interface FollowupDeadlines {
  readonly callbackDueAt?: number;
  readonly dueAt: number;
}

/**
 * Which deadline of an open 差评 follow-up has passed, for the 电子监察 alert: 'callback' while the visitor
 * was not called back in time, then 'remedy' once the item is still open past its 整改 deadline. An accepted
 * appeal closes the item, so it is never overdue; a pending one does not stop the clock.
 */
export function overdueStep(f: Pick<Followup, 'status' | 'callbackAt'>, deadlines: FollowupDeadlines, now: number): 'callback' | 'remedy' | undefined {
  if (f.status !== 'open') return undefined;
  if (now > deadlines.dueAt) return 'remedy';
  if (deadlines.callbackDueAt !== undefined && f.callbackAt === undefined && now > deadlines.callbackDueAt) return 'callback';
  return undefined;
}
