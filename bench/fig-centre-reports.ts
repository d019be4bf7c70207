/**
 * The city centre's cross-hall reports on a synthetic city (issue 16's benchmark: "a year's cross-hall report
 * p99 under 1 s"). Called by bench/fig-centre.ts (or the lead) as `runCentreReportsFigure(url, options)` (its
 * own centre and city on an empty database) or `measureCentreReports(target)` (a centre the caller runs, on
 * its own city), or on its own: `tsx bench/fig-centre-reports.ts [--quick] [--keep]` against a fresh database
 * on HALLQ_BENCH_PG_URL (default: the local test server).
 *
 * The city: `halls` halls × `days` days × `perDay` tickets per hall-day (50 × 365 × 1,370 ≈ 25 million
 * tickets, two thirds of the served ones rated), written straight into the centre's read-model tables with
 * one INSERT … SELECT per month — the same rows ingest writes, the change-mark triggers included — then
 * rolled up (timed). A real centre on the database answers `GET /api/centre/reports` for the whole year by
 * hall, category, window and clerk, and for a year that does not start on the 1st (its edge days come from
 * the daily rollup): 30 requests each, p50 and p99 with the whole body read. Baseline, same run, same
 * database: a bare `SELECT count(*)` of the year's tickets (what any report reading tickets would pay first).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { buildCentre, type RunningCentre } from '../server/centre/compose';
import { loadCentreConfig } from '../server/centre/config';
import { hashPassword } from '../server/app/passwords';
import { PartitionKeeper } from '../server/centre/storage/partitions';
import { ReportsRepo } from '../server/centre/storage/reports-repo';
import { rollUpReports } from '../server/centre/app/reports';
import { percentile, round, type ResultRow } from './support/stats';

export interface CitySpec {
  readonly halls: number;
  readonly days: number;
  readonly perDay: number;
  /** First day, 'YYYY-MM-DD' (hall-local). */
  readonly firstDay: string;
}

export const FULL_CITY: CitySpec = { halls: 50, days: 365, perDay: 1370, firstDay: '2025-01-01' };
export const QUICK_CITY: CitySpec = { halls: 10, days: 90, perDay: 300, firstDay: '2025-01-01' };

const GOAL_MS = 1000;
const RUNS = 30;
const PASSWORD = 'bench-city-2026';
const SERVICES = [['A', '社保'], ['B', '户籍'], ['C', '不动产'], ['D', '税务'], ['E', '医保'], ['F', '公积金']] as const;
const WINDOWS = 12;

const hallCode = (i: number): string => `330100-${String(i + 1).padStart(3, '0')}`;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Log = (text: string) => void;

export async function startCentre(url: string, spec: CitySpec): Promise<RunningCentre> {
  const passwordHash = await hashPassword(PASSWORD);
  const halls = Array.from({ length: spec.halls }, (_, i) => ({
    code: hallCode(i), name: `合成大厅${i + 1}`, level: i === 0 ? 'district' : i < 10 ? 'town' : 'village',
    ...(i === 0 ? {} : { parent: i < 10 ? hallCode(0) : hallCode(1 + (i % 9)) }),
    tokenHash: createHash('sha256').update(`bench-hall-${i}`).digest('hex'),
  }));
  const loaded = loadCentreConfig({
    database: { url, poolSize: 8 }, listen: { host: '127.0.0.1', port: 0 }, halls,
    users: [{ username: 'bench-supervisor', name: '督查科', role: 'city-supervisor', passwordHash }],
    // The timed rollup below is the only one: the centre's own timer would share the work unpredictably.
    reports: { refreshSeconds: 3600 },
  });
  if (!loaded.ok) throw new Error(`bench centre config: ${JSON.stringify(loaded.problems)}`);
  return buildCentre({ config: loaded.config, host: '127.0.0.1', port: 0 });
}

/** Writes the synthetic city, month by month; answers the number of tickets. */
export async function seedCity(centre: RunningCentre, spec: CitySpec, log: Log): Promise<number> {
  const pool = centre.pool;
  const profile = {
    services: SERVICES.map(([id, category]) => ({ id, name: `${category}业务`, category, waitLimitMinutes: 30 })),
    windows: Array.from({ length: WINDOWS }, (_, i) => ({ id: `w${i + 1}`, number: i + 1, name: `${i + 1}号窗口` })),
  };
  await pool.query(`UPDATE halls SET time_zone = 'Asia/Shanghai', profile = $1::jsonb WHERE code LIKE '330100-%'`, [JSON.stringify(profile)]);
  const lastDay = addDays(spec.firstDay, spec.days - 1);
  const months: string[] = [];
  for (let m = spec.firstDay.slice(0, 7); m <= lastDay.slice(0, 7); m = addDays(`${m}-28`, 5).slice(0, 7)) months.push(m);
  await new PartitionKeeper(pool).ensure(months.flatMap((month) => [{ table: 'tickets' as const, month }, { table: 'ratings' as const, month }]));
  const codes = Array.from({ length: spec.halls }, (_, i) => hallCode(i));
  let total = 0;
  for (const month of months) {
    const from = month === spec.firstDay.slice(0, 7) ? spec.firstDay : `${month}-01`;
    const to = month === lastDay.slice(0, 7) ? lastDay : addDays(`${addDays(`${month}-28`, 5).slice(0, 7)}-01`, -1);
    const started = performance.now();
    // Deterministic "random" figures from hashes: waits 0–30 min (one in ten 30–60), services 1–16 min,
    // one in 17 a no-show, one in 41 cancelled; clerks rotate over the windows day by day.
    const { rowCount } = await pool.query(
      `INSERT INTO tickets (hall_code, day, ticket_id, generation, seq, number, service_id, priority, status, close_reason, arrived_at, issued_at,
                            first_called_at, called_at, finished_at, window_id, clerk, call_count, wait_ms, service_ms)
       SELECT code, day, code || ':' || day || ':' || i, 'bench', i, svc || lpad(i::text, 4, '0'), svc, 'normal', status,
              CASE WHEN status = 'no-show' THEN 'no-show' END, issued, issued,
              CASE WHEN status <> 'cancelled' THEN issued + wait * interval '1 millisecond' END,
              CASE WHEN status <> 'cancelled' THEN issued + wait * interval '1 millisecond' END,
              CASE WHEN status = 'done' THEN issued + (wait + svc_ms) * interval '1 millisecond' END,
              CASE WHEN status <> 'cancelled' THEN 'w' || win END, CASE WHEN status <> 'cancelled' THEN 'c' || (1 + (win + dn) % 15) END,
              CASE WHEN status = 'cancelled' THEN 0 ELSE 1 END,
              CASE WHEN status <> 'cancelled' THEN wait END, CASE WHEN status = 'done' THEN svc_ms END
         FROM (
           SELECT code, day, i, chr(65 + i % 6) AS svc, 1 + i % ${WINDOWS} AS win, (day - date '2000-01-01') AS dn,
                  (day::timestamp + interval '8 hours 30 minutes') AT TIME ZONE 'Asia/Shanghai' + (i * (28800000 / $4::int)) * interval '1 millisecond' AS issued,
                  (((hashint4(i * 7919 + (day - date '2000-01-01') * 31) # hashtext(code)) % 1800000 + 1800000) % 1800000)::bigint
                    + CASE WHEN i % 10 = 0 THEN 1800000 ELSE 0 END AS wait,
                  (60000 + ((hashint4(i * 104729 + (day - date '2000-01-01')) % 900000) + 900000) % 900000)::bigint AS svc_ms,
                  CASE WHEN i % 41 = 0 THEN 'cancelled' WHEN i % 17 = 0 THEN 'no-show' ELSE 'done' END AS status
             FROM unnest($1::text[]) AS code
             CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS g(d)
             CROSS JOIN LATERAL (SELECT g.d::date AS day) dd
             CROSS JOIN generate_series(1, $4::int) AS i
         ) t`,
      [codes, from, to, spec.perDay],
    );
    await pool.query(
      `INSERT INTO ratings (hall_code, rating_id, rated_at, generation, seq, ticket_id, service_id, window_id, clerk, score, tags, comment, channel, finished_at)
       SELECT hall_code, ticket_id || ':r', finished_at + interval '30 seconds', 'bench', seq, ticket_id, service_id, window_id, clerk,
              CASE WHEN h < 60 THEN 5 WHEN h < 85 THEN 4 WHEN h < 93 THEN 3 WHEN h < 97 THEN 2 ELSE 1 END, '{}', NULL, 'keypad', finished_at
         FROM (SELECT t.*, ((hashint4(seq::int * 31 + (day - date '2000-01-01')) % 100) + 100) % 100 AS h FROM tickets t
                WHERE t.hall_code = ANY($1::text[]) AND t.day BETWEEN $2::date AND $3::date AND t.status = 'done' AND t.seq % 3 <> 0) x`,
      [codes, from, to],
    );
    total += rowCount ?? 0;
    log(`synthetic city: ${month} written (${rowCount} tickets, ${Math.round(performance.now() - started)} ms)`);
  }
  await pool.query('ANALYZE');
  return total;
}

async function timed(runs: number, work: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

function resultRow(figure: string, samples: number[], baselineMs: number, withGoal: boolean): ResultRow {
  const value = round(percentile(samples, 99), 1);
  return {
    figure, unit: 'ms p99', value, baseline: round(baselineMs, 1), baselineLabel: "bare SELECT count(*) of the year's tickets", ratio: round(value / baselineMs, 3),
    ...(withGoal ? { goal: `p99 < ${GOAL_MS} ms`, isMet: value < GOAL_MS } : {}),
  };
}

export interface MeasureTarget {
  /** A running centre (its own registry: the halls of the city) and its pool. */
  readonly centre: Pick<RunningCentre, 'url' | 'pool'>;
  /** A city-supervisor's session token. */
  readonly token: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** "50 halls × 365 days, 25.0 M tickets": said in each row's name. */
  readonly cityText: string;
}

/**
 * The measurement on any centre whose database holds a city (bench/fig-centre.ts may pass its own): rolls
 * up what is marked (timed), then times the reports. Answers one row per report and one for the rollup.
 */
export async function measureCentreReports(target: MeasureTarget, log: Log = () => undefined): Promise<ResultRow[]> {
  const { centre, token, firstDay, lastDay, cityText } = target;
  const started = performance.now();
  const hallDays = await rollUpReports({ repo: new ReportsRepo(centre.pool), clock: { now: () => Date.now() } });
  const rollupMs = performance.now() - started;
  log(`rollup: ${hallDays} hall-days in ${Math.round(rollupMs)} ms`);
  await centre.pool.query('ANALYZE report_days; ANALYZE report_months');
  const baseline = await timed(5, async () => void (await centre.pool.query('SELECT count(*) FROM tickets WHERE day BETWEEN $1 AND $2', [firstDay, lastDay])));
  const baselineMs = percentile(baseline, 50);
  const get = async (query: string): Promise<void> => {
    const response = await fetch(`${centre.url}/api/centre/reports?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`report ${query}: ${response.status} ${body.slice(0, 200)}`);
  };
  const rows: ResultRow[] = [];
  for (const by of ['hall', 'category', 'window', 'clerk'] as const) {
    const samples = await timed(RUNS, () => get(`from=${firstDay}&to=${lastDay}&by=${by}`));
    log(`year by ${by}: p50 ${Math.round(percentile(samples, 50))} ms, p99 ${Math.round(percentile(samples, 99))} ms`);
    rows.push(resultRow(`city report, a year by ${by} (${cityText})`, samples, baselineMs, true));
  }
  // Not on month boundaries: half a month of days at the start comes from the daily rollup.
  const from = addDays(firstDay, 14);
  const unaligned = await timed(RUNS, () => get(`from=${from}&to=${lastDay}&by=clerk`));
  log(`${from}…${lastDay} by clerk: p50 ${Math.round(percentile(unaligned, 50))} ms, p99 ${Math.round(percentile(unaligned, 99))} ms`);
  rows.push(resultRow(`city report, ${from}…${lastDay} by clerk (${cityText}; edge days from the daily rollup)`, unaligned, baselineMs, true));
  if (hallDays > 0) {
    rows.push({
      figure: `report rollup of ${hallDays} hall-days (${cityText})`, unit: 'ms', value: Math.round(rollupMs), baseline: round(baselineMs, 1),
      baselineLabel: "bare SELECT count(*) of the year's tickets", ratio: round(rollupMs / baselineMs, 1),
    });
  }
  return rows;
}

export async function signIn(centre: Pick<RunningCentre, 'url'>): Promise<string> {
  const session = await fetch(`${centre.url}/api/centre/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-supervisor', password: PASSWORD }) });
  return ((await session.json()) as { token: string }).token;
}

/**
 * The figure on the centre database at `url` (empty or migrated): a centre of its own, the synthetic city
 * written into it (unless `isSeeded`: written by an earlier run with the same spec), then the measurement.
 */
export async function runCentreReportsFigure(url: string, options: { isQuick?: boolean; spec?: CitySpec; isSeeded?: boolean; log?: Log } = {}): Promise<ResultRow[]> {
  const spec = options.spec ?? (options.isQuick ? QUICK_CITY : FULL_CITY);
  const log = options.log ?? (() => undefined);
  const centre = await startCentre(url, spec);
  try {
    const { rows } = await centre.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
    const tickets = options.isSeeded ? (rows[0]?.n ?? 0) : await seedCity(centre, spec, log);
    return await measureCentreReports(
      {
        centre, token: await signIn(centre), firstDay: spec.firstDay, lastDay: addDays(spec.firstDay, spec.days - 1),
        cityText: `${spec.halls} halls × ${spec.days} days, ${(tickets / 1e6).toFixed(1)} M tickets`,
      },
      log,
    );
  } finally {
    await centre.close();
  }
}

/**
 * `tsx bench/fig-centre-reports.ts [--quick] [--keep] [--reuse=<database>]`: on a database of its own
 * (dropped after, unless --keep; --reuse measures again on a kept one without writing the city again).
 */
async function main(): Promise<void> {
  const server = process.env.HALLQ_BENCH_PG_URL ?? 'postgres://hallq:hallq@127.0.0.1:5432/postgres';
  const reuse = process.argv.find((a) => a.startsWith('--reuse='))?.slice(8);
  const isKept = process.argv.includes('--keep') || reuse !== undefined;
  const name = reuse ?? `hallq_bench_reports_${Date.now().toString(36)}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const started = performance.now();
  try {
    const rows = await runCentreReportsFigure(url.toString(), {
      isQuick: process.argv.includes('--quick'),
      isSeeded: reuse !== undefined,
      log: (text) => void process.stderr.write(`[reports ${Math.round((performance.now() - started) / 1000)}s] ${text}\n`),
    });
    for (const r of rows) process.stdout.write(`${r.figure}: ${r.value} ${r.unit} (baseline ${r.baseline} ms: ${r.baselineLabel}; ratio ${r.ratio})${r.goal ? ` goal ${r.goal}: ${r.isMet ? 'met' : 'NOT met'}` : ''}\n`);
  } finally {
    if (isKept) process.stderr.write(`kept database ${name}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1]?.endsWith('fig-centre-reports.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
