/** What the manager's use cases share: the hub, its own repositories and its settings. */
import type { Hub } from '../app/hub';
import type { HubCore } from '../app/core';
import type { ManagerSettings } from '../protocol/manager-model';
import { AlertsRepo } from './alerts-repo';
import { FollowupsRepo } from './followups-repo';
import { SettingsRepo } from './settings-repo';
import { ReportsRepo } from './reports-repo';
import { ReportCache } from './report-cache';

export const DEFAULT_SETTINGS: ManagerSettings = { followupWorkingDays: 15, pauseLimitMinutes: 20 };
export const SYSTEM = { kind: 'system' } as const;

export class ManagerContext {
  readonly core: HubCore;
  readonly alerts: AlertsRepo;
  readonly followups: FollowupsRepo;
  readonly settingsRepo: SettingsRepo;
  readonly reports: ReportsRepo;
  readonly reportCache: ReportCache;

  constructor(
    readonly hub: Hub,
    private readonly defaults: ManagerSettings,
  ) {
    this.core = hub.core;
    const db = hub.core.deps.db;
    this.alerts = new AlertsRepo(db);
    this.followups = new FollowupsRepo(db);
    this.settingsRepo = new SettingsRepo(db);
    this.reports = new ReportsRepo(db);
    this.reportCache = new ReportCache(db, this.reports);
  }

  /** The defaults (from managerExtension options), overlaid by what an admin last saved. */
  settings(): ManagerSettings {
    return { ...this.defaults, ...this.settingsRepo.getOverride<Partial<ManagerSettings>>('manager-settings') };
  }

  get timeZone(): string {
    return this.core.config.hall.timeZone;
  }
}
