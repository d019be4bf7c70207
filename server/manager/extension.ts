/**
 * The manager console as a HubExtension: routes for /manager, the alert engine (on every relevant fact and
 * on a timer), 差评 follow-ups opened from ratings, backup now/download, and stored config edits applied at start.
 */
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import type { ManagerSettings } from '../protocol/manager-model';
import { DEFAULT_SETTINGS, ManagerContext } from './context';
import { evaluateAlerts } from './alert-engine';
import { openMissingFollowups } from './followups';
import { applyStoredLayout } from './admin';
import { warmReportCache } from './reports';
import { Backups } from './backups';
import { fileUploader, type RatingsUploader } from './uploader';
import { registerHallRoutes } from './routes-hall';
import { registerReportRoutes } from './routes-reports';
import { registerAdminRoutes } from './routes-admin';

export interface ManagerOptions {
  /** Province-specific 好差评 uploader; default writes JSON batches to <dataDir>/ratings-upload. */
  readonly uploader?: RatingsUploader;
  /** How often the alert rules run besides on facts (default 15 s). */
  readonly alertIntervalMs?: number;
  readonly settings?: Partial<ManagerSettings>;
}

export interface ManagerExtension extends HubExtension {
  /** Runs the alert rules now (tests with a controlled clock call this instead of waiting for the timer). */
  evaluateAlerts(): { raised: number; cleared: number };
  /** Opens follow-ups for 差评 without one. */
  sweepFollowups(): number;
}

const WATCHED = /^(ticket|window|config|day):/;

export function managerExtension(_config: Config, options: ManagerOptions = {}): ManagerExtension {
  let ctx: ManagerContext | undefined;
  let backups: Backups | undefined;
  let log: FastifyBaseLogger | undefined;
  const timers: NodeJS.Timeout[] = [];
  const unsubscribe: (() => void)[] = [];
  let isPending = false;
  let isWarming = false;
  let isStopped = false;
  let uploadDir = '';

  const context = (hub: Hub): ManagerContext => (ctx ??= new ManagerContext(hub, { ...DEFAULT_SETTINGS, ...options.settings }));
  const safely = <T>(what: string, work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      log?.error({ err: error }, `manager: ${what} failed`);
      return undefined;
    }
  };
  // After a fact, run once the current fan-out is over, so our own facts follow it in order on every socket.
  const schedule = (): void => {
    if (isPending || !ctx) return;
    isPending = true;
    setImmediate(() => {
      isPending = false;
      if (ctx) safely('follow-up sweep', () => openMissingFollowups(ctx as ManagerContext));
      if (ctx) safely('alert rules', () => evaluateAlerts(ctx as ManagerContext));
    });
  };

  // Background digest of closed days for the reports (report-cache.ts): at start and after each day rollover.
  const warm = (): void => {
    if (isWarming || isStopped || !ctx) return;
    isWarming = true;
    const c = ctx;
    setImmediate(() =>
      warmReportCache(c, () => isStopped, (error) => {
        isWarming = false;
        if (error) log?.error({ err: error }, 'manager: report warm-up failed');
      }),
    );
  };

  return {
    name: 'manager',
    routes(app: FastifyInstance, hub: Hub) {
      const c = context(hub);
      log = app.log;
      // Before the hub listens: clients never see the config file's layout once an admin has edited it.
      applyStoredLayout(c, app.log);
      backups ??= new Backups(c);
      registerHallRoutes(app, c);
      registerReportRoutes(app, c, options.uploader ?? fileUploader(() => uploadDir));
      registerAdminRoutes(app, c, backups);
    },
    async start(hub, { dataDir, log: appLog }) {
      const c = context(hub);
      log = appLog;
      backups?.locate(join(dataDir, 'backups'));
      uploadDir = join(dataDir, 'ratings-upload');
      unsubscribe.push(
        hub.bus.on('facts', (events) => {
          for (const event of events) {
            if (WATCHED.test(event.type) || (event.type === 'rating:recorded' && event.data.rating.score <= 2)) schedule();
            if (event.type.startsWith('day:')) warm();
          }
        }),
        hub.bus.on('devices', () => schedule()),
      );
      safely('follow-up sweep', () => openMissingFollowups(c));
      safely('alert rules', () => evaluateAlerts(c));
      warm();
      const every = setInterval(() => {
        safely('follow-up sweep', () => openMissingFollowups(c));
        safely('alert rules', () => evaluateAlerts(c));
      }, options.alertIntervalMs ?? 15_000);
      every.unref();
      timers.push(every);
    },
    async stop() {
      isStopped = true;
      for (const t of timers) clearInterval(t);
      for (const off of unsubscribe) off();
    },
    evaluateAlerts() {
      if (!ctx) throw new Error('the manager extension has not started');
      return evaluateAlerts(ctx);
    },
    sweepFollowups() {
      if (!ctx) throw new Error('the manager extension has not started');
      return openMissingFollowups(ctx);
    },
  };
}
