/**
 * The city centre's process entry (`hallq central --config <file>`). Reads the configuration file and the
 * environment, starts the centre, and closes gracefully on SIGTERM/SIGINT.
 *   --config <file> or HALLQ_CENTRE_CONFIG   the centre configuration (YAML or JSON; docs/centre.md)
 *   HALLQ_CENTRE_DATABASE_URL                  overrides database.url (keeps the password out of the file)
 *   --port / --host                            override listen.port / listen.host
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { loadCentreConfig, type CentreConfigResult } from './config';
import { buildCentre } from './compose';
import { CentreDatabaseError } from './storage/migrations';
import { loggerOptions } from '../logging';

/** Reads and validates a centre configuration file: the only file I/O for it. */
export function readCentreConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): CentreConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ path: '/', message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  const isJson = /\.json$/i.test(path);
  let data: unknown;
  try {
    data = isJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '/', message: `${path} is not valid ${isJson ? 'JSON' : 'YAML'}: ${(error as Error).message}` }] };
  }
  const url = env.HALLQ_CENTRE_DATABASE_URL;
  if (url && data !== null && typeof data === 'object') {
    const record = data as { database?: Record<string, unknown> };
    record.database = { ...(record.database ?? {}), url };
  }
  return loadCentreConfig(data);
}

export interface CentreMainOptions {
  readonly configPath?: string;
  readonly port?: number;
  readonly host?: string;
}

/** Starts the centre; resolves once it listens. Exits the process on a bad start (status as documented). */
export async function mainCentre(options: CentreMainOptions = {}): Promise<void> {
  const configPath = options.configPath ?? process.env.HALLQ_CENTRE_CONFIG;
  if (!configPath) {
    process.stderr.write('hallq central: give the centre configuration with --config <file> (or HALLQ_CENTRE_CONFIG). See docs/centre.md.\n');
    process.exit(2);
  }
  const loaded = readCentreConfigFile(configPath);
  if (!loaded.ok) {
    const lines = loaded.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    process.stderr.write(`hallq central: ${configPath} has ${loaded.problems.length} problem(s):\n${lines}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  let running;
  try {
    running = await buildCentre({ config, logger: loggerOptions(''), port: options.port, host: options.host });
  } catch (error) {
    const isDatabase = error instanceof CentreDatabaseError;
    const message = isDatabase ? (error as Error).message : `could not start: ${(error as Error).message}. Is PostgreSQL running at the configured database.url?`;
    process.stderr.write(`hallq central: ${message}\n`);
    process.exit(isDatabase ? 3 : 1);
  }
  const { port } = running;
  running.app.log.info({ port, halls: config.halls.length, users: config.users.length }, 'hallq central is running');
  process.stdout.write(`hallq central: listening on http://127.0.0.1:${port} (${config.halls.length} halls, ${config.users.length} users)\n`);

  let isStopping = false;
  const shutdown = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    running.app.log.info({ signal }, 'hallq central is shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = at('--port');
  await mainCentre({ configPath: at('--config'), port: port === undefined ? undefined : Number(port), host: at('--host') });
}
