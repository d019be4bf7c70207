/**
 * The centre's "ingest flat out" measurement (bench/fig-centre.ts): 50 halls ship their batches into a real
 * `hallq central` process, against the same events as a bare batched INSERT on the same PostgreSQL.
 *
 * Both sides are measured in interleaved slices (centre, bare, bare, centre, …), each slice every hall's
 * next few batches at once, so a burst of other work on this shared machine falls on both sides alike (the
 * method figure 1 uses, docs/performance.md). Each hall's first WARM_UP batches go to both sides before the
 * clock starts: the first registers the hall's generation and profile; together they warm both sides up
 * (V8's compiled code; PostgreSQL plans a prepared statement afresh for its first five runs on each
 * connection) — once in a centre's life, not what a city's steady ingest is made of. Beside wall time, the CPU each side used: the centre process and
 * its PostgreSQL sessions, against the bench process and its sessions doing the bare INSERTs (Linux /proc).
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { UplinkBatch } from '../../server/protocol/uplink';

export interface IngestSide {
  /** Wall time of the timed slices, ms. */
  readonly ms: number;
  /** CPU of the side's processes in those slices, ms (NaN where /proc cannot be read). */
  readonly cpuMs: number;
  readonly events: number;
}

/** utime + stime of a process in ms, or NaN. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The CPU of the database sessions whose application_name starts with `prefix` (PostgreSQL on this host). */
async function sessionsCpu(pool: pg.Pool, prefix: string): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`, [`${prefix}%`]);
  return rows.reduce((sum, r) => sum + cpuOf(r.pid), 0);
}

const BARE_SQL = `INSERT INTO bare_events (hall_code, generation, seq, at, type, data, received_at)
  SELECT $1, $2, r.seq, timestamptz 'epoch' + r.at * interval '1 millisecond', r.type, r.data, now()
    FROM jsonb_to_recordset($3::jsonb) AS r(seq bigint, at bigint, type text, data jsonb)`;

/** Batches per hall sent to both sides before the clock starts. */
export const WARM_UP = 2;

export interface IngestRun {
  readonly centre: IngestSide;
  readonly bare: IngestSide;
  readonly slices: number;
}

/**
 * `bodies[i]`: hall i's batches as request bodies, in order. `post(i, body)` ships one to the centre.
 * `pool`: the bench's own connections (application_name hallq-bench) to the centre's database.
 */
export async function measureIngest(input: {
  pool: pg.Pool;
  centrePid: number;
  bodies: readonly (readonly { body: string; events: number }[])[];
  post: (hall: number, body: string) => Promise<void>;
  hallCode: (hall: number) => string;
  slices: number;
}): Promise<IngestRun> {
  const { pool, bodies } = input;
  // Created by the first run of a bench, reused by the next (the halls' logs go on, so no key repeats).
  await pool.query('CREATE TABLE IF NOT EXISTS bare_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)');
  // The bare side's rows made before any clock runs: it is handed the centre's events ready to insert.
  const bare = bodies.map((list) =>
    list.map((b) => {
      const batch = JSON.parse(b.body) as UplinkBatch;
      return { generation: batch.generation.id, rows: JSON.stringify(batch.events.map((e) => ({ seq: e.seq, at: e.at, type: e.type, data: e.data }))) };
    }),
  );
  const insertBare = async (hall: number, k: number): Promise<void> => {
    const batch = bare[hall]?.[k];
    if (!batch) return;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(BARE_SQL, [input.hallCode(hall), batch.generation, batch.rows]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const postCentre = async (hall: number, k: number): Promise<void> => {
    const batch = bodies[hall]?.[k];
    if (batch) await input.post(hall, batch.body);
  };
  // Warm-up: every hall's first batches, both sides, untimed.
  for (let k = 0; k < WARM_UP; k++) {
    await Promise.all(bodies.map((_, hall) => postCentre(hall, k)));
    await Promise.all(bodies.map((_, hall) => insertBare(hall, k)));
  }

  const longest = Math.max(...bodies.map((list) => list.length));
  const perSlice = Math.max(1, Math.ceil((longest - WARM_UP) / input.slices));
  const centre = { ms: 0, cpuMs: 0, events: 0 };
  const bareSide = { ms: 0, cpuMs: 0, events: 0 };
  const eventsOf = (from: number, to: number): number => bodies.reduce((sum, list) => sum + list.slice(from, to).reduce((s, b) => s + b.events, 0), 0);
  let slices = 0;
  for (let from = WARM_UP; from < longest; from += perSlice, slices++) {
    const to = Math.min(longest, from + perSlice);
    const runCentre = async (): Promise<void> => {
      const cpu0 = cpuOf(input.centrePid) + (await sessionsCpu(pool, 'hallq-centre'));
      const t0 = performance.now();
      await Promise.all(bodies.map(async (_, hall) => {
        for (let k = from; k < to; k++) await postCentre(hall, k);
      }));
      centre.ms += performance.now() - t0;
      centre.cpuMs += cpuOf(input.centrePid) + (await sessionsCpu(pool, 'hallq-centre')) - cpu0;
      centre.events += eventsOf(from, to);
    };
    const runBare = async (): Promise<void> => {
      const own0 = process.cpuUsage();
      const cpu0 = await sessionsCpu(pool, 'hallq-bench');
      const t0 = performance.now();
      await Promise.all(bodies.map(async (_, hall) => {
        for (let k = from; k < to; k++) await insertBare(hall, k);
      }));
      bareSide.ms += performance.now() - t0;
      const own = process.cpuUsage(own0);
      bareSide.cpuMs += (own.user + own.system) / 1000 + (await sessionsCpu(pool, 'hallq-bench')) - cpu0;
      bareSide.events += eventsOf(from, to);
    };
    if (slices % 2 === 0) {
      await runCentre();
      await runBare();
    } else {
      await runBare();
      await runCentre();
    }
  }
  return { centre, bare: bareSide, slices };
}
