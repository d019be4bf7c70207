/**
 * When a service that cannot issue now will issue again, so the kiosk can say the next step in words
 * (「今天 13:30 起可取号」, 「下个工作日 09:00 起可取号」) instead of only 「今天的号已取完」 (issue 18). Pure:
 * the service's hours, why it is unavailable and the hall's local minute come in.
 */
import type { OpeningHours } from './types';
import type { Unavailable } from './numbering';
import { parseHourMinute } from './calendar';

export interface NextOpening {
  /** True: later today (a closed service before its next range). False: on the next working day. */
  readonly isToday: boolean;
  /** 'HH:MM' the range starts; absent for a service open all day (only "not today" can be said). */
  readonly from?: string;
}

/**
 * `isSpentToday`: today's cap or numbers are used up as well. A service closed for lunch after its morning
 * took the whole cap must not say 「今天 13:30 起可取号」: at 13:30 it would only say 「今天的号已取完」.
 */
export function nextOpening(hours: readonly OpeningHours[], reason: Unavailable | undefined, localMinute: number, isSpentToday = false): NextOpening | undefined {
  if (reason === undefined) return undefined;
  const ranges = [...hours].sort((a, b) => parseHourMinute(a.from) - parseHourMinute(b.from));
  // Outside its hours, a later range today opens for tickets again; the cap and the numbers only renew tomorrow.
  const later = reason === 'outside-hours' && !isSpentToday ? ranges.find((h) => parseHourMinute(h.from) > localMinute) : undefined;
  if (later) return { isToday: true, from: later.from };
  const first = ranges[0];
  return first ? { isToday: false, from: first.from } : { isToday: false };
}
