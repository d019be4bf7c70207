/**
 * Per-day report digests, pure. A day's ticket facts are reduced (by the same pass as the live figures,
 * `accumulate`) to one line per key — 't' (total), 's:<service>', 'w:<window>', 'h:<local hour>' — holding
 * the counts and the day's **whole** wait and service-time distributions as sorted integer seconds. Combining
 * days adds the counts and sums, and finds each nearest-rank percentile by selection over the days' sorted
 * arrays (binary search on the value, counting with binary searches), so p50/p90 and means are exactly those
 * of the raw rows: the same figures, without re-reading or re-sorting a year of tickets. How a digest is
 * stored is storage/report-cache-repo.ts's business.
 */
import { accumulate, percentile, type Accumulator, type FactBreakdown, type Figures, type TicketFactRow } from './report-figures';

export interface DigestLine {
  arrivals: number;
  served: number;
  noShows: number;
  waitSum: number;
  serviceSum: number;
  waits: Int32Array;
  services: Int32Array;
}

export type DayDigest = Map<string, DigestLine>;

function lineOf(a: Accumulator): DigestLine {
  const sum = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0);
  return {
    arrivals: a.arrivals,
    served: a.served,
    noShows: a.noShows,
    waitSum: sum(a.waits),
    serviceSum: sum(a.services),
    waits: Int32Array.from(a.waits).sort(),
    services: Int32Array.from(a.services).sort(),
  };
}

export function digestDay(rows: Iterable<TicketFactRow>, offsetMs: number): DayDigest {
  const acc = accumulate(rows, offsetMs);
  const digest: DayDigest = new Map();
  if (acc.total.arrivals + acc.total.waits.length + acc.total.served + acc.total.noShows === 0 && acc.byService.size === 0) return digest;
  digest.set('t', lineOf(acc.total));
  for (const [k, a] of acc.byService) digest.set(`s:${k}`, lineOf(a));
  for (const [k, a] of acc.byWindow) digest.set(`w:${k}`, lineOf(a));
  for (const [k, a] of acc.byHour) digest.set(`h:${k}`, lineOf(a));
  return digest;
}

function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The nearest-rank p-th percentile of the union of sorted arrays (as `percentile` on all of them sorted). */
export function percentileOfSorted(parts: readonly Int32Array[], count: number, p: number): number | undefined {
  if (count === 0) return undefined;
  const nonEmpty = parts.filter((a) => a.length > 0);
  if (nonEmpty.length === 1) return percentile(nonEmpty[0] as Int32Array, p);
  const rank = Math.max(1, Math.ceil((p / 100) * count));
  let lo = Math.min(...nonEmpty.map((a) => a[0] as number));
  let hi = Math.max(...nonEmpty.map((a) => a[a.length - 1] as number));
  // The smallest value with at least `rank` values at or below it.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let atOrBelow = 0;
    for (const a of nonEmpty) atOrBelow += upperBound(a, mid);
    if (atOrBelow >= rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function figuresOf(lines: readonly DigestLine[]): Figures {
  let arrivals = 0;
  let served = 0;
  let noShows = 0;
  let waitSum = 0;
  let serviceSum = 0;
  let waitCount = 0;
  let serviceCount = 0;
  for (const l of lines) {
    arrivals += l.arrivals;
    served += l.served;
    noShows += l.noShows;
    waitSum += l.waitSum;
    serviceSum += l.serviceSum;
    waitCount += l.waits.length;
    serviceCount += l.services.length;
  }
  const waits = lines.map((l) => l.waits);
  const services = lines.map((l) => l.services);
  const called = served + noShows;
  return {
    arrivals,
    served,
    noShows,
    noShowRate: called === 0 ? undefined : noShows / called,
    waitP50Seconds: percentileOfSorted(waits, waitCount, 50),
    waitP90Seconds: percentileOfSorted(waits, waitCount, 90),
    waitMeanSeconds: waitCount === 0 ? undefined : Math.round(waitSum / waitCount),
    serviceP50Seconds: percentileOfSorted(services, serviceCount, 50),
    serviceP90Seconds: percentileOfSorted(services, serviceCount, 90),
    serviceMeanSeconds: serviceCount === 0 ? undefined : Math.round(serviceSum / serviceCount),
  };
}

/** The breakdown of a range from its days' digests, in day order (keys keep their first-seen order, as the raw pass). */
export function combineDigests(days: Iterable<DayDigest>): FactBreakdown {
  const grouped = new Map<string, DigestLine[]>();
  for (const day of days) {
    for (const [k, line] of day) {
      let list = grouped.get(k);
      if (!list) grouped.set(k, (list = []));
      list.push(line);
    }
  }
  const byService = new Map<string, Figures>();
  const byWindow = new Map<string, Figures>();
  const byHour = new Map<number, Figures>();
  for (const [k, lines] of grouped) {
    if (k.startsWith('s:')) byService.set(k.slice(2), figuresOf(lines));
    else if (k.startsWith('w:')) byWindow.set(k.slice(2), figuresOf(lines));
    else if (k.startsWith('h:')) byHour.set(Number(k.slice(2)), figuresOf(lines));
  }
  return { total: figuresOf(grouped.get('t') ?? []), byService, byWindow, byHour };
}
