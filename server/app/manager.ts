/**
 * The manager wing's use cases on one hub, built from the ports it needs: alerts (run on every relevant fact
 * and on a timer), 差评 follow-ups opened from ratings, reports (with a background warm-up of the per-day
 * cache), ratings upload, backups, and admin edits (a stored layout applied at start). The HTTP routes are
 * server/transport/http/manager-*-routes.ts; server/wings/manager.ts plugs both into the hub.
 */
import { join } from 'node:path';
import type { ManagerSettings } from '../protocol/manager-model';
import { AlertsRepo } from '../storage/alerts-repo';
import { FollowupsRepo } from '../storage/followups-repo';
import { SettingsRepo } from '../storage/settings-repo';
import { ReportsRepo } from '../storage/reports-repo';
import { ReportCache } from '../storage/report-cache-repo';
import type { HubPorts } from './ports';
import { timeOrderedId } from './ids';
import { DEFAULT_MANAGER_SETTINGS, ManagerSettingsSource } from './manager-settings';
import { Alerts } from './alerts';
import { Followups } from './followups';
import { Reports } from './reports';
import { RatingsUpload, fileUploader, type RatingsUploader } from './ratings-upload';
import { Backups } from './backups';
import { Admin } from './admin';

export type ManagerPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'read' | 'accounts' | 'devices' | 'notices' | 'bus' | 'config' | 'database'>;

export interface ManagerOptions {
  /** Province-specific 好差评 uploader; default writes JSON batches to <dataDir>/ratings-upload. */
  readonly uploader?: RatingsUploader;
  /** How often the alert rules run besides on facts (default 15 s). */
  readonly alertIntervalMs?: number;
  readonly settings?: Partial<ManagerSettings>;
}

interface Log {
  error(obj: unknown, msg: string): void;
}

const WATCHED = /^(ticket|window|config|day):/;

export class Manager {
  readonly alerts: Alerts;
  readonly followups: Followups;
  readonly reports: Reports;
  readonly ratings: RatingsUpload;
  readonly backups: Backups;
  readonly admin: Admin;
  private log?: Log;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private isPending = false;
  private isWarming = false;
  private isStopped = false;
  private uploadDir = '';

  constructor(
    private readonly ports: ManagerPorts,
    private readonly options: ManagerOptions = {},
  ) {
    const db = ports.database.db;
    const settings = new ManagerSettingsSource(new SettingsRepo(db), { ...DEFAULT_MANAGER_SETTINGS, ...options.settings });
    const reportsRepo = new ReportsRepo(db);
    const newId = (): string => timeOrderedId();
    this.alerts = new Alerts(ports, new AlertsRepo(db), settings, newId);
    this.followups = new Followups(ports, new FollowupsRepo(db), settings, newId);
    this.reports = new Reports(ports, reportsRepo, new ReportCache(db, reportsRepo));
    this.ratings = new RatingsUpload(ports, reportsRepo, settings.repo, options.uploader ?? fileUploader(() => this.uploadDir));
    this.backups = new Backups(ports);
    this.admin = new Admin(ports, settings);
  }

  private safely<T>(what: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.log?.error({ err: error }, `manager: ${what} failed`);
      return undefined;
    }
  }

  private sweep(): void {
    this.safely('follow-up sweep', () => this.followups.openMissing());
    this.safely('alert rules', () => this.alerts.evaluate());
  }

  // After a fact, run once the current fan-out is over, so our own facts follow it in order on every socket.
  private schedule(): void {
    if (this.isPending || this.isStopped) return;
    this.isPending = true;
    setImmediate(() => {
      this.isPending = false;
      if (!this.isStopped) this.sweep();
    });
  }

  // Background digest of closed days for the reports (storage/report-cache-repo.ts): at start and after each day rollover.
  private warm(): void {
    if (this.isWarming || this.isStopped) return;
    this.isWarming = true;
    setImmediate(() =>
      this.reports.warmCache(() => this.isStopped, (error) => {
        this.isWarming = false;
        if (error) this.log?.error({ err: error }, 'manager: report warm-up failed');
      }),
    );
  }

  /** Before the hub listens: clients never see the config file's layout once an admin has edited it. */
  beforeListen(log: Log & { warn(obj: unknown, msg: string): void }): void {
    this.log = log;
    this.admin.applyStoredLayout(log);
  }

  /** Once the hub runs: where its files are, then the alert rules and follow-ups on facts and on a timer. */
  start(context: { dataDir: string; log: Log }): void {
    this.log = context.log;
    this.backups.locate(join(context.dataDir, 'backups'));
    this.uploadDir = join(context.dataDir, 'ratings-upload');
    const bus = this.ports.bus;
    this.unsubscribe.push(
      bus.on('facts', (events) => {
        for (const event of events) {
          if (WATCHED.test(event.type) || (event.type === 'rating:recorded' && event.data.rating.score <= 2)) this.schedule();
          if (event.type.startsWith('day:')) this.warm();
        }
      }),
      bus.on('devices', () => this.schedule()),
    );
    this.sweep();
    this.warm();
    const every = setInterval(() => this.sweep(), this.options.alertIntervalMs ?? 15_000);
    every.unref();
    this.timers.push(every);
  }

  stop(): void {
    this.isStopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.unsubscribe) off();
  }
}
