/**
 * Report arithmetic, pure: percentiles (nearest rank), per-dimension aggregation of ticket facts, and
 * satisfaction rates. Definitions (docs/manager.md): wait = first call − issue of the segment; service =
 * finish − first call of a finished ticket; no-show rate = no-shows / (served + no-shows); arrivals count
 * tickets issued at the kiosk (not transfer segments); satisfaction = levels 5–3 / all ratings.
 */

import { isBadScore, isSatisfiedScore } from '../protocol/rating-levels';
/**
 * One ticket segment as the report query reads it (storage/reports-repo.ts), a compact array:
 * [service_id, window_id, status, seq, issued_at, first_called_at, finished_at].
 */
export type TicketFactRow = [string, string | null, string, number | null, number, number | null, number | null];

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Figures {
  arrivals: number;
  served: number;
  noShows: number;
  noShowRate: number | undefined;
  waitP50Seconds: number | undefined;
  waitP90Seconds: number | undefined;
  waitMeanSeconds: number | undefined;
  serviceP50Seconds: number | undefined;
  serviceP90Seconds: number | undefined;
  serviceMeanSeconds: number | undefined;
}

export class Accumulator {
  arrivals = 0;
  served = 0;
  noShows = 0;
  waits: number[] = [];
  services: number[] = [];

  figures(): Figures {
    const waits = Float64Array.from(this.waits).sort();
    const services = Float64Array.from(this.services).sort();
    const mean = (a: Float64Array): number | undefined => (a.length === 0 ? undefined : Math.round(a.reduce((s, x) => s + x, 0) / a.length));
    const called = this.served + this.noShows;
    return {
      arrivals: this.arrivals,
      served: this.served,
      noShows: this.noShows,
      noShowRate: called === 0 ? undefined : this.noShows / called,
      waitP50Seconds: percentile(Array.from(waits), 50),
      waitP90Seconds: percentile(Array.from(waits), 90),
      waitMeanSeconds: mean(waits),
      serviceP50Seconds: percentile(Array.from(services), 50),
      serviceP90Seconds: percentile(Array.from(services), 90),
      serviceMeanSeconds: mean(services),
    };
  }
}

export interface FactBreakdown {
  total: Figures;
  byService: Map<string, Figures>;
  byWindow: Map<string, Figures>;
  /** Local hour 0–23: arrivals and waits by hour of issue, served and no-shows by hour of finish. */
  byHour: Map<number, Figures>;
}

export interface Accumulated {
  total: Accumulator;
  byService: Map<string, Accumulator>;
  byWindow: Map<string, Accumulator>;
  byHour: Map<number, Accumulator>;
}

/** `offsetMs` turns an instant into the hall's wall clock (fixed for the range: 中国 has no DST). */
export function breakdown(rows: Iterable<TicketFactRow>, offsetMs: number): FactBreakdown {
  const { total, byService, byWindow, byHour } = accumulate(rows, offsetMs);
  const done = <K>(map: Map<K, Accumulator>): Map<K, Figures> => new Map([...map].map(([k, a]) => [k, a.figures()]));
  return { total: total.figures(), byService: done(byService), byWindow: done(byWindow), byHour: done(byHour) };
}

/** The one pass over ticket facts that both the live figures and the per-day digests (report-digest.ts) use. */
export function accumulate(rows: Iterable<TicketFactRow>, offsetMs: number): Accumulated {
  const total = new Accumulator();
  const byService = new Map<string, Accumulator>();
  const byWindow = new Map<string, Accumulator>();
  const byHour = new Map<number, Accumulator>();
  const get = <K>(map: Map<K, Accumulator>, key: K): Accumulator => {
    let a = map.get(key);
    if (!a) map.set(key, (a = new Accumulator()));
    return a;
  };
  const hourOf = (at: number): number => Math.floor((at + offsetMs) / 3600_000) % 24;
  for (const [serviceId, windowId, status, seq, issuedAt, firstCalledAt, finishedAt] of rows) {
    const targets = [total, get(byService, serviceId), ...(windowId ? [get(byWindow, windowId)] : [])];
    const issueHour = get(byHour, hourOf(issuedAt));
    if (seq !== null) for (const a of [...targets, issueHour]) a.arrivals++;
    if (firstCalledAt !== null) {
      const wait = Math.round((firstCalledAt - issuedAt) / 1000);
      for (const a of [...targets, issueHour]) a.waits.push(wait);
    }
    if (finishedAt !== null && (status === 'done' || status === 'no-show')) {
      const finishHour = get(byHour, hourOf(finishedAt));
      for (const a of [...targets, finishHour]) {
        if (status === 'done') a.served++;
        else a.noShows++;
      }
      if (status === 'done' && firstCalledAt !== null) {
        const service = Math.round((finishedAt - firstCalledAt) / 1000);
        for (const a of targets) a.services.push(service);
        finishHour.services.push(service);
      }
    }
  }
  return { total, byService, byWindow, byHour };
}

export interface Satisfaction {
  ratings: number;
  satisfied: number;
  bad: number;
  rate: number | undefined;
  byLevel: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export function emptySatisfaction(): Satisfaction {
  return { ratings: 0, satisfied: 0, bad: 0, rate: undefined, byLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
}

export function addRatings(s: Satisfaction, score: number, n: number): void {
  s.ratings += n;
  if (isSatisfiedScore(score)) s.satisfied += n;
  if (isBadScore(score)) s.bad += n;
  const level = String(score) as keyof Satisfaction['byLevel'];
  s.byLevel[level] += n;
  s.rate = s.satisfied / s.ratings;
}

/** 'YYYY-MM-DD' → its period label: the day, 'YYYY-MM', or 'YYYY-Qn'. */
export function periodOf(day: string, period: 'day' | 'month' | 'quarter'): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first and last day of 'YYYY-Qn'. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { from: `${year}-${String(lastMonth - 2).padStart(2, '0')}-01`, to: `${year}-${String(lastMonth).padStart(2, '0')}-${lastDay}` };
}
