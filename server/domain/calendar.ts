/**
 * Local dates and times in the hall's time zone, computed with Intl so that no process TZ setting
 * matters. Pure: every function takes the instant it reasons about.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The last answer per zone, by UTC second. Zone offsets are whole seconds, so the local parts cannot change
 * within one UTC second; a busy hub asks many times a second (every issue and call), and Intl is slow.
 */
const lastParts = new Map<string, { readonly second: number; readonly parts: LocalParts }>();

export function localParts(at: number, timeZone: string): LocalParts {
  const second = Math.floor(at / 1000);
  const last = lastParts.get(timeZone);
  if (last?.second === second) return last.parts;
  const values: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') values[p.type] = Number(p.value);
  }
  const parts: LocalParts = {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
  lastParts.set(timeZone, { second, parts });
  return parts;
}

/** 'YYYY-MM-DD' of the instant in the hall's zone: the business day tickets are numbered in. */
export function dayOf(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes since local midnight. */
export function minuteOfDay(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** The first instant of the next local day (handles zones with DST by searching, not by adding 24 h). */
export function nextMidnight(at: number, timeZone: string): number {
  const today = dayOf(at, timeZone);
  const p = localParts(at, timeZone);
  // Lower bound: at most this many ms remain in the local day (+1 h slack for DST shifts).
  let hi = at + ((24 - p.hour) * 3600 + 3600) * 1000;
  let lo = at;
  while (dayOf(hi, timeZone) === today) hi += 3600_000;
  // Binary search the first ms whose local day differs.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayOf(mid, timeZone) === today) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function parseHourMinute(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a time of day: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether a local minute falls inside any of the ranges; no ranges means always. */
export function isWithinHours(minute: number, hours: readonly { from: string; to: string }[]): boolean {
  if (hours.length === 0) return true;
  return hours.some((h) => minute >= parseHourMinute(h.from) && minute < parseHourMinute(h.to));
}

/** How far the hall's clock is ahead of UTC at `at`, in ms (whole minutes: zones move by minutes). */
export function utcOffsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at) / 60_000) * 60_000;
}
