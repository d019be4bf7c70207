/**
 * What must hold after every restart, read straight from hallq.db (read-only, beside the running hub)
 * and compared with the ledger of acknowledged answers. Returns the problems found, empty when it holds.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Ledger } from './load';

interface EventRow {
  seq: number;
  at: number;
  type: string;
  data: string;
}

export interface Figures {
  tickets: number;
  calls: number;
  ratings: number;
  events: number;
}

/** Remembers every event seen so far, so a later check can prove the log only grew at its end. */
export class EventHistory {
  private readonly seen = new Map<number, string>();

  check(rows: readonly EventRow[], problems: string[]): void {
    for (const r of rows) {
      const digest = createHash('sha256').update(`${r.type}\n${r.data}`).digest('hex');
      const earlier = this.seen.get(r.seq);
      if (earlier !== undefined && earlier !== digest) problems.push(`event ${r.seq} changed after a restart`);
      this.seen.set(r.seq, digest);
    }
    const lastSeen = Math.max(0, ...this.seen.keys());
    if (rows.length < lastSeen) problems.push(`the event log lost entries: ${rows.length} rows, ${lastSeen} seen before`);
  }
}

export function verifyDatabase(file: string, ledger: Ledger, history: EventHistory): { problems: string[]; figures: Figures } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  try {
    const integrity: unknown = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);

    // Every acknowledged ticket is there, with the number it was given.
    const ticketRows = db.prepare<[], { id: string; number: string; service_id: string; day: string; seq: number | null; status: string; window_id: string | null; finished_at: number | null }>(
      'SELECT id, number, service_id, day, seq, status, window_id, finished_at FROM tickets',
    ).all();
    const tickets = new Map(ticketRows.map((t) => [t.id, t]));
    for (const [id, acked] of ledger.tickets) {
      const row = tickets.get(id);
      if (!row) problems.push(`acknowledged ticket ${acked.number} (${id}) is missing`);
      else if (row.number !== acked.number || row.service_id !== acked.serviceId) problems.push(`ticket ${id} is ${row.number}, was acknowledged as ${acked.number}`);
    }

    // No number twice for a service on a day, and no gap: a gap is a ticket that was lost.
    const dup = db.prepare<[], { day: string; service_id: string; seq: number; n: number }>(
      'SELECT day, service_id, seq, COUNT(*) AS n FROM tickets WHERE seq IS NOT NULL GROUP BY day, service_id, seq HAVING n > 1',
    ).all();
    for (const d of dup) problems.push(`number ${d.service_id}${d.seq} issued ${d.n} times on ${d.day}`);
    const runs = db.prepare<[], { day: string; service_id: string; lo: number; hi: number; n: number }>(
      'SELECT day, service_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM tickets WHERE seq IS NOT NULL GROUP BY day, service_id',
    ).all();
    for (const r of runs) if (r.lo !== 1 || r.hi !== r.n) problems.push(`numbers of ${r.service_id} on ${r.day} are not 1..${r.n} (min ${r.lo}, max ${r.hi})`);

    // Calls: every acknowledged call is logged; no ticket was called by two windows; one visitor per window.
    const calls = db.prepare<[], { seq: number; ticket_id: string; window_id: string; is_recall: number; at: number }>('SELECT * FROM calls').all();
    const callKey = (c: { ticketId: string; windowId: string; at: number; isRecall: boolean }): string => `${c.ticketId}|${c.windowId}|${c.at}|${c.isRecall ? 1 : 0}`;
    const storedCalls = new Set(calls.map((c) => callKey({ ticketId: c.ticket_id, windowId: c.window_id, at: c.at, isRecall: c.is_recall === 1 })));
    for (const c of ledger.calls) if (!storedCalls.has(callKey(c))) problems.push(`acknowledged call of ${c.ticketId} at ${c.windowId} is missing`);
    const windowsOf = new Map<string, Set<string>>();
    for (const c of calls) windowsOf.set(c.ticket_id, (windowsOf.get(c.ticket_id) ?? new Set()).add(c.window_id));
    for (const [ticketId, windows] of windowsOf) if (windows.size > 1) problems.push(`ticket ${ticketId} was called by ${[...windows].join(' and ')}`);
    const calledHere = new Map<string, number>();
    for (const t of ticketRows) if (t.status === 'called' && t.window_id) calledHere.set(t.window_id, (calledHere.get(t.window_id) ?? 0) + 1);
    for (const [windowId, n] of calledHere) if (n > 1) problems.push(`${n} tickets are at ${windowId} at once`);
    const statuses = db.prepare<[], { window_id: string; current_ticket_id: string | null }>('SELECT window_id, current_ticket_id FROM window_status').all();
    for (const s of statuses) {
      const current = s.current_ticket_id ? tickets.get(s.current_ticket_id) : undefined;
      if (s.current_ticket_id && (current?.status !== 'called' || current.window_id !== s.window_id)) problems.push(`${s.window_id} points at ${s.current_ticket_id}, which is ${current?.status}`);
      if ((calledHere.get(s.window_id) ?? 0) > 0 && !s.current_ticket_id) problems.push(`${s.window_id} has a called ticket but no current one`);
    }

    // Finishes and no-shows stay what they were acknowledged as.
    for (const [id, closed] of ledger.closed) {
      const row = tickets.get(id);
      if (row?.status !== closed.status || row.finished_at !== closed.finishedAt) problems.push(`ticket ${id} acknowledged ${closed.status} is ${row?.status}`);
    }

    // Ratings: every acknowledged one, one per ticket (the schema's UNIQUE is tested, not trusted).
    const ratings = db.prepare<[], { id: string; ticket_id: string; score: number }>('SELECT id, ticket_id, score FROM ratings').all();
    const ratingById = new Map(ratings.map((r) => [r.id, r]));
    for (const [id, acked] of ledger.ratings) {
      const row = ratingById.get(id);
      if (!row || row.ticket_id !== acked.ticketId || row.score !== acked.score) problems.push(`acknowledged rating ${id} is missing or changed`);
    }
    if (new Set(ratings.map((r) => r.ticket_id)).size !== ratings.length) problems.push('a ticket has two ratings');

    // The event log: 1..N with no gap, time never going back, earlier entries unchanged, every change logged.
    const events = db.prepare<[], EventRow>('SELECT seq, at, type, data FROM events ORDER BY seq').all();
    events.forEach((e, i) => {
      if (e.seq !== i + 1) problems.push(`event log gap: row ${i + 1} has seq ${e.seq}`);
      const before = events[i - 1];
      if (before && e.at < before.at) problems.push(`event ${e.seq} is dated before event ${before.seq}`);
    });
    history.check(events, problems);
    const issuedIds = new Set<string>();
    const calledAt = new Map<number, string>();
    const ratedIds = new Set<string>();
    for (const e of events) {
      const data = JSON.parse(e.data) as { ticket?: { id: string }; rating?: { id: string } };
      if (e.type === 'ticket:issued' && data.ticket) issuedIds.add(data.ticket.id);
      if (e.type === 'ticket:called' && data.ticket) calledAt.set(e.seq, data.ticket.id);
      if (e.type === 'rating:recorded' && data.rating) ratedIds.add(data.rating.id);
    }
    for (const t of ticketRows) if (t.seq !== null && !issuedIds.has(t.id)) problems.push(`ticket ${t.number} has no ticket:issued event`);
    for (const c of calls) if (calledAt.get(c.seq) !== c.ticket_id) problems.push(`call ${c.seq} has no matching ticket:called event`);
    for (const r of ratings) if (!ratedIds.has(r.id)) problems.push(`rating ${r.id} has no rating:recorded event`);

    return {
      problems,
      figures: { tickets: ticketRows.filter((t) => t.seq !== null).length, calls: calls.length, ratings: ratings.length, events: events.length },
    };
  } finally {
    db.close();
  }
}

/** Highest sequence per day/service: numbering after the next start must continue from here. */
export function lastNumbers(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[], { day: string; service_id: string; hi: number }>(
      'SELECT day, service_id, MAX(seq) AS hi FROM tickets WHERE seq IS NOT NULL GROUP BY day, service_id',
    ).all();
    return new Map(rows.map((r) => [`${r.day}/${r.service_id}`, r.hi]));
  } finally {
    db.close();
  }
}
