/**
 * `npm run bench` (add `--quick` for a short smoke run, `--only=1,3`, `--only=reports` or `--only=soak` for some figures):
 * measures the four figures of issue #8 and the reports figure of issue #6, each next to a baseline measured
 * in the same run, prints the table and writes bench/results/latest.json. A partial run writes
 * partial.json.tmp, or with `--merge` replaces only its figures' rows in latest.json. Method: docs/performance.md.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from './options';
import { runIssuance } from './fig-issuance';
import { runCallLatency } from './fig-call-latency';
import { runBusyDay } from './fig-busy-day';
import { buildYear, runMemoryAndStartup, type YearOfTickets } from './fig-memory-startup';
import { runReports } from './fig-reports';
import { run as runCentre } from './fig-centre';
import { runCentreReportsFigure } from './fig-centre-reports';
import { runSoak } from './fig-soak';
import { createTestDatabase } from '../test/support/pg';
import { formatTable } from './support/table';
import type { ResultRow } from './support/stats';

const RESULTS = join(import.meta.dirname, 'results');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wants = (n: number | string): boolean => options.only.size === 0 || options.only.has(String(n));
  const wantsReports = wants('reports') || wants(5);
  const rows: ResultRow[] = [];
  const started = performance.now();
  const progress = (text: string): void => void process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${text}\n`);

  if (wants(1)) {
    progress('figure 1: durable ticket issuance');
    rows.push(...(await runIssuance(options)).rows);
  }
  if (wants(2)) {
    progress('figure 2: call-to-display latency');
    rows.push(...(await runCallLatency(options, progress)));
  }
  const temporary: string[] = [];
  try {
    let year: YearOfTickets | undefined;
    if (wants(3) || wants(4) || wantsReports) {
      progress('figure 3: a simulated busy day');
      const day = await runBusyDay(options);
      temporary.push(day.dataDir);
      if (wants(3)) rows.push(...day.rows);
      // Built once per run: figure 4 starts the hub on it, then the reports figure adds ratings and queries it.
      if (wants(4) || wantsReports) {
        year = buildYear(options, day.dataDir, progress);
        temporary.push(year.dir);
      }
    }
    if (wants(4) && year) {
      progress('figure 4: memory and start-up');
      rows.push(...(await runMemoryAndStartup(options, year)));
    }
    if (wantsReports && year) {
      progress('figure 5: reports on a year');
      rows.push(...(await runReports(options, year, progress)));
    }
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
  // The city centre (issue 16) on the PostgreSQL at HALLQ_TEST_PG_URL: ingest, live grid and lag, then a year's reports.
  if (wants(6) || wants('centre')) {
    progress('figure 6: the city centre (ingest, live grid, call-to-console lag)');
    rows.push(...(await runCentre(options, progress)));
  }
  if (wants(7) || wants('city-reports')) {
    progress("figure 7: a year's cross-hall reports at the centre");
    const db = await createTestDatabase('hallq_bench_city_reports');
    try {
      rows.push(...(await runCentreReportsFigure(db.url, { isQuick: options.isQuick, log: progress })));
    } finally {
      await db.drop();
    }
  }

  // Issue 21: a simulated week on a fast clock with every client kind; RSS and heap slopes, file growth.
  if (wants(8) || wants('soak')) {
    progress('figure 8: a soak of a simulated week');
    rows.push(...(await runSoak(options, progress)));
  }

  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
  const wallSeconds = Math.round((performance.now() - started) / 1000);
  const result = { generatedAt: new Date().toISOString(), mode: options.isQuick ? 'quick' : 'full', wallSeconds, machine, rows };
  process.stdout.write(`${formatTable(rows)}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const latest = join(RESULTS, 'latest.json');
  const isMerge = options.only.size > 0 && options.isMerge && existsSync(latest);
  const written = isMerge ? mergeInto(JSON.parse(readFileSync(latest, 'utf8')) as StoredResult, result) : result;
  // Written beside and renamed, so an interrupted run never leaves a half-written latest.json.
  const tmp = join(RESULTS, 'latest.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(written, null, 2)}\n`);
  renameSync(tmp, options.only.size === 0 || isMerge ? latest : join(RESULTS, 'partial.json.tmp'));
  progress(`done in ${wallSeconds}s`);
}

interface StoredResult {
  generatedAt: string;
  mode: string;
  rows: ResultRow[];
  merged?: { figures: string[]; generatedAt: string; mode: string; wallSeconds: number }[];
}

/** latest.json with the rows of the figures just measured ('5.' …) replaced by this run's, the rest kept. */
function mergeInto(stored: StoredResult, run: StoredResult & { wallSeconds: number }): StoredResult {
  const figures = [...new Set(run.rows.map((r) => r.figure.split(' ')[0] ?? ''))];
  const kept = stored.rows.filter((r) => !figures.includes(r.figure.split(' ')[0] ?? ''));
  const merged = [...(stored.merged ?? []), { figures, generatedAt: run.generatedAt, mode: run.mode, wallSeconds: run.wallSeconds }];
  return { ...stored, rows: [...kept, ...run.rows], merged };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
