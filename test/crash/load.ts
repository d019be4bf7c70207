/**
 * Steady load for the crash harness: one kiosk issuing, four clerks calling / recalling / finishing /
 * marking no-shows, and a phone rating finished visits. Every request carries an idempotency key; an
 * answer that arrives is written to the ledger (the hub acknowledged it), a request whose answer is lost
 * to the kill stays pending and is retried with the SAME key after the restart, before anything else.
 */
import type { TicketView, WindowView } from '../../server/protocol/model';
import type { KioskIssuedTicket } from '../../server/protocol/http';

export interface Ledger {
  /** Acknowledged issues, by ticket id. */
  readonly tickets: Map<string, { number: string; serviceId: string; day: string; seq: number; trackToken: string }>;
  readonly calls: { ticketId: string; windowId: string; at: number; isRecall: boolean }[];
  readonly closed: Map<string, { status: 'done' | 'no-show'; finishedAt: number }>;
  readonly ratings: Map<string, { ticketId: string; score: number }>;
  /** What should never happen: 5xx, a refusal of a retried request, a number going backwards… */
  readonly anomalies: string[];
  requests: number;
  /** Answers received (any status) and requests whose answer the kill took: the harness paces kills on these. */
  answers: number;
  lost: number;
  /** The hall's business day at the last check; ops remember it. */
  day: string | undefined;
  /** Retried window actions refused because the day closed in between (the rollover resets windows). */
  excusedByRollover: number;
}

export function newLedger(): Ledger {
  return { tickets: new Map(), calls: [], closed: new Map(), ratings: new Map(), anomalies: [], requests: 0, answers: 0, lost: 0, day: undefined, excusedByRollover: 0 };
}

interface Op {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  readonly key: string;
  readonly isRetry: boolean;
  /** The hall's day when the op was made. */
  readonly day: string | undefined;
}

type Answer = { status: number; body: unknown } | 'lost';

export interface Target {
  url: string;
  /** False from the moment the harness decides to kill: workers stop starting new actions. */
  isAlive(): boolean;
}

async function send(target: Target, op: Op, ledger: Ledger): Promise<Answer> {
  ledger.requests += 1;
  const headers: Record<string, string> = { 'idempotency-key': op.key };
  if (op.token) headers.authorization = `Bearer ${op.token}`;
  if (op.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(target.url + op.path, {
      method: op.method,
      headers,
      body: op.body === undefined ? undefined : JSON.stringify(op.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    return 'lost';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A worker keeps at most one request pending across a kill and retries it first. */
abstract class Worker {
  private pending: Op | undefined;
  private counter = 0;

  constructor(
    protected readonly name: string,
    protected readonly ledger: Ledger,
    protected readonly random: () => number,
  ) {}

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  protected op(method: Op['method'], path: string, token: string | undefined, body: unknown): Op {
    this.counter += 1;
    return { method, path, token, body, key: `${this.name}-${this.counter}-${Math.floor(this.random() * 1e9)}`, isRetry: false, day: this.ledger.day };
  }

  /** Runs until the target is killed (or, when draining, until nothing is pending). */
  async run(target: Target, options: { drainOnly?: boolean } = {}): Promise<void> {
    while (target.isAlive()) {
      const op = this.pending ? { ...this.pending, isRetry: true } : options.drainOnly ? undefined : await this.next(target);
      if (!op) {
        if (options.drainOnly) return;
        continue;
      }
      const answer = await send(target, op, this.ledger);
      if (answer === 'lost') {
        this.ledger.lost += 1;
        this.pending = op;
        return;
      }
      this.pending = undefined;
      this.ledger.answers += 1;
      if (answer.status >= 500) this.ledger.anomalies.push(`${this.name}: ${op.method} ${op.path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      else await this.handle(op, answer, target);
      await sleep(this.pause());
    }
  }

  protected abstract next(target: Target): Promise<Op | undefined>;
  protected abstract handle(op: Op, answer: { status: number; body: unknown }, target: Target): Promise<void>;
  protected abstract pause(): number;
}

export class KioskWorker extends Worker {
  private readonly lastSeq = new Map<string, number>();

  constructor(ledger: Ledger, random: () => number, private readonly kioskToken: string) {
    super('kiosk', ledger, random);
  }

  protected async next(): Promise<Op> {
    const serviceId = ['A', 'B', 'C', 'D'][Math.floor(this.random() * 4)] ?? 'A';
    return this.op('POST', '/api/tickets', this.kioskToken, { serviceId });
  }

  protected async handle(op: Op, answer: { status: number; body: unknown }): Promise<void> {
    if (answer.status === 429 && !op.isRetry) return; // over the per-kiosk budget: nothing happened
    if (answer.status !== 201) {
      this.ledger.anomalies.push(`kiosk: issue answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    const t = answer.body as KioskIssuedTicket;
    const seq = Number(t.number.slice(t.serviceId.length));
    const key = `${t.day}/${t.serviceId}`;
    // One kiosk issues one at a time, so numbers it is given must rise: a repeat or a step back is a lost ticket.
    if (seq <= (this.lastSeq.get(key) ?? 0)) this.ledger.anomalies.push(`kiosk: ${t.number} after ${this.lastSeq.get(key)} in ${key}`);
    this.lastSeq.set(key, seq);
    this.ledger.tickets.set(t.id, { number: t.number, serviceId: t.serviceId, day: t.day, seq, trackToken: t.trackToken });
  }

  protected pause(): number {
    // About 10 a second at most: stays under the per-kiosk limit of 60 a minute over a few seconds' life.
    return 60 + this.random() * 80;
  }
}

export class ClerkWorker extends Worker {
  private current: string | undefined;

  constructor(ledger: Ledger, random: () => number, readonly windowId: string, private readonly token: string) {
    super(`clerk-${windowId}`, ledger, random);
  }

  protected async next(): Promise<Op> {
    const verb = this.current === undefined ? 'call-next' : this.random() < 0.25 ? 'recall' : this.random() < 0.2 ? 'no-show' : 'finish';
    return this.op('POST', `/api/windows/${this.windowId}/${verb}`, this.token, {});
  }

  protected async handle(op: Op, answer: { status: number; body: unknown }, target: Target): Promise<void> {
    const verb = op.path.split('/').pop();
    if (answer.status === 204) return; // nobody waiting
    if (answer.status !== 200) {
      // A refusal of a retried request means the hub forgot what it acknowledged or did it twice, unless the
      // hall's day closed in between (a run across the hall's midnight): the rollover sends visitors home.
      const day = await this.resync(target);
      if (op.isRetry && day !== undefined && op.day !== undefined && day !== op.day) this.ledger.excusedByRollover += 1;
      else if (op.isRetry) this.ledger.anomalies.push(`${this.name}: retried ${verb} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    const reply = answer.body as { window: WindowView; ticket?: TicketView };
    const t = reply.ticket;
    if (t && (verb === 'call-next' || (verb === 'recall' && t.status === 'called')) && t.calledAt !== undefined) {
      this.ledger.calls.push({ ticketId: t.id, windowId: this.windowId, at: t.calledAt, isRecall: verb === 'recall' });
    }
    if (t && (t.status === 'done' || t.status === 'no-show') && t.finishedAt !== undefined) {
      this.ledger.closed.set(t.id, { status: t.status, finishedAt: t.finishedAt });
    }
    this.current = reply.window.current?.ticketId;
  }

  /** Reloads the window's visitor from the hall; answers the hall's current day. */
  private async resync(target: Target): Promise<string | undefined> {
    const answer = await send(target, this.op('GET', '/api/hall', undefined, undefined), this.ledger);
    if (answer === 'lost') return undefined;
    const hall = answer.body as { windows: WindowView[]; day: string };
    this.current = hall.windows.find((w) => w.id === this.windowId)?.current?.ticketId;
    return hall.day;
  }

  protected pause(): number {
    return 20 + this.random() * 60;
  }
}

/** Rates finished visits from the "phone" (track token), a few a second: the route allows 10 a minute. */
export class RaterWorker extends Worker {
  private readonly queue: { ticketId: string; trackToken: string }[] = [];
  private budget = 0;

  constructor(ledger: Ledger, random: () => number) {
    super('phone', ledger, random);
  }

  /** Called at each start: the route's budget is per process, so each life may rate a few. */
  refill(): void {
    this.budget = 6;
  }

  protected async next(): Promise<Op | undefined> {
    for (const [ticketId, closed] of this.ledger.closed) {
      const token = this.ledger.tickets.get(ticketId)?.trackToken;
      if (closed.status === 'done' && token && ![...this.queue].some((q) => q.ticketId === ticketId)) this.queue.push({ ticketId, trackToken: token });
    }
    const rated = new Set([...this.ledger.ratings.values()].map((r) => r.ticketId));
    const target = this.queue.find((q) => !rated.has(q.ticketId));
    if (!target || this.budget <= 0) {
      await sleep(100);
      return undefined;
    }
    this.budget -= 1;
    this.queue.splice(this.queue.indexOf(target), 1);
    return this.op('POST', `/api/track/${target.trackToken}/rating`, undefined, { score: 1 + Math.floor(this.random() * 5) });
  }

  protected async handle(op: Op, answer: { status: number; body: unknown }): Promise<void> {
    if (answer.status === 429 && !op.isRetry) return;
    if (answer.status !== 201) {
      this.ledger.anomalies.push(`phone: rating answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    const r = answer.body as { id: string; ticketId: string; score: number };
    this.ledger.ratings.set(r.id, { ticketId: r.ticketId, score: r.score });
  }

  protected pause(): number {
    return 150 + this.random() * 200;
  }
}
