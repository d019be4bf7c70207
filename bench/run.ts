/**
 * `npm run bench` (add `--quick` for a short smoke run, `--only=1,3` for some figures): measures the four
 * figures of issue #8, each next to a baseline measured in the same run, prints the table and writes
 * bench/results/latest.json. Method: docs/performance.md.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from './options';
import { runIssuance } from './fig-issuance';
import { runCallLatency } from './fig-call-latency';
import { runBusyDay } from './fig-busy-day';
import { runMemoryAndStartup } from './fig-memory-startup';
import { formatTable } from './support/table';
import type { ResultRow } from './support/stats';

const RESULTS = join(import.meta.dirname, 'results');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wants = (n: number): boolean => options.only.size === 0 || options.only.has(n);
  const rows: ResultRow[] = [];
  const started = performance.now();
  const progress = (text: string): void => void process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${text}\n`);

  let busyDayDir: string | undefined;
  if (wants(1)) {
    progress('figure 1: durable ticket issuance');
    rows.push(...(await runIssuance(options)).rows);
  }
  if (wants(2)) {
    progress('figure 2: call-to-display latency');
    rows.push(...(await runCallLatency(options, progress)));
  }
  if (wants(3) || wants(4)) {
    progress('figure 3: a simulated busy day');
    const day = await runBusyDay(options);
    busyDayDir = day.dataDir;
    if (wants(3)) rows.push(...day.rows);
  }
  if (wants(4) && busyDayDir) {
    progress('figure 4: memory and start-up');
    rows.push(...(await runMemoryAndStartup(options, busyDayDir, progress)));
  }

  const result = {
    generatedAt: new Date().toISOString(),
    mode: options.isQuick ? 'quick' : 'full',
    wallSeconds: Math.round((performance.now() - started) / 1000),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    rows,
  };
  process.stdout.write(`${formatTable(rows)}\n`);
  mkdirSync(RESULTS, { recursive: true });
  // Written beside and renamed, so an interrupted run never leaves a half-written latest.json.
  const tmp = join(RESULTS, 'latest.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(tmp, join(RESULTS, options.only.size === 0 ? 'latest.json' : 'partial.json.tmp'));
  progress(`done in ${result.wallSeconds}s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
