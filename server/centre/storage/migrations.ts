/**
 * Numbered, append-only PostgreSQL migrations of the centre, recorded in `centre_migrations`. All pending
 * steps run in one transaction under an advisory lock, so several centre processes starting together
 * migrate once and never see half a schema. A database newer than this code is refused, not touched.
 *
 * Large tables (events, tickets, calls, ratings) are partitioned by month (storage/partitions.ts creates the
 * months ahead); each has a DEFAULT partition for times outside 2000–2099 (a hall clock gone wrong).
 */
import type { Pool } from './pool';
import { REPORTS_BYTEA_MIGRATION, REPORTS_MIGRATION, REPORTS_ZONE_ONCE_MIGRATION } from './reports-schema';
import { PROVINCE_MIGRATION } from './province-schema';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const CENTRE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'halls, uplink cursors, events, read models, sessions',
    sql: `
CREATE TABLE halls (
  code text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL,
  parent text,
  is_registered boolean NOT NULL DEFAULT true,
  time_zone text,
  profile jsonb,
  profile_hash text
);
CREATE TABLE hall_links (
  hall_code text PRIMARY KEY REFERENCES halls (code),
  generation text,
  last_contact_at timestamptz,
  skew_ms bigint,
  backlog bigint NOT NULL DEFAULT 0,
  batches bigint NOT NULL DEFAULT 0,
  events bigint NOT NULL DEFAULT 0
);
CREATE TABLE generations (
  hall_code text NOT NULL REFERENCES halls (code),
  id text NOT NULL,
  parent text,
  fork_seq bigint NOT NULL,
  start_seq bigint NOT NULL,
  acked_seq bigint NOT NULL,
  base_state jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- Which generation the hall started last (the one whose live state the console shows): creation order,
  -- not a clock, which two batches within the same millisecond would tie on.
  ordinal bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (hall_code, id)
);
CREATE TABLE hall_live (
  hall_code text PRIMARY KEY REFERENCES halls (code),
  generation text NOT NULL,
  seq bigint NOT NULL,
  state jsonb NOT NULL,
  summary jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE live_checkpoints (
  hall_code text NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  state jsonb NOT NULL,
  PRIMARY KEY (hall_code, generation, seq)
);

CREATE TABLE events (
  hall_code text NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  hash bytea NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (hall_code, generation, seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE TABLE tickets (
  hall_code text NOT NULL,
  day date NOT NULL,
  ticket_id text NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  number text NOT NULL,
  service_id text NOT NULL,
  priority text,
  status text NOT NULL,
  close_reason text,
  arrived_at timestamptz NOT NULL,
  issued_at timestamptz NOT NULL,
  first_called_at timestamptz,
  called_at timestamptz,
  finished_at timestamptz,
  window_id text,
  clerk text,
  call_count integer NOT NULL,
  wait_ms bigint,
  service_ms bigint,
  PRIMARY KEY (hall_code, day, ticket_id)
) PARTITION BY RANGE (day);
CREATE TABLE tickets_default PARTITION OF tickets DEFAULT;

CREATE TABLE calls (
  hall_code text NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  ticket_id text NOT NULL,
  number text NOT NULL,
  service_id text NOT NULL,
  window_id text NOT NULL,
  window_number integer,
  clerk text,
  is_recall boolean NOT NULL,
  is_chosen boolean NOT NULL,
  call_count integer NOT NULL,
  PRIMARY KEY (hall_code, generation, seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE calls_default PARTITION OF calls DEFAULT;

CREATE TABLE ratings (
  hall_code text NOT NULL,
  rating_id text NOT NULL,
  rated_at timestamptz NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  ticket_id text NOT NULL,
  service_id text NOT NULL,
  window_id text NOT NULL,
  clerk text,
  score smallint NOT NULL,
  tags text[] NOT NULL,
  comment text,
  channel text NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (hall_code, rating_id, rated_at)
) PARTITION BY RANGE (rated_at);
CREATE TABLE ratings_default PARTITION OF ratings DEFAULT;

CREATE TABLE followups (
  hall_code text NOT NULL REFERENCES halls (code),
  followup_id text NOT NULL,
  generation text NOT NULL,
  seq bigint NOT NULL,
  rating_id text,
  ticket_id text NOT NULL,
  number text NOT NULL,
  service_id text NOT NULL,
  window_id text NOT NULL,
  assignee text,
  score smallint NOT NULL,
  tags text[] NOT NULL,
  comment text,
  rated_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL,
  closed_at timestamptz,
  appeal_status text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (hall_code, followup_id)
);
CREATE INDEX followups_open ON followups (due_at) WHERE status = 'open';

CREATE TABLE day_summaries (
  hall_code text NOT NULL REFERENCES halls (code),
  day date NOT NULL,
  service_id text NOT NULL,
  issued integer NOT NULL,
  served integer NOT NULL,
  no_shows integer NOT NULL,
  wait_p50_seconds integer,
  wait_p90_seconds integer,
  service_p50_seconds integer,
  service_p90_seconds integer,
  ratings integer,
  satisfied integer,
  bad integer,
  PRIMARY KEY (hall_code, day, service_id)
);
CREATE TABLE day_summary_documents (
  hall_code text NOT NULL REFERENCES halls (code),
  day date NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (hall_code, day)
);

CREATE TABLE supervision_notes (
  id text PRIMARY KEY,
  hall_code text NOT NULL REFERENCES halls (code),
  followup_id text NOT NULL,
  text text NOT NULL,
  by_name text NOT NULL,
  by_username text NOT NULL,
  at timestamptz NOT NULL,
  offered_generation text,
  offered_ack_seq bigint,
  offered_at timestamptz,
  delivered_at timestamptz
);
CREATE INDEX supervision_notes_pending ON supervision_notes (hall_code) WHERE delivered_at IS NULL;
CREATE INDEX supervision_notes_followup ON supervision_notes (hall_code, followup_id);

CREATE TABLE centre_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX centre_sessions_expiry ON centre_sessions (expires_at);

CREATE TABLE rate_counters (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL
);
`,
  },
  REPORTS_MIGRATION,
  REPORTS_BYTEA_MIGRATION,
  PROVINCE_MIGRATION,
  {
    version: 5,
    // A resend is compared with the held facts as jsonb (ingest-repo.ts firstDifference), so no content hash
    // is made per fact; dropping a column is a catalogue change, instant on any size of table.
    name: 'events: no content hash per fact',
    sql: 'ALTER TABLE events DROP COLUMN hash;',
  },
  REPORTS_ZONE_ONCE_MIGRATION,
];

/** Thrown when the database is not one this centre can run on; the message says what to do. */
export class CentreDatabaseError extends Error {
  override readonly name = 'CentreDatabaseError';
}

const LOCK_KEY = 'hallq_centre_migrations';

/** Applies the pending migrations; answers the versions it applied (empty on an up-to-date database). */
export async function migrateCentre(pool: Pool, migrations: readonly Migration[] = CENTRE_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS centre_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM centre_migrations ORDER BY version');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = rows.find((r) => r.version > newest);
    if (ahead) {
      throw new CentreDatabaseError(`The centre database has migration ${ahead.version}, newer than this hallq (up to ${newest}). Run the hallq version that migrated it, or restore a backup taken before.`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO centre_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
