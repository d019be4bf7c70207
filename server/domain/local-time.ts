/** Hall-local wall-clock times ("2026-11-27 09:30") to instants, independent of the host's zone. */
import { localParts, utcOffsetAt } from './calendar';

/**
 * Parses 'YYYY-MM-DD HH:mm' (or with 'T', optional ':ss') as a time in `timeZone`, or an ISO string
 * with an explicit offset/Z as that instant. Undefined when it is neither or names no real time.
 */
export function parseLocalDateTime(text: string, timeZone: string): number | undefined {
  const value = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Guess with the zone's offset at that moment, then correct once (enough for a DST edge).
  let at = wall - utcOffsetAt(wall, timeZone);
  at = wall - utcOffsetAt(at, timeZone);
  const p = localParts(at, timeZone);
  const isSameWallTime = p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
  return isSameWallTime ? at : undefined;
}

/** Local 'HH:mm' of an instant, for messages. */
export function localHourMinute(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}


/** Local 'YYYY-MM-DD HH:mm:ss' of an instant: how exports (audit log, ratings) write times for the hall. */
export function localDateTime(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
