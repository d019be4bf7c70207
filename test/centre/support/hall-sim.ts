/**
 * A simulated hall for the centre's tests: it keeps a log of facts shaped as the hall's uplink projection
 * sends them (server/domain/uplink-projection.ts: ticket, call, window, rating, follow-up, alert, device,
 * day summary) and cuts batches out of it. Facts that never leave the hall are sequence numbers without an
 * event (`skip`). Its clock is its own (`clock`), so a test can put it hours off the centre's.
 */
import { UPLINK_PROTOCOL_VERSION, type HallLevel, type HallProfile, type UplinkBatch, type UplinkEvent } from '../../../server/protocol/uplink';

export interface SimTicket {
  id: string;
  number: string;
  serviceId: string;
  day: string;
  status: string;
  priority: string;
  arrivedAt: number;
  issuedAt: number;
  windowId?: string;
  staffId?: string;
  calledAt?: number;
  firstCalledAt?: number;
  callCount: number;
  finishedAt?: number;
  waitingAhead: number;
  estimatedWaitMinutes: number;
}

export class HallSim {
  readonly log: UplinkEvent[] = [];
  seq = 0;
  generation: { id: string; parent?: string; forkSeq: number };
  clock: number;
  private readonly tickets = new Map<string, SimTicket>();
  private numbers = 0;

  constructor(
    readonly code: string,
    options: { level?: HallLevel; parent?: string; generation?: string; clock?: number; day?: string } = {},
  ) {
    this.level = options.level ?? 'town';
    this.parent = options.parent;
    this.generation = { id: options.generation ?? `gen-${code}-1`, forkSeq: 0 };
    this.clock = options.clock ?? Date.parse('2026-03-02T01:00:00Z');
    this.day = options.day ?? '2026-03-02';
  }

  readonly level: HallLevel;
  readonly parent?: string;
  day: string;

  profile(): HallProfile {
    return {
      code: this.code,
      name: `Hall ${this.code}`,
      level: this.level,
      ...(this.parent ? { parent: this.parent } : {}),
      timeZone: 'Asia/Shanghai',
      services: [
        { id: 'A', name: '社保', itemCode: '330106-SB-01', category: 'social', waitLimitMinutes: 30 },
        { id: 'B', name: '户籍', category: 'household', waitLimitMinutes: 20 },
      ],
      windows: [
        { id: 'w1', number: 1, name: '1号窗口' },
        { id: 'w2', number: 2, name: '2号窗口' },
      ],
    };
  }

  private emit(type: string, data: Record<string, unknown>): UplinkEvent {
    this.seq += 1;
    this.clock += 1000;
    const event = { seq: this.seq, at: this.clock, type, data: structuredClone(data) };
    this.log.push(event);
    return event;
  }

  /** A fact that stays in the hall (audit, notices): its number is used, no event leaves. */
  skip(): void {
    this.seq += 1;
  }

  issue(serviceId = 'A'): string {
    this.numbers += 1;
    const id = `${this.code}-t${this.numbers}-${this.generation.id}`;
    const ticket: SimTicket = {
      id, number: `${serviceId}${String(this.numbers).padStart(3, '0')}`, serviceId, day: this.day, status: 'waiting', priority: 'normal',
      arrivedAt: this.clock + 1000, issuedAt: this.clock + 1000, callCount: 0, waitingAhead: 0, estimatedWaitMinutes: 5,
    };
    this.tickets.set(id, ticket);
    this.emit('ticket:issued', { ticket });
    return id;
  }

  call(ticketId: string, windowId = 'w1', clerk = 'clerk1'): void {
    const t = this.ticket(ticketId);
    const at = this.clock + 1000;
    Object.assign(t, { status: 'called', windowId, staffId: clerk, calledAt: at, firstCalledAt: t.firstCalledAt ?? at, callCount: t.callCount + 1 });
    this.emit('ticket:called', {
      call: { seq: this.seq + 1, ticketId, number: t.number, serviceId: t.serviceId, windowId, windowNumber: Number(windowId.slice(1)), isRecall: false, callCount: t.callCount, at },
      ticket: t,
    });
    this.window(windowId, 'serving', { ticketId, number: t.number, serviceId: t.serviceId, calledAt: at });
  }

  finish(ticketId: string): void {
    const t = this.ticket(ticketId);
    Object.assign(t, { status: 'done', finishedAt: this.clock + 1000 });
    this.emit('ticket:updated', { ticket: t, reason: 'finished' });
    if (t.windowId) this.window(t.windowId, 'open');
  }

  window(windowId: string, state: 'open' | 'closed' | 'paused' | 'serving', current?: Record<string, unknown>): void {
    this.emit('window:updated', {
      window: { id: windowId, number: Number(windowId.slice(1)), name: `${windowId.slice(1)}号窗口`, services: ['A', 'B'], weights: [], state, since: this.clock + 1000, isAutoCall: false, ...(current ? { current } : {}) },
    });
  }

  rate(ticketId: string, score: number, tags: string[] = []): string {
    const t = this.ticket(ticketId);
    const id = `r-${ticketId}`;
    this.emit('rating:recorded', { rating: { id, ticketId, number: t.number, serviceId: t.serviceId, windowId: t.windowId ?? 'w1', staffId: t.staffId, score, tags, channel: 'pad', finishedAt: t.finishedAt ?? this.clock, ratedAt: this.clock + 1000 } });
    return id;
  }

  followup(ticketId: string, dueAt: number, status: 'open' | 'closed' = 'open'): string {
    const t = this.ticket(ticketId);
    const id = `f-${ticketId}`;
    this.emit('followup:updated', {
      followup: { id, ratingId: `r-${ticketId}`, ticketId, number: t.number, serviceId: t.serviceId, windowId: t.windowId ?? 'w1', assignee: t.staffId, score: 1, tags: ['attitude'], comment: '等了很久', ratedAt: this.clock, dueAt, status, isOverdue: false, appealStatus: 'none' },
    });
    return id;
  }

  alert(id: string, kind = 'wait-overdue'): void {
    this.emit('alert:raised', { alert: { id, kind, subjectId: 'x', subject: 'A001', limitMinutes: 30, since: this.clock, raisedAt: this.clock + 1000 } });
  }

  rollDay(day: string): void {
    this.day = day;
    this.emit('day:rolled', { day });
  }

  /** Any fact, as given (an unknown type, a malformed payload). */
  raw(type: string, data: Record<string, unknown>): void {
    this.emit(type, data);
  }

  ticket(id: string): SimTicket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  /** The run fromSeq..toSeq of the log (default: to the newest), as a batch. */
  batch(fromSeq: number, toSeq = this.seq, edit: Partial<UplinkBatch> = {}): UplinkBatch {
    return {
      protocol: UPLINK_PROTOCOL_VERSION,
      hall: this.profile(),
      generation: { ...this.generation },
      fromSeq,
      toSeq,
      backlog: Math.max(0, this.seq - toSeq),
      sentAt: this.clock,
      events: this.log.filter((e) => e.seq >= fromSeq && e.seq <= toSeq),
      ...edit,
    };
  }

  /**
   * A restore from a backup taken at `forkSeq`: the log after it is gone, a new generation starts there
   * (its parent is the old one) and new facts reuse the sequence numbers after the fork.
   */
  restoreTo(forkSeq: number, newGeneration: string): void {
    this.log.splice(this.log.findIndex((e) => e.seq > forkSeq) === -1 ? this.log.length : this.log.findIndex((e) => e.seq > forkSeq));
    this.generation = { id: newGeneration, parent: this.generation.id, forkSeq };
    this.seq = forkSeq;
  }
}
