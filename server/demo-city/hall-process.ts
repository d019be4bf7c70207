/**
 * One hall of the demo city as its own process (started by server/demo-city.ts): the demo-mode hub with the
 * hall's identity, layout and uplink, on its own data directory and port, closed gracefully on SIGTERM.
 *   HALLQ_DEMO_CITY_HALL  the hall's code (server/demo-city/halls.ts)
 *   HALLQ_CENTRE_URL      where the demo centre listens
 *   HALLQ_DATA_DIR, PORT  the hall's data directory and port
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { startHub } from '../compose';
import { hubExtensions } from '../extensions';
import { loggerOptions } from '../logging';
import { acquireHubLock } from '../cli/hub-lock';
import { DEMO_CITY_HALLS, demoCityHallConfig } from './halls';

const code = process.env.HALLQ_DEMO_CITY_HALL;
const hall = DEMO_CITY_HALLS.find((h) => h.code === code);
const centreUrl = process.env.HALLQ_CENTRE_URL;
if (!hall || !centreUrl) {
  process.stderr.write('demo city hall: set HALLQ_DEMO_CITY_HALL to a demo hall code and HALLQ_CENTRE_URL (server/demo-city.ts does).\n');
  process.exit(2);
}
const loaded = loadConfig(demoCityHallConfig(hall, centreUrl), { isDemo: true });
if (!loaded.ok) {
  process.stderr.write(`demo city hall ${hall.code}: the configuration is invalid: ${JSON.stringify(loaded.problems)}\n`);
  process.exit(2);
}
const dataDir = resolve(process.env.HALLQ_DATA_DIR ?? `data/city/${hall.code}`);
mkdirSync(dataDir, { recursive: true });
const releaseLock = acquireHubLock(dataDir);
const running = await startHub({
  config: loaded.config,
  dataDir,
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '0.0.0.0',
  logger: loggerOptions(dataDir),
  extensions: hubExtensions(loaded.config),
});
// The parent reads this line to learn the port.
process.stdout.write(`listening ${running.port}\n`);

let isStopping = false;
const shutdown = (): void => {
  if (isStopping) return;
  isStopping = true;
  running.close().then(
    () => (releaseLock(), process.exit(0)),
    () => (releaseLock(), process.exit(1)),
  );
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
