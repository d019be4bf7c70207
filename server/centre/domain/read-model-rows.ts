/**
 * What a run of new events changes in the centre's read models: ticket rows (last state per ticket wins),
 * calls, ratings, follow-ups and daily summaries. Unknown fact types and unreadable payloads change nothing
 * (they stay in the raw event log). Pure.
 */
import { readCall, readDaySummary, readFollowup, readRating, readTicket, objectOf, booleanOf, type CallFacts, type FollowupFacts, type Obj, type RatingFacts, type ServiceDaySummary, type TicketFacts } from './payloads';

export interface TicketRow extends TicketFacts {
  /** Wait of this segment: first call − issue (as the hall's reports define it). */
  readonly waitMs?: number;
  /** Service of a finished ticket: finish − first call. */
  readonly serviceMs?: number;
  readonly seq: number;
}
export interface CallRow {
  readonly seq: number;
  readonly at: number;
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly windowNumber?: number;
  readonly clerk?: string;
  readonly isRecall: boolean;
  readonly isChosen: boolean;
  readonly callCount: number;
}
export interface RatingRow extends RatingFacts {
  readonly seq: number;
}
export interface FollowupRow extends FollowupFacts {
  readonly seq: number;
  readonly at: number;
}
export interface SummaryRow extends ServiceDaySummary {
  readonly day: string;
}

export interface ReadModelRows {
  readonly tickets: TicketRow[];
  readonly calls: CallRow[];
  readonly ratings: RatingRow[];
  readonly followups: FollowupRow[];
  readonly summaries: SummaryRow[];
  /** The whole closing document of a day (totals, windows, clerks), for reports. */
  readonly dayDocuments: { readonly day: string; readonly data: Obj }[];
  /** Events of a known type whose payload could not be read (kept raw, not in the read models). */
  readonly unreadable: number;
}

export interface RowEvent {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly data: Obj;
}

/*
 * The rows are written out field by field, not as `{ ...facts, more }`: on Node 20 a spread followed by
 * further properties measured about 3.5 µs per added property (a plain spread 0.14 µs), which was some 10 µs
 * of every ingested event (docs/performance.md, figure 6). test/centre/read-model-rows.test.ts checks that
 * no field of a reader is left out.
 */
function ticketRow(t: TicketFacts, seq: number): TicketRow {
  const waitMs = t.firstCalledAt !== undefined ? Math.max(0, t.firstCalledAt - t.issuedAt) : undefined;
  const serviceMs = t.status === 'done' && t.finishedAt !== undefined && t.firstCalledAt !== undefined ? Math.max(0, t.finishedAt - t.firstCalledAt) : undefined;
  return {
    id: t.id, number: t.number, serviceId: t.serviceId, day: t.day, status: t.status, priority: t.priority, closeReason: t.closeReason,
    issuedAt: t.issuedAt, arrivedAt: t.arrivedAt, firstCalledAt: t.firstCalledAt, calledAt: t.calledAt, finishedAt: t.finishedAt,
    windowId: t.windowId, clerk: t.clerk, callCount: t.callCount, waitMs, serviceMs, seq,
  };
}

function callRow(c: CallFacts, seq: number, clerk: string | undefined, isChosen: boolean): CallRow {
  return { seq, at: c.at, ticketId: c.ticketId, number: c.number, serviceId: c.serviceId, windowId: c.windowId, windowNumber: c.windowNumber, clerk, isRecall: c.isRecall, isChosen, callCount: c.callCount };
}

function ratingRow(r: RatingFacts, comment: string | undefined, seq: number): RatingRow {
  return {
    id: r.id, ticketId: r.ticketId, serviceId: r.serviceId, windowId: r.windowId, clerk: r.clerk, score: r.score, tags: r.tags, comment,
    channel: r.channel, finishedAt: r.finishedAt, ratedAt: r.ratedAt, seq,
  };
}

function followupRow(f: FollowupFacts, seq: number, at: number): FollowupRow {
  return {
    id: f.id, ratingId: f.ratingId, ticketId: f.ticketId, number: f.number, serviceId: f.serviceId, windowId: f.windowId, assignee: f.assignee,
    score: f.score, tags: f.tags, comment: f.comment, ratedAt: f.ratedAt, dueAt: f.dueAt, status: f.status, closedAt: f.closedAt,
    appealStatus: f.appealStatus, seq, at,
  };
}

function summaryRow(s: ServiceDaySummary, day: string): SummaryRow {
  return {
    serviceId: s.serviceId, issued: s.issued, served: s.served, noShows: s.noShows, waitP50Seconds: s.waitP50Seconds, waitP90Seconds: s.waitP90Seconds,
    serviceP50Seconds: s.serviceP50Seconds, serviceP90Seconds: s.serviceP90Seconds, ratings: s.ratings, satisfied: s.satisfied, bad: s.bad, day,
  };
}

export function readModelRows(events: readonly RowEvent[]): ReadModelRows {
  // Keyed so that one statement never touches a row twice (PostgreSQL refuses that in ON CONFLICT).
  const tickets = new Map<string, TicketRow>();
  const followups = new Map<string, FollowupRow>();
  const summaries = new Map<string, SummaryRow>();
  const dayDocuments = new Map<string, { day: string; data: Obj }>();
  const calls: CallRow[] = [];
  const ratings = new Map<string, RatingRow>();
  let unreadable = 0;
  for (const event of events) {
    const data = event.data;
    switch (event.type) {
      case 'ticket:issued':
      case 'ticket:updated':
      case 'ticket:called': {
        const ticket = readTicket(data.ticket);
        if (!ticket) {
          unreadable++;
          break;
        }
        tickets.set(`${ticket.id}|${ticket.day}`, ticketRow(ticket, event.seq));
        if (event.type === 'ticket:called') {
          const call = readCall(data.call, event.at);
          if (call) calls.push(callRow(call, event.seq, ticket.clerk, booleanOf(data, 'isChosen') ?? false));
          else unreadable++;
        }
        break;
      }
      case 'rating:recorded': {
        const rating = readRating(data.rating, event.at);
        if (rating) ratings.set(rating.id, ratingRow(rating, rating.comment ?? stringComment(data), event.seq));
        else unreadable++;
        break;
      }
      case 'followup:updated': {
        const followup = readFollowup(data.followup);
        if (followup) followups.set(followup.id, followupRow(followup, event.seq, event.at));
        else unreadable++;
        break;
      }
      case 'day:summary': {
        const summary = readDaySummary(data);
        if (!summary) {
          unreadable++;
          break;
        }
        for (const s of summary.services) summaries.set(`${summary.day}|${s.serviceId}`, summaryRow(s, summary.day));
        dayDocuments.set(summary.day, { day: summary.day, data: summary.document });
        break;
      }
      default:
        break;
    }
  }
  return {
    tickets: [...tickets.values()],
    calls,
    ratings: [...ratings.values()],
    followups: [...followups.values()],
    summaries: [...summaries.values()],
    dayDocuments: [...dayDocuments.values()],
    unreadable,
  };
}

/** Some halls send the visitor's comment beside the rating rather than inside it. */
function stringComment(data: Obj): string | undefined {
  const c = data.comment ?? objectOf(data.rating)?.comment;
  return typeof c === 'string' ? c : undefined;
}

/** The months a run of events writes into, per partitioned table (created before the batch's transaction). */
export function partitionMonthsOf(events: readonly RowEvent[], monthOfTime: (ms: number) => string): { table: 'events' | 'tickets' | 'calls' | 'ratings'; month: string }[] {
  const needs = new Map<string, { table: 'events' | 'tickets' | 'calls' | 'ratings'; month: string }>();
  const need = (table: 'events' | 'tickets' | 'calls' | 'ratings', month: string): void => void needs.set(`${table}|${month}`, { table, month });
  for (const event of events) {
    need('events', monthOfTime(event.at));
    const ticket = event.type.startsWith('ticket:') ? readTicket(event.data.ticket) : undefined;
    if (ticket) need('tickets', ticket.day.slice(0, 7));
    if (event.type === 'ticket:called') need('calls', monthOfTime(readCall(event.data.call, event.at)?.at ?? event.at));
    if (event.type === 'rating:recorded') need('ratings', monthOfTime(readRating(event.data.rating, event.at)?.ratedAt ?? event.at));
  }
  return [...needs.values()];
}
