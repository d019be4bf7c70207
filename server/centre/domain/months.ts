/**
 * Monthly partitions: which month a time or a day falls in, and the bounds of a month. Months are UTC for
 * times and the hall's own calendar for days (a ticket's `day`). Months outside 2000–2099 (a hall clock
 * gone wrong) go to the tables' default partitions: no partition is ever created there, so the default
 * never holds rows a new partition would claim. Pure.
 */
export const FIRST_PARTITION_YEAR = 2000;
export const LAST_PARTITION_YEAR = 2099;

/** 'YYYY-MM'. */
export type Month = string;

const pad = (n: number): string => String(n).padStart(2, '0');

export function monthOfTime(ms: number): Month {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

export function monthOfDay(day: string): Month {
  return day.slice(0, 7);
}

export function isPartitionedMonth(month: Month): boolean {
  const year = Number(month.slice(0, 4));
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && year >= FIRST_PARTITION_YEAR && year <= LAST_PARTITION_YEAR;
}

export function nextMonth(month: Month): Month {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
}

export function previousMonth(month: Month): Month {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** First day of the month and of the next (the partition's FROM … TO bounds). */
export function monthBounds(month: Month): { from: string; to: string } {
  return { from: `${month}-01`, to: `${nextMonth(month)}-01` };
}

/** `events_y2026m03`. */
export function partitionName(table: string, month: Month): string {
  return `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

/** The months from `before` months back to `after` ahead of the month of `now`: what is created ahead. */
export function monthsAround(now: number, before: number, after: number): Month[] {
  let month = monthOfTime(now);
  for (let i = 0; i < before; i++) month = previousMonth(month);
  const months: Month[] = [];
  for (let i = 0; i <= before + after; i++) {
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}
