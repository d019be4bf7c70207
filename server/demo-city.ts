/**
 * `npm run demo:city`: a demo city on this machine. The city centre (server/centre) on PostgreSQL — the
 * server at HALLQ_CENTRE_DATABASE_URL when set, else an embedded one (PGlite over the wire protocol, data in
 * data/city/postgres) with the same SQL and migrations — and three halls as their own processes (the demo
 * hall and two town halls, data in data/city/<hall code>), each shipping its log to the centre, with
 * simulated visitors. Prints the console's address and the demo credentials; Ctrl-C stops everything.
 *   HALLQ_DEMO_CITY_PORT  the centre's port (default 8090); the halls take the next three
 *   HALLQ_DEMO_CITY_DIR   where the demo city keeps its data (default data/city)
 *   HOST                  where everything listens (default all interfaces)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { hashPassword } from './app/passwords';
import { loadCentreConfig } from './centre/config';
import { buildCentre } from './centre/compose';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './centre/storage/embedded-postgres';
import { DEMO_CITY_HALLS, DEMO_CITY_PASSWORD, DEMO_CITY_USERS, demoCityHallConfig, demoHallTokenHash, type DemoCityHall } from './demo-city/halls';
import { simulateVisitors, type VisitorSim } from './demo-city/visitors';
import { DEMO_PASSWORD } from './demo-config';

const ROOT = resolve(process.env.HALLQ_DEMO_CITY_DIR ?? join('data', 'city'));
const HOST = process.env.HOST ?? '0.0.0.0';
const CENTRE_PORT = Number(process.env.HALLQ_DEMO_CITY_PORT ?? 8090);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

interface RunningHall {
  readonly hall: DemoCityHall;
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<void>;
}

/** Starts one hall's process and resolves once it says which port it listens on. */
function startHall(hall: DemoCityHall, centreUrl: string, port: number): Promise<RunningHall> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'demo-city', 'hall-process.ts')], {
    env: { ...process.env, HALLQ_DEMO_CITY_HALL: hall.code, HALLQ_CENTRE_URL: centreUrl, HALLQ_DATA_DIR: join(ROOT, hall.code), PORT: String(port), HOST, HALLQ_LOG_LEVEL: 'warn' },
    // `--import tsx` is resolved from the working directory: the project's, wherever the demo was started.
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveHall, reject) => {
    let isListening = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening && !isListening) {
        isListening = true;
        resolveHall({ hall, child, port: Number(listening[1]), exited });
      } else if (line.trim()) say(`[${hall.code}] ${line}`);
    });
    void exited.then(() => {
      if (!isListening) reject(new Error(`the hall ${hall.code} exited during start-up (see above; is port ${port} free?)`));
      else say(`[${hall.code}] the hall's process ended`);
    });
  });
}

async function main(): Promise<void> {
  const external = process.env.HALLQ_CENTRE_DATABASE_URL;
  say(external ? 'demo city: PostgreSQL from HALLQ_CENTRE_DATABASE_URL' : `demo city: starting the embedded PostgreSQL (${join(ROOT, 'postgres')}); the first start takes a while…`);
  let postgres: EmbeddedPostgres | undefined;
  if (!external) postgres = await startEmbeddedPostgres(join(ROOT, 'postgres'));
  const databaseUrl = external ?? postgres!.url;

  const passwordHash = await hashPassword(DEMO_CITY_PASSWORD);
  const loaded = loadCentreConfig({
    // The embedded server is one PostgreSQL session: one pooled connection, so transactions never interleave.
    database: { url: databaseUrl, poolSize: external ? 10 : 1 },
    listen: { host: HOST, port: CENTRE_PORT },
    halls: DEMO_CITY_HALLS.map((h) => ({ code: h.code, name: h.name, level: h.level, ...(h.parent ? { parent: h.parent } : {}), tokenHash: demoHallTokenHash(h.code) })),
    users: DEMO_CITY_USERS.map((u) => ({ ...u, passwordHash })),
  });
  if (!loaded.ok) throw new Error(`the demo centre's configuration is invalid: ${JSON.stringify(loaded.problems)}`);
  const centre = await buildCentre({ config: loaded.config, logger: { level: 'warn' }, host: HOST, port: CENTRE_PORT });
  // The embedded server does not pass notifications between connections: refresh the console's live feed instead.
  const nudge = postgres ? setInterval(() => centre.feed.refreshAll(), 2_000) : undefined;
  const centreUrl = `http://127.0.0.1:${centre.port}`;

  const halls: RunningHall[] = [];
  const visitors: VisitorSim[] = [];
  let port = CENTRE_PORT + 1;
  for (const hall of DEMO_CITY_HALLS.filter((h) => h.isRunning)) {
    const running = await startHall(hall, centreUrl, port++).catch(async (error: unknown) => {
      // Nothing half-started is left behind: the halls already running, the centre, the database.
      for (const h of halls) h.child.kill('SIGTERM');
      await Promise.all(halls.map((h) => h.exited));
      await centre.close();
      await postgres?.stop();
      throw error;
    });
    halls.push(running);
    const file = demoCityHallConfig(hall, centreUrl);
    visitors.push(
      simulateVisitors({
        url: `http://127.0.0.1:${running.port}`,
        services: file.services.map((s) => s.id),
        // One clerk per window, up to the four demo clerks.
        windows: file.windows.slice(0, 4).map((w) => w.id),
        arrivalSeconds: hall.level === 'district' ? 5 : 9,
        log: (line) => say(`[${hall.code}] ${line}`),
      }),
    );
  }

  say('');
  say(`hallq demo city: centre and ${halls.length} halls (data: ${ROOT})`);
  say(`  city console  http://localhost:${centre.port}/city`);
  for (const u of DEMO_CITY_USERS) say(`    ${u.username.padEnd(12)} ${DEMO_CITY_PASSWORD}   ${u.name} (${u.role})`);
  for (const h of halls) say(`  ${h.hall.code}    http://localhost:${h.port}/manager  ${h.hall.name} (manager / ${DEMO_PASSWORD}; also /kiosk, /window, /display)`);
  const silent = DEMO_CITY_HALLS.filter((h) => !h.isRunning);
  if (silent.length > 0) say(`  registered, never reporting: ${silent.map((h) => `${h.name} ${h.code}`).join(', ')}`);
  say('Ctrl-C stops the demo city.');

  let isStopping = false;
  const stop = (): void => {
    if (isStopping) return;
    isStopping = true;
    say('demo city: stopping…');
    for (const v of visitors) v.stop();
    if (nudge) clearInterval(nudge);
    for (const h of halls) if (h.child.exitCode === null) h.child.kill('SIGTERM');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void Promise.all(halls.map((h) => h.exited))
      .then(() => centre.close())
      .then(() => postgres?.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo city: ${(error as Error).message}\n`);
  process.exit(1);
});
