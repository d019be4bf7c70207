/**
 * The SQL of one ingested batch, all on the transaction's connection (app/ingest.ts drives the order).
 * Few round trips on purpose: the hall row is locked and everything the plan needs is read in one query;
 * events, read models, cursor, link, profile and live state are written in one statement of data-modifying
 * CTEs. The other processes hear of it after the commit (hall-notifier.ts).
 */
import { createHash } from 'node:crypto';
import type { PoolClient } from './pool';
import { MS_TO_TIME } from './pool';
import type { GenerationCursor } from '../domain/batch-plan';
import type { ReadModelRows } from '../domain/read-model-rows';
import { batchWriteParts, type EventRow, type EventsSource } from './read-model-sql';
import type { LiveEvent, LiveState, LiveSummary } from '../domain/live-state';
import type { UplinkAck } from '../../protocol/uplink';

export const CENTRE_CHANNEL = 'hallq_centre';

export interface LockedHall {
  readonly currentGeneration?: string;
  readonly generations: readonly (GenerationCursor & { readonly ordinal: number })[];
  /** `isCached`: the caller's copy is current (`state` is then not sent). */
  readonly live?: { readonly generation: string; readonly seq: number; readonly state: unknown; readonly isCached: boolean };
  readonly batchesThisMinute: number;
  readonly profileHash?: string;
  readonly pendingNotes: number;
}

const T = MS_TO_TIME;

/**
 * A name for a server-side prepared statement (planned once per connection, not per batch). The write's
 * text depends on which tables a batch touches, so the name is derived from the text itself.
 */
const preparedNames = new Map<string, string>();
function preparedName(prefix: string, text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `${prefix}-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    preparedNames.set(text, name);
  }
  return name;
}

export class IngestRepo {
  constructor(private readonly client: PoolClient) {}

  /**
   * Counts this batch in the hall's minute (shared by every centre process), locks the hall's link row
   * (batches of one hall are serialised across processes) and reads what the plan needs, in one statement.
   * The live state is sent only when it is not the one the caller holds (`cached`: same generation and seq).
   */
  async lockHall(hallCode: string, rate: { key: string; windowStart: number }, cached?: { generation: string; seq: number }): Promise<LockedHall | undefined> {
    const { rows } = await this.client.query<{
      batches: number;
      generation: string | null;
      profile_hash: string | null;
      live_generation: string | null;
      live_seq: number | null;
      live_state: unknown;
      pending_notes: number;
      generations: { id: string; parent: string | null; forkSeq: number; startSeq: number; ackedSeq: number; ordinal: number }[];
    }>({
      name: 'centre-lock-hall',
      text:       `WITH rate AS (
         INSERT INTO rate_counters (key, window_start, count) VALUES ($2, ${T('$3')}, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_counters.window_start = EXCLUDED.window_start THEN rate_counters.count + 1 ELSE 1 END,
           window_start = EXCLUDED.window_start
         RETURNING count
       )
       SELECT (SELECT count FROM rate) AS batches, l.generation, h.profile_hash, lv.generation AS live_generation, lv.seq AS live_seq,
              CASE WHEN lv.generation = $4 AND lv.seq = $5 THEN NULL ELSE lv.state END AS live_state,
              (SELECT count(*) FROM supervision_notes n WHERE n.hall_code = l.hall_code AND n.delivered_at IS NULL)::int AS pending_notes,
              (SELECT coalesce(json_agg(json_build_object('id', g.id, 'parent', g.parent, 'forkSeq', g.fork_seq, 'startSeq', g.start_seq, 'ackedSeq', g.acked_seq,
                        'ordinal', g.ordinal)), '[]'::json)
                 FROM generations g WHERE g.hall_code = l.hall_code) AS generations
         FROM hall_links l JOIN halls h ON h.code = l.hall_code LEFT JOIN hall_live lv ON lv.hall_code = l.hall_code
        WHERE l.hall_code = $1
          FOR UPDATE OF l`,
      values: [hallCode, rate.key, rate.windowStart, cached?.generation ?? null, cached?.seq ?? null],
    });
    const row = rows[0];
    if (!row) return undefined;
    const isCached = cached !== undefined && row.live_generation === cached.generation && row.live_seq === cached.seq;
    return {
      batchesThisMinute: row.batches,
      currentGeneration: row.generation ?? undefined,
      profileHash: row.profile_hash ?? undefined,
      pendingNotes: row.pending_notes,
      live:
        row.live_generation !== null && row.live_seq !== null
          ? { generation: row.live_generation, seq: row.live_seq, state: isCached ? undefined : row.live_state, isCached }
          : undefined,
      generations: row.generations.map((g) => ({ id: g.id, parent: g.parent ?? undefined, forkSeq: g.forkSeq, startSeq: g.startSeq, ackedSeq: g.ackedSeq, ordinal: g.ordinal })),
    };
  }

  async createGeneration(hallCode: string, cursor: GenerationCursor, baseState: LiveState, now: number): Promise<void> {
    await this.client.query(
      `INSERT INTO generations (hall_code, id, parent, fork_seq, start_seq, acked_seq, base_state, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${T('$8')}, ${T('$8')}) ON CONFLICT (hall_code, id) DO NOTHING`,
      [hallCode, cursor.id, cursor.parent ?? null, cursor.forkSeq, cursor.startSeq, cursor.ackedSeq, JSON.stringify(baseState), now],
    );
  }

  /**
   * Of the sequences `range` covers, the first where what is held and what is sent differ: another type, time
   * or payload, or a fact on one side only. Payloads are compared as jsonb, so a hall that now orders a
   * payload's keys differently is not another history. Only a resend (a batch overlapping the ack) asks.
   */
  async firstDifference(hallCode: string, generation: string, range: { from: number; to: number }, source: EventsSource): Promise<number | undefined> {
    const { rows } = await this.client.query<{ seq: number | null }>(
      `WITH sent AS (
         SELECT (x -> 'seq')::bigint AS seq, x ->> 'type' AS type, ${T("(x -> 'at')::bigint")} AS at, x -> 'data' AS data
           FROM jsonb_array_elements($3::jsonb -> 'events') AS x
       ), s AS (SELECT * FROM sent WHERE seq BETWEEN $4 AND $5),
       held AS (SELECT seq, type, at, data FROM events WHERE hall_code = $1 AND generation = $2 AND seq BETWEEN $4 AND $5)
       SELECT min(seq) AS seq FROM s FULL JOIN held h USING (seq)
        WHERE s.seq IS NULL OR h.seq IS NULL OR s.type <> h.type OR s.at <> h.at OR s.data <> h.data`,
      [hallCode, generation, source.json, range.from, range.to],
    );
    const seq = rows[0]?.seq;
    return seq === null || seq === undefined ? undefined : Number(seq);
  }

  /** The base of a generation and its last day checkpoint at or before `seq`: where a replay starts. */
  async replayStart(hallCode: string, generation: string, seq: number): Promise<{ seq: number; state: unknown } | undefined> {
    const { rows } = await this.client.query<{ seq: number; state: unknown }>(
      `(SELECT seq, state FROM live_checkpoints WHERE hall_code = $1 AND generation = $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1)
       UNION ALL (SELECT start_seq AS seq, base_state AS state FROM generations WHERE hall_code = $1 AND id = $2)
       ORDER BY seq DESC LIMIT 1`,
      [hallCode, generation, seq],
    );
    return rows[0];
  }

  async eventsBetween(hallCode: string, generation: string, afterSeq: number, toSeq: number): Promise<LiveEvent[]> {
    const { rows } = await this.client.query<{ type: string; at: number; data: Record<string, unknown> }>(
      `SELECT type, at, data FROM events WHERE hall_code = $1 AND generation = $2 AND seq > $3 AND seq <= $4 ORDER BY seq`,
      [hallCode, generation, afterSeq, toSeq],
    );
    return rows;
  }

  /**
   * Everything an accepted batch changes, in one statement: the new events and their read models, the
   * cursor, the link (the centre's receive time, the hall's skew and backlog), the profile if it changed,
   * the live state and a day checkpoint (the other processes are told after the commit: hall-notifier.ts).
   */
  async writeBatch(input: {
    hallCode: string;
    generation: string;
    ackedSeq: number;
    receivedAt: number;
    currentGeneration: string;
    skewMs: number;
    backlog: number;
    events: readonly EventRow[];
    source: EventsSource;
    rows: ReadModelRows;
    profile?: { json: unknown; hash: string; timeZone: string };
    live?: { state: LiveState; summary: LiveSummary; seq: number };
    checkpoint?: { seq: number; state: LiveState };
  }): Promise<void> {
    const params: unknown[] = [input.hallCode, input.generation, input.receivedAt];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const parts = batchWriteParts(input.events.length > 0 ? input.source : undefined, input.rows, param);
    parts.push(`UPDATE generations SET acked_seq = GREATEST(acked_seq, ${param(input.ackedSeq)}), last_seen_at = ${T('$3')} WHERE hall_code = $1 AND id = $2`);
    parts.push(`UPDATE hall_links SET generation = ${param(input.currentGeneration)}, last_contact_at = ${T('$3')}, skew_ms = ${param(input.skewMs)},
      backlog = ${param(input.backlog)}, batches = batches + 1, events = events + ${param(input.events.length)} WHERE hall_code = $1`);
    if (input.profile) {
      parts.push(`UPDATE halls SET profile = ${param(JSON.stringify(input.profile.json))}::jsonb, profile_hash = ${param(input.profile.hash)}, time_zone = ${param(input.profile.timeZone)} WHERE code = $1`);
    }
    if (input.live) {
      parts.push(`INSERT INTO hall_live (hall_code, generation, seq, state, summary, updated_at)
        VALUES ($1, $2, ${param(input.live.seq)}, ${param(JSON.stringify(input.live.state))}::jsonb, ${param(JSON.stringify(input.live.summary))}::jsonb, ${T('$3')})
        ON CONFLICT (hall_code) DO UPDATE SET generation = EXCLUDED.generation, seq = EXCLUDED.seq, state = EXCLUDED.state, summary = EXCLUDED.summary, updated_at = EXCLUDED.updated_at`);
    }
    if (input.checkpoint) {
      parts.push(`INSERT INTO live_checkpoints (hall_code, generation, seq, state) VALUES ($1, $2, ${param(input.checkpoint.seq)}, ${param(JSON.stringify(input.checkpoint.state))}::jsonb) ON CONFLICT DO NOTHING`);
    }
    const text = `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(',\n')} SELECT 1`;
    await this.client.query({ name: preparedName('centre-write', text), text, values: params });
  }

  /** A refused batch (gap, conflict) is still contact: the link shows it, nothing else changes. */
  async touchLink(hallCode: string, receivedAt: number, skewMs: number, backlog: number): Promise<void> {
    await this.client.query(
      `UPDATE hall_links SET last_contact_at = ${T('$2')}, skew_ms = $3, backlog = $4 WHERE hall_code = $1`,
      [hallCode, receivedAt, skewMs, backlog],
    );
  }

  /**
   * Notes the hall has shown it received (its batch starts past the ack that carried them) become
   * delivered; the rest are offered in this ack, remembering which ack carried them.
   */
  async exchangeNotes(hallCode: string, generation: string, fromSeq: number, ackedSeq: number, now: number): Promise<NonNullable<UplinkAck['notes']>> {
    const { rows } = await this.client.query<{ id: string; followup_id: string; text: string; by_name: string; at: number }>(
      `WITH delivered AS (
         UPDATE supervision_notes SET delivered_at = ${T('$5')}
          WHERE hall_code = $1 AND delivered_at IS NULL AND offered_generation = $2 AND offered_ack_seq < $3 RETURNING id
       ), offered AS (
         UPDATE supervision_notes SET offered_generation = $2, offered_ack_seq = $4, offered_at = ${T('$5')}
          WHERE hall_code = $1 AND delivered_at IS NULL AND id NOT IN (SELECT id FROM delivered)
          RETURNING id, followup_id, text, by_name, at
       )
       SELECT * FROM offered ORDER BY at, id`,
      [hallCode, generation, fromSeq, ackedSeq, now],
    );
    return rows.map((r) => ({ id: r.id, followupId: r.followup_id, text: r.text, by: r.by_name, at: r.at }));
  }
}
