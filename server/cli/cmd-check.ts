/** `hallq check <config>`: every problem of a configuration at once, with where it is (path and line). */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { readConfigFile } from '../load-config-file';
import { hasDemoCredentials } from '../demo-config';
import type { ConfigProblem, Config } from '../config';
import { EXAMPLE_VALUES } from './config-template';
import { CliError, DATA_DIR_OPTION, databaseFile, dataDirOf, parseCommand, stringOption, type CommandIo } from './cli-kit';
import { existsSync } from 'node:fs';
import { readStoredLayout } from '../storage/layout-override-file';
import { localDateTime } from '../domain/local-time';

export const CHECK_HELP = `Usage: hallq check <config> [--data-dir <dir>]

Validates a hall configuration (YAML or JSON) and prints every problem at once with its place
(e.g. /windows/2/services/0, line 71): unknown services on windows, duplicate ticket prefixes, window
numbers or ids, a serial port or printer used twice, bad opening hours, demo credentials, ...
With the hall's data directory (--data-dir, or env HALLQ_DATA_DIR, default ./data) it also says when the
file's services and windows are overridden by a layout an admin edited in the manager console.
Exit status: 0 valid, 1 problems found, 2 usage error.`;

export function runCheck(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('check', args, { ...DATA_DIR_OPTION });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliError('hallq check needs exactly one configuration file, e.g. `hallq check hallq.yaml`.', 2);
  const result = readConfigFile(file);
  const problems = result.ok ? demoProblems(result.config) : result.problems;
  if (!result.ok || problems.length > 0) {
    const lineOf = lineFinder(file);
    io.err(`${file}: ${problems.length} problem(s)`);
    for (const p of problems) {
      const line = lineOf(p.path);
      io.err(`  ${p.path}${line ? ` (line ${line})` : ''}: ${p.message}`);
    }
    return 1;
  }
  const config = result.config;
  for (const warning of placeholderWarnings(config)) io.err(`warning: ${warning}`);
  const overridden = layoutOverride(dataDirOf(stringOption(values['data-dir'])), config);
  if (overridden) io.err(`warning: ${overridden}`);
  io.out(`${file} is valid: ${config.hall.name}, ${config.services.length} services, ${config.windows.length} windows, ${config.kiosks.length} kiosks, ${config.windowBuses.length} window buses.`);
  return 0;
}

/** The hub refuses published demo credentials outside the demo; say so before `hallq start` does. */
function demoProblems(config: Config): ConfigProblem[] {
  return hasDemoCredentials(config) ? [{ path: '/', message: 'uses the published demo password or kiosk token; the hub refuses to start with them' }] : [];
}

/**
 * The file is valid, but is it what the hall runs? Once an admin saved a layout in the console, that one wins
 * at every start (server/app/admin.ts): say so, or the file's services and windows are edited in vain.
 */
function layoutOverride(dataDir: string, config: Config): string | undefined {
  const db = databaseFile(dataDir);
  if (!existsSync(db)) return undefined;
  let stored;
  try {
    stored = readStoredLayout(db);
  } catch (error) {
    return `could not read ${db} to see whether the console overrides this file's layout: ${(error as Error).message}`;
  }
  if (!stored) return undefined;
  return `the services and windows of this file are OVERRIDDEN by the console's layout edit of ${localDateTime(stored.updatedAt, config.hall.timeZone)} by ${stored.updatedBy} ` +
    `(${stored.layout.services.length} services, ${stored.layout.windows.length} windows, in ${db}): editing them here has no effect. ` +
    '`hallq layout export` prints that layout as YAML for this file; `hallq layout drop` (hub stopped) goes back to the file.';
}

/** Values copied from docs/config.example.yaml are valid but not secret. */
function placeholderWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.idHashKey === EXAMPLE_VALUES.idHashKey) warnings.push('secrets.idHashKey is the example placeholder: generate one with `openssl rand -hex 32`.');
  config.kiosks.forEach((k, i) => {
    if (k.tokenHash === EXAMPLE_VALUES.kioskTokenHash) warnings.push(`/kiosks/${i}/tokenHash is the example placeholder: get one from \`hallq kiosk-token\`.`);
  });
  return warnings;
}

/** Maps a JSON-pointer-like problem path to a line of the YAML source, to the nearest existing parent. */
function lineFinder(file: string): (path: string) => number | undefined {
  if (/\.json$/i.test(file)) return () => undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return () => undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return (path) => {
    const segments = path.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    while (segments.length > 0) {
      const node: unknown = doc.getIn(segments, true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
      segments.pop();
    }
    return undefined;
  };
}
