/**
 * Process entry: `npm start` (demo hall) or `hallq start --config <file>`.
 * Reads the environment and files, starts the hub, and shuts down gracefully on SIGTERM/SIGINT.
 *   HALLQ_CONFIG   path of the hall configuration (JSON or YAML); absent → the demo hall
 *   HALLQ_DATA_DIR where hallq.db and backups live (default ./data)
 *   PORT / HOST    where to listen (default 8080 on all interfaces)
 *   HALLQ_BACKUP_DAYS how many daily backups (<data>/backups/hallq-YYYY-MM-DD.db) to keep (default 14)
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type Config } from './config';
import { readConfigFile } from './load-config-file';
import { demoConfigFile, hasDemoCredentials, DEMO_PASSWORD } from './demo-config';
import { verifyPassword } from './app/passwords';
import { DEFAULT_BACKUP_KEEP_DAYS, startHub, type HubExtension } from './compose';
import { DatabaseError } from './storage/db';
import { loggerOptions } from './logging';
import { hubExtensions } from './extensions';
import { acquireHubLock } from './cli/hub-lock';
import { openProgressLines } from './cli/progress-lines';

export async function resolveConfig(configPath: string | undefined): Promise<Config> {
  if (!configPath) {
    const demo = loadConfig(demoConfigFile(), { isDemo: true });
    if (!demo.ok) throw new Error(`the demo configuration is invalid: ${JSON.stringify(demo.problems)}`);
    return demo.config;
  }
  const result = readConfigFile(configPath);
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new StartupError(`${configPath} has ${result.problems.length} problem(s):\n${lines}\nRun \`hallq check ${configPath}\` after fixing them.`);
  }
  const config = result.config;
  if (hasDemoCredentials(config)) throw new StartupError('The configuration uses the published demo password or kiosk token. Set real ones (`hallq staff passwd`).');
  for (const staff of config.staff) {
    if (await verifyPassword(DEMO_PASSWORD, staff.passwordHash)) {
      throw new StartupError(`Staff account ${staff.username} still has the default password. Change it with \`hallq staff passwd ${staff.username}\`.`);
    }
  }
  return config;
}

function backupKeepDays(text: string | undefined): number {
  const days = Number(text ?? DEFAULT_BACKUP_KEEP_DAYS);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_BACKUP_KEEP_DAYS;
}

/**
 * The last line of defence, once every timer and loop already runs guarded (server/app/guarded-job.ts):
 * - an unhandled rejection is a promise nobody awaited (a device write, a relay step). The hall's state is
 *   in SQLite, where a transaction either committed or rolled back, so the hub logs it at error level, with
 *   its stack, and keeps serving: a restart would cost every kiosk and display its connection for nothing.
 * - an uncaught exception escaped a callback half-way: which in-memory state it left behind (caches, a
 *   socket mid-frame) is unknown, so the hub logs it and exits 70 (EX_SOFTWARE) for systemd to restart a
 *   clean process. That restart is never a crash loop on a full disk: the hub then starts read-only.
 */
export function installProcessGuards(log: { error(obj: object, msg: string): void; fatal(obj: object, msg: string): void }): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection (the hub keeps running; please report this)'));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception: the hub exits for a clean restart');
    process.exitCode = 70;
    setImmediate(() => process.exit(70));
  });
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export async function main(options: { configPath?: string; dataDir?: string; port?: number; host?: string; extensions?: HubExtension[] } = {}): Promise<void> {
  const configPath = options.configPath ?? process.env.HALLQ_CONFIG;
  const dataDir = resolve(options.dataDir ?? process.env.HALLQ_DATA_DIR ?? 'data');
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '0.0.0.0';
  let config: Config;
  try {
    config = await resolveConfig(configPath);
  } catch (error) {
    process.stderr.write(`hallq: ${(error as Error).message}\n`);
    process.exit(2);
  }
  // hallq.pid marks this data directory as in use: `hallq restore` refuses while it is held.
  let releaseLock: () => void;
  try {
    mkdirSync(dataDir, { recursive: true });
    // On a full disk hallq.pid cannot be written: the hub still starts (read-only), unlocked, and says so.
    releaseLock = acquireHubLock(dataDir, (error) => process.stderr.write(`hallq: warning: cannot write ${dataDir}/hallq.pid (${error.message}); starting without the data-directory lock\n`));
  } catch (error) {
    process.stderr.write(`hallq: ${(error as Error).message}\n`);
    process.exit(4);
  }
  let running;
  try {
    running = await startHub({
      config,
      dataDir,
      port,
      host,
      logger: loggerOptions(dataDir),
      extensions: options.extensions ?? hubExtensions(config),
      backup: { keepDays: backupKeepDays(process.env.HALLQ_BACKUP_DAYS) },
      // Before the hub listens (and before its logger exists): the check after a crash, an upgrade's migrations.
      onOpenProgress: openProgressLines((line) => process.stderr.write(`hallq: ${line}\n`)),
    });
  } catch (error) {
    releaseLock();
    const message = error instanceof DatabaseError ? error.message : `could not start: ${(error as Error).message}`;
    process.stderr.write(`hallq: ${message}\n`);
    process.exit(error instanceof DatabaseError ? 3 : 1);
  }
  installProcessGuards(running.app.log);
  const mode = config.isDemo ? 'demo hall (simulated devices; staff password demo1234)' : config.hall.name;
  running.app.log.info({ port: running.port, dataDir }, `hallq is running: ${mode}`);
  const base = `${config.tls ? 'https' : 'http'}://localhost:${running.port}`;
  process.stdout.write(`hallq: ${mode} on ${base}  (data: ${dataDir})\n`);
  process.stdout.write(`  kiosk   ${base}/kiosk\n  window  ${base}/window\n  display ${base}/display\n  desk    ${base}/desk (导办台)\n  manager ${base}/manager\n  API     ${base}/docs\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ signal }, 'shutting down');
    running.close().then(
      () => {
        releaseLock();
        process.exit(0);
      },
      () => {
        releaseLock();
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
