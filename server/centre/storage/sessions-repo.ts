/**
 * Console sessions in PostgreSQL (only the token's sha256 is stored), so every centre process accepts a
 * session and a sign-out anywhere ends it everywhere. Also the shared per-minute counters for sign-ins.
 */
import type { Pool } from './pool';
import { MS_TO_TIME } from './pool';

const T = MS_TO_TIME;
export const SESSIONS_CHANNEL = 'hallq_centre_sessions';

export class SessionsRepo {
  constructor(private readonly pool: Pool) {}

  async create(tokenHash: string, username: string, now: number, expiresAt: number): Promise<void> {
    await this.pool.query(`INSERT INTO centre_sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, ${T('$3')}, ${T('$4')})`, [tokenHash, username, now, expiresAt]);
  }

  async find(tokenHash: string, now: number): Promise<{ username: string; expiresAt: number } | undefined> {
    const { rows } = await this.pool.query<{ username: string; expires_at: number }>(
      `SELECT username, expires_at FROM centre_sessions WHERE token_hash = $1 AND expires_at > ${T('$2')}`,
      [tokenHash, now],
    );
    const row = rows[0];
    return row ? { username: row.username, expiresAt: row.expires_at } : undefined;
  }

  /** Ends the session and tells every centre process (their live streams of it close). */
  async delete(tokenHash: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ deleted: number }>(
      `WITH gone AS (DELETE FROM centre_sessions WHERE token_hash = $1 RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int AS deleted, pg_notify('${SESSIONS_CHANNEL}', $1)`,
      [tokenHash],
    );
    return (rows[0]?.deleted ?? 0) > 0;
  }

  /** Expired sessions, and per-minute counters (sign-ins, batches) older than an hour. */
  async purgeExpired(now: number): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM centre_sessions WHERE expires_at <= ${T('$1')}`, [now]);
    await this.pool.query(`DELETE FROM rate_counters WHERE window_start < ${T('$1')}`, [now - 3600_000]);
    return rowCount ?? 0;
  }

  /** One more hit on `key` in the minute starting at `windowStart`; answers the minute's count so far. */
  async countHit(key: string, windowStart: number): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      `INSERT INTO rate_counters (key, window_start, count) VALUES ($1, ${T('$2')}, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_counters.window_start = EXCLUDED.window_start THEN rate_counters.count + 1 ELSE 1 END,
         window_start = EXCLUDED.window_start
       RETURNING count`,
      [key, windowStart],
    );
    return rows[0]?.count ?? 1;
  }
}
