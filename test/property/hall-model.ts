/**
 * The hall in memory, driven only through the pure domain (numbering, window-verbs, call-policy, ratings)
 * the same way app/window-commands.ts drives it, minus SQLite. Property tests run random sequences
 * of actions through it and check the invariants after every step.
 */
import { allocateSeq, formatNumber } from '../../server/domain/numbering';
import { chooseNext } from '../../server/domain/call-policy';
import { rateTicket } from '../../server/domain/ratings';
import * as verbs from '../../server/domain/window-verbs';
import type { Decision } from '../../server/domain/decision';
import type { HallPolicy, Rating, Service, Ticket, Window, WindowStatus } from '../../server/domain/types';
import type { Priority, RatingScore } from '../../server/protocol/model';

export type Verb = 'open' | 'close' | 'pause' | 'resume' | 'call-next' | 'call' | 'recall' | 'no-show' | 'park' | 'finish' | 'transfer';

export type Action =
  | { kind: 'issue'; service: number; priority: Priority; dueInMinutes: number }
  | { kind: 'verb'; window: number; verb: Verb; pick: number; toWindow: boolean; returnAfter: boolean }
  | { kind: 'rate'; pick: number; score: RatingScore; late: boolean }
  | { kind: 'tick'; minutes: number }
  | { kind: 'unpark' };

/** What one call-next saw and chose: the property checks it against an independent reading of the rule. */
export interface CallRecord {
  readonly window: Window;
  readonly waiting: readonly Ticket[];
  readonly chosen: Ticket | undefined;
  readonly now: number;
}

export class HallModel {
  readonly tickets = new Map<string, Ticket>();
  readonly statuses = new Map<string, WindowStatus>();
  readonly ratings = new Map<string, Rating>();
  /** Numbers given out by `issue`, in order, per service. */
  readonly issued = new Map<string, number[]>();
  readonly calls: CallRecord[] = [];
  now: number;
  private ids = 0;

  constructor(
    readonly services: readonly Service[],
    readonly windows: readonly Window[],
    readonly policy: HallPolicy,
    start: number,
  ) {
    this.now = start;
    for (const w of windows) this.statuses.set(w.id, { windowId: w.id, state: 'closed', since: start, isAutoCall: false });
  }

  private newId(): string {
    this.ids += 1;
    return `id${this.ids}`;
  }

  run(action: Action): Decision<unknown> | null {
    switch (action.kind) {
      case 'issue':
        return this.issue(action);
      case 'verb':
        return this.verb(action);
      case 'rate':
        return this.rate(action);
      case 'tick':
        this.now += action.minutes * 60_000;
        return null;
      case 'unpark':
        for (const t of this.tickets.values()) {
          if (t.status === 'parked' && t.parkedUntil !== undefined && t.parkedUntil <= this.now) this.tickets.set(t.id, verbs.returnFromPark(t));
        }
        return null;
    }
  }

  private issue(a: Extract<Action, { kind: 'issue' }>): Decision<unknown> {
    const service = this.services[a.service % this.services.length] as Service;
    const mine = [...this.tickets.values()].filter((t) => t.serviceId === service.id && t.seq !== undefined);
    const counter = { lastSeq: mine.length ? Math.max(...mine.map((t) => t.seq ?? 0)) : undefined, issuedToday: mine.length };
    const seq = allocateSeq(service, counter, 9 * 60);
    if (!seq.ok) return seq;
    const id = this.newId();
    this.tickets.set(id, {
      id, day: '2026-11-27', serviceId: service.id, seq: seq.value, number: formatNumber(service.prefix, seq.value, service.rangeEnd),
      priority: a.priority, status: 'waiting', trackToken: `track-${id}`, arrivedAt: this.now, issuedAt: this.now,
      dueAt: a.priority === 'appointment' ? this.now + a.dueInMinutes * 60_000 : undefined, isReturn: false, callCount: 0,
      waitingAhead: 0, estimatedWaitMinutes: 0,
    });
    this.issued.set(service.id, [...(this.issued.get(service.id) ?? []), seq.value]);
    return seq;
  }

  private verb(a: Extract<Action, { kind: 'verb' }>): Decision<unknown> | null {
    const window = this.windows[a.window % this.windows.length] as Window;
    const status = this.statuses.get(window.id) as WindowStatus;
    const current = status.currentTicketId ? this.tickets.get(status.currentTicketId) : undefined;
    const ctx: verbs.WindowContext = { window, status, current, now: this.now, policy: this.policy };
    const all = [...this.tickets.values()];
    let decision: Decision<verbs.VerbOutcome>;
    switch (a.verb) {
      case 'open': decision = verbs.openWindow(ctx, `clerk-${window.id}`); break;
      case 'close': decision = verbs.closeWindow(ctx); break;
      case 'pause': decision = verbs.pauseWindow(ctx, 'break'); break;
      case 'resume': decision = verbs.resumeWindow(ctx); break;
      case 'call-next': {
        const ready = verbs.requireIdle(ctx);
        if (!ready.ok) return ready;
        const next = chooseNext(window, all, this.policy, this.now);
        this.calls.push({ window, waiting: all.filter((t) => t.status === 'waiting'), chosen: next, now: this.now });
        if (!next) return null;
        decision = verbs.callTicket(ctx, next);
        break;
      }
      case 'call': {
        const target = all[a.pick % Math.max(all.length, 1)];
        if (!target) return null;
        decision = verbs.callTicket(ctx, target);
        break;
      }
      case 'recall': decision = verbs.recallTicket(ctx); break;
      case 'no-show': decision = verbs.markNoShow(ctx); break;
      case 'park': decision = verbs.parkTicket(ctx, 1 + (a.pick % 20)); break;
      case 'finish': decision = verbs.finishTicket(ctx, this.newId()); break;
      case 'transfer': {
        const other = this.windows[(a.window + 1 + (a.pick % (this.windows.length - 1))) % this.windows.length] as Window;
        const service = this.services[a.pick % this.services.length] as Service;
        const toWindowState = this.statuses.get(other.id)?.state;
        decision = verbs.transferTicket(ctx, a.toWindow ? { toWindow: other, toWindowState, returnAfter: a.returnAfter } : { toService: service, returnAfter: a.returnAfter }, this.newId());
        break;
      }
    }
    if (decision.ok) this.apply(window, decision.value);
    return decision;
  }

  /** As app/window-commands.ts apply(): the tickets first, then the window row. */
  private apply(window: Window, outcome: verbs.VerbOutcome): void {
    for (const t of outcome.changed) this.tickets.set(t.id, t);
    for (const t of outcome.created) this.tickets.set(t.id, t);
    this.statuses.set(window.id, outcome.status);
  }

  private rate(a: Extract<Action, { kind: 'rate' }>): Decision<unknown> | null {
    const all = [...this.tickets.values()];
    const ticket = all[a.pick % Math.max(all.length, 1)];
    if (!ticket) return null;
    const at = a.late ? (ticket.finishedAt ?? this.now) + this.policy.ratingTimeoutSeconds * 1000 + 1 : this.now;
    const decision = rateTicket(ticket, this.ratings.get(ticket.id), { id: this.newId(), score: a.score, tags: [], channel: 'keypad', now: at }, this.policy);
    if (decision.ok) this.ratings.set(ticket.id, decision.value);
    return decision;
  }
}
