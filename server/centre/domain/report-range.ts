/**
 * A report's date range: hall-local calendar days `from`..`to`, both included. The rollup keeps each hall's
 * figures per day and per month, so a range is read as its whole months plus the days at either edge.
 * Pure: days are 'YYYY-MM-DD' strings of the halls' own calendars, never instants.
 */

export type RangeCheck = { readonly ok: true; readonly days: number } | { readonly ok: false; readonly code: 'invalid-request'; readonly message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  const n = dayNumber(day);
  if (n === undefined) throw new Error(`not a day: ${day}`);
  return dayFromNumber(n + count);
}

export function checkRange(from: string, to: string, maxDays: number): RangeCheck {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined) return { ok: false, code: 'invalid-request', message: `"${from}" is not a calendar day; write it as YYYY-MM-DD.` };
  if (b === undefined) return { ok: false, code: 'invalid-request', message: `"${to}" is not a calendar day; write it as YYYY-MM-DD.` };
  if (b < a) return { ok: false, code: 'invalid-request', message: `The range ends (${to}) before it starts (${from}); swap the two days.` };
  const days = b - a + 1;
  if (days > maxDays) return { ok: false, code: 'invalid-request', message: `The range has ${days} days; a report covers at most ${maxDays}. Choose a shorter range.` };
  return { ok: true, days };
}

export interface RangeParts {
  /** First days ('YYYY-MM-01') of the months wholly inside the range. */
  readonly months: string[];
  /** Runs of days outside those months (at most two: before the first whole month, after the last). */
  readonly dayRuns: { readonly from: string; readonly to: string }[];
}

const firstOfMonth = (day: string): string => `${day.slice(0, 7)}-01`;
function nextMonthStart(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Splits a checked range into whole months and edge days; their union is exactly the range. */
export function splitRange(from: string, to: string): RangeParts {
  const months: string[] = [];
  let start = firstOfMonth(from) === from ? from : nextMonthStart(from);
  while (addDays(nextMonthStart(start), -1) <= to) {
    months.push(start);
    start = nextMonthStart(start);
  }
  if (months.length === 0) return { months, dayRuns: [{ from, to }] };
  const dayRuns: { from: string; to: string }[] = [];
  const first = months[0] as string;
  if (from < first) dayRuns.push({ from, to: addDays(first, -1) });
  const afterLast = nextMonthStart(months[months.length - 1] as string);
  if (afterLast <= to) dayRuns.push({ from: afterLast, to });
  return { months, dayRuns };
}

/** The months ('YYYY-MM-01') that hold any of `days`: what a refresh of those days rolls up again. */
export function monthsOfDays(days: readonly string[]): string[] {
  return [...new Set(days.map(firstOfMonth))].sort();
}
