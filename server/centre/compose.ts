/**
 * The centre's composition root, used by main.ts and by tests: PostgreSQL pool, migrations, partitions
 * ahead, the registry synced into the database, the LISTEN connection, HTTP, and a graceful close. Several
 * processes built from the same configuration can run against one database behind a load balancer.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { CentreConfig, CentreUser } from './config';
import { openPool, type Pool } from './storage/pool';
import { migrateCentre } from './storage/migrations';
import { PartitionKeeper } from './storage/partitions';
import { ConsoleRepo } from './storage/console-repo';
import { SessionsRepo, SESSIONS_CHANNEL } from './storage/sessions-repo';
import { CENTRE_CHANNEL } from './storage/ingest-repo';
import { CentreListener } from './storage/listener';
import { HallNotifier } from './storage/hall-notifier';
import type { CentreLog, Clock } from './app/errors';
import { ingestBatch, type RegisteredHall } from './app/ingest';
import { addSupervisionNote, glanceOfHall, hallLiveView, hallsAtAGlance, supervisionList, type ConsoleDeps } from './app/console';
import { authenticate, signIn, signOut, type SessionDeps } from './app/sessions';
import { LiveFeed } from './app/live-feed';
import { buildCentreHttp } from './transport/http';
import { composeCentreReports, type CentreReports } from './compose-reports';
import { composeCentreProvince, type CentreProvince } from './compose-province';

const HOUSEKEEPING_MS = 60 * 60_000;

export interface CentreOptions {
  readonly config: CentreConfig;
  readonly clock?: Clock;
  readonly logger?: FastifyServerOptions['logger'];
  /** Override the configuration's listen address (tests: port 0). */
  readonly host?: string;
  readonly port?: number;
  readonly newId?: () => string;
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => void | Promise<void>>;
  /** Where the built city console page is (default dist/ui). */
  readonly uiDir?: string;
}

export interface RunningCentre {
  readonly app: FastifyInstance;
  readonly pool: Pool;
  readonly feed: LiveFeed;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const SILENT: CentreLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function buildCentre(options: CentreOptions): Promise<RunningCentre> {
  const { config } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const pool = openPool(config.database.url, config.database.poolSize);
  const consolePool = config.database.consolePoolSize > 0 ? openPool(config.database.url, config.database.consolePoolSize, 'hallq-centre-console') : pool;
  let log: CentreLog = SILENT;
  let listener: CentreListener | undefined;
  let notifier: HallNotifier | undefined;
  let reports: CentreReports | undefined;
  let province: CentreProvince | undefined;
  try {
    await migrateCentre(pool);
    const partitions = new PartitionKeeper(pool);
    await partitions.ensureAround(clock.now());
    const consoleRepo = new ConsoleRepo(consolePool);
    await consoleRepo.syncRegistry(config.halls);
    const sessionsRepo = new SessionsRepo(consolePool);

    const hallsByToken = new Map<string, RegisteredHall>(
      config.halls.map((h) => [h.tokenHash, { code: h.code, batchesPerMinute: h.batchesPerMinute ?? config.limits.batchesPerMinutePerHall }]),
    );
    const consoleDeps: ConsoleDeps = { repo: consoleRepo, clock, offlineAfterMs: config.link.offlineAfterSeconds * 1000, newId: options.newId ?? randomUUID };
    const sessionDeps: SessionDeps = {
      repo: sessionsRepo,
      clock,
      users: new Map<string, Readonly<CentreUser>>(config.users.map((u) => [u.username, u])),
      sessionHours: config.sessionHours,
      signInsPerMinute: config.limits.signInsPerMinute,
    };
    const feed = new LiveFeed({ glance: (code) => glanceOfHall(consoleDeps, code), hallCodes: () => config.halls.map((h) => h.code), log: { warn: (d, m) => log.warn(d, m), info: (d, m) => log.info(d, m), error: (d, m) => log.error(d, m) } });
    listener = new CentreListener({
      url: config.database.url,
      channels: [CENTRE_CHANNEL, SESSIONS_CHANNEL],
      onNotify: (channel, payload) => (channel === CENTRE_CHANNEL ? feed.hallChanged(payload) : feed.sessionEnded(payload)),
      onResume: () => feed.refreshAll(),
      onError: (error) => log.warn({ err: error }, 'the LISTEN connection to PostgreSQL failed; reconnecting'),
    });
    await listener.start();

    notifier = new HallNotifier(pool, (error) => log.warn({ err: error }, 'could not NOTIFY the other centre processes of a batch'));
    const hallChanged = notifier.changed.bind(notifier);
    const ingestDeps = { pool, partitions, clock, liveCache: new Map(), hallChanged, get log() { return log; } };
    province = composeCentreProvince({ pool, clock, settings: config.province, log: () => log, hallByTokenHash: (tokenHash) => hallsByToken.get(tokenHash) });
    reports = composeCentreReports({ pool, clock, settings: config.reports, log: () => log, authenticate: (token) => authenticate(sessionDeps, token), uiDir: options.uiDir });
    const app = await buildCentreHttp({
      logger: options.logger ?? false,
      clock,
      feed,
      plugins: [reports.plugin, province.plugin, ...(options.plugins ?? [])],
      uplink: {
        hallByTokenHash: (tokenHash) => hallsByToken.get(tokenHash),
        ingest: (hall, batch, body) => ingestBatch(ingestDeps, hall, batch, body),
        cursor: async (hall, generation) => {
          const acked = await consoleRepo.cursor(hall.code, generation);
          return acked === undefined ? { ackedSeq: 0 } : { ackedSeq: acked, generation };
        },
      },
      console: {
        authenticate: (token) => authenticate(sessionDeps, token),
        signIn: (username, password, address) => signIn(sessionDeps, username, password, address),
        signOut: (signedIn) => signOut(sessionDeps, signedIn),
        halls: (viewer) => hallsAtAGlance(consoleDeps, viewer),
        hall: (viewer, code) => hallLiveView(consoleDeps, viewer, code),
        supervision: (viewer) => supervisionList(consoleDeps, viewer),
        addNote: (viewer, code, followupId, text) => addSupervisionNote(consoleDeps, viewer, code, followupId, text),
        isDatabaseUp: () => consoleRepo.ping(),
      },
    });
    log = app.log;
    await app.listen({ host: options.host ?? config.listen.host, port: options.port ?? config.listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? config.listen.port);
    province.start();

    // Months ahead for the large tables, and expired sessions and old rate counters out.
    const housekeeping = setInterval(() => {
      const now = clock.now();
      Promise.all([partitions.ensureAround(now), sessionsRepo.purgeExpired(now)]).catch((error: unknown) => log.warn({ err: error }, 'centre housekeeping failed; retrying in an hour'));
    }, HOUSEKEEPING_MS);
    housekeeping.unref();

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        clearInterval(housekeeping);
        await reports?.stop();
        await province?.stop();
        feed.closeAll();
        // As the hub's stop (server/compose.ts): sockets that never finish a request would hold close() for their
        // timeouts; after a short grace every connection is closed, so a stop behind a load balancer is bounded.
        const forceClose = setTimeout(() => app.server.closeAllConnections(), 2_000);
        await app.close().catch(() => undefined);
        clearTimeout(forceClose);
        await notifier?.close();
        await feed.whenIdle();
        await listener?.stop();
        await pool.end().catch(() => undefined);
        if (consolePool !== pool) await consolePool.end().catch(() => undefined);
      })();
      return closing;
    };
    return { app, pool, feed, url: `http://127.0.0.1:${port}`, port, close };
  } catch (error) {
    await reports?.stop();
    await province?.stop();
    await listener?.stop();
    await pool.end().catch(() => undefined);
    if (consolePool !== pool) await consolePool.end().catch(() => undefined);
    throw error;
  }
}
