/**
 * The relay of the city uplink (docs/uplink.md): reads the event log after the centre's acknowledged mark
 * in batches of at most uplink.batchSize (fewer on a slow line: domain/uplink-link.ts paceAfter), projects
 * each fact (server/domain/uplink-projection.ts), sends the batches in sequence order, stores the new mark,
 * and waits — for the hub's next commit, a heartbeat, or a back-off.
 *
 * It never runs inside the writer's transaction and never holds the event loop: one batch is a short
 * SELECT and the network wait; between batches it yields. Every failure becomes a link state with a
 * sentence (`status()`), never an exception that could take the hub down.
 */
import { Value } from '@sinclair/typebox/value';
import { UPLINK_PROTOCOL_VERSION, UplinkBatch, type HallProfile, type SupervisionNote, type UplinkState, type UplinkStatus } from '../protocol/uplink';
import type { ErrorCode } from '../protocol/errors';
import type { UplinkSettings } from '../config';
import { projectForUplink } from '../domain/uplink-projection';
import { afterReply, paceAfter, paceOutcomeOf, retryDelayMs, startMark, startPace, type BatchPace, type CentreReply } from '../domain/uplink-link';
import type { LinkRecord, UplinkRepo } from '../storage/uplink-repo';
import { JobGuard } from './guarded-job';
import { WakeableSleep } from '../../drivers/timers';

/** The centre as the shipper needs it; server/transport/uplink/centre-client.ts speaks HTTP for it. */
export interface CentreLink {
  send(batch: UplinkBatch, signal: AbortSignal): Promise<CentreReply>;
  cursor(generation: string, signal: AbortSignal): Promise<CentreReply>;
  close(): Promise<void>;
}

export interface UplinkLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface UplinkShipperDeps {
  readonly repo: UplinkRepo;
  readonly link: CentreLink;
  readonly settings: UplinkSettings;
  readonly profile: () => HallProfile;
  readonly now: () => number;
  readonly random: () => number;
  readonly newGenerationId: () => string;
  /** Stores the centre's notes and announces them to managers (one writer commit). */
  readonly recordNotes: (notes: readonly SupervisionNote[]) => void;
  readonly log: UplinkLog;
}

type Pause = number | 'idle';

/** Answers in a row that moved nothing forward (gap after gap) before the shipper backs off. */
const MAX_STALLS = 3;

export class UplinkShipper {
  private state: UplinkState = 'connecting';
  private record: LinkRecord;
  private attempt = 0;
  private stalls = 0;
  private pace: BatchPace;
  private isStopped = false;
  private isIdle = false;
  /** Facts were committed since the last read of the log: do not fall asleep on them. */
  private hasNewFacts = false;
  /** A restart says nothing about the link: the first step always talks to the centre. */
  private hasContacted = false;
  private readonly sleeper = new WakeableSleep();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  /** A failure inside the hall (a full disk) is logged once per change, not once per retry (app/guarded-job.ts). */
  private readonly guard: JobGuard;

  constructor(private readonly deps: UplinkShipperDeps) {
    this.pace = startPace(deps.settings.batchSize);
    this.guard = new JobGuard('uplink shipper', { log: () => deps.log });
    // Last contact and the last error survive a restart; the state is found again by trying.
    this.record = { ...(deps.repo.link() ?? { state: 'connecting' }), state: 'connecting', nextAttemptAt: undefined };
  }

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => this.deps.log.error({ err: error }, 'uplink: the shipper stopped unexpectedly'));
  }

  /** The hub committed facts: ship them now, unless the link is backing off. */
  wake(): void {
    this.hasNewFacts = true;
    if (this.isIdle) this.sleeper.wake();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.abort.abort();
    this.sleeper.wake();
    await this.loop;
    await this.deps.link.close();
  }

  status(): UplinkStatus {
    return { ...storedUplinkStatus(this.deps.repo, { isConfigured: true, url: this.deps.settings.url, hallCode: this.deps.profile().code }, this.record), state: this.state };
  }

  private async run(): Promise<void> {
    while (!this.isStopped) {
      let pause: Pause;
      try {
        pause = await this.step();
        this.guard.succeeded();
      } catch (error) {
        // A bug or a database error (disk full): shown as a state, retried like a network failure. Saving
        // that state may fail on the same full disk: then it is only in memory, and the loop goes on.
        this.guard.failed(error);
        try {
          pause = this.wait('retrying', 'internal', 'The uplink hit an error inside the hall and will try again; see the hub log.');
        } catch {
          pause = this.deps.settings.retryMaxSeconds * 1000;
        }
      }
      if (this.isStopped) break;
      await this.pause(pause);
    }
  }

  private async step(): Promise<Pause> {
    const { repo } = this.deps;
    const generation = repo.currentGeneration();
    let mark = repo.mark(generation.id)?.ackedSeq;
    if (mark === undefined) {
      // A new generation, or a database that never shipped: start where the centre is.
      const reply = await this.deps.link.cursor(generation.id, this.abort.signal);
      if (this.isStopped) return 'idle';
      if (reply.kind !== 'ack') return this.failed(reply);
      this.touch();
      if (reply.ack.ackedSeq > repo.lastSeq()) {
        // The centre holds more of this history than the database: which part is shared cannot be told, so all of it is sent again as a new history.
        this.fork(0, 'rewind', `The centre holds this database's history up to ${reply.ack.ackedSeq}, past its newest fact: the database was rewound. Everything is sent again as a new history.`);
        return 0;
      }
      mark = startMark(reply.ack.ackedSeq, generation.forkSeq);
      repo.saveMark(generation.id, { ackedSeq: mark, isDone: false }, this.deps.now());
    }
    this.hasNewFacts = false;
    const lastSeq = repo.lastSeq();
    const facts = mark < lastSeq ? repo.factsBetween(mark, lastSeq, this.pace.size) : [];
    if (facts.length === 0 && !this.isHeartbeatDue()) return 'idle';
    const toSeq = facts.at(-1)?.seq ?? mark;
    const context = { staffNames: new Set(repo.staffNames()) };
    const events = facts.map((f) => projectForUplink(f, context)).filter((e) => e !== undefined);
    const batch: UplinkBatch = {
      protocol: UPLINK_PROTOCOL_VERSION,
      hall: this.deps.profile(),
      generation: { id: generation.id, ...(generation.parent ? { parent: generation.parent } : {}), forkSeq: generation.forkSeq },
      fromSeq: mark + 1,
      toSeq,
      backlog: lastSeq - toSeq,
      sentAt: this.deps.now(),
      events,
    };
    if (!Value.Check(UplinkBatch, batch)) {
      const problem = [...Value.Errors(UplinkBatch, batch)][0];
      this.deps.log.error({ path: problem?.path, problem: problem?.message }, 'uplink: a batch does not fit the protocol');
      return this.wait('refused', 'internal', `A batch does not fit the uplink protocol (${problem?.path ?? '?'}: ${problem?.message ?? '?'}); this is a hallq bug. Shipping waits.`);
    }
    const reply = await this.deps.link.send(batch, this.abort.signal);
    if (this.isStopped) return 'idle';
    return this.handle(reply, { fromSeq: mark + 1, toSeq, mark, lastSeq }, generation.id);
  }

  private handle(reply: CentreReply, sent: { fromSeq: number; toSeq: number; mark: number; lastSeq: number }, generation: string): Pause {
    const { repo, settings } = this.deps;
    const backoff = { minMs: settings.retryMinSeconds * 1000, maxMs: settings.retryMaxSeconds * 1000 };
    const next = afterReply(sent, reply, this.attempt + 1, backoff, this.deps.random);
    if (reply.kind !== 'retry' || reply.isAnswer) this.touch();
    const paced = paceOutcomeOf(reply);
    if (paced === 'too-large' && this.pace.size === 1) return this.wait('refused', 'payload-too-large', 'The centre refuses even a batch of one fact as too large; raise its body limit.');
    if (paced) this.pace = paceAfter(this.pace, paced);
    switch (next.step) {
      case 'advance': {
        const now = this.deps.now();
        repo.saveMark(generation, { ackedSeq: next.mark, isDone: false }, now);
        if (next.notes.length > 0) this.recordNotes(next.notes);
        this.attempt = 0;
        this.stalls = next.mark > sent.mark || sent.toSeq === sent.mark ? 0 : this.stalls + 1;
        this.record = { ...this.record, lastAckAt: now, lastErrorCode: undefined, lastError: undefined, lastErrorAt: undefined, nextAttemptAt: undefined };
        this.setState('ok');
        if (this.stalls >= MAX_STALLS) return this.wait('retrying', 'uplink-gap', `The centre acknowledges only up to ${next.mark} again and again; retrying later.`);
        return next.mark < sent.lastSeq ? 0 : 'idle';
      }
      case 'resend':
        repo.saveMark(generation, { ackedSeq: next.mark, isDone: false }, this.deps.now());
        this.stalls += 1;
        if (this.stalls >= MAX_STALLS) return this.wait('retrying', 'uplink-gap', `The centre keeps asking for ${next.mark + 1} again; retrying later.`);
        return 0;
      case 'fork':
        this.fork(next.forkSeq, next.reason, next.message);
        return 0;
      case 'shrink':
        return 0;
      case 'wait':
        this.attempt += 1;
        return this.wait(next.state, next.code, next.message, next.delayMs);
    }
  }

  private failed(reply: CentreReply): Pause {
    if (reply.kind === 'refused') return this.wait('refused', reply.code, reply.message);
    if (reply.kind === 'retry') {
      if (reply.isAnswer) this.touch();
      this.attempt += 1;
      return this.wait('retrying', reply.code, reply.message);
    }
    return this.wait('retrying', 'unavailable', 'The centre gave an unexpected answer to the cursor request.');
  }

  /** Starts a new generation after `forkSeq` (the centre keeps both histories) and ships from its fork. */
  private fork(forkSeq: number, reason: 'conflict' | 'rewind', message: string): void {
    const { repo } = this.deps;
    const now = this.deps.now();
    const parent = repo.currentGeneration();
    const next = repo.startGeneration(this.deps.newGenerationId(), parent.id, forkSeq, now, reason);
    repo.saveMark(next.id, { ackedSeq: forkSeq, isDone: false }, now);
    repo.saveMark(parent.id, { ackedSeq: repo.mark(parent.id)?.ackedSeq ?? forkSeq, isDone: true }, now);
    this.deps.log.warn({ parent: parent.id, generation: next.id, forkSeq, reason }, `uplink: new generation: ${message}`);
    this.record = { ...this.record, lastErrorCode: 'uplink-generation-conflict', lastError: message, lastErrorAt: now };
    this.save();
  }

  private recordNotes(notes: readonly SupervisionNote[]): void {
    try {
      this.deps.recordNotes(notes);
    } catch (error) {
      this.deps.log.error({ err: error }, 'uplink: supervision notes could not be stored');
    }
  }

  private wait(state: 'retrying' | 'refused', code: ErrorCode, message: string, delayMs?: number): number {
    const { settings } = this.deps;
    const backoff = { minMs: settings.retryMinSeconds * 1000, maxMs: settings.retryMaxSeconds * 1000 };
    const delay = delayMs ?? retryDelayMs(state === 'refused' ? Number.MAX_SAFE_INTEGER : Math.max(1, this.attempt), backoff, this.deps.random);
    const now = this.deps.now();
    if (this.state !== state || this.record.lastError !== message) this.deps.log.warn({ state, code }, `uplink: ${message}`);
    this.record = { ...this.record, lastErrorCode: code, lastError: message, lastErrorAt: now, nextAttemptAt: now + delay };
    this.setState(state);
    return delay;
  }

  private touch(): void {
    this.hasContacted = true;
    this.record = { ...this.record, lastContactAt: this.deps.now() };
  }

  private heartbeatDueInMs(): number {
    if (!this.hasContacted) return 0;
    const every = this.deps.settings.heartbeatSeconds * 1000;
    // Capped: a clock set back by hours must not put the link to sleep for hours.
    return Math.min(every, Math.max(0, (this.record.lastContactAt ?? 0) + every - this.deps.now()));
  }

  private isHeartbeatDue(): boolean {
    return this.heartbeatDueInMs() === 0;
  }

  private setState(state: UplinkState): void {
    if (state !== this.state) this.deps.log.info({ from: this.state, to: state }, `uplink: link ${state}`);
    this.state = state;
    this.save();
  }

  private save(): void {
    this.deps.repo.saveLink({ ...this.record, state: this.state }, this.deps.now());
  }

  private async pause(pause: Pause): Promise<void> {
    if (pause === 0 || (pause === 'idle' && this.hasNewFacts)) return new Promise((resolve) => setImmediate(resolve));
    const ms = pause === 'idle' ? this.heartbeatDueInMs() : pause;
    this.isIdle = pause === 'idle';
    await this.sleeper.sleep(ms);
    this.isIdle = false;
  }
}

/** The link as the database last recorded it: what `hallq uplink status` shows, and the live status's base. */
export function storedUplinkStatus(repo: UplinkRepo, link: { isConfigured: boolean; url?: string; hallCode?: string }, record = repo.link()): UplinkStatus {
  const { hallCode } = link;
  const generation = repo.currentGeneration();
  const ackedSeq = repo.mark(generation.id)?.ackedSeq ?? 0;
  const lastSeq = repo.lastSeq();
  const notes = repo.recentNotes(20);
  if (!link.isConfigured) return { state: 'off', ...(hallCode ? { hallCode } : {}), ackedSeq, lastSeq, backlog: 0, notes };
  // Only scheme, host and path: a URL may carry credentials, which never belong on a status page.
  const url = (() => {
    if (link.url === undefined) return undefined;
    try {
      const parsed = new URL(link.url);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
    } catch {
      return undefined;
    }
  })();
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return defined({
    state: record?.state ?? 'connecting',
    hallCode,
    url,
    generation: { id: generation.id, ...(generation.parent ? { parent: generation.parent } : {}), forkSeq: generation.forkSeq },
    ackedSeq,
    lastSeq,
    backlog: Math.max(0, lastSeq - ackedSeq),
    lastContactAt: record?.lastContactAt,
    lastAckAt: record?.lastAckAt,
    nextAttemptAt: record?.nextAttemptAt,
    lastErrorCode: record?.lastErrorCode,
    lastError: record?.lastError,
    lastErrorAt: record?.lastErrorAt,
    notes,
  });
}
