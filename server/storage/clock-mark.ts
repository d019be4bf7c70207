/**
 * The hall clock's high-water mark: the latest time in the event log. A hub restarted with the system clock
 * behind it starts from this time (app/hall-clock.ts), so new events never sort before old ones.
 */
import type { Db } from './db';

/**
 * The latest `at` among the last events (by sequence). The last thousand, not only the last one: logs
 * written before the hall clock existed may hold events out of time order, and MAX over the whole log
 * would scan a year of rows at every start.
 */
export function lastEventTime(db: Db): number | undefined {
  const row = db.prepare<[], { at: number | null }>('SELECT MAX(at) AS at FROM (SELECT at FROM events ORDER BY seq DESC LIMIT 1000)').get();
  return row?.at ?? undefined;
}
