/**
 * Figure 3: a simulated busy day (bench/support/busy-day-model.ts) through the real hub with a controlled
 * clock: wall time, peak RSS, database size, and how close the printed wait estimate came to each
 * ticket's actual wait, next to the naive estimate (people ahead × configured minutes ÷ serving windows).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkBenchChild, nextMessage } from './support/hub-process';
import type { BusyDayResult } from './support/busy-day-child';
import { mean, percentile, row, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

export interface BusyDay {
  readonly rows: ResultRow[];
  /** The day's database, kept for figure 4's year of tickets; the caller deletes it. */
  readonly dataDir: string;
}

export async function runBusyDay(options: BenchOptions): Promise<BusyDay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-day-'));
  const count = options.isQuick ? 500 : 2000;
  const child = forkBenchChild('busy-day-child.ts');
  const answer = nextMessage<{ type: string }>(child, (m) => m.type === 'result');
  child.send({ type: 'run', visitors: count, dataDir });
  const day = (await answer) as BusyDayResult;
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));

  const hubErrors = day.waits.map((w) => Math.abs(w.hub - w.actual));
  const naiveErrors = day.waits.map((w) => Math.abs(w.naive - w.actual));
  const MiB = 2 ** 20;
  const label = `${count} tickets`;
  const rows = [
    row(`3. busy day wall time (${label}, ${Math.round(day.simulatedMinutes)} sim min)`, 's', day.wallMs / 1000, (day.commits * day.bareCommitMs) / 1000, `${day.commits} bare fsync txns`),
    row('3. busy day peak RSS', 'MiB', day.peakRss / MiB, day.startRss / MiB, 'hub at start'),
    row('3. busy day database size', 'MiB', day.dbBytes / MiB, day.rawTicketBytes / MiB, 'ticket rows as JSON'),
    row('3. wait estimate MAE', 'min', mean(hubErrors), mean(naiveErrors), 'naive estimate', { text: '< 1', test: (r) => r < 1 }),
    row('3. wait estimate p90 abs error', 'min', percentile(hubErrors, 90), percentile(naiveErrors, 90), 'naive estimate', { text: '< 1', test: (r) => r < 1 }),
    row('3. mean actual wait (context)', 'min', mean(day.waits.map((w) => w.actual)), mean(day.waits.map((w) => w.hub)), 'mean printed estimate'),
  ];
  return { rows, dataDir };
}
