/**
 * When a service that cannot issue now will issue again, so the kiosk can say the next step in words
 * (「今天 13:30 起可取号」, 「明天 09:00 起可取号」, 「12月7日（星期一）09:00 起可取号」) instead of only 「今天的号已取完」
 * (issue 18). Pure: the service's hours, why it is unavailable, the hall's local day and minute and its holiday
 * calendar come in.
 */
import type { OpeningHours } from './types';
import type { Unavailable } from './numbering';
import { parseHourMinute } from './calendar';
import { addDays, addWorkingDays, type HallCalendar } from './working-days';

export interface NextOpening {
  /** True: later today (a closed service before its next range). False: on the next working day. */
  readonly isToday: boolean;
  /** Hall-local 'YYYY-MM-DD' tickets can be taken again: today, or the next working day of the hall's calendar. */
  readonly day: string;
  /** `day` is tomorrow: the page says 「明天」. Decided here, as the page's own clock may not be the hall's. */
  readonly isTomorrow: boolean;
  /** 'HH:MM' the range starts; absent for a service open all day (only the day can be said). */
  readonly from?: string;
}

/** The hall's own today: its local day and minute, and its calendar (weekends, 法定节假日, 调休 working days). */
export interface HallToday {
  readonly day: string;
  readonly minute: number;
  readonly calendar: HallCalendar;
}

/**
 * `isSpentToday`: today's cap or numbers are used up as well. A service closed for lunch after its morning
 * took the whole cap must not say 「今天 13:30 起可取号」: at 13:30 it would only say 「今天的号已取完」.
 */
export function nextOpening(hours: readonly OpeningHours[], reason: Unavailable | undefined, today: HallToday, isSpentToday = false): NextOpening | undefined {
  if (reason === undefined) return undefined;
  const ranges = [...hours].sort((a, b) => parseHourMinute(a.from) - parseHourMinute(b.from));
  // Outside its hours, a later range today opens for tickets again; the cap and the numbers only renew tomorrow.
  const later = reason === 'outside-hours' && !isSpentToday ? ranges.find((h) => parseHourMinute(h.from) > today.minute) : undefined;
  if (later) return { isToday: true, day: today.day, isTomorrow: false, from: later.from };
  // The same working-day rule as the follow-up deadlines: the first working day after today.
  const day = addWorkingDays(today.day, 1, today.calendar);
  const first = ranges[0];
  return { isToday: false, day, isTomorrow: day === addDays(today.day, 1), ...(first ? { from: first.from } : {}) };
}
