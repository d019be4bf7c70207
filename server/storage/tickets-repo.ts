/** Tickets and calls: rows ↔ domain values. No SQL leaves this file. */
import type { Priority, TicketStatus } from '../protocol/model';
import type { Ticket } from '../domain/types';
import type { DayCounter } from '../domain/numbering';
import { partitionPoint, queueOrder } from '../domain/wait-estimate';
import type { Db } from './db';

interface TicketRow {
  id: string;
  day: string;
  service_id: string;
  seq: number | null;
  number: string;
  priority: string;
  priority_reason: string | null;
  status: string;
  close_reason: string | null;
  track_token: string;
  arrived_at: number;
  issued_at: number;
  due_at: number | null;
  target_window_id: string | null;
  return_service_id: string | null;
  is_return: number;
  previous_id: string | null;
  window_id: string | null;
  staff_id: string | null;
  called_at: number | null;
  first_called_at: number | null;
  call_count: number;
  finished_at: number | null;
  parked_until: number | null;
  note: string | null;
  person_hash: string | null;
  person_masked: string | null;
  name_masked: string | null;
  kiosk_id: string | null;
  waiting_ahead: number;
  estimated_wait_minutes: number;
}

const COLUMNS = [
  'id', 'day', 'service_id', 'seq', 'number', 'priority', 'priority_reason', 'status', 'close_reason', 'track_token',
  'arrived_at', 'issued_at', 'due_at', 'target_window_id', 'return_service_id', 'is_return', 'previous_id', 'window_id',
  'staff_id', 'called_at', 'first_called_at', 'call_count', 'finished_at', 'parked_until', 'note', 'person_hash',
  'person_masked', 'name_masked', 'kiosk_id', 'waiting_ahead', 'estimated_wait_minutes',
] as const;

function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    day: r.day,
    serviceId: r.service_id,
    seq: opt(r.seq),
    number: r.number,
    priority: r.priority as Priority,
    priorityReason: opt(r.priority_reason),
    status: r.status as TicketStatus,
    closeReason: opt(r.close_reason),
    trackToken: r.track_token,
    arrivedAt: r.arrived_at,
    issuedAt: r.issued_at,
    dueAt: opt(r.due_at),
    targetWindowId: opt(r.target_window_id),
    returnServiceId: opt(r.return_service_id),
    isReturn: r.is_return === 1,
    previousId: opt(r.previous_id),
    windowId: opt(r.window_id),
    staffId: opt(r.staff_id),
    calledAt: opt(r.called_at),
    firstCalledAt: opt(r.first_called_at),
    callCount: r.call_count,
    finishedAt: opt(r.finished_at),
    parkedUntil: opt(r.parked_until),
    note: opt(r.note),
    personHash: opt(r.person_hash),
    personMasked: opt(r.person_masked),
    nameMasked: opt(r.name_masked),
    kioskId: opt(r.kiosk_id),
    waitingAhead: r.waiting_ahead,
    estimatedWaitMinutes: r.estimated_wait_minutes,
  };
}

function toRow(t: Ticket): TicketRow {
  return {
    id: t.id,
    day: t.day,
    service_id: t.serviceId,
    seq: t.seq ?? null,
    number: t.number,
    priority: t.priority,
    priority_reason: t.priorityReason ?? null,
    status: t.status,
    close_reason: t.closeReason ?? null,
    track_token: t.trackToken,
    arrived_at: t.arrivedAt,
    issued_at: t.issuedAt,
    due_at: t.dueAt ?? null,
    target_window_id: t.targetWindowId ?? null,
    return_service_id: t.returnServiceId ?? null,
    is_return: t.isReturn ? 1 : 0,
    previous_id: t.previousId ?? null,
    window_id: t.windowId ?? null,
    staff_id: t.staffId ?? null,
    called_at: t.calledAt ?? null,
    first_called_at: t.firstCalledAt ?? null,
    call_count: t.callCount,
    finished_at: t.finishedAt ?? null,
    parked_until: t.parkedUntil ?? null,
    note: t.note ?? null,
    person_hash: t.personHash ?? null,
    person_masked: t.personMasked ?? null,
    name_masked: t.nameMasked ?? null,
    kiosk_id: t.kioskId ?? null,
    waiting_ahead: t.waitingAhead,
    estimated_wait_minutes: t.estimatedWaitMinutes,
  };
}

interface CallRow {
  seq: number;
  ticket_id: string;
  window_id: string;
  is_recall: number;
  at: number;
  number: string;
  service_id: string;
  call_count: number;
}

export interface RecentCall {
  seq: number;
  ticketId: string;
  windowId: string;
  isRecall: boolean;
  at: number;
  number: string;
  serviceId: string;
  callCount: number;
}

/** Puts `ticket` into `sorted` after its equals (a new ticket lands last). */
function insertInOrder(sorted: Ticket[], ticket: Ticket): void {
  sorted.splice(partitionPoint(sorted, (other) => queueOrder(other, ticket) <= 0), 0, ticket);
}

/** Takes a ticket out of a sorted list; the one leaving is usually near the front (it was called). */
function removeById(sorted: Ticket[], id: string): void {
  const at = sorted.findIndex((t) => t.id === id);
  if (at >= 0) sorted.splice(at, 1);
}

export class TicketsRepo {
  private readonly upsert;
  private readonly byId;
  private readonly active;
  private readonly counter;
  private readonly latestByTrack;
  private readonly personCount;
  private readonly serviceDurations;
  private readonly insertCall;
  private readonly staleActive;
  private readonly recent;

  constructor(db: Db) {
    const names = COLUMNS.join(', ');
    const params = COLUMNS.map((c) => `@${c}`).join(', ');
    const updates = COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
    this.upsert = db.prepare(`INSERT INTO tickets (${names}) VALUES (${params}) ON CONFLICT(id) DO UPDATE SET ${updates}`);
    this.byId = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
    this.active = db.prepare<[], TicketRow>("SELECT * FROM tickets WHERE status IN ('waiting', 'called', 'parked') ORDER BY arrived_at, number");
    this.counter = db.prepare<[string, string], { last: number | null; n: number }>(
      'SELECT MAX(seq) AS last, COUNT(seq) AS n FROM tickets WHERE day = ? AND service_id = ?',
    );
    this.latestByTrack = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE track_token = ? ORDER BY issued_at DESC, rowid DESC LIMIT 1');
    this.personCount = db.prepare<[string, string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM tickets WHERE person_hash = ? AND day = ? AND service_id = ? AND seq IS NOT NULL',
    );
    this.serviceDurations = db.prepare<[string, string], { minutes: number }>(
      "SELECT (finished_at - first_called_at) / 60000.0 AS minutes FROM tickets WHERE day = ? AND service_id = ? AND status = 'done' AND first_called_at IS NOT NULL",
    );
    this.insertCall = db.prepare('INSERT INTO calls (seq, ticket_id, window_id, staff_id, is_recall, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.staleActive = db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE day < ? AND status IN ('waiting', 'called', 'parked')");
    this.recent = db.prepare<[string, number], CallRow>(
      `SELECT c.seq, c.ticket_id, c.window_id, c.is_recall, c.at, t.number, t.service_id, (
         SELECT COUNT(*) FROM calls c2 WHERE c2.ticket_id = c.ticket_id AND c2.seq <= c.seq) AS call_count
       FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE t.day = ? ORDER BY c.seq DESC LIMIT ?`,
    );
  }

  /**
   * The live queue kept in memory by the single writer: every save updates it, and the app drops it after a
   * rollback (forgetCached) so it is rebuilt from what SQLite really holds. Reading it costs no query, which
   * matters because every issue and call consults the whole queue.
   */
  private activeById: Map<string, Ticket> | undefined;
  private activeSorted: Ticket[] | undefined;
  /**
   * The waiting tickets of each service in queue order (filled with activeById): an issue reads its own
   * service only, and counts the people ahead by bisection (domain/wait-estimate.ts).
   */
  private readonly waitingByService = new Map<string, Ticket[]>();
  /**
   * Per day and service: the numbering counter and today's service durations, read once from the rows and
   * then kept up to date by `insert` and `update` (an issue must not rescan the day; see docs/performance.md).
   */
  private readonly counters = new Map<string, DayCounter>();
  private readonly durations = new Map<string, number[]>();

  /** A ticket that did not exist before (an issue, or the new segment of a transfer). */
  insert(ticket: Ticket): void {
    this.upsert.run(toRow(ticket));
    const key = `${ticket.day}|${ticket.serviceId}`;
    const counter = this.counters.get(key);
    if (counter && ticket.seq !== undefined) {
      this.counters.set(key, { lastSeq: Math.max(counter.lastSeq ?? ticket.seq, ticket.seq), issuedToday: counter.issuedToday + 1 });
    }
    if (ticket.status === 'done') this.durations.delete(key);
    this.remember(ticket);
  }

  /** A new state of an existing ticket. Its day, service and number never change, so the counter stands. */
  update(ticket: Ticket): void {
    const wasActive = this.activeById?.has(ticket.id) === true;
    this.upsert.run(toRow(ticket));
    const key = `${ticket.day}|${ticket.serviceId}`;
    const minutes = this.durations.get(key);
    if (minutes && ticket.status === 'done' && wasActive) {
      // Leaving the live queue as done: one more observed service time, exactly as the query computes it.
      if (ticket.firstCalledAt !== undefined && ticket.finishedAt !== undefined) minutes.push((ticket.finishedAt - ticket.firstCalledAt) / 60000);
    } else if (!wasActive) {
      // A finished ticket changed again (or the queue is not loaded): the durations may have changed.
      this.durations.delete(key);
    }
    this.remember(ticket);
  }

  private remember(ticket: Ticket): void {
    if (!this.activeById) return;
    const isActive = ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'parked';
    const before = this.activeById.get(ticket.id);
    const wasActive = before !== undefined;
    if (isActive) this.activeById.set(ticket.id, ticket);
    else this.activeById.delete(ticket.id);
    if (before?.status === 'waiting') removeById(this.waitingOf(before.serviceId), ticket.id);
    if (ticket.status === 'waiting') insertInOrder(this.waitingOf(ticket.serviceId), ticket);
    const sorted = this.activeSorted;
    if (!sorted) return;
    if (wasActive) removeById(sorted, ticket.id);
    if (isActive) insertInOrder(sorted, ticket);
  }

  private waitingOf(serviceId: string): Ticket[] {
    let waiting = this.waitingByService.get(serviceId);
    if (!waiting) {
      waiting = [];
      this.waitingByService.set(serviceId, waiting);
    }
    return waiting;
  }

  /** Drops everything held in memory: after a rollback, SQLite is the truth again. */
  forgetCached(): void {
    this.activeById = undefined;
    this.activeSorted = undefined;
    this.waitingByService.clear();
    this.counters.clear();
    this.durations.clear();
  }

  get(id: string): Ticket | undefined {
    const row = this.byId.get(id);
    return row ? toTicket(row) : undefined;
  }

  /** Waiting, called and parked tickets: the live queue (a busy hall has a few hundred at most). */
  listActive(): Ticket[] {
    this.activeSorted ??= [...this.loadActive().values()].sort(queueOrder);
    return [...this.activeSorted];
  }

  /**
   * The waiting tickets of one service in queue order: a live view, not a copy (an issue reads it once per
   * ticket, and copying a long queue cost more than reading it). Do not hold it across a change.
   */
  listWaiting(serviceId: string): readonly Ticket[] {
    this.loadActive();
    return this.waitingByService.get(serviceId) ?? [];
  }

  countWaiting(serviceId: string): number {
    this.loadActive();
    return this.waitingByService.get(serviceId)?.length ?? 0;
  }

  private loadActive(): Map<string, Ticket> {
    if (this.activeById) return this.activeById;
    this.activeById = new Map();
    this.waitingByService.clear();
    for (const row of this.active.all()) {
      const ticket = toTicket(row);
      this.activeById.set(ticket.id, ticket);
      // The query returns the queue in order, so each insert here is an append.
      if (ticket.status === 'waiting') insertInOrder(this.waitingOf(ticket.serviceId), ticket);
    }
    return this.activeById;
  }

  /** Active tickets of days before `day`: what the day rollover closes. */
  listActiveBefore(day: string): Ticket[] {
    return this.staleActive.all(day).map(toTicket);
  }

  dayCounter(day: string, serviceId: string): DayCounter {
    const key = `${day}|${serviceId}`;
    let counter = this.counters.get(key);
    if (!counter) {
      const row = this.counter.get(day, serviceId);
      counter = { lastSeq: row?.last ?? undefined, issuedToday: row?.n ?? 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** The visitor's current segment: after a transfer the track token follows them. */
  findByTrackToken(token: string): Ticket | undefined {
    const row = this.latestByTrack.get(token);
    return row ? toTicket(row) : undefined;
  }

  countForPerson(personHash: string, day: string, serviceId: string): number {
    return this.personCount.get(personHash, day, serviceId)?.n ?? 0;
  }

  /** Today's observed service times of a service: a live view, not a copy (read on every issue). */
  serviceMinutesToday(day: string, serviceId: string): readonly number[] {
    const key = `${day}|${serviceId}`;
    let minutes = this.durations.get(key);
    if (!minutes) {
      minutes = this.serviceDurations.all(day, serviceId).map((r) => r.minutes);
      this.durations.set(key, minutes);
    }
    return minutes;
  }

  /** The latest calls of the day, newest first (what a display shows after a restart). */
  recentCalls(day: string, limit: number): RecentCall[] {
    return this.recent.all(day, limit).map((r) => ({
      seq: r.seq,
      ticketId: r.ticket_id,
      windowId: r.window_id,
      isRecall: r.is_recall === 1,
      at: r.at,
      number: r.number,
      serviceId: r.service_id,
      callCount: r.call_count,
    }));
  }

  recordCall(seq: number, ticket: Ticket, isRecall: boolean, at: number): void {
    this.insertCall.run(seq, ticket.id, ticket.windowId ?? '', ticket.staffId ?? null, isRecall ? 1 : 0, at);
  }
}
