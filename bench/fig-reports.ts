/**
 * Figure 5 (`--only=reports`): the manager's reports on a year of a busy hall. The year database (figure 4's,
 * 250 working days × the busy day's 2,000 tickets) gets ratings and follow-ups (bench/support/year-db.ts),
 * the real hub with the manager console starts on it in its own process, and a manager times each report
 * endpoint over the whole year and over one month: p50 and max of a few runs, whole body read (after one
 * first request, timed on its own: right after the upgrade no closed day is digested yet). Baseline, in
 * the same run on the same file: a bare `SELECT COUNT(*)` of the range's tickets (better-sqlite3, read-only).
 * Includes the per-clerk 人员考核 report and the quarter's 红旗窗口 / 服务明星 (issue 19).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { benchConfigFile, DEMO_PASSWORD } from './support/bench-config';
import { getBytes, loginAs } from './support/clients';
import { startHubProcess } from './support/hub-process';
import { addYearRatings } from './support/year-db';
import { CONFIGURED_MINUTES, windowServes } from './support/busy-day-model';
import { DAY_WINDOWS } from './support/busy-day-child';
import { percentile, row, type ResultRow } from './support/stats';
import type { YearOfTickets } from './fig-memory-startup';
import type { BenchOptions } from './options';

const GOAL_MS = 1000;

interface Range {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

interface Endpoint {
  readonly name: string;
  readonly path: (r: Range) => string;
  /** Satisfaction and reports take any range; the ranking always covers one quarter. */
  readonly ranges: 'both' | 'quarter';
}

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'GET /api/reports json', path: (r) => `/api/reports?from=${r.from}&to=${r.to}`, ranges: 'both' },
  { name: 'GET /api/reports xlsx', path: (r) => `/api/reports?from=${r.from}&to=${r.to}&format=xlsx`, ranges: 'both' },
  { name: 'GET /api/reports csv', path: (r) => `/api/reports?from=${r.from}&to=${r.to}&format=csv`, ranges: 'both' },
  { name: 'satisfaction by window/month', path: (r) => `/api/ratings/satisfaction?by=window&period=month&from=${r.from}&to=${r.to}`, ranges: 'both' },
  { name: 'satisfaction by clerk/quarter', path: (r) => `/api/ratings/satisfaction?by=clerk&period=quarter&from=${r.from}&to=${r.to}`, ranges: 'both' },
  { name: 'ranking', path: (r) => `/api/ratings/ranking?quarter=${r.name}`, ranges: 'quarter' },
  // 人员考核 (issue 19): per clerk and window by quarter, from the per-day clerk digests (clerk_days).
  { name: 'per-clerk report json, by quarter', path: (r) => `/api/reports/clerks?from=${r.from}&to=${r.to}&period=quarter`, ranges: 'both' },
  { name: 'per-clerk report xlsx, by quarter', path: (r) => `/api/reports/clerks?from=${r.from}&to=${r.to}&period=quarter&format=xlsx`, ranges: 'both' },
  { name: '红旗窗口/服务明星 honours', path: (r) => `/api/reports/honours?quarter=${r.name}`, ranges: 'quarter' },
];

const lastDayOf = (year: number, month: number): string => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The whole year, the last complete month and the last complete quarter of the database's days. */
function rangesOf(first: string, last: string): { year: Range; month: Range; quarter: Range } {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const monthStart = new Date(Date.UTC(y, m - 2, 1));
  const my = monthStart.getUTCFullYear();
  const mm = monthStart.getUTCMonth() + 1;
  const month = { name: `month ${my}-${String(mm).padStart(2, '0')}`, from: `${my}-${String(mm).padStart(2, '0')}-01`, to: lastDayOf(my, mm) };
  // The quarter that ended before the last day's quarter began.
  const q = Math.floor((m - 1) / 3);
  const qStart = new Date(Date.UTC(y, (q - 1) * 3, 1));
  const qy = qStart.getUTCFullYear();
  const qn = Math.floor(qStart.getUTCMonth() / 3) + 1;
  const quarter = { name: `${qy}-Q${qn}`, from: `${qy}-${String(qn * 3 - 2).padStart(2, '0')}-01`, to: lastDayOf(qy, qn * 3) };
  return { year: { name: 'year', from: first, to: last }, month, quarter };
}

async function timeRuns(runs: number, work: () => Promise<void> | void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function runReports(options: BenchOptions, year: YearOfTickets, progress: (text: string) => void): Promise<ResultRow[]> {
  progress('figure 5: adding a year of ratings');
  const rated = addYearRatings(year.dir);
  progress(`figure 5: ${rated.ratings} ratings, ${rated.followups} follow-ups; starting the hub with the manager console`);
  const config = benchConfigFile({ windows: DAY_WINDOWS, kiosks: 2, serves: windowServes, serviceMinutes: CONFIGURED_MINUTES });
  const hub = await startHubProcess(config, year.dir, true);
  const bare = new Database(join(year.dir, 'hallq.db'), { readonly: true });
  try {
    const token = await loginAs(hub.url, 'manager', DEMO_PASSWORD);
    const span = bare.prepare<[], { first: string; last: string }>('SELECT MIN(day) AS first, MAX(day) AS last FROM tickets').get();
    if (!span) throw new Error('the year database has no tickets');
    const ranges = rangesOf(span.first, span.last);
    const count = bare.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE day BETWEEN ? AND ?');
    const runs = options.isQuick ? 2 : 5;
    const rows: ResultRow[] = [];
    // The first year report right after the upgrade: no day digested yet (the hub's warm-up has just begun).
    const yearPath = ENDPOINTS[0]?.path(ranges.year) ?? '';
    const [cold = Number.NaN] = await timeRuns(1, async () => void (await getBytes(hub.url, yearPath, token)));
    const [coldBase = Number.NaN] = await timeRuns(1, () => void count.get(ranges.year.from, ranges.year.to));
    progress(`figure 5: first year report after the upgrade ${cold.toFixed(0)} ms`);
    rows.push(row(`5. GET /api/reports json, year, first after upgrade (no digests)`, 'ms', cold, coldBase, 'bare COUNT(*) of the year'));
    // The same for the per-clerk report: its digests also read the event log's window states, day by day.
    const clerkPath = `/api/reports/clerks?from=${ranges.year.from}&to=${ranges.year.to}&period=quarter`;
    const [clerkCold = Number.NaN] = await timeRuns(1, async () => void (await getBytes(hub.url, clerkPath, token)));
    progress(`figure 5: first per-clerk year report after the upgrade ${clerkCold.toFixed(0)} ms`);
    rows.push(row(`5. per-clerk report json, year, first after upgrade (no clerk digests)`, 'ms', clerkCold, coldBase, 'bare COUNT(*) of the year'));
    for (const endpoint of ENDPOINTS) {
      for (const range of endpoint.ranges === 'both' ? [ranges.year, ranges.month] : [ranges.quarter]) {
        const path = endpoint.path(range);
        const samples = await timeRuns(runs, async () => {
          const answer = await getBytes(hub.url, path, token);
          if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status}`);
        });
        const tickets = count.get(range.from, range.to)?.n ?? 0;
        const baseline = await timeRuns(runs, () => void count.get(range.from, range.to));
        const label = `5. ${endpoint.name}, ${range.name === 'year' ? `year (${year.days} days)` : range.name}`;
        const base = `bare COUNT(*) of ${tickets.toLocaleString('en-US')} tickets`;
        const p50 = percentile(samples, 50);
        const max = Math.max(...samples);
        progress(`figure 5: ${label}: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms`);
        rows.push(row(`${label} p50`, 'ms', p50, percentile(baseline, 50), `${base} p50`, { text: '< 1 s', test: () => p50 < GOAL_MS }));
        rows.push(row(`${label} max`, 'ms', max, Math.max(...baseline), `${base} max`, { text: '< 1 s', test: () => max < GOAL_MS }));
      }
    }
    return rows;
  } finally {
    bare.close();
    await hub.stop();
  }
}
