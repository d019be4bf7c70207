/**
 * The SQL that stores a batch's new events and what they change in the read models: one data-modifying
 * CTE per table, each reading its rows from one JSON parameter (jsonb_to_recordset), so a batch of a
 * thousand facts is a handful of statements' work in one round trip. `$1` is the hall, `$2` the generation,
 * `$3` the centre's receive time (epoch ms). Used by ingest-repo.ts.
 */
import { MS_TO_TIME } from './pool';
import type { ReadModelRows } from '../domain/read-model-rows';

const T = MS_TO_TIME;

export interface EventRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Where PostgreSQL reads the new events from: `json`, an object whose `events` array holds the batch's facts
 * as the hall sent them (the request body itself when nothing had to be removed from it), and the first
 * sequence to store (the rest of the array repeats what is held).
 */
export interface EventsSource {
  readonly json: string;
  readonly storeFrom: number;
}

/**
 * The CTE bodies for the new events (`source`, absent when the batch brings none) and `rows`; `param(value)`
 * adds a parameter and answers its placeholder.
 */
export function batchWriteParts(source: EventsSource | undefined, rows: ReadModelRows, param: (value: unknown) => string): string[] {
  const parts: string[] = [];
  const add = (rowsJson: unknown[], sql: (p: string) => string): void => {
    if (rowsJson.length === 0) return;
    parts.push(sql(`${param(JSON.stringify(rowsJson))}::jsonb`));
  };
    // The events are read by PostgreSQL from the body's own text: Node neither serialises the payloads (most
    // of a batch's bytes) again nor hashes them (a resend is compared with what is held as jsonb, which does
    // not depend on key order: ingest-repo.ts firstDifference).
    if (source) {
      parts.push(`
      INSERT INTO events (hall_code, generation, seq, at, type, data, received_at)
      SELECT $1, $2, (x -> 'seq')::bigint, ${T("(x -> 'at')::bigint")}, x ->> 'type', x -> 'data', ${T('$3')}
        FROM jsonb_array_elements(${param(source.json)}::jsonb -> 'events') AS x
       WHERE (x -> 'seq')::bigint >= ${param(source.storeFrom)}`);
    }
    add(rows.tickets.map((t) => ({
      day: t.day, id: t.id, seq: t.seq, number: t.number, service_id: t.serviceId, priority: t.priority, status: t.status, close_reason: t.closeReason,
      arrived_at: t.arrivedAt, issued_at: t.issuedAt, first_called_at: t.firstCalledAt, called_at: t.calledAt, finished_at: t.finishedAt,
      window_id: t.windowId, clerk: t.clerk, call_count: t.callCount, wait_ms: t.waitMs, service_ms: t.serviceMs,
    })), (p) => `
      INSERT INTO tickets (hall_code, day, ticket_id, generation, seq, number, service_id, priority, status, close_reason, arrived_at, issued_at,
                           first_called_at, called_at, finished_at, window_id, clerk, call_count, wait_ms, service_ms)
      SELECT $1, r.day, r.id, $2, r.seq, r.number, r.service_id, r.priority, r.status, r.close_reason, ${T('r.arrived_at')}, ${T('r.issued_at')},
             ${T('r.first_called_at')}, ${T('r.called_at')}, ${T('r.finished_at')}, r.window_id, r.clerk, r.call_count, r.wait_ms, r.service_ms
        FROM jsonb_to_recordset(${p}) AS r(day date, id text, seq bigint, number text, service_id text, priority text, status text, close_reason text,
             arrived_at bigint, issued_at bigint, first_called_at bigint, called_at bigint, finished_at bigint, window_id text, clerk text,
             call_count integer, wait_ms bigint, service_ms bigint)
      ON CONFLICT (hall_code, day, ticket_id) DO UPDATE SET generation = EXCLUDED.generation, seq = EXCLUDED.seq, number = EXCLUDED.number,
        service_id = EXCLUDED.service_id, priority = EXCLUDED.priority, status = EXCLUDED.status, close_reason = EXCLUDED.close_reason,
        arrived_at = EXCLUDED.arrived_at, issued_at = EXCLUDED.issued_at, first_called_at = EXCLUDED.first_called_at, called_at = EXCLUDED.called_at,
        finished_at = EXCLUDED.finished_at, window_id = EXCLUDED.window_id, clerk = EXCLUDED.clerk, call_count = EXCLUDED.call_count,
        wait_ms = EXCLUDED.wait_ms, service_ms = EXCLUDED.service_ms`);
    add(rows.calls.map((c) => ({
      seq: c.seq, at: c.at, ticket_id: c.ticketId, number: c.number, service_id: c.serviceId, window_id: c.windowId, window_number: c.windowNumber,
      clerk: c.clerk, is_recall: c.isRecall, is_chosen: c.isChosen, call_count: c.callCount,
    })), (p) => `
      INSERT INTO calls (hall_code, generation, seq, at, ticket_id, number, service_id, window_id, window_number, clerk, is_recall, is_chosen, call_count)
      SELECT $1, $2, r.seq, ${T('r.at')}, r.ticket_id, r.number, r.service_id, r.window_id, r.window_number, r.clerk, r.is_recall, r.is_chosen, r.call_count
        FROM jsonb_to_recordset(${p}) AS r(seq bigint, at bigint, ticket_id text, number text, service_id text, window_id text, window_number integer,
             clerk text, is_recall boolean, is_chosen boolean, call_count integer)
      ON CONFLICT DO NOTHING`);
    add(rows.ratings.map((r) => ({
      id: r.id, rated_at: r.ratedAt, seq: r.seq, ticket_id: r.ticketId, service_id: r.serviceId, window_id: r.windowId, clerk: r.clerk, score: r.score,
      tags: r.tags, comment: r.comment, channel: r.channel, finished_at: r.finishedAt,
    })), (p) => `
      INSERT INTO ratings (hall_code, rating_id, rated_at, generation, seq, ticket_id, service_id, window_id, clerk, score, tags, comment, channel, finished_at)
      SELECT $1, r.id, ${T('r.rated_at')}, $2, r.seq, r.ticket_id, r.service_id, r.window_id, r.clerk, r.score, r.tags, r.comment, r.channel, ${T('r.finished_at')}
        FROM jsonb_to_recordset(${p}) AS r(id text, rated_at bigint, seq bigint, ticket_id text, service_id text, window_id text, clerk text,
             score smallint, tags text[], comment text, channel text, finished_at bigint)
      ON CONFLICT DO NOTHING`);
    add(rows.followups.map((f) => ({
      id: f.id, seq: f.seq, rating_id: f.ratingId, ticket_id: f.ticketId, number: f.number, service_id: f.serviceId, window_id: f.windowId,
      assignee: f.assignee, score: f.score, tags: f.tags, comment: f.comment, rated_at: f.ratedAt, due_at: f.dueAt, status: f.status,
      closed_at: f.closedAt, appeal_status: f.appealStatus, updated_at: f.at,
    })), (p) => `
      INSERT INTO followups (hall_code, followup_id, generation, seq, rating_id, ticket_id, number, service_id, window_id, assignee, score, tags, comment,
                             rated_at, due_at, status, closed_at, appeal_status, updated_at)
      SELECT $1, r.id, $2, r.seq, r.rating_id, r.ticket_id, r.number, r.service_id, r.window_id, r.assignee, r.score, r.tags, r.comment,
             ${T('r.rated_at')}, ${T('r.due_at')}, r.status, ${T('r.closed_at')}, r.appeal_status, ${T('r.updated_at')}
        FROM jsonb_to_recordset(${p}) AS r(id text, seq bigint, rating_id text, ticket_id text, number text, service_id text, window_id text,
             assignee text, score smallint, tags text[], comment text, rated_at bigint, due_at bigint, status text, closed_at bigint,
             appeal_status text, updated_at bigint)
      ON CONFLICT (hall_code, followup_id) DO UPDATE SET generation = EXCLUDED.generation, seq = EXCLUDED.seq, assignee = EXCLUDED.assignee,
        score = EXCLUDED.score, tags = EXCLUDED.tags, comment = EXCLUDED.comment, due_at = EXCLUDED.due_at, status = EXCLUDED.status,
        closed_at = EXCLUDED.closed_at, appeal_status = EXCLUDED.appeal_status, updated_at = EXCLUDED.updated_at`);
    add(rows.summaries.map((s) => ({
      day: s.day, service_id: s.serviceId, issued: s.issued, served: s.served, no_shows: s.noShows,
      wait_p50: s.waitP50Seconds, wait_p90: s.waitP90Seconds, service_p50: s.serviceP50Seconds, service_p90: s.serviceP90Seconds,
      ratings: s.ratings, satisfied: s.satisfied, bad: s.bad,
    })), (p) => `
      INSERT INTO day_summaries (hall_code, day, service_id, issued, served, no_shows, wait_p50_seconds, wait_p90_seconds, service_p50_seconds,
                                 service_p90_seconds, ratings, satisfied, bad)
      SELECT $1, r.day, r.service_id, r.issued, r.served, r.no_shows, r.wait_p50, r.wait_p90, r.service_p50, r.service_p90, r.ratings, r.satisfied, r.bad
        FROM jsonb_to_recordset(${p}) AS r(day date, service_id text, issued integer, served integer, no_shows integer,
             wait_p50 integer, wait_p90 integer, service_p50 integer, service_p90 integer, ratings integer, satisfied integer, bad integer)
      ON CONFLICT (hall_code, day, service_id) DO UPDATE SET issued = EXCLUDED.issued, served = EXCLUDED.served, no_shows = EXCLUDED.no_shows,
        wait_p50_seconds = EXCLUDED.wait_p50_seconds, wait_p90_seconds = EXCLUDED.wait_p90_seconds, service_p50_seconds = EXCLUDED.service_p50_seconds,
        service_p90_seconds = EXCLUDED.service_p90_seconds, ratings = EXCLUDED.ratings, satisfied = EXCLUDED.satisfied, bad = EXCLUDED.bad`);
    add(rows.dayDocuments.map((d) => ({ day: d.day, data: d.data })), (p) => `
      INSERT INTO day_summary_documents (hall_code, day, data)
      SELECT $1, r.day, r.data FROM jsonb_to_recordset(${p}) AS r(day date, data jsonb)
      ON CONFLICT (hall_code, day) DO UPDATE SET data = EXCLUDED.data`);
  return parts;
}
