/**
 * The city centre figure (issue 16): `run(options)`.
 * 1. Ingest flat out: 50 simulated halls ship their day's facts concurrently, in batches as the hall's
 *    shipper does, into a real `hallq central` process; baseline, in the same run on the same PostgreSQL:
 *    the same events as a bare batched INSERT (one transaction per batch, same concurrency and pool size),
 *    the two in interleaved slices after a warm-up batch per hall (support/city-ingest.ts), with their CPU.
 * 2. A busy city: every hall ships what happened every ~1 s; meanwhile a console polls the live grid and
 *    listens to the live stream — the grid's p99 under that load, and the lag from a hall sending a call to
 *    the console hearing of it (p50, p99).
 * 3. A synthetic city: 50 halls × a year (quick: a month) of tickets, ratings and daily summaries written
 *    straight into the read models (3.65 M tickets; quick 0.3 M); the live grid's p99 and a year's
 *    cross-hall query p99 (from the daily summaries; for comparison exact percentiles over the raw tickets).
 * Method and sizes: docs/centre.md ("Performance").
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Client } from 'undici';
import type { BenchOptions } from './options';
import { percentile, row, type ResultRow } from './support/stats';
import { createTestDatabase } from '../test/support/pg';
import { startCentreProcess, writeCentreConfig } from '../test/centre/support/centre-process';
import { readEvents } from '../test/centre/support/sse';
import { BusyHall } from '../test/centre/support/busy-hall';
import { hashPassword } from '../server/app/passwords';
import { PartitionKeeper } from '../server/centre/storage/partitions';
import { openPool } from '../server/centre/storage/pool';
import { monthOfDay } from '../server/centre/domain/months';
import { measureIngest } from './support/city-ingest';
import { UplinkConfig } from '../server/config-schema';

const HALLS = 50;
/** What a hall's shipper sends when it has a backlog: the configuration's default uplink.batchSize. */
const HUB_BATCH = UplinkConfig.properties.batchSize.default as number;
const POOL = 10;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const code = (i: number): string => `BENCH-${String(i).padStart(3, '0')}`;
const token = (i: number): string => `bench-hall-token-${i}-0123456789abcdef`;

interface Size {
  readonly pacedSeconds: number;
  /** Events per hall shipped in batches of the hub's default size (the run the goal is about). */
  readonly eventsPerHall: number;
  /** Events per hall for the second run, in batches of 200 (a hall configured with smaller batches). */
  readonly smallEventsPerHall: number;
  readonly days: number;
  readonly ticketsPerDay: number;
  readonly samples: number;
}
const sizeOf = (options: BenchOptions): Size =>
  options.isQuick ? { eventsPerHall: 5000, smallEventsPerHall: 1000, pacedSeconds: 10, days: 30, ticketsPerDay: 200, samples: 100 } : { eventsPerHall: 10000, smallEventsPerHall: 4000, pacedSeconds: 30, days: 365, ticketsPerDay: 200, samples: 200 };

/**
 * Each simulated hall ships on one keep-alive connection of its own, as a hall's shipper does, through
 * undici's Client rather than fetch: the load generator shares this machine's cores with the centre, and
 * fetch cost about 17 µs of CPU per shipped event (half the bare INSERT's whole cost per event).
 */
const hallClients = new Map<string, Client>();
async function post(url: string, body: string, bearer: string): Promise<void> {
  const key = `${url} ${bearer}`;
  let client = hallClients.get(key);
  if (!client) {
    client = new Client(url);
    hallClients.set(key, client);
  }
  const response = await client.request({ path: '/api/uplink/batches', method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`ingest: HTTP ${response.statusCode} ${text.slice(0, 300)}`);
}

/**
 * A busy city, paced: every hall ships what happened every ~`everyMs` (its shipper's rhythm), for `ms`.
 * Meanwhile a console polls the grid and listens to the live stream: how long a hall's call takes to
 * reach the console (from the hall sending it to the console hearing of it).
 */
async function pacedLoad(url: string, session: string, halls: readonly BusyHall[], ms: number, everyMs: number): Promise<{ grid: number[]; lags: number[]; events: number }> {
  const stream = await readEvents(url, session);
  await stream.next('ready');
  const pending = new Map<string, number[]>();
  const lags: number[] = [];
  const grid: number[] = [];
  let events = 0;
  const until = performance.now() + ms;
  const listener = (async () => {
    let seen = 0;
    while (performance.now() < until + 2000) {
      const pushed = stream.seen('hall');
      for (; seen < pushed.length; seen++) {
        const hallCode = (pushed[seen]?.data as { code: string }).code;
        for (const sentAt of pending.get(hallCode)?.splice(0) ?? []) lags.push(performance.now() - sentAt);
      }
      await sleep(2);
    }
  })();
  const poller = (async () => {
    while (performance.now() < until) {
      grid.push(...(await timeGets(url, '/api/centre/halls', session, 1)));
      await sleep(100);
    }
  })();
  await Promise.all(
    halls.map(async (hall) => {
      await sleep(Math.random() * everyMs);
      while (performance.now() < until) {
        hall.grow(hall.sim.seq + 6);
        const next = hall.next(1000);
        if (next) {
          const sentAt = performance.now();
          await post(url, next.body, token(hall.index));
          events += next.events;
          // Counted once acknowledged (committed): the next push for the hall is the call reaching the console.
          if (next.hasCall) pending.set(code(hall.index), [...(pending.get(code(hall.index)) ?? []), sentAt]);
        }
        await sleep(everyMs * (0.5 + Math.random()));
      }
    }),
  );
  await Promise.all([listener, poller]);
  stream.close();
  return { grid, lags, events };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function timeGets(url: string, path: string, bearer: string, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const response = await fetch(url + path, { headers: { authorization: `Bearer ${bearer}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function timeQuery(pool: pg.Pool, sql: string, params: unknown[], samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await pool.query(sql, params);
    times.push(performance.now() - t0);
  }
  return times;
}

const GRID_SQL = `SELECT h.code, h.profile -> 'services', l.last_contact_at, lv.summary FROM halls h LEFT JOIN hall_links l ON l.hall_code = h.code LEFT JOIN hall_live lv ON lv.hall_code = h.code WHERE h.is_registered`;

/** A year of tickets (and ratings, daily summaries) per hall, generated inside PostgreSQL, one hall per statement. */
async function buildCity(pool: pg.Pool, size: Size, progress: (text: string) => void): Promise<{ tickets: number; from: string; to: string }> {
  const last = new Date(Date.now() - 86_400_000);
  const to = last.toISOString().slice(0, 10);
  const from = new Date(last.getTime() - (size.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const months = new Set<string>();
  for (let t = Date.parse(from); t <= last.getTime(); t += 86_400_000) months.add(monthOfDay(new Date(t).toISOString().slice(0, 10)));
  const keeper = new PartitionKeeper(pool);
  await keeper.ensure([...months].flatMap((month) => (['tickets', 'ratings'] as const).map((table) => ({ table, month }))));
  const started = performance.now();
  for (let i = 0; i < HALLS; i++) {
    const params = [code(i), from, size.days, size.ticketsPerDay];
    await pool.query(
      `INSERT INTO tickets (hall_code, day, ticket_id, generation, seq, number, service_id, priority, status, arrived_at, issued_at, first_called_at,
                            called_at, finished_at, window_id, clerk, call_count, wait_ms, service_ms)
       SELECT $1, dd.day, 'syn-' || d.n || '-' || t.k, 'synthetic', d.n * 10000 + t.k, 'A' || t.k, 'S' || (t.k % 8), 'normal', x.status,
              x.issued, x.issued, x.issued + x.wait * interval '1 ms', x.issued + x.wait * interval '1 ms',
              CASE WHEN x.status = 'done' THEN x.issued + (x.wait + x.service) * interval '1 ms' END,
              'w' || (t.k % 12), 'clerk' || (t.k % 15), 1, x.wait, CASE WHEN x.status = 'done' THEN x.service END
         FROM generate_series(0, $3::int - 1) d(n)
         CROSS JOIN LATERAL (SELECT ($2::date + d.n) AS day) dd
         CROSS JOIN generate_series(1, $4::int) t(k)
         CROSS JOIN LATERAL (SELECT (dd.day + time '08:30')::timestamp AT TIME ZONE 'Asia/Shanghai' + t.k * interval '100 s' AS issued,
                                    (60000 + random() * 1500000)::bigint AS wait, (120000 + random() * 900000)::bigint AS service,
                                    CASE WHEN t.k % 25 = 0 THEN 'no-show' ELSE 'done' END AS status) x`,
      params,
    );
    await pool.query(
      `INSERT INTO ratings (hall_code, rating_id, rated_at, generation, seq, ticket_id, service_id, window_id, clerk, score, tags, channel, finished_at)
       SELECT hall_code, 'r-' || ticket_id, finished_at + interval '1 minute', 'synthetic', seq, ticket_id, service_id, window_id, clerk,
              (ARRAY[5,5,5,5,4,4,3,2,1])[1 + (seq % 9)], '{}', 'pad', finished_at
         FROM tickets WHERE hall_code = $1 AND status = 'done' AND seq % 3 = 0`,
      [code(i)],
    );
    // The halls' closing figures per day and service, as `day:summary` carries them (satisfied = 5 and 4).
    await pool.query(
      `INSERT INTO day_summaries (hall_code, day, service_id, issued, served, no_shows, wait_p50_seconds, wait_p90_seconds, service_p50_seconds,
                                  service_p90_seconds, ratings, satisfied, bad)
       SELECT hall_code, day, service_id, count(*), count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'no-show'),
              percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) / 1000, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_ms) / 1000,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY service_ms) / 1000, percentile_disc(0.9) WITHIN GROUP (ORDER BY service_ms) / 1000,
              count(*) FILTER (WHERE status = 'done' AND seq % 3 = 0),
              count(*) FILTER (WHERE status = 'done' AND seq % 3 = 0 AND (ARRAY[5,5,5,5,4,4,3,2,1])[1 + (seq % 9)] >= 4),
              count(*) FILTER (WHERE status = 'done' AND seq % 3 = 0 AND (ARRAY[5,5,5,5,4,4,3,2,1])[1 + (seq % 9)] <= 2)
         FROM tickets WHERE hall_code = $1 GROUP BY hall_code, day, service_id
       ON CONFLICT DO NOTHING`,
      [code(i)],
    );
    if (i % 10 === 9) progress(`city: ${i + 1}/${HALLS} halls, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await pool.query('ANALYZE tickets; ANALYZE ratings; ANALYZE day_summaries');
  return { tickets: HALLS * size.days * size.ticketsPerDay, from, to };
}

/** Volumes, no-shows, the served-weighted daily wait p50 and service p90, and satisfaction, per hall. */
const YEAR_FROM_SUMMARIES = `
  SELECT hall_code, sum(issued) AS issued, sum(served) AS served, sum(no_shows) AS no_shows,
         sum(wait_p50_seconds * served)::float / nullif(sum(served), 0) AS wait_p50,
         sum(service_p90_seconds * served)::float / nullif(sum(served), 0) AS service_p90,
         sum(satisfied)::float / nullif(sum(ratings), 0) AS satisfaction
    FROM day_summaries WHERE day BETWEEN $1 AND $2 GROUP BY hall_code`;
const YEAR_FROM_TICKETS = `
  SELECT hall_code, count(*) AS issued, count(*) FILTER (WHERE status = 'done') AS served, count(*) FILTER (WHERE status = 'no-show') AS no_shows,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) AS wait_p50, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_ms) AS wait_p90
    FROM tickets WHERE day BETWEEN $1 AND $2 GROUP BY hall_code`;

export async function run(options: BenchOptions, progress: (text: string) => void = () => undefined): Promise<ResultRow[]> {
  const size = sizeOf(options);
  const db = await createTestDatabase('hallq_bench_centre');
  const pool = openPool(db.url, POOL, 'hallq-bench');
  const password = 'bench-city-pass';
  const config = writeCentreConfig({
    database: { url: db.url, poolSize: POOL },
    limits: { batchesPerMinutePerHall: 100_000, signInsPerMinute: 1000 },
    // The reports' rollup (its own figure) stays out of these: it would roll up the synthetic year meanwhile.
    reports: { refreshSeconds: 3600 },
    halls: Array.from({ length: HALLS }, (_, i) => ({ code: code(i), name: `Bench hall ${i}`, level: i === 0 ? 'district' : 'town', ...(i > 0 ? { parent: code(0) } : {}), tokenHash: sha256(token(i)) })),
    users: [{ username: 'bench', name: 'Bench', role: 'city-admin', passwordHash: await hashPassword(password) }],
  });
  const centre = await startCentreProcess(config.path);
  const rows: ResultRow[] = [];
  try {
    const signIn = await fetch(`${centre.url}/api/centre/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
    const session = ((await signIn.json()) as { token: string }).token;
    const halls = Array.from({ length: HALLS }, (_, i) => new BusyHall(code(i), i));
    const bodiesOf = (eventsPerHall: number, batch: number) =>
      halls.map((hall) => {
        hall.grow(hall.sim.seq + eventsPerHall);
        const list: { body: string; events: number }[] = [];
        for (let next = hall.next(batch); next; next = hall.next(batch)) list.push(next);
        return list;
      });
    const perSecond = (side: { ms: number; events: number }): number => side.events / (side.ms / 1000);
    const cpuPerThousand = (side: { cpuMs: number; events: number }): number => side.cpuMs / (side.events / 1000);
    // The hub's default batch (uplink.batchSize), then batches of 200: the centre's cost per batch is several
    // times the bare INSERT's, so the ratio depends on the batch size (docs/performance.md, figure 6).
    const ingestRuns = [
      { eventsPerHall: size.eventsPerHall, batch: HUB_BATCH, goal: { text: '>= 0.5', test: (r: number) => r >= 0.5 } },
      { eventsPerHall: size.smallEventsPerHall, batch: 200, goal: undefined },
    ];
    for (const run of ingestRuns) {
      const bodies = bodiesOf(run.eventsPerHall, run.batch);
      const events = bodies.flat().reduce((sum, b) => sum + b.events, 0);
      progress(`city: ingest of ${events.toLocaleString('en-US')} events from ${HALLS} halls in batches of ${run.batch}, flat out, in interleaved slices against the bare INSERT`);
      const ingest = await measureIngest({ pool, centrePid: centre.pid, bodies, post: (i, body) => post(centre.url, body, token(i)), hallCode: code, slices: 6 });
      progress(`city: centre ${perSecond(ingest.centre).toFixed(0)} events/s, bare INSERT ${perSecond(ingest.bare).toFixed(0)} events/s (${ingest.slices} slices each)`);
      const which = run.batch === HUB_BATCH ? `the hub's default batch of ${run.batch}` : `batches of ${run.batch}`;
      rows.push(row(`city. ingest flat out, ${HALLS} halls × ${run.eventsPerHall} events, ${which}`, 'events/s', perSecond(ingest.centre), perSecond(ingest.bare), 'bare batched INSERT, same events', run.goal));
      rows.push(row(`city. ingest CPU per 1,000 events, batches of ${run.batch} (centre process + its PostgreSQL sessions)`, 'ms', cpuPerThousand(ingest.centre), cpuPerThousand(ingest.bare), 'bare INSERT: client + its sessions'));
    }

    progress(`city: a busy city for ${size.pacedSeconds} s (every hall ships every ~1 s)`);
    const paced = await pacedLoad(centre.url, session, halls, size.pacedSeconds * 1000, 1000);
    const rate = paced.events / size.pacedSeconds;
    const gridP99 = percentile(paced.grid, 99);
    const gridLoadedBase = percentile(await timeQuery(pool, GRID_SQL, [], 50), 99);
    rows.push(row(`city. live grid p99 while ${HALLS} halls ship every ~1 s (${rate.toFixed(0)} events/s, ${paced.grid.length} requests)`, 'ms', gridP99, gridLoadedBase, 'bare grid SELECT p99', { text: '< 100 ms', test: () => gridP99 < 100 }));
    rows.push(row(`city. call → console lag p50 under that load (${paced.lags.length} calls)`, 'ms', percentile(paced.lags, 50), Number.NaN, 'none'));
    rows.push(row(`city. call → console lag p99 under that load`, 'ms', percentile(paced.lags, 99), Number.NaN, 'none'));

    progress(`city: generating ${HALLS} halls × ${size.days} days × ${size.ticketsPerDay} tickets`);
    const genStart = performance.now();
    const city = await buildCity(pool, size, progress);
    progress(`city: ${city.tickets.toLocaleString('en-US')} tickets in ${((performance.now() - genStart) / 1000).toFixed(0)} s`);
    const label = `${HALLS} halls × ${size.days} days, ${(city.tickets / 1e6).toFixed(2)} M tickets`;
    const grid = await timeGets(centre.url, '/api/centre/halls', session, size.samples);
    const gridBase = await timeQuery(pool, GRID_SQL, [], size.samples);
    const p99 = percentile(grid, 99);
    rows.push(row(`city. live grid p99, ${label}`, 'ms', p99, percentile(gridBase, 99), 'bare grid SELECT p99', { text: '< 100 ms', test: () => p99 < 100 }));
    const runs = options.isQuick ? 5 : 10;
    const fromSummaries = await timeQuery(pool, YEAR_FROM_SUMMARIES, [city.from, city.to], runs);
    const countBase = await timeQuery(pool, 'SELECT count(*) FROM day_summaries WHERE day BETWEEN $1 AND $2', [city.from, city.to], runs);
    const yearP99 = percentile(fromSummaries, 99);
    rows.push(row(`city. ${size.days}-day cross-hall query p99 (from the daily summaries), ${label}`, 'ms', yearP99, percentile(countBase, 99), 'bare COUNT(*) of the summaries', { text: '< 1 s', test: () => yearP99 < 1000 }));
    const fromTickets = await timeQuery(pool, YEAR_FROM_TICKETS, [city.from, city.to], options.isQuick ? 2 : 3);
    const ticketCount = await timeQuery(pool, 'SELECT count(*) FROM tickets WHERE day BETWEEN $1 AND $2', [city.from, city.to], options.isQuick ? 2 : 3);
    rows.push(row(`city. ${size.days}-day cross-hall exact percentiles from raw tickets p99, ${label}`, 'ms', percentile(fromTickets, 99), percentile(ticketCount, 99), 'bare COUNT(*) of the tickets'));
    return rows;
  } finally {
    await Promise.all([...hallClients.values()].map((client) => client.close()));
    hallClients.clear();
    await centre.kill('SIGTERM');
    await pool.end();
    await db.drop();
    config.remove();
  }
}

/** Lets the figure run on its own: `npx tsx bench/fig-centre.ts [--quick]`. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseOptions } = await import('./options');
  const { formatTable } = await import('./support/table');
  const started = performance.now();
  const result = await run(parseOptions(process.argv.slice(2)), (text) => process.stderr.write(`[centre ${((performance.now() - started) / 1000).toFixed(0)}s] ${text}\n`));
  process.stdout.write(`${formatTable(result)}\n`);
}
