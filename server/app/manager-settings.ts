/**
 * The settings the manager console owns (the follow-up deadline, the pause limit) and the hall's holiday
 * calendar, as the manager's use cases read them: the defaults from the configuration of the wing, overlaid
 * by what an admin last saved (storage/settings-repo.ts). Saving is an admin edit (app/admin.ts).
 */
import type { ManagerSettings } from '../protocol/manager-model';
import type { HallCalendar } from '../domain/working-days';
import { DEFAULT_RANKING_WEIGHTS, type RankingWeights } from '../domain/clerk-ranking';
import type { SettingsRepo } from '../storage/settings-repo';

export const DEFAULT_MANAGER_SETTINGS: ManagerSettings = { followupWorkingDays: 15, pauseLimitMinutes: 20 };

/** The override key the settings are saved under. */
export const MANAGER_SETTINGS_KEY = 'manager-settings';

/** The actor of the wing's own commits (alerts raised by the rules, follow-ups opened by the sweep). */
export const SYSTEM = { kind: 'system' } as const;

export class ManagerSettingsSource {
  constructor(
    readonly repo: SettingsRepo,
    private readonly defaults: ManagerSettings,
  ) {}

  current(): ManagerSettings {
    return { ...this.defaults, ...this.saved() };
  }

  /** What an admin last saved, as saved (the rest comes from the defaults). */
  saved(): Partial<ManagerSettings> {
    return this.repo.getOverride<Partial<ManagerSettings>>(MANAGER_SETTINGS_KEY) ?? {};
  }

  /** The 红旗窗口 / 服务明星 weighting in force: an admin's, else hallq.yaml `policy.ranking`, else the defaults. */
  ranking(): RankingWeights {
    return this.current().ranking ?? DEFAULT_RANKING_WEIGHTS;
  }

  calendar(): HallCalendar {
    return this.repo.calendar();
  }
}
