/**
 * Working days in the hall's calendar: weekends and 法定节假日 are off, 调休 weekend days are on. Pure:
 * days are 'YYYY-MM-DD' strings, so no time zone is involved until `endOfDay`.
 */
import { dayOf, nextMidnight } from './calendar';

export interface HallCalendar {
  readonly holidays: ReadonlySet<string>;
  /** Weekend days worked instead (调休上班). */
  readonly workdays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, calendar: HallCalendar): boolean {
  if (calendar.holidays.has(day)) return false;
  if (calendar.workdays.has(day)) return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `day` (the day itself does not count: a rating on Friday with n=5 is due next Friday). */
export function addWorkingDays(day: string, n: number, calendar: HallCalendar): string {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/** The first instant after the local day `day` ends, in the hall's zone. */
export function endOfDay(day: string, timeZone: string): number {
  let t = Date.parse(`${day}T12:00:00Z`);
  // Noon UTC is inside the local day for most zones; step until it is for the far-east/far-west ones.
  while (dayOf(t, timeZone) < day) t += 3600_000;
  while (dayOf(t, timeZone) > day) t -= 3600_000;
  return nextMidnight(t, timeZone);
}

/** The first instant of the local day `day`. */
export function startOfDay(day: string, timeZone: string): number {
  return endOfDay(addDays(day, -1), timeZone);
}
