/** Summary statistics and the result row every figure reports. */

/** One line of the results table: a figure, its value, the baseline measured in the same run, their ratio. */
export interface ResultRow {
  readonly figure: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: number;
  readonly baselineLabel: string;
  readonly ratio: number;
  /** What the issue asks of the ratio, e.g. ">= 0.5"; absent where there is no target. */
  readonly goal?: string;
  readonly isMet?: boolean;
}

export function row(figure: string, unit: string, value: number, baseline: number, baselineLabel: string, goal?: { text: string; test: (ratio: number) => boolean }): ResultRow {
  const ratio = baseline === 0 ? Number.NaN : value / baseline;
  return { figure, unit, value, baseline, baselineLabel, ratio, goal: goal?.text, isMet: goal ? goal.test(ratio) : undefined };
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `count` async tasks with at most `limit` at a time. */
export async function inPool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** The simulated day is the same in every run. */
export { seededRandom } from '../../test/support/random';
