/**
 * Reports, satisfaction, the quarterly ranking and the live charts, built from the report queries
 * (storage/reports-repo.ts), the per-day cache (storage/report-cache-repo.ts) and the pure arithmetic of
 * domain/report-figures.ts and domain/report-digest.ts.
 */
import type { HourLine, RankingRow, Report, ReportLine, SatisfactionRow } from '../protocol/reports';
import type { LiveCharts } from '../protocol/manager-model';
import { utcOffsetAt } from '../domain/calendar';
import { addRatings, breakdown, emptySatisfaction, periodOf, quarterDays, type Figures, type Satisfaction } from '../domain/report-figures';
import { combineDigests } from '../domain/report-digest';
import { addDays } from '../domain/working-days';
import type { RatingCountRow, ReportsRepo } from '../storage/reports-repo';
import type { ReportCache, ReportDay } from '../storage/report-cache-repo';
import { HubError } from './errors';
import type { HubPorts } from './ports';

export type ReportPorts = Pick<HubPorts, 'time' | 'layout' | 'accounts' | 'config'>;

const MAX_RANGE_DAYS = 400;

export function checkRange(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0)) throw new HubError('invalid-request', `The range ${from} … ${to} is empty: "from" must not be after "to".`);
  if (days > MAX_RANGE_DAYS) throw new HubError('invalid-request', `A report covers at most ${MAX_RANGE_DAYS} days; split the range.`);
}

const ratingsOf = (days: readonly ReportDay[]): RatingCountRow[] => days.flatMap((d) => d.ratings());

export class Reports {
  constructor(
    private readonly ports: ReportPorts,
    private readonly repo: ReportsRepo,
    private readonly cache: ReportCache,
  ) {}

  private get timeZone(): string {
    return this.ports.config.hall.timeZone;
  }

  /** The range's days through the per-day cache: closed days stored once, today computed live. */
  private days(from: string, to: string): ReportDay[] {
    return this.cache.days(from, to, utcOffsetAt(Date.parse(`${from}T12:00:00Z`), this.timeZone), this.ports.time.today());
  }

  build(from: string, to: string): Report {
    checkRange(from, to);
    const days = this.days(from, to);
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
    const services = [...this.ports.layout.services.values()];
    const knownServices = new Set(services.map((s) => s.id));
    const windows = [...this.ports.layout.windows.values()].sort((a, b) => a.number - b.number);
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
      byHour: [...facts.byHour.keys()]
        .sort((a, b) => a - b)
        .map((h): HourLine => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00`, ...(facts.byHour.get(h) ?? breakdown([], 0).total) })),
    };
  }

  satisfaction(by: 'window' | 'clerk' | 'service', period: 'day' | 'month' | 'quarter', from: string, to: string): SatisfactionRow[] {
    checkRange(from, to);
    const rows = new Map<string, SatisfactionRow & Satisfaction>();
    const names = this.labels(by);
    for (const r of ratingsOf(this.days(from, to))) {
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
  ranking(quarter: string): RankingRow[] {
    const { from, to } = quarterDays(quarter);
    const rows = this.satisfaction('clerk', 'quarter', from, to).filter((r) => r.key !== '-');
    rows.sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.ratings - a.ratings || a.key.localeCompare(b.key));
    return rows.map((r, i) => ({ ...r, rank: i + 1 }));
  }

  private labels(by: 'window' | 'clerk' | 'service'): Map<string, string> {
    if (by === 'window') return new Map([...this.ports.layout.windows.values()].map((w) => [w.id, w.name]));
    if (by === 'service') return new Map([...this.ports.layout.services.values()].map((s) => [s.id, s.name]));
    return new Map(this.ports.accounts.auth.listStaff().map((s) => [s.username, s.name]));
  }

  /** Per-hour counts today against the mean of the same weekday over the previous four weeks, and the waiting count every 15 minutes. */
  charts(): LiveCharts {
    const now = this.ports.time.now();
    const today = this.ports.time.today(now);
    const offset = utcOffsetAt(now, this.timeZone);
    const hours = Array.from({ length: 24 }, (_, h) => h);
    const perHour = (day: string): { arrivals: number[]; served: number[] } => {
      const b = breakdown(this.repo.ticketFacts(day, day), offset).byHour;
      return { arrivals: hours.map((h) => b.get(h)?.arrivals ?? 0), served: hours.map((h) => b.get(h)?.served ?? 0) };
    };
    const current = perHour(today);
    const earlier = [7, 14, 21, 28].map((d) => perHour(addDays(today, -d)));
    const mean = (pick: (x: { arrivals: number[]; served: number[] }) => number[]): number[] =>
      hours.map((h) => Math.round((earlier.reduce((s, e) => s + (pick(e)[h] ?? 0), 0) / earlier.length) * 10) / 10);
    const rows = this.repo.ticketFacts(today, today);
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
  warmCache(isStopped: () => boolean, done: (error?: unknown) => void): void {
    const today = this.ports.time.today();
    const offset = utcOffsetAt(Date.parse(`${today}T12:00:00Z`), this.timeZone);
    const next = (missing: readonly string[], i: number): void => {
      const day = missing[i];
      if (day === undefined || isStopped()) return done();
      try {
        this.cache.days(day, day, offset, today);
      } catch (error) {
        return done(error);
      }
      setImmediate(() => next(missing, i + 1));
    };
    try {
      next(this.cache.missingClosedDays(addDays(today, -MAX_RANGE_DAYS), addDays(today, -1), offset, today), 0);
    } catch (error) {
      done(error);
    }
  }
}
