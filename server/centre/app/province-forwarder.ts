/**
 * 好差评 through the city centre (docs/province.md, hall adapter `city-centre`): the halls hand their records
 * to the centre (`receiveProvinceRecords`), which stores each once per (hall, record id) and forwards them
 * for all its halls to the provincial platform with the hall's own http-json adapter and signature
 * (`ProvinceForwarder`). The hall learns the platform's answer by asking again: the same route answers
 * every record's current state, so the hall's ordinary retry loop converges on it.
 *
 * Several centre processes may run against one database: each claims due rows for a lease (storage
 * `claim`, FOR UPDATE SKIP LOCKED), so a record is never in flight from two at once; one that dies mid-send
 * leaves its rows due again when the lease ends, and the platform answers the resend `duplicate`.
 * Records are never logged.
 */
import { Backoff } from '../../../drivers/backoff';
import type { AdapterResult, OutgoingRecord, ProvinceAdapter } from '../../app/province-adapter';
import type { UplinkProvinceBatch, UplinkProvinceReply, UplinkProvinceResult } from '../../protocol/uplink';
import { forwardStateOf, personalFieldsIn } from '../domain/province-forward';
import type { CentreProvinceRepo, ClaimOutcome, ReceivedRecord } from '../storage/province-repo';
import { CentreError, type CentreLog, type Clock } from './errors';
import type { RegisteredHall } from './ingest';
import { WakeableSleep } from '../../../drivers/timers';

export interface ReceiveDeps {
  readonly repo: CentreProvinceRepo;
  readonly clock: Clock;
  /** False when the centre has no `province:` section: the hall is told, nothing is stored. */
  readonly isForwarding: boolean;
  /** Records were stored: look at the outbox now. */
  readonly stored: () => void;
}

export async function receiveProvinceRecords(deps: ReceiveDeps, hall: RegisteredHall, batch: UplinkProvinceBatch): Promise<UplinkProvinceReply> {
  if (batch.hallCode !== hall.code) {
    throw new CentreError('forbidden', `This token belongs to hall ${hall.code}, but the records say ${batch.hallCode}. Check hall.code in the hall's configuration against the centre's registry.`);
  }
  if (!deps.isForwarding) {
    throw new CentreError('config-invalid', 'This city centre forwards no 好差评 records: its configuration has no province: section. Ask the city IT office to add one, or deliver from the hall with the http-json adapter.');
  }
  const refused: UplinkProvinceResult[] = [];
  const accepted: ReceivedRecord[] = [];
  for (const r of batch.records) {
    const personal = personalFieldsIn(r.record);
    if (personal.length > 0) {
      refused.push({ id: r.id, state: 'rejected', reason: `The city centre does not take personal fields (${personal.join(', ')}): remove them from the hall's province.fields mapping, then resend.` });
    } else accepted.push({ id: r.id, intent: r.intent, body: r.record });
  }
  const states = accepted.length > 0 ? await deps.repo.receive(hall.code, accepted, deps.clock.now()) : [];
  if (accepted.length > 0) deps.stored();
  const byId = new Map(states.map((s) => [s.recordId, s]));
  const results: UplinkProvinceResult[] = [];
  for (const r of batch.records) {
    const refusal = refused.find((x) => x.id === r.id);
    const state = byId.get(r.id);
    if (refusal) results.push(refusal);
    else if (state) {
      const wire = forwardStateOf(state.state);
      results.push({ id: r.id, state: wire, ...(state.platformId && wire !== 'forwarded' ? { platformId: state.platformId } : {}), ...(state.reason ? { reason: state.reason } : {}) });
    }
  }
  return { results };
}

export interface ForwarderSettings {
  readonly batchSize: number;
  readonly retryMinSeconds: number;
  readonly retryMaxSeconds: number;
  readonly pollSeconds: number;
  /** The adapter's request time-out: a claim's lease outlasts it. */
  readonly timeoutSeconds: number;
}

export interface ForwarderDeps {
  readonly repo: CentreProvinceRepo;
  readonly adapter: ProvinceAdapter;
  readonly clock: Clock;
  readonly settings: ForwarderSettings;
  readonly log: () => CentreLog;
  readonly newClaim: () => string;
}

export class ProvinceForwarder {
  private isStopped = false;
  private loop: Promise<void> | undefined;
  private readonly sleeper = new WakeableSleep();
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private readonly leaseMs: number;

  constructor(private readonly deps: ForwarderDeps) {
    const { retryMinSeconds, retryMaxSeconds, timeoutSeconds } = deps.settings;
    this.backoff = new Backoff({ initialMs: retryMinSeconds * 1000, maxMs: retryMaxSeconds * 1000 });
    this.leaseMs = timeoutSeconds * 2000 + 10_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.sleeper.wake();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.abort.abort();
    this.sleeper.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const pollMs = this.deps.settings.pollSeconds * 1000;
    while (!this.isStopped) {
      let waitMs: number;
      try {
        waitMs = await this.step();
      } catch (error) {
        // PostgreSQL unreachable, most likely: the rows wait in the database; look again later.
        this.deps.log().warn({ err: error }, 'province forwarding failed inside the centre; retrying');
        waitMs = pollMs;
      }
      if (this.isStopped) break;
      if (waitMs > 0) await this.sleeper.sleep(waitMs);
    }
  }

  /** One claimed batch to the platform; answers how long to wait (real ms) before the next look. */
  async step(): Promise<number> {
    const { repo, adapter, clock, settings } = this.deps;
    const pollMs = settings.pollSeconds * 1000;
    const now = clock.now();
    const claim = this.deps.newClaim();
    const rows = await repo.claim(claim, settings.batchSize, now, this.leaseMs);
    if (rows.length === 0) {
      const next = await repo.nextDueAt();
      return next === undefined ? pollMs : Math.max(0, Math.min(pollMs, next - now));
    }
    // The platform answers by record id: two halls' rows with one id (hall-minted ids make it unlikely) go in two batches.
    const outgoing: OutgoingRecord[] = [];
    const later: ClaimOutcome[] = [];
    const hallOf = new Map<string, string>();
    for (const row of rows) {
      if (hallOf.has(row.recordId)) later.push({ hallCode: row.hallCode, recordId: row.recordId, state: 'retrying', reason: 'waiting for another hall\u2019s record with the same id', nextAt: now });
      else {
        hallOf.set(row.recordId, row.hallCode);
        outgoing.push({ id: row.recordId, record: row.body });
      }
    }
    const reply = await adapter.send(outgoing, this.abort.signal);
    const settledAt = clock.now();
    if (reply.kind === 'failed') {
      const delay = this.backoff.nextDelay();
      this.deps.log().warn({ records: outgoing.length, retryInMs: delay }, `province: ${reply.message}; retrying later`);
      const outcomes = outgoing.map((r): ClaimOutcome => ({ hallCode: hallOf.get(r.id) ?? '', recordId: r.id, state: 'retrying', reason: reply.message, nextAt: settledAt + delay }));
      await repo.settle(claim, [...outcomes, ...later], settledAt);
      return 0;
    }
    const byId = new Map<string, AdapterResult>();
    // A duplicate ack of one id in a reply is the same answer twice: the first one counts.
    for (const result of reply.results) if (!byId.has(result.id)) byId.set(result.id, result);
    const unanswered = outgoing.filter((r) => {
      const result = byId.get(r.id);
      return !result || result.status === 'forwarded';
    });
    const delay = unanswered.length > 0 ? this.backoff.nextDelay() : 0;
    if (unanswered.length === 0) this.backoff.reset();
    const outcomes = outgoing.map((r): ClaimOutcome => {
      const hallCode = hallOf.get(r.id) ?? '';
      const result = byId.get(r.id);
      if (!result || result.status === 'forwarded') return { hallCode, recordId: r.id, state: 'retrying', reason: 'the platform did not answer for this record', nextAt: settledAt + delay };
      if (result.status === 'rejected') return { hallCode, recordId: r.id, state: 'rejected', reason: result.reason ?? 'The platform refused the record without a reason.' };
      return { hallCode, recordId: r.id, state: result.status, platformId: result.platformId ?? r.id };
    });
    await repo.settle(claim, [...outcomes, ...later], settledAt);
    const rejected = outcomes.filter((o) => o.state === 'rejected').length;
    this.deps.log().info({ sent: outgoing.length, rejected, unanswered: unanswered.length }, 'province: batch forwarded and answered');
    return 0;
  }
}
