/** Which hours of the day the live chart shows. Pure, so it is tested without a canvas. */

/** The usual opening day, always shown so the chart keeps its shape before the first visitor. */
const DAY_START = 7;
const DAY_END = 19;

/**
 * Hours from 7:00 to 19:00, widened to any hour with arrivals or services today or usually: a hall that
 * opens early, serves late (延时服务) or on a weekend evening must see those hours, not zeros.
 */
export function shownHours(hours: readonly number[], series: readonly (readonly number[])[]): number[] {
  const active = hours.filter((h) => series.some((values) => (values[h] ?? 0) > 0));
  const first = Math.min(DAY_START, ...active);
  const last = Math.max(DAY_END, ...active);
  return hours.filter((h) => h >= first && h <= last);
}
