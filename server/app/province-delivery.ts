/**
 * The deliverer of 好差评 records to the province (docs/province.md). It reads the outbox after the
 * commits that filled it, builds each record from the mapping (domain/province-record.ts), sends the due
 * rows oldest first in batches, and marks each one by the platform's own per-record answer: accepted (or
 * duplicate: the platform already had that record id) → acked; rejected → parked with the platform's
 * reason for a manager; no answer → retried with capped exponential back-off and jitter, in hall time.
 *
 * It never runs inside the writer's transaction: the network wait happens between two commits. A hub killed
 * mid-upload sends the same record ids again after restart, so the platform stores each once.
 */
import type { ProvinceSettings } from '../config';
import { buildProvinceRecord, type ProvinceSource } from '../domain/province-record';
import { retryDelayMs } from '../domain/uplink-link';
import type { OutboxRow, ProvinceRepo } from '../storage/province-repo';
import type { AdapterResult, OutgoingRecord, ProvinceAdapter } from './province-adapter';
import type { HubPorts } from './ports';
import { SYSTEM } from './manager-settings';
import { JobGuard } from './guarded-job';
import { WakeableSleep } from '../../drivers/timers';

export type ProvinceDeliveryPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'config'>;

export interface DeliveryLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ProvinceDeliveryDeps {
  readonly repo: ProvinceRepo;
  readonly settings: ProvinceSettings;
  readonly adapter: ProvinceAdapter;
  readonly random: () => number;
  readonly log: DeliveryLog;
  /** Real milliseconds between looks at the outbox while nothing is due (hall time may be a test clock). */
  readonly pollMs?: number;
}

export interface DeliveryStatus {
  readonly adapter: string;
  readonly lastAttemptAt?: number;
  readonly lastSuccessAt?: number;
  readonly lastError?: string;
}

/** Builds the platform record of one outbox row from the hall's data, or says which fields are missing. */
export function recordOfRow(ports: Pick<HubPorts, 'layout' | 'config'>, repo: ProvinceRepo, settings: ProvinceSettings, row: OutboxRow): { ok: true; outgoing: OutgoingRecord } | { ok: false; reason: string } {
  const visit = repo.visit(row.ratingId);
  if (!visit) return { ok: false, reason: 'The rating of this record is gone from the hall database.' };
  const service = ports.layout.services.get(visit.serviceId);
  const staff = visit.staffId ? ports.config.staff.find((s) => s.username === visit.staffId) : undefined;
  const theCase = repo.casesOf(visit.ticketId).find((c) => c.caseNumber === row.caseNumber);
  const itemCode = ports.config.serviceCodes?.[visit.serviceId]?.itemCode;
  const source: ProvinceSource = {
    recordId: row.id,
    rating: { score: visit.score, tags: visit.tags, ...(visit.comment ? { comment: visit.comment } : {}), channel: visit.channel, ratedAt: visit.ratedAt },
    assessNumber: row.version === 1 ? 1 : 2,
    ticketNumber: visit.number,
    ...(row.caseNumber ? { caseNumber: row.caseNumber } : {}),
    ...(theCase?.userProp ? { userProp: theCase.userProp } : {}),
    service: { id: visit.serviceId, name: service?.name ?? visit.serviceId, ...(itemCode ? { itemCode } : {}) },
    ...(ports.layout.windows.get(visit.windowId) ? { windowNumber: ports.layout.windows.get(visit.windowId)?.number } : {}),
    ...(visit.staffId ? { clerk: { username: visit.staffId, name: staff?.name ?? visit.staffId } } : {}),
    ...(visit.nameMasked ? { raterName: visit.nameMasked } : {}),
    corrections: row.corrections,
  };
  const built = buildProvinceRecord(source, settings, ports.config.hall.timeZone);
  if (!built.ok) return { ok: false, reason: `Missing before it can be sent: ${built.missing.join(', ')}. Correct the record (e.g. enter the 办件编号) and resend.` };
  return { ok: true, outgoing: { id: row.id, record: built.record, ...(row.state === 'forwarded' ? { isForwarded: true } : {}) } };
}

export class ProvinceDelivery {
  private isStopped = false;
  private failures = 0;
  private readonly sleeper = new WakeableSleep();
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private current: DeliveryStatus;

  private readonly guard: JobGuard;

  constructor(private readonly ports: ProvinceDeliveryPorts, private readonly deps: ProvinceDeliveryDeps) {
    this.current = { adapter: deps.adapter.name };
    this.guard = new JobGuard('province: delivery', { log: () => deps.log });
  }

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => this.deps.log.error({ err: error }, 'province: the deliverer stopped unexpectedly'));
  }

  /** Something was committed (a rating, a correction): look at the outbox now. */
  wake(): void {
    this.sleeper.wake();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.abort.abort();
    this.sleeper.wake();
    await this.loop;
  }

  status(): DeliveryStatus {
    return this.current;
  }

  private async run(): Promise<void> {
    while (!this.isStopped) {
      let waitMs: number;
      try {
        waitMs = await this.step();
        this.guard.succeeded();
      } catch (error) {
        // Logged once per change (a full disk fails every poll), retried at the next look.
        this.guard.failed(error);
        waitMs = this.deps.pollMs ?? 1000;
      }
      if (this.isStopped) break;
      if (waitMs > 0) await this.sleeper.sleep(waitMs);
    }
  }

  /** One batch; answers how long to wait (real ms) before the next look. */
  async step(): Promise<number> {
    const { repo, settings, adapter } = this.deps;
    const poll = this.deps.pollMs ?? 1000;
    const now = this.ports.time.now();
    const rows = repo.due(now, settings.batchSize);
    if (rows.length === 0) {
      const next = repo.nextDueAt();
      return next === undefined ? poll : Math.max(0, Math.min(poll, next - now));
    }
    const outgoing: OutgoingRecord[] = [];
    const held: { row: OutboxRow; reason: string }[] = [];
    for (const row of rows) {
      const built = recordOfRow(this.ports, repo, settings, row);
      if (built.ok) outgoing.push(built.outgoing);
      else held.push({ row, reason: built.reason });
    }
    if (held.length > 0) this.ports.writer.commit(SYSTEM, (tx) => held.forEach(({ row, reason }) => repo.park(row.id, 'held', reason, tx.now)));
    if (outgoing.length === 0) return 0;
    this.current = { ...this.current, lastAttemptAt: now };
    const reply = await adapter.send(outgoing, this.abort.signal);
    if (this.isStopped && reply.kind === 'failed') return 0;
    if (reply.kind === 'failed') return this.backOff(outgoing, reply.message);
    this.failures = 0;
    this.current = { ...this.current, lastSuccessAt: this.ports.time.now(), lastError: undefined };
    const byId = new Map<string, AdapterResult>();
    // A duplicate ack of one id in a reply is the same answer twice: the first one counts.
    for (const result of reply.results) if (!byId.has(result.id)) byId.set(result.id, result);
    const unanswered: OutgoingRecord[] = [];
    this.ports.writer.commit(SYSTEM, (tx) => {
      for (const record of outgoing) {
        const result = byId.get(record.id);
        if (!result) unanswered.push(record);
        else if (result.status === 'rejected') repo.park(record.id, 'rejected', result.reason ?? 'The platform refused the record without a reason.', tx.now);
        else if (result.status === 'forwarded') repo.markForwarded(record.id, tx.now + result.askAgainAfterMs, result.reason, tx.now);
        else repo.markAcked(record.id, result.platformId ?? record.id, tx.now);
      }
    });
    const rejected = [...byId.values()].filter((r) => r.status === 'rejected').length;
    this.deps.log.info({ sent: outgoing.length, rejected, unanswered: unanswered.length }, 'province: batch answered');
    if (unanswered.length > 0) return this.backOff(unanswered, 'the platform did not answer for these records');
    return 0;
  }

  private backOff(records: readonly OutgoingRecord[], message: string): number {
    this.failures += 1;
    const now = this.ports.time.now();
    const delay = retryDelayMs(this.failures, { minMs: this.deps.settings.retryMinSeconds * 1000, maxMs: this.deps.settings.retryMaxSeconds * 1000 }, this.deps.random);
    this.current = { ...this.current, lastError: message };
    this.deps.log.warn({ records: records.length, retryInMs: delay }, `province: ${message}; retrying later`);
    this.ports.writer.commit(SYSTEM, (tx) => records.forEach((r) => this.deps.repo.retryLater(r.id, message, now + delay, tx.now)));
    return 0;
  }
}
