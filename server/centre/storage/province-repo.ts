/**
 * The centre's 好差评 outbox in PostgreSQL (province-schema.ts): what the halls hand over, claimed by the
 * deliverers for the provincial platform and marked by its per-record answer. No SQL outside this file.
 */
import { inTransaction, MS_TO_TIME, type Pool } from './pool';

export type CentreOutboxState = 'pending' | 'retrying' | 'accepted' | 'duplicate' | 'rejected';

export interface ReceivedRecord {
  readonly id: string;
  /** 'deliver' may replace a rejected (or not yet sent) record's body; 'poll' never changes anything stored. */
  readonly intent: 'deliver' | 'poll';
  readonly body: Readonly<Record<string, string | number>>;
}

export interface OutboxStatus {
  readonly recordId: string;
  readonly state: CentreOutboxState;
  readonly platformId?: string;
  readonly reason?: string;
}

export interface ClaimedRecord {
  readonly hallCode: string;
  readonly recordId: string;
  readonly body: Readonly<Record<string, string | number>>;
}

/** One claimed row's outcome: the platform's answer, or not answered (due again at `nextAt`). */
export type ClaimOutcome =
  | { readonly hallCode: string; readonly recordId: string; readonly state: 'accepted' | 'duplicate'; readonly platformId: string }
  | { readonly hallCode: string; readonly recordId: string; readonly state: 'rejected'; readonly reason: string }
  | { readonly hallCode: string; readonly recordId: string; readonly state: 'retrying'; readonly reason: string; readonly nextAt: number };

const T = MS_TO_TIME;

export class CentreProvinceRepo {
  constructor(private readonly pool: Pool) {}

  /**
   * Stores what is new (ON CONFLICT DO NOTHING: the same record twice counts once), lets a 'deliver' replace
   * a rejected record (a manager's correction: it is forwarded again) or one not answered yet whose body
   * changed, and answers every record's state now. One transaction.
   */
  async receive(hallCode: string, records: readonly ReceivedRecord[], now: number): Promise<OutboxStatus[]> {
    const json = JSON.stringify(records.map((r, n) => ({ id: r.id, intent: r.intent, body: r.body, n })));
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE province_outbox o SET body = i.body, state = 'pending', reason = NULL, claim = NULL, attempts = 0, next_at = ${T('$3')}, updated_at = ${T('$3')}
         FROM jsonb_to_recordset($2::jsonb) AS i(id text, intent text, body jsonb, n int)
         WHERE o.hall_code = $1 AND o.record_id = i.id AND i.intent = 'deliver'
           AND (o.state = 'rejected' OR (o.state IN ('pending', 'retrying') AND o.body IS DISTINCT FROM i.body))`,
        [hallCode, json, now],
      );
      await client.query(
        `INSERT INTO province_outbox (hall_code, record_id, body, state, next_at, received_at, updated_at)
         SELECT $1, i.id, i.body, 'pending', ${T('$3')}, ${T('$3')}, ${T('$3')}
         FROM jsonb_to_recordset($2::jsonb) AS i(id text, intent text, body jsonb, n int) ORDER BY i.n
         ON CONFLICT (hall_code, record_id) DO NOTHING`,
        [hallCode, json, now],
      );
      const { rows } = await client.query<{ record_id: string; state: CentreOutboxState; platform_id: string | null; reason: string | null }>(
        'SELECT record_id, state, platform_id, reason FROM province_outbox WHERE hall_code = $1 AND record_id = ANY($2::text[])',
        [hallCode, records.map((r) => r.id)],
      );
      return rows.map((r) => ({ recordId: r.record_id, state: r.state, ...(r.platform_id !== null ? { platformId: r.platform_id } : {}), ...(r.reason !== null ? { reason: r.reason } : {}) }));
    });
  }

  /**
   * Due rows, oldest first, claimed for `leaseMs` under `claim` in one short statement: rows another
   * deliverer is claiming right now are skipped (SKIP LOCKED), and a claimed row is not due again until its
   * lease ends — so a deliverer that dies mid-send leaves it to the next one, and none sends it twice at once.
   */
  async claim(claim: string, limit: number, now: number, leaseMs: number): Promise<ClaimedRecord[]> {
    const { rows } = await this.pool.query<{ hall_code: string; record_id: string; body: Record<string, string | number>; ord: number }>(
      `UPDATE province_outbox o SET claim = $1, next_at = ${T('$3')}, attempts = o.attempts + 1, updated_at = ${T('$4')}
       FROM (SELECT hall_code, record_id FROM province_outbox WHERE state IN ('pending', 'retrying') AND next_at <= ${T('$4')}
             ORDER BY ord LIMIT $2 FOR UPDATE SKIP LOCKED) c
       WHERE o.hall_code = c.hall_code AND o.record_id = c.record_id
       RETURNING o.hall_code, o.record_id, o.body, o.ord`,
      [claim, limit, now + leaseMs, now],
    );
    return rows.sort((a, b) => a.ord - b.ord).map((r) => ({ hallCode: r.hall_code, recordId: r.record_id, body: r.body }));
  }

  /** Writes the outcomes of a claim (rows since taken over by another claim are left to that one). */
  async settle(claim: string, outcomes: readonly ClaimOutcome[], now: number): Promise<void> {
    if (outcomes.length === 0) return;
    const json = JSON.stringify(
      outcomes.map((o) => ({
        hall_code: o.hallCode, record_id: o.recordId, state: o.state,
        platform_id: 'platformId' in o ? o.platformId : null,
        reason: 'reason' in o ? o.reason : null,
        next_at: 'nextAt' in o ? o.nextAt : null,
      })),
    );
    await this.pool.query(
      `UPDATE province_outbox o SET state = r.state, platform_id = COALESCE(r.platform_id, o.platform_id), reason = r.reason, claim = NULL,
         next_at = CASE WHEN r.next_at IS NULL THEN o.next_at ELSE ${T('r.next_at')} END, updated_at = ${T('$3')},
         answered_at = CASE WHEN r.state = 'retrying' THEN o.answered_at ELSE ${T('$3')} END
       FROM jsonb_to_recordset($1::jsonb) AS r(hall_code text, record_id text, state text, platform_id text, reason text, next_at bigint)
       WHERE o.hall_code = r.hall_code AND o.record_id = r.record_id AND o.claim = $2`,
      [json, claim, now],
    );
  }

  /** When the next row falls due (a claimed one: when its lease ends), if any waits. */
  async nextDueAt(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ at: number | null }>(`SELECT min(next_at) AS at FROM province_outbox WHERE state IN ('pending', 'retrying')`);
    return rows[0]?.at ?? undefined;
  }
}
