/** Reports, satisfaction and the live-hall figures, built from ReportsRepo queries and report-figures. */
import { localParts } from '../domain/calendar';
import { HubError } from '../app/errors';
import { addRatings, breakdown, emptySatisfaction, periodOf, quarterDays, type Figures, type Satisfaction } from './report-figures';
import { combineDigests } from './report-digest';
import type { RatingCountRow } from './reports-repo';
import type { ReportDay } from './report-cache';
import type { ManagerContext } from './context';
import { addDays } from './working-days';

export interface ReportLine extends Figures, Satisfaction {
  key: string;
  label: string;
}

/**
 * An hour of the day: ticket figures only. Ratings are counted per day, service, window and clerk, not per
 * hour, so an hour's line has no rating columns (they showed 0 beside a total that had ratings).
 */
export interface HourLine extends Figures {
  key: string;
  label: string;
}

export interface Report {
  from: string;
  to: string;
  total: ReportLine;
  byService: ReportLine[];
  byWindow: ReportLine[];
  byHour: HourLine[];
}

const MAX_RANGE_DAYS = 400;

/** The hall's UTC offset at `at` (ms to add to an instant to read its wall clock). */
export function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at) / 60_000) * 60_000;
}

export function checkRange(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0)) throw new HubError('invalid-request', `The range ${from} … ${to} is empty: "from" must not be after "to".`);
  if (days > MAX_RANGE_DAYS) throw new HubError('invalid-request', `A report covers at most ${MAX_RANGE_DAYS} days; split the range.`);
}

/** The range's days through the per-day cache (report-cache.ts): closed days stored once, today computed live. */
export function reportDays(ctx: ManagerContext, from: string, to: string): ReportDay[] {
  return ctx.reportCache.days(from, to, offsetAt(Date.parse(`${from}T12:00:00Z`), ctx.timeZone), ctx.core.today());
}

const ratingsOf = (days: readonly ReportDay[]): RatingCountRow[] => days.flatMap((d) => d.ratings());

export function buildReport(ctx: ManagerContext, from: string, to: string): Report {
  checkRange(from, to);
  const days = reportDays(ctx, from, to);
  const facts = combineDigests(days.map((d) => d.digest()));
  const ratings = { total: emptySatisfaction(), service: new Map<string, Satisfaction>(), window: new Map<string, Satisfaction>() };
  for (const r of ratingsOf(days)) {
    addRatings(ratings.total, r.score, r.n);
    for (const [map, key] of [[ratings.service, r.serviceId], [ratings.window, r.windowId]] as const) {
      let s = map.get(key);
      if (!s) map.set(key, (s = emptySatisfaction()));
      addRatings(s, r.score, r.n);
    }
  }
  const line = (key: string, label: string, f: Figures | undefined, s: Satisfaction | undefined): ReportLine => ({
    key,
    label,
    ...(f ?? breakdown([], 0).total),
    ...(s ?? emptySatisfaction()),
  });
  const services = [...ctx.core.services.values()];
  const knownServices = new Set(services.map((s) => s.id));
  const windows = [...ctx.core.windows.values()].sort((a, b) => a.number - b.number);
  const knownWindows = new Set(windows.map((w) => w.id));
  return {
    from,
    to,
    total: line('all', '合计 Total', facts.total, ratings.total),
    byService: [
      ...services.map((s) => line(s.id, s.name, facts.byService.get(s.id), ratings.service.get(s.id))),
      // Services removed since (admin edits) still appear under their id.
      ...[...facts.byService.keys()].filter((k) => !knownServices.has(k)).map((k) => line(k, k, facts.byService.get(k), ratings.service.get(k))),
    ],
    byWindow: [
      ...windows.map((w) => line(w.id, w.name, facts.byWindow.get(w.id), ratings.window.get(w.id))),
      ...[...facts.byWindow.keys()].filter((k) => !knownWindows.has(k)).map((k) => line(k, k, facts.byWindow.get(k), ratings.window.get(k))),
    ],
    byHour: [...facts.byHour.keys()].sort((a, b) => a - b).map((h) => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00`, ...(facts.byHour.get(h) ?? breakdown([], 0).total) })),
  };
}

export interface SatisfactionRow extends Satisfaction {
  period: string;
  key: string;
  label: string;
}

export function satisfaction(ctx: ManagerContext, by: 'window' | 'clerk' | 'service', period: 'day' | 'month' | 'quarter', from: string, to: string): SatisfactionRow[] {
  checkRange(from, to);
  const rows = new Map<string, SatisfactionRow>();
  const names = labels(ctx, by);
  for (const r of ratingsOf(reportDays(ctx, from, to))) {
    const key = by === 'window' ? r.windowId : by === 'service' ? r.serviceId : (r.staffId ?? '-');
    const p = periodOf(r.day, period);
    const id = `${p}\u0000${key}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { period: p, key, label: names.get(key) ?? key, ...emptySatisfaction() }));
    addRatings(row, r.score, r.n);
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period) || a.key.localeCompare(b.key));
}

/** The quarter's ranking of clerks by satisfaction rate (ties: more ratings first). */
export function quarterlyRanking(ctx: ManagerContext, quarter: string): (SatisfactionRow & { rank: number })[] {
  const { from, to } = quarterDays(quarter);
  const rows = satisfaction(ctx, 'clerk', 'quarter', from, to).filter((r) => r.key !== '-');
  rows.sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.ratings - a.ratings || a.key.localeCompare(b.key));
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}

function labels(ctx: ManagerContext, by: 'window' | 'clerk' | 'service'): Map<string, string> {
  if (by === 'window') return new Map([...ctx.core.windows.values()].map((w) => [w.id, w.name]));
  if (by === 'service') return new Map([...ctx.core.services.values()].map((s) => [s.id, s.name]));
  return new Map(ctx.core.auth.listStaff().map((s) => [s.username, s.name]));
}

/** Per-hour counts today against the mean of the same weekday over the previous four weeks, and the waiting count every 15 minutes. */
export function liveCharts(ctx: ManagerContext): { hours: number[]; arrivals: number[]; served: number[]; usualArrivals: number[]; usualServed: number[]; waiting: { at: number; count: number }[] } {
  const now = ctx.core.now();
  const today = ctx.core.today(now);
  const offset = offsetAt(now, ctx.timeZone);
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const perHour = (day: string): { arrivals: number[]; served: number[] } => {
    const b = breakdown(ctx.reports.ticketFacts(day, day), offset).byHour;
    return { arrivals: hours.map((h) => b.get(h)?.arrivals ?? 0), served: hours.map((h) => b.get(h)?.served ?? 0) };
  };
  const current = perHour(today);
  const earlier = [7, 14, 21, 28].map((d) => perHour(addDays(today, -d)));
  const mean = (pick: (x: { arrivals: number[]; served: number[] }) => number[]): number[] =>
    hours.map((h) => Math.round((earlier.reduce((s, e) => s + (pick(e)[h] ?? 0), 0) / earlier.length) * 10) / 10);
  const rows = ctx.reports.ticketFacts(today, today);
  const waiting: { at: number; count: number }[] = [];
  const start = rows.reduce((m, r) => Math.min(m, r[4]), now);
  const step = 15 * 60_000;
  for (let at = Math.ceil(start / step) * step; at <= now; at += step) {
    // Waiting at `at`: issued by then and not yet called or closed.
    const count = rows.filter(([, , , , issuedAt, firstCalledAt, finishedAt]) => issuedAt <= at && (firstCalledAt ?? finishedAt ?? Infinity) > at).length;
    waiting.push({ at, count });
  }
  return { hours, arrivals: current.arrivals, served: current.served, usualArrivals: mean((e) => e.arrivals), usualServed: mean((e) => e.served), waiting };
}

/**
 * Digests the closed days of the last 400 that are not cached yet, one day per event-loop turn (a day of a
 * busy hall takes some tens of milliseconds), so the first report after start-up or a day rollover is fast.
 * Uses today's UTC offset (a hall in China has one offset all year). `isStopped` ends it early; `done` is
 * called once, with the error if a day failed (the hub carries on: that day is computed on demand).
 */
export function warmReportCache(ctx: ManagerContext, isStopped: () => boolean, done: (error?: unknown) => void): void {
  const today = ctx.core.today();
  const offset = offsetAt(Date.parse(`${today}T12:00:00Z`), ctx.timeZone);
  const next = (missing: readonly string[], i: number): void => {
    const day = missing[i];
    if (day === undefined || isStopped()) return done();
    try {
      ctx.reportCache.days(day, day, offset, today);
    } catch (error) {
      return done(error);
    }
    setImmediate(() => next(missing, i + 1));
  };
  try {
    next(ctx.reportCache.missingClosedDays(addDays(today, -MAX_RANGE_DAYS), addDays(today, -1), offset, today), 0);
  } catch (error) {
    done(error);
  }
}
