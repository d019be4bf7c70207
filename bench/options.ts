/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  /** A short smoke run: fewer tickets, calls and days; the same figures. */
  readonly isQuick: boolean;
  /** Only these figures (1-4); all when empty. */
  readonly only: ReadonlySet<number>;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const only = new Set<number>();
  for (const arg of argv) {
    const match = /^--only=([\d,]+)$/.exec(arg);
    if (match) for (const n of (match[1] ?? '').split(',')) only.add(Number(n));
  }
  return { isQuick: argv.includes('--quick'), only };
}
