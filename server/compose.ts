/**
 * The composition root: database, hub, HTTP, realtime and devices, wired the same way for main.ts and for
 * tests (which pass a temporary data directory, port 0 and, where needed, a controlled clock).
 */
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Server } from 'socket.io';
import type { Config } from './config';
import { markCleanShutdown, openDatabase, type Db, type OpenProgress } from './storage/db';
import { Hub } from './app/hub';
import type { Clock } from './app/ports';
import type { PasswordHasher, PasswordWorkLimits } from './app/password-work';
import { HallClock, systemClockSources, type ClockSources } from './app/hall-clock';
import { watchClock } from './app/clock-health';
import { lastEventTime } from './storage/clock-mark';
import { buildHttp } from './transport/http/app';
import { attachRealtime } from './transport/realtime/gateway';
import { hubNetwork } from './transport/hub-network';
import type { ApiOptions } from './transport/http/api-routes';
import { startBackupSchedule, type BackupSchedule } from './app/backup-schedule';
import { timeOrderedId, trackToken } from './app/ids';
import { uplinkExtension } from './wings/uplink';
import { PROJECT_ROOT } from './project-root';
import { HALLQ_VERSION } from './version';

export const DEFAULT_BACKUP_KEEP_DAYS = 14;
/** How long a stop lets in-flight requests finish before it closes every connection. */
const STOP_GRACE_MS = 2_000;

export interface HubOptions {
  readonly config: Config;
  /** Holds hallq.db, backups and the printer simulator's output. */
  readonly dataDir: string;
  /** A clock used as is (tests that drive time by hand); otherwise the hall clock runs on `clockSources`. */
  readonly clock?: Clock;
  /** What the hall clock (app/hall-clock.ts) reads: the system's wall and monotonic clocks unless a test steps them. */
  readonly clockSources?: ClockSources;
  readonly logger?: FastifyServerOptions['logger'];
  /** scrypt and the bound on concurrent checks (app/password-work.ts): tests inject a counting hasher. */
  readonly passwords?: { readonly hasher?: PasswordHasher; readonly limits?: PasswordWorkLimits };
  /** Built pages; defaults to dist/ui in the project. */
  readonly uiDir?: string;
  readonly host?: string;
  readonly port?: number;
  /** Optional parts that need the running hub: kiosk devices, window devices, manager routes. */
  readonly extensions?: ReadonlyArray<HubExtension>;
  /**
   * The database open's progress as it happens (the whole-file check after an unclean shutdown, migrations):
   * main.ts prints it, since the hub's logger exists only once the database is open. A summary is logged after.
   */
  readonly onOpenProgress?: (progress: OpenProgress) => void;
  /** Daily backups (default: `<dataDir>/backups`, 14 days kept). `keepDays` may be read live from settings. */
  readonly backup?: { readonly dir?: string; readonly keepDays?: number | (() => number) };
}

/** A part of the hub that adds routes and/or drives devices; closed in reverse order on shutdown. */
export interface HubExtension {
  readonly name: string;
  routes?(app: FastifyInstance, hub: Hub): void | Promise<void>;
  api?(hub: Hub): Partial<ApiOptions>;
  start?(hub: Hub, context: { dataDir: string; url: string; log: FastifyInstance['log'] }): Promise<void>;
  stop?(): Promise<void>;
}

export interface RunningHub {
  readonly hub: Hub;
  readonly app: FastifyInstance;
  readonly io: Server;
  readonly db: Db;
  readonly url: string;
  readonly port: number;
  /** The daily backup schedule; its midnight timer calls `runIfDue` (tests call it after moving the clock). */
  readonly backups: Pick<BackupSchedule, 'runIfDue'>;
  close(): Promise<void>;
}

export const DEFAULT_UI_DIR = join(PROJECT_ROOT, 'dist', 'ui');

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const opening: OpenProgress[] = [];
  const db = openDatabase(join(options.dataDir, 'hallq.db'), {
    onProgress: (progress) => {
      if (!(progress.step === 'integrity-check' && progress.phase === 'reading')) opening.push(progress);
      options.onOpenProgress?.(progress);
    },
  });
  // Never before the last stored event: a restart with the system clock behind does not reorder events.
  const clock = options.clock ?? new HallClock(options.clockSources ?? systemClockSources, { floor: lastEventTime(db) });
  const hub = new Hub({
    db,
    config: options.config,
    clock,
    newId: () => timeOrderedId(),
    newTrackToken: () => trackToken(),
    passwordHasher: options.passwords?.hasher,
    passwordLimits: options.passwords?.limits,
    hubVersion: HALLQ_VERSION,
  });
  // The city uplink (docs/uplink.md) is part of every hub: status 'off' until the config has an `uplink:`.
  const given = options.extensions ?? [];
  const extensions: readonly HubExtension[] = given.some((e) => e.name === 'uplink') ? given : [...given, uplinkExtension(options.config)];
  const publicBase = options.config.hall.publicUrl;
  const api = Object.assign({}, ...extensions.map((e) => e.api?.(hub) ?? {})) as Partial<ApiOptions>;
  // HTTP or HTTPS with timeouts and per-address caps (`http:`, `tls:`; transport/hub-network.ts).
  const network = hubNetwork(options.config);
  const publicUrl = (host: string | undefined): string => publicBase ?? network.publicUrl(host);
  const app = await buildHttp(hub, {
    ...api,
    logger: options.logger ?? false,
    uiDir: options.uiDir ?? DEFAULT_UI_DIR,
    publicUrl,
    plugins: extensions.filter((e) => e.routes).map((e) => (a: FastifyInstance) => e.routes?.(a, hub)),
    network: network.http,
  });
  logOpening(app.log, opening);
  const io = attachRealtime(app.server, hub, app.log, { hooks: api, publicUrl, engine: network.engine });
  const unwatchClock = clock instanceof HallClock ? watchClock(clock, hub.ports.devices, app.log) : undefined;
  const { port, url } = await network.listen(app, io, options.host ?? '0.0.0.0', options.port ?? 0);
  hub.start(app.log);
  const keepDays = options.backup?.keepDays ?? DEFAULT_BACKUP_KEEP_DAYS;
  const backups = startBackupSchedule({
    db,
    clock: hub.ports.time,
    timeZone: options.config.hall.timeZone,
    dir: options.backup?.dir ?? join(options.dataDir, 'backups'),
    keepDays: typeof keepDays === 'function' ? keepDays : () => keepDays,
    log: app.log,
    bus: hub.bus,
  });
  const started: HubExtension[] = [];
  for (const extension of extensions) {
    await extension.start?.(hub, { dataDir: options.dataDir, url, log: app.log });
    started.push(extension);
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      hub.stop();
      unwatchClock?.();
      io.emit('hub:closing');
      for (const extension of started.reverse()) await extension.stop?.().catch(() => undefined);
      // server.close() waits for every open socket — a browser's preconnected one, a request whose headers never
      // finished — until its own timeout (30 s and more), and systemd SIGKILLs a hub that waits: an unclean stop.
      // In-flight requests get a short grace, then every connection is closed (test/integration/stop-with-open-sockets).
      const forceClose = setTimeout(() => app.server.closeAllConnections(), STOP_GRACE_MS);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await network.close();
      await app.close().catch(() => undefined);
      clearTimeout(forceClose);
      await backups.stop();
      // Everything is written: the next start may skip the whole-file integrity check (storage/db.ts).
      markCleanShutdown(db);
      db.close();
    })();
    return closing;
  };
  return { hub, app, io, db, url, port, backups: { runIfDue: () => backups.runIfDue() }, close };
}

/** The open's summary in the hub's log: what the check read and how long, which migrations ran. */
function logOpening(log: FastifyInstance['log'], opening: readonly OpenProgress[]): void {
  for (const step of opening) {
    if (step.step === 'integrity-check' && step.phase === 'done') log.info({ bytes: step.bytes, ms: Math.round(step.ms) }, 'integrity check after an unclean shutdown: ok');
  }
  const migrations = opening.filter((step) => step.step === 'migration');
  const last = migrations.at(-1);
  // A new file runs every migration: that is its creation, not an upgrade worth a line.
  if (last && last.from > 0) log.info({ from: last.from, to: last.to, applied: last.applied, ms: Math.round(last.ms) }, 'database schema upgraded');
}
