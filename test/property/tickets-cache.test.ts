/**
 * The single writer keeps the live queue, the day counters, today's service times, the window states and
 * the head of the event log in memory (docs/performance.md). This drives random inserts, updates and
 * rolled-back transactions through the repositories on a real SQLite file and, after every step, compares
 * what memory says with what a fresh repository reads from the rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../server/storage/db';
import { TicketsRepo } from '../../server/storage/tickets-repo';
import { HallRepo } from '../../server/storage/hall-repo';
import type { Ticket, WindowStatus } from '../../server/domain/types';
import type { TicketStatus } from '../../server/protocol/model';
import { MIN, T0 } from '../support/domain';

const home = mkdtempSync(join(tmpdir(), 'hallq-cache-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const SERVICES = ['A', 'B', 'C'] as const;
const DAYS = ['2026-11-26', '2026-11-27'] as const;
const STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'parked', 'done', 'no-show', 'cancelled'];

type Step =
  | { kind: 'issue'; service: number; day: number; arrivalMinute: number; withSeq: boolean }
  | { kind: 'change'; pick: number; status: number; serviceMinutes: number }
  | { kind: 'window'; window: number; state: number }
  | { kind: 'event' }
  | { kind: 'rollback'; service: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), service: fc.nat(2), day: fc.nat(1), arrivalMinute: fc.nat(30), withSeq: fc.boolean() }),
  fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), status: fc.nat(STATUSES.length - 1), serviceMinutes: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('window' as const), window: fc.nat(2), state: fc.nat(2) }),
  fc.constant({ kind: 'event' as const }),
  fc.record({ kind: fc.constant('rollback' as const), service: fc.nat(2) }),
);

class Harness {
  readonly tickets: TicketsRepo;
  readonly hall: HallRepo;
  private readonly known: Ticket[] = [];
  private seq = new Map<string, number>();
  private count = 0;

  constructor(readonly db: Db) {
    this.tickets = new TicketsRepo(db);
    this.hall = new HallRepo(db);
  }

  apply(s: Step): void {
    switch (s.kind) {
      case 'issue':
        this.db.transaction(() => this.tickets.insert(this.newTicket(SERVICES[s.service] ?? 'A', DAYS[s.day] ?? DAYS[1], s.arrivalMinute, s.withSeq)))();
        return;
      case 'change': {
        if (this.known.length === 0) return;
        const index = s.pick % this.known.length;
        const before = this.known[index] as Ticket;
        const status = STATUSES[s.status] ?? 'waiting';
        const calledAt = before.firstCalledAt ?? before.arrivedAt + MIN;
        const isClosed = status === 'done' || status === 'no-show' || status === 'cancelled';
        const after: Ticket = {
          ...before,
          status,
          firstCalledAt: status === 'waiting' ? before.firstCalledAt : calledAt,
          finishedAt: isClosed ? calledAt + s.serviceMinutes * MIN : undefined,
        };
        this.db.transaction(() => this.tickets.update(after))();
        this.known[index] = after;
        return;
      }
      case 'window': {
        const status: WindowStatus = { windowId: `w${s.window}`, state: (['open', 'paused', 'closed'] as const)[s.state] ?? 'open', since: T0, isAutoCall: false };
        this.db.transaction(() => this.hall.saveWindow(status))();
        return;
      }
      case 'event':
        this.db.transaction(() => this.hall.appendEvent(this.hall.nextSeq(), T0, 'test', 'day:rolled', { day: DAYS[1] }))();
        return;
      case 'rollback': {
        // A change the writer started and then refused: rows and memory were touched, SQLite undoes the rows.
        const saved = [...this.known];
        const savedSeq = new Map(this.seq);
        try {
          this.db.transaction(() => {
            this.tickets.insert(this.newTicket(SERVICES[s.service] ?? 'A', DAYS[1], 5, true));
            this.hall.saveWindow({ windowId: 'w0', state: 'paused', since: T0 + 1, isAutoCall: false });
            this.hall.appendEvent(this.hall.nextSeq(), T0, 'test', 'day:rolled', { day: DAYS[1] });
            throw new Error('refused');
          })();
        } catch {
          this.tickets.forgetCached();
          this.hall.forgetCached();
        }
        this.known.splice(0, this.known.length, ...saved);
        this.seq = savedSeq;
        return;
      }
    }
  }

  private newTicket(serviceId: string, day: string, arrivalMinute: number, withSeq: boolean): Ticket {
    this.count++;
    const key = `${day}|${serviceId}`;
    const seq = withSeq ? (this.seq.get(key) ?? 0) + 1 : undefined;
    if (seq !== undefined) this.seq.set(key, seq);
    const ticket: Ticket = {
      id: `t${String(this.count).padStart(5, '0')}`,
      day,
      serviceId,
      seq,
      // Unique numbers, so the queue order (arrival, then number) has no ties to disagree on.
      number: `${serviceId}${String(this.count).padStart(4, '0')}`,
      priority: 'normal',
      status: 'waiting',
      trackToken: `track-${this.count}`,
      arrivedAt: T0 + arrivalMinute * MIN,
      issuedAt: T0 + arrivalMinute * MIN,
      isReturn: false,
      callCount: 0,
      waitingAhead: 0,
      estimatedWaitMinutes: 0,
    };
    this.known.push(ticket);
    return ticket;
  }

  /** Memory against a fresh read of the rows. */
  check(): void {
    const fresh = new TicketsRepo(this.db);
    const freshHall = new HallRepo(this.db);
    expect(this.tickets.listActive().map((t) => t.id)).toEqual(fresh.listActive().map((t) => t.id));
    expect(this.tickets.listActive()).toEqual(fresh.listActive());
    for (const serviceId of SERVICES) {
      // In queue order, as the query gives it: the estimate bisects this list.
      expect(this.tickets.listWaiting(serviceId).map((t) => t.id)).toEqual(fresh.listWaiting(serviceId).map((t) => t.id));
      expect(this.tickets.countWaiting(serviceId)).toBe(fresh.countWaiting(serviceId));
      for (const day of DAYS) {
        expect(this.tickets.dayCounter(day, serviceId)).toEqual(fresh.dayCounter(day, serviceId));
        const minutes = (repo: TicketsRepo): number[] => [...repo.serviceMinutesToday(day, serviceId)].sort((a, b) => a - b);
        expect(minutes(this.tickets)).toEqual(minutes(fresh));
      }
    }
    expect([...this.hall.windowStatuses()].sort()).toEqual([...freshHall.windowStatuses()].sort());
    expect(this.hall.lastSeq()).toBe(freshHall.lastSeq());
  }
}

describe('the writer’s in-memory caches', () => {
  test('always agree with a fresh read of the database', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.boolean(), (steps, isWarm) => {
        const db = openDatabase(join(home, `cache-${run++}.db`), { skipIntegrityCheck: true });
        try {
          const harness = new Harness(db);
          // Warm: the caches are loaded before the first step (the usual case); cold: loaded mid-way.
          if (isWarm) harness.check();
          for (const s of steps) {
            harness.apply(s);
            harness.check();
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
