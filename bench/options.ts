/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  /** A short smoke run: fewer tickets, calls and days; the same figures. */
  readonly isQuick: boolean;
  /** Only these figures ('1'–'4', 'reports'); all when empty. */
  readonly only: ReadonlySet<string>;
  /** With `only`: replace those figures' rows in latest.json instead of writing partial.json.tmp. */
  readonly isMerge: boolean;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const only = new Set<string>();
  for (const arg of argv) {
    const match = /^--only=([\w,]+)$/.exec(arg);
    if (match) for (const n of (match[1] ?? '').split(',')) if (n) only.add(n);
  }
  return { isQuick: argv.includes('--quick'), only, isMerge: argv.includes('--merge') };
}
