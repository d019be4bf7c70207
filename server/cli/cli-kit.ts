/**
 * What every hallq command shares: argument parsing with node:util parseArgs (strict, so a mistyped option
 * is an error, not silently ignored), one error type with an exit status, and where the data lives.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** An expected failure: printed as `hallq: <message>` without a stack, exiting with `status`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CommandIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; `--help` is added to every command. Unknown options become a CliError. */
export function parseCommand<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}\nRun \`hallq ${command} --help\` for usage.`, 2);
  }
}

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

/** --data-dir, else HALLQ_DATA_DIR, else ./data: the same rule as the hub (server/main.ts). */
export function dataDirOf(value: string | boolean | undefined): string {
  return resolve(typeof value === 'string' ? value : (process.env.HALLQ_DATA_DIR ?? 'data'));
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'hallq.db');
}

/** For commands that read an existing hall: a missing database is a wrong --data-dir, not a new hall. */
export function requireDatabase(dataDir: string): string {
  const file = databaseFile(dataDir);
  if (!existsSync(file)) {
    throw new CliError(`No hallq database at ${file}. Pass --data-dir (or set HALLQ_DATA_DIR) to the hub's data directory.`);
  }
  return file;
}

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
