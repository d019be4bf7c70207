/**
 * 差评 follow-up use cases. Every 不满意 / 非常不满意 rating gets a follow-up assigned to the clerk who
 * served the ticket, due N working days after the rating day. They are opened from the `rating:recorded` fact
 * and, as a safety net, by a sweep of ratings without one (a crash between the two commits loses nothing).
 */
import type { Actor } from '../app/actor';
import { HubError, must } from '../app/errors';
import type { FollowupRecordBody, FollowupView } from '../protocol/manager-model';
import { dayOf } from '../domain/calendar';
import { addWorkingDays, endOfDay } from './working-days';
import { decideAppeal, fileAppeal, isOverdue, openFollowup, recordStep, type Followup } from './followup-rules';
import type { RatedFollowup } from './followups-repo';
import { SYSTEM, type ManagerContext } from './context';

type Staff = Extract<Actor, { kind: 'staff' }>;

export function toFollowupView(f: RatedFollowup, now: number): FollowupView {
  return {
    id: f.id,
    ratingId: f.ratingId,
    ticketId: f.ticketId,
    number: f.number,
    serviceId: f.serviceId,
    windowId: f.windowId,
    assignee: f.assignee,
    score: f.score,
    tags: f.tags,
    comment: f.comment,
    ratedAt: f.ratedAt,
    dueAt: f.dueAt,
    status: f.status,
    isOverdue: isOverdue(f, now),
    callbackAt: f.callbackAt,
    callbackNote: f.callbackNote,
    remedyAt: f.remedyAt,
    remedyNote: f.remedyNote,
    feedbackAt: f.feedbackAt,
    feedbackNote: f.feedbackNote,
    closedAt: f.closedAt,
    appealStatus: f.appealStatus,
    appealReason: f.appealReason,
    appealBy: f.appealBy,
    appealAt: f.appealAt,
    appealDecisionNote: f.appealDecisionNote,
    appealDecidedBy: f.appealDecidedBy,
    appealDecidedAt: f.appealDecidedAt,
  };
}

/** The deadline for a rating given at `ratedAt`: the end of the Nth working day after that day. */
export function followupDueAt(ctx: ManagerContext, ratedAt: number): number {
  const day = dayOf(ratedAt, ctx.timeZone);
  return endOfDay(addWorkingDays(day, ctx.settings().followupWorkingDays, ctx.settingsRepo.calendar()), ctx.timeZone);
}

/** Opens a follow-up for every 差评 that has none. Answers how many were opened. */
export function openMissingFollowups(ctx: ManagerContext): number {
  const missing = ctx.followups.badRatingsWithoutFollowup();
  if (missing.length === 0) return 0;
  ctx.core.commit(SYSTEM, (tx) => {
    for (const rating of ctx.followups.badRatingsWithoutFollowup()) {
      const id = ctx.core.deps.newId();
      ctx.followups.save(openFollowup(id, rating.ratingId, rating.staffId, tx.now, followupDueAt(ctx, rating.ratedAt)));
      const saved = ctx.followups.get(id);
      if (saved) tx.emit('followup:updated', { followup: toFollowupView(saved, tx.now) });
    }
  });
  return missing.length;
}

function change(ctx: ManagerContext, actor: Staff, id: string, decide: (f: Followup, now: number) => Followup): FollowupView {
  return ctx.core.commit(actor, (tx) => {
    const current = ctx.followups.get(id);
    if (!current) throw new HubError('not-found', `There is no follow-up ${id}.`);
    ctx.followups.save(decide(current, tx.now));
    const view = toFollowupView(ctx.followups.get(id) as RatedFollowup, tx.now);
    tx.emit('followup:updated', { followup: view });
    return view;
  });
}

export function recordFollowupStep(ctx: ManagerContext, actor: Staff, id: string, body: FollowupRecordBody): FollowupView {
  return change(ctx, actor, id, (f, now) => must(recordStep(f, body.step, body.note, body.at ?? now, now)));
}

/** Any staff member may appeal a rating on a ticket they handled; managers may appeal for anyone. */
export function appealRating(ctx: ManagerContext, actor: Staff, id: string, reason: string): FollowupView {
  return change(ctx, actor, id, (f, now) => {
    if (actor.role === 'clerk' && f.assignee !== actor.username) throw new HubError('forbidden', 'You can appeal only ratings of tickets you served.');
    return must(fileAppeal(f, reason, actor.username, now));
  });
}

export function decideRatingAppeal(ctx: ManagerContext, actor: Staff, id: string, decision: 'accepted' | 'rejected', note: string): FollowupView {
  return change(ctx, actor, id, (f, now) => must(decideAppeal(f, decision, note, actor.username, now)));
}

export function followupSummary(ctx: ManagerContext, since: number): { total: number; closed: number; overdue: number; rate: number } {
  const now = ctx.core.now();
  const counts = ctx.followups.rate(now, since);
  return { ...counts, rate: counts.total === 0 ? 1 : counts.closed / counts.total };
}
