/** Manager-owned settings: stored config overrides and the holiday calendar. */
import type { Db } from './db';
import type { HallCalendar } from '../domain/working-days';

export class SettingsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM config_overrides WHERE key = ?'),
      info: db.prepare<[string], { updatedAt: number; updatedBy: string }>('SELECT updated_at AS updatedAt, updated_by AS updatedBy FROM config_overrides WHERE key = ?'),
      set: db.prepare(
        `INSERT INTO config_overrides (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ),
      holidays: db.prepare<[], { day: string; kind: string }>('SELECT day, kind FROM holidays ORDER BY day'),
      clearHolidays: db.prepare('DELETE FROM holidays'),
      addHoliday: db.prepare('INSERT INTO holidays (day, kind) VALUES (?, ?)'),
    };
  }

  getOverride<T>(key: string): T | undefined {
    const row = this.s.get.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** When, and by whom, an override was last saved. */
  overrideInfo(key: string): { updatedAt: number; updatedBy: string } | undefined {
    return this.s.info.get(key);
  }

  setOverride(key: string, value: unknown, now: number, by: string): void {
    this.s.set.run(key, JSON.stringify(value), now, by);
  }

  calendar(): HallCalendar {
    const rows = this.s.holidays.all();
    return {
      holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
      workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
    };
  }

  replaceCalendar(holidays: readonly string[], workdays: readonly string[]): void {
    this.s.clearHolidays.run();
    for (const day of holidays) this.s.addHoliday.run(day, 'holiday');
    for (const day of workdays) this.s.addHoliday.run(day, 'workday');
  }
}
