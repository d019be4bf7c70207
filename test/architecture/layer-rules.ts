/**
 * The two layer checks `npm test` runs: dependency-cruiser with .dependency-cruiser.cjs (imports between
 * layers), and a scan for SQL outside storage/ (which no import graph can see).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IConfiguration } from 'dependency-cruiser';

export const SOURCE_ROOTS = ['server', 'drivers', 'ui-client', 'kiosk-ui', 'window-ui', 'manager-ui', 'display-ui', 'city-ui', 'desk-ui'];

export interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

export function layerConfig(projectDir: string): IConfiguration {
  return createRequire(import.meta.url)(join(projectDir, '.dependency-cruiser.cjs')) as IConfiguration;
}

/** Cruises the given roots below `baseDir` with the project's rules; answers every violation. */
export async function importViolations(baseDir: string, config: IConfiguration, roots = SOURCE_ROOTS): Promise<Violation[]> {
  const present = roots.filter((r) => exists(join(baseDir, r)));
  const previous = process.cwd();
  process.chdir(baseDir); // dependency-cruiser reports paths relative to the working directory
  try {
    const result = await cruise(present, { ...config.options, ruleSet: { forbidden: config.forbidden }, baseDir, validate: true });
    const output = result.output;
    if (typeof output === 'string') throw new Error('dependency-cruiser answered text instead of a result');
    return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    process.chdir(previous);
  }
}

const SQL_CALL = /\.(prepare|pragma)\s*\(|\.exec\s*\(\s*['"`]/;
const SQL_TEXT = /['"`]\s*(SELECT\s[\s\S]*\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE)\b/i;
const STORAGE = /^server\/(storage|centre\/storage)\//;

/** Lines outside storage/ that run or spell SQL (`.prepare(`, `.exec(`, `.pragma(`, SQL statements in strings). */
export function sqlOutsideStorage(baseDir: string, roots = ['server', 'drivers']): string[] {
  const found: string[] = [];
  for (const file of roots.flatMap((r) => sourceFiles(join(baseDir, r)))) {
    const path = relative(baseDir, file).split('\\').join('/');
    if (STORAGE.test(path)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      if (SQL_CALL.test(line) || SQL_TEXT.test(line)) found.push(`${path}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function sourceFiles(dir: string): string[] {
  if (!exists(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}
