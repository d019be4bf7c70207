/**
 * 差评 follow-up use cases. Every 不满意 / 非常不满意 rating gets a follow-up assigned to the clerk who
 * served the ticket, due N working days after the rating day. They are opened from the `rating:recorded` fact
 * and, as a safety net, by a sweep of ratings without one (a crash between the two commits loses nothing).
 * The rules (steps, appeals, what is overdue) are domain/followup-rules.ts's.
 */
import type { FollowupList, FollowupQuery, FollowupRecordBody, FollowupSummary, FollowupView } from '../protocol/manager-model';
import { dayOf } from '../domain/calendar';
import { addDays, addWorkingDays, endOfDay, startOfDay } from '../domain/working-days';
import { decideAppeal, fileAppeal, openFollowup, overdueStep, recordStep, type Followup } from '../domain/followup-rules';
import type { OpenFollowup } from '../domain/alert-rules';
import type { FollowupsRepo, RatedFollowup } from '../storage/followups-repo';
import type { Actor } from './actor';
import { HubError, must } from './errors';
import type { HubPorts } from './ports';
import { daysBack } from './alerts';
import { SYSTEM, type ManagerSettingsSource } from './manager-settings';
import { enqueueProvinceRecords } from './province-outbox';

type Staff = Extract<Actor, { kind: 'staff' }>;

export type FollowupPorts = Pick<HubPorts, 'writer' | 'time' | 'config' | 'database'>;

const DAY_MS = 86_400_000;

function toFollowupView(f: RatedFollowup, now: number, callbackDueAt: number | undefined): FollowupView {
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
    ...(callbackDueAt !== undefined ? { callbackDueAt } : {}),
    status: f.status,
    isOverdue: overdueStep(f, { dueAt: f.dueAt, callbackDueAt }, now) !== undefined,
    callbackAt: f.callbackAt,
    callbackNote: f.callbackNote,
    callbackBy: f.callbackBy,
    remedyAt: f.remedyAt,
    remedyNote: f.remedyNote,
    remedyBy: f.remedyBy,
    feedbackAt: f.feedbackAt,
    feedbackNote: f.feedbackNote,
    feedbackBy: f.feedbackBy,
    closedAt: f.closedAt,
    closedBy: f.closedBy,
    appealStatus: f.appealStatus,
    appealReason: f.appealReason,
    appealBy: f.appealBy,
    appealAt: f.appealAt,
    appealDecisionNote: f.appealDecisionNote,
    appealDecidedBy: f.appealDecidedBy,
    appealDecidedAt: f.appealDecidedAt,
  };
}

export class Followups {
  constructor(
    private readonly ports: FollowupPorts,
    private readonly repo: FollowupsRepo,
    private readonly settings: ManagerSettingsSource,
    private readonly newId: () => string,
  ) {}

  private get timeZone(): string {
    return this.ports.config.hall.timeZone;
  }

  /** The end of the Nth working day after the day of `ratedAt`, in the hall's holiday calendar. */
  private afterWorkingDays(ratedAt: number, days: number): number {
    return endOfDay(addWorkingDays(dayOf(ratedAt, this.timeZone), days, this.settings.calendar()), this.timeZone);
  }

  /**
   * The 整改 deadline (the item closed) for a rating given at `ratedAt`: the province's
   * `rules.remedyWorkingDays` where the hall delivers to one — the province sets it — else the manager setting.
   */
  dueAt(ratedAt: number): number {
    return this.afterWorkingDays(ratedAt, this.ports.config.province?.rules.remedyWorkingDays ?? this.settings.current().followupWorkingDays);
  }

  /** The 回访 deadline, only where the province sets one. Derived, not stored: it follows the rule in force. */
  callbackDueAt(ratedAt: number): number | undefined {
    const rules = this.ports.config.province?.rules;
    return rules ? this.afterWorkingDays(ratedAt, rules.callbackWorkingDays) : undefined;
  }

  private view(f: RatedFollowup, now: number): FollowupView {
    return toFollowupView(f, now, this.callbackDueAt(f.ratedAt));
  }

  /** The open follow-ups with their deadlines, for the 电子监察 rules (app/alerts.ts). */
  openDeadlines(): OpenFollowup[] {
    return this.repo.listOpen().map((f) => {
      const callbackDueAt = this.callbackDueAt(f.ratedAt);
      return {
        id: f.id, number: f.number, status: f.status, dueAt: f.dueAt, serviceId: f.serviceId, windowId: f.windowId,
        ...(callbackDueAt !== undefined ? { callbackDueAt } : {}),
        ...(f.callbackAt !== undefined ? { callbackAt: f.callbackAt } : {}),
      };
    });
  }

  /** Opens a follow-up for every 差评 that has none. Answers how many were opened. */
  openMissing(): number {
    const missing = this.repo.badRatingsWithoutFollowup();
    if (missing.length === 0) return 0;
    this.ports.writer.commit(SYSTEM, (tx) => {
      for (const rating of this.repo.badRatingsWithoutFollowup()) {
        const id = this.newId();
        this.repo.save(openFollowup(id, rating.ratingId, rating.staffId, tx.now, this.dueAt(rating.ratedAt)));
        const saved = this.repo.get(id);
        if (saved) tx.emit('followup:updated', { followup: this.view(saved, tx.now) });
      }
    });
    return missing.length;
  }

  private change(actor: Staff, id: string, decide: (f: Followup, now: number) => Followup): FollowupView {
    return this.ports.writer.commit(actor, (tx) => {
      const current = this.repo.get(id);
      if (!current) throw new HubError('not-found', `There is no follow-up ${id}.`);
      const next = decide(current, tx.now);
      this.repo.save(next);
      const view = this.view(this.repo.get(id) as RatedFollowup, tx.now);
      // A change the province must hear of goes into its outbox in this same transaction.
      const kind = next.appealStatus === 'accepted' && current.appealStatus !== 'accepted' ? 'appeal-accepted' : next.status === 'closed' && current.status !== 'closed' ? 'followup-closed' : undefined;
      if (kind) enqueueProvinceRecords(this.ports.database.db, this.ports.config, { id: view.ratingId, ticketId: view.ticketId }, kind, tx.now);
      tx.emit('followup:updated', { followup: view });
      return view;
    });
  }

  record(actor: Staff, id: string, body: FollowupRecordBody): FollowupView {
    return this.change(actor, id, (f, now) => must(recordStep(f, body.step, body.note, body.at ?? now, now, actor.username)));
  }

  /** Any staff member may appeal a rating on a ticket they handled; managers may appeal for anyone. */
  appeal(actor: Staff, id: string, reason: string): FollowupView {
    return this.change(actor, id, (f, now) => {
      if (actor.role === 'clerk' && f.assignee !== actor.username) throw new HubError('forbidden', 'You can appeal only ratings of tickets you served.');
      return must(fileAppeal(f, reason, actor.username, now));
    });
  }

  decideAppeal(actor: Staff, id: string, decision: 'accepted' | 'rejected', note: string): FollowupView {
    return this.change(actor, id, (f, now) => must(decideAppeal(f, decision, note, actor.username, now)));
  }

  /** The 回访整改率 of the follow-ups opened since the start of the hall day `daysAgo` days back. */
  summary(daysAgo: number): FollowupSummary {
    const now = this.ports.time.now();
    const since = startOfDay(addDays(this.ports.time.today(now), -daysAgo), this.timeZone);
    const counts = this.repo.rate(now, since);
    return { ...counts, rate: counts.total === 0 ? 1 : counts.closed / counts.total };
  }

  /**
   * The open follow-ups (default), those closed in the last `days`, or every one opened in the last `days`
   * (default 90), with the rate over those days.
   */
  list(query: FollowupQuery): FollowupList {
    const now = this.ports.time.now();
    const days = daysBack(query, 90);
    const from = now - days * DAY_MS;
    const items = query.scope === 'recent' ? this.repo.list(from, now + 1) : query.scope === 'closed' ? this.repo.listClosed(from, now + 1) : this.repo.listOpen();
    return { items: items.map((f) => this.view(f, now)), summary: this.summary(days) };
  }

  /** The caller's own 差评 of the last 30 days (the window page lists them to file a 申诉). */
  mine(actor: Staff): FollowupView[] {
    const now = this.ports.time.now();
    return this.repo.listAssigned(actor.username, now - 30 * DAY_MS).map((f) => this.view(f, now));
  }
}
