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
import { DEFAULT_RANKING_WEIGHTS } from '../domain/clerk-ranking';
import { Alerts } from './alerts';
import { Followups } from './followups';
import { Reports } from './reports';
import { ClerkReports } from './clerk-reports';
import { ClerkDaysRepo } from '../storage/clerk-days-repo';
import { RatingsExporter } from './ratings-export';
import { TicketExporter } from './ticket-files';
import { Backups } from './backups';
import { Admin } from './admin';
import { AuditLog } from './audit-log';
import { AuditRepo } from '../storage/audit-repo';
import { guardedInterval, JobGuard, type JobLog } from './guarded-job';
import type { StorageFaultView } from './storage-health';

export type ManagerPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'read' | 'accounts' | 'devices' | 'notices' | 'bus' | 'config' | 'database' | 'storage' | 'terminals'>;

export interface ManagerOptions {
  /** How often the alert rules run besides on facts (default 15 s). */
  readonly alertIntervalMs?: number;
  readonly settings?: Partial<ManagerSettings>;
}

type Log = JobLog;

const WATCHED = /^(ticket|window|config|day):/;

export class Manager {
  readonly alerts: Alerts;
  readonly followups: Followups;
  readonly reports: Reports;
  /** 人员考核 and 红旗窗口 / 服务明星 (issue 19), from per-day digests of their own. */
  readonly clerkReports: ClerkReports;
  readonly ratings: RatingsExporter;
  /** The ticket export, with the same columns as `hallq export` (app/ticket-files.ts). */
  readonly tickets: TicketExporter;
  readonly backups: Backups;
  readonly admin: Admin;
  /** 操作日志: the event log searched and exported in words (app/audit-log.ts). */
  readonly audit: AuditLog;
  private log?: Log;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private isPending = false;
  private isWarming = false;
  /** Callers of whenWarm() waiting for the current background digest to finish. */
  private warmWaiters: (() => void)[] = [];
  private isStopped = false;
  private lastFault: StorageFaultView | undefined;
  /** Storage faults that ended but are not yet written as alerts (the disk may fill again meanwhile). */
  private unrecordedFaults: { fault: StorageFaultView; until: number }[] = [];
  private readonly jobs = new Map<string, JobGuard>();

  constructor(
    private readonly ports: ManagerPorts,
    private readonly options: ManagerOptions = {},
  ) {
    const db = ports.database.db;
    // hallq.yaml's weighting is the default an admin's saved one overrides (server/app/manager-settings.ts).
    const defaults = { ...DEFAULT_MANAGER_SETTINGS, ranking: ports.config.policy.ranking ?? DEFAULT_RANKING_WEIGHTS, ...options.settings };
    const settings = new ManagerSettingsSource(new SettingsRepo(db), defaults);
    const reportsRepo = new ReportsRepo(db);
    const newId = (): string => timeOrderedId();
    this.followups = new Followups(ports, new FollowupsRepo(db), settings, newId);
    this.alerts = new Alerts(ports, new AlertsRepo(db), settings, newId, () => this.followups.openDeadlines());
    this.reports = new Reports(ports, reportsRepo, new ReportCache(db, reportsRepo));
    this.clerkReports = new ClerkReports(ports, new ClerkDaysRepo(db), reportsRepo, () => settings.ranking());
    this.ratings = new RatingsExporter(ports, reportsRepo);
    this.tickets = new TicketExporter(ports);
    this.backups = new Backups(ports);
    this.admin = new Admin(ports, settings);
    this.audit = new AuditLog(ports, new AuditRepo(db));
  }

  /** Each kind of background work has its guard: a failure is logged once per change, then retried (app/guarded-job.ts). */
  private safely(what: string, work: () => void): void {
    this.job(what).run(work);
  }

  private job(what: string): JobGuard {
    let job = this.jobs.get(what);
    if (!job) this.jobs.set(what, (job = new JobGuard(`manager: ${what}`, { log: () => this.log, storage: this.ports.storage })));
    return job;
  }

  private sweep(): void {
    if (this.unrecordedFaults.length > 0) this.safely('storage alert', () => this.recordStorageFaults());
    this.safely('follow-up sweep', () => this.followups.openMissing());
    this.safely('alert rules', () => this.alerts.evaluate());
  }

  /**
   * A full disk cannot hold the alert about itself: managers saw it live (the 'storage' device health); once
   * space returns it is written as an alert, raised and cleared, for the record and to be acknowledged.
   */
  private recordStorageFaults(): void {
    for (const ended of [...this.unrecordedFaults]) {
      this.alerts.recordStorageFault(ended.fault, ended.until);
      this.unrecordedFaults.shift();
    }
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
        if (error) this.job('report warm-up').failed(error);
        else this.job('report warm-up').succeeded();
        // Then the per-clerk digests (after an upgrade: the past from the event log).
        this.clerkReports.warmCache(() => this.isStopped, (clerkError) => {
          this.isWarming = false;
          if (clerkError) this.log?.error({ err: clerkError }, 'manager: clerk report warm-up failed');
          for (const resolve of this.warmWaiters.splice(0)) resolve();
        });
      }),
    );
  }

  /** Resolves once no background digest is running (tests on a controlled clock wait on it before counting queries). */
  whenWarm(): Promise<void> {
    if (!this.isWarming) return Promise.resolve();
    return new Promise((resolve) => this.warmWaiters.push(resolve));
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
    const bus = this.ports.bus;
    this.unsubscribe.push(
      bus.on('facts', (events) => {
        for (const event of events) {
          if (WATCHED.test(event.type) || (event.type === 'rating:recorded' && event.data.rating.score <= 2)) this.schedule();
          if (event.type.startsWith('day:')) this.warm();
        }
      }),
      bus.on('devices', () => this.schedule()),
      // A terminal back online clears its alert at once (going dark waits for the grace: the timer raises it).
      bus.on('terminals', () => this.schedule()),
      this.ports.storage.onChange((fault) => {
        if (fault) this.lastFault = fault;
        else if (this.lastFault) {
          this.unrecordedFaults.push({ fault: this.lastFault, until: this.ports.time.now() });
          this.lastFault = undefined;
          this.schedule();
        }
      }),
    );
    this.lastFault = this.ports.storage.fault;
    this.sweep();
    this.warm();
    this.timers.push(guardedInterval(new JobGuard('manager: sweep', { log: () => this.log }), this.options.alertIntervalMs ?? 15_000, () => this.sweep()));
  }

  stop(): void {
    this.isStopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.unsubscribe) off();
  }
}
