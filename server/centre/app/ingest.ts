/**
 * Ingest of one uplink batch: in ONE transaction, count it against the hall's minute, lock the hall, ask
 * the domain what the batch means, store the new events and their read models, move the cursor, record the
 * contact and exchange supervision notes; after the commit, NOTIFY. A refusal that is still contact (gap,
 * conflict, rate) commits only the contact and is thrown after the commit.
 */
import { hash } from 'node:crypto';
import type { UplinkAck, UplinkBatch } from '../../protocol/uplink';
import { conflictAt, newCursor, planBatch, checkRun, type GenerationCursor } from '../domain/batch-plan';
import { canonicalJson, withoutPersonal } from '../domain/event-content';
import { EMPTY_LIVE, parseLive, reduceAll, summarize, type LiveEvent, type LiveState } from '../domain/live-state';
import { partitionMonthsOf, readModelRows } from '../domain/read-model-rows';
import { monthOfTime } from '../domain/months';
import { IngestRepo } from '../storage/ingest-repo';
import type { EventRow } from '../storage/read-model-sql';
import { inTransaction, type Pool } from '../storage/pool';
import type { PartitionKeeper } from '../storage/partitions';
import { CentreError, type CentreLog, type Clock } from './errors';

export interface RegisteredHall {
  readonly code: string;
  readonly batchesPerMinute: number;
}

/** The live state this process last wrote per hall: read again from PostgreSQL only when another wrote since. */
export interface CachedLive {
  readonly generation: string;
  readonly seq: number;
  readonly state: LiveState;
}
export type LiveCache = Map<string, CachedLive>;

export interface IngestDeps {
  readonly pool: Pool;
  readonly partitions: PartitionKeeper;
  readonly clock: Clock;
  readonly log: CentreLog;
  readonly liveCache: LiveCache;
  /** After a commit: tell every centre process (and so every console) that the hall changed. */
  readonly hallChanged: (hallCode: string) => void;
}

const sha256 = (text: string): string => hash('sha256', text, 'hex');

/**
 * The events as the centre keeps them (personal fields dropped), and the JSON PostgreSQL reads them from:
 * the request body as received when nothing was dropped (every batch of a well-behaved hall), so the
 * payloads are not serialised again; otherwise the cleaned events.
 */
function prepare(batch: UplinkBatch, body: string, log: CentreLog): { events: EventRow[]; json: string } {
  let isClean = true;
  const events = batch.events.map((event) => {
    const { data, dropped } = withoutPersonal(event.data);
    if (dropped.length === 0) return event;
    isClean = false;
    // Field names only: the values are exactly what must never reach a log.
    log.warn({ hall: batch.hall.code, seq: event.seq, type: event.type, fields: dropped }, 'personal fields in an uplink event were dropped');
    return { seq: event.seq, at: event.at, type: event.type, data };
  });
  return { events, json: isClean ? body : JSON.stringify({ events }) };
}

/**
 * The profile's hash, by hall: its canonical text (keys sorted at every depth) cost some 60 µs a batch, and a
 * hall's profile rarely changes. Equal sent text always has the same canonical hash, so the cache can only
 * skip work; one entry per registered hall (the batch's code is checked against the token before this).
 */
const profileHashes = new Map<string, { readonly sentText: string; readonly hash: string }>();
function profileHashOf(profile: UplinkBatch['hall']): string {
  const sentText = JSON.stringify(profile);
  const known = profileHashes.get(profile.code);
  if (known?.sentText === sentText) return known.hash;
  const hash = sha256(canonicalJson(profile));
  profileHashes.set(profile.code, { sentText, hash });
  return hash;
}

type Outcome = { ok: true; ack: UplinkAck; live?: CachedLive } | { ok: false; error: CentreError };

/** `body`: the request's text, which `batch` was parsed from (and validated as) without any change. */
export async function ingestBatch(deps: IngestDeps, hall: RegisteredHall, batch: UplinkBatch, body: string): Promise<UplinkAck> {
  if (batch.hall.code !== hall.code) {
    throw new CentreError('forbidden', `This token belongs to hall ${hall.code}; the batch says it is from ${batch.hall.code}. A hall sends only as itself: check the hall's code and token.`);
  }
  const malformed = checkRun(batch);
  if (malformed) throw new CentreError(malformed.code, malformed.message);
  const { events, json } = prepare(batch, body, deps.log);
  await deps.partitions.ensure(partitionMonthsOf(events, monthOfTime));
  const receivedAt = deps.clock.now();
  const cached = deps.liveCache.get(hall.code);
  const outcome = await inTransaction(deps.pool, (client) => ingestIn(new IngestRepo(client), hall, batch, events, json, receivedAt, cached));
  // A refusal committed the contact (last contact, backlog): the console's link view changed too.
  deps.hallChanged(hall.code);
  if (!outcome.ok) throw outcome.error;
  // Only what has committed is cached.
  if (outcome.live) deps.liveCache.set(hall.code, outcome.live);
  return outcome.ack;
}

async function ingestIn(repo: IngestRepo, hall: RegisteredHall, batch: UplinkBatch, events: EventRow[], json: string, receivedAt: number, cached: CachedLive | undefined): Promise<Outcome> {
  const skewMs = batch.sentAt - receivedAt;
  const locked = await repo.lockHall(hall.code, { key: `uplink:${hall.code}`, windowStart: receivedAt - (receivedAt % 60_000) }, cached);
  if (!locked) throw new Error(`hall ${hall.code} is registered but has no link row`);
  if (locked.batchesThisMinute > hall.batchesPerMinute) {
    const retryAfterSeconds = Math.ceil((60_000 - (receivedAt % 60_000)) / 1000);
    const message = `Hall ${hall.code} sent more than ${hall.batchesPerMinute} batches this minute. Send again in ${retryAfterSeconds} s (larger batches need fewer requests).`;
    return { ok: false, error: new CentreError('rate-limited', message, {}, retryAfterSeconds) };
  }
  const generationId = batch.generation.id;
  const held = locked.generations.find((g) => g.id === generationId);
  const parent = batch.generation.parent === undefined ? undefined : locked.generations.find((g) => g.id === batch.generation.parent);
  const cursor = held ?? newCursor(batch.generation, parent);
  let base: LiveState | undefined;
  if (!held) {
    // A restore or reinstall: its live state starts where its parent's history was at the fork.
    base = parent ? await stateAt(repo, hall.code, parent, cursor.startSeq) : EMPTY_LIVE;
    await repo.createGeneration(hall.code, cursor, base, receivedAt);
  }
  const plan = planBatch(batch, cursor, !held);
  if (!plan.ok) {
    await repo.touchLink(hall.code, receivedAt, skewMs, batch.backlog);
    return { ok: false, error: new CentreError(plan.code, plan.message, { resendFrom: plan.resendFrom }) };
  }
  if (plan.compare) {
    const conflictSeq = await repo.firstDifference(hall.code, generationId, plan.compare, { json, storeFrom: plan.storeFrom });
    if (conflictSeq !== undefined) {
      const conflict = conflictAt(generationId, conflictSeq);
      await repo.touchLink(hall.code, receivedAt, skewMs, batch.backlog);
      return { ok: false, error: new CentreError(conflict.code, conflict.message) };
    }
  }
  const fresh = events.filter((e) => e.seq >= plan.storeFrom);

  // Live state follows the hall's current history only; a batch of an older generation (a backlog drained
  // after a restore) is kept and reported on, but does not rewrite what the hall shows now.
  const current = locked.generations.find((g) => g.id === locked.currentGeneration);
  const isCurrent = current === undefined || current.id === generationId || held === undefined || held.ordinal > current.ordinal;
  const isSwitch = isCurrent && locked.live?.generation !== generationId;
  let live: { state: LiveState; seq: number } | undefined;
  let checkpoint: { seq: number; state: LiveState } | undefined;
  if (isCurrent && (fresh.length > 0 || isSwitch)) {
    const stored = locked.live?.isCached ? cached?.state : parseLive(locked.live?.state);
    const start = isSwitch ? (base ?? (await stateAt(repo, hall.code, cursor, cursor.ackedSeq))) : (stored ?? EMPTY_LIVE);
    const rolled = new Map(fresh.filter((e) => e.type === 'day:rolled').map((e) => [e as LiveEvent, e.seq]));
    const state = reduceAll(start, fresh, rolled.size === 0 ? undefined : (event, snapshot) => {
      const seq = rolled.get(event);
      if (seq !== undefined) checkpoint = { seq, state: snapshot() };
    });
    live = { state, seq: plan.ackedSeq };
  }
  const profileHash = profileHashOf(batch.hall);
  await repo.writeBatch({
    hallCode: hall.code,
    generation: generationId,
    ackedSeq: plan.ackedSeq,
    receivedAt,
    currentGeneration: isCurrent ? generationId : (locked.currentGeneration ?? generationId),
    skewMs,
    backlog: batch.backlog,
    events: fresh,
    source: { json, storeFrom: plan.storeFrom },
    rows: readModelRows(fresh),
    profile: profileHash === locked.profileHash ? undefined : { json: batch.hall, hash: profileHash, timeZone: batch.hall.timeZone },
    live: live ? { ...live, summary: summarize(live.state) } : undefined,
    checkpoint,
  });
  const notes = locked.pendingNotes > 0 ? await repo.exchangeNotes(hall.code, generationId, batch.fromSeq, plan.ackedSeq, receivedAt) : [];
  return {
    ok: true,
    ack: notes.length > 0 ? { ackedSeq: plan.ackedSeq, notes } : { ackedSeq: plan.ackedSeq },
    live: live ? { generation: generationId, seq: live.seq, state: live.state } : undefined,
  };
}

/** The live state of `generation` after its event `seq`: its last day checkpoint (or base), replayed. */
async function stateAt(repo: IngestRepo, hallCode: string, generation: GenerationCursor, seq: number): Promise<LiveState> {
  const upTo = Math.min(seq, generation.ackedSeq);
  const start = await repo.replayStart(hallCode, generation.id, upTo);
  if (!start) return EMPTY_LIVE;
  return reduceAll(parseLive(start.state), await repo.eventsBetween(hallCode, generation.id, start.seq, upTo));
}
