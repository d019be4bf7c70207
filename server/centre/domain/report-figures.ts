/**
 * The arithmetic of the cross-hall reports, pure. Waits and service times are kept per hall-day (and
 * per hall-month) as histograms of fixed buckets, so a percentile over any range is a merge of stored
 * histograms, never a scan of tickets: one-minute buckets up to 4 h, ten-minute buckets up to 24 h, one
 * bucket beyond. A percentile is nearest-rank over the merged histogram and answers its bucket's lower
 * bound: exact to the minute (a wait of 12 min 40 s is reported as 12 min), as docs/city-console.md says.
 */

import { satisfiedAmong } from '../../protocol/rating-levels';
export const MINUTE_BUCKETS = 240;
export const TEN_MINUTE_BUCKETS = 120;
export const OVERFLOW_BUCKET = MINUTE_BUCKETS + TEN_MINUTE_BUCKETS;
const MINUTE_MS = 60_000;
const FINE_LIMIT_MS = MINUTE_BUCKETS * MINUTE_MS;
const COARSE_MS = 10 * MINUTE_MS;
const COARSE_LIMIT_MS = FINE_LIMIT_MS + TEN_MINUTE_BUCKETS * COARSE_MS;

/** The bucket of a duration; storage/reports-repo.ts writes the same rule in SQL (bucketSql). */
export function bucketOfMs(ms: number): number {
  const v = Math.max(0, Math.floor(ms));
  if (v < FINE_LIMIT_MS) return Math.floor(v / MINUTE_MS);
  if (v < COARSE_LIMIT_MS) return MINUTE_BUCKETS + Math.floor((v - FINE_LIMIT_MS) / COARSE_MS);
  return OVERFLOW_BUCKET;
}

/** The same rule as a SQL expression over a bigint column of milliseconds. */
export function bucketSql(column: string): string {
  return `(CASE WHEN ${column} < ${FINE_LIMIT_MS} THEN ${column} / ${MINUTE_MS} WHEN ${column} < ${COARSE_LIMIT_MS} THEN ${MINUTE_BUCKETS} + (${column} - ${FINE_LIMIT_MS}) / ${COARSE_MS} ELSE ${OVERFLOW_BUCKET} END)::smallint`;
}

/** A bucket's lower bound in seconds. */
export function bucketLowerSeconds(bucket: number): number {
  if (bucket < MINUTE_BUCKETS) return bucket * 60;
  if (bucket < OVERFLOW_BUCKET) return FINE_LIMIT_MS / 1000 + (bucket - MINUTE_BUCKETS) * 600;
  return COARSE_LIMIT_MS / 1000;
}

/** Buckets 0 … OVERFLOW_BUCKET. */
export const BUCKET_COUNT = OVERFLOW_BUCKET + 1;

/** A histogram: count per bucket, dense (merging a year of a city's rows is then plain additions). */
export type Histogram = number[];

export const emptyHistogram = (): Histogram => new Array<number>(BUCKET_COUNT).fill(0);

/** Adds bucket numbers and their counts into `target`. */
export function addSparse(target: Histogram, buckets: readonly number[], counts: readonly number[]): Histogram {
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as number;
    if (b >= 0 && b < BUCKET_COUNT) target[b] = (target[b] as number) + (counts[i] ?? 0);
  }
  return target;
}

/**
 * The stored form of a histogram (bytea): for each non-empty bucket, by bucket, its number as int16 and its
 * count as int32, big-endian — what PostgreSQL's `int2send(b) || int4send(n)` writes (HISTOGRAM_PAIR_SQL).
 * Binary because a year of a city is a million bucket counts: as int[] text, formatting and reading them
 * back cost ten times the query.
 */
export const HISTOGRAM_PAIR_SQL = (bucket: string, count: string): string => `int2send(${bucket}) || int4send(${count})`;
const PAIR_BYTES = 6;

export function addEncoded(target: Histogram, bytes: Uint8Array): Histogram {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + PAIR_BYTES <= bytes.byteLength; at += PAIR_BYTES) {
    const b = view.getInt16(at);
    if (b >= 0 && b < BUCKET_COUNT) target[b] = (target[b] as number) + view.getInt32(at + 2);
  }
  return target;
}

export function encodeHistogram(histogram: readonly number[]): Uint8Array {
  const used = histogram.reduce((n, count) => (count > 0 ? n + 1 : n), 0);
  const bytes = new Uint8Array(used * PAIR_BYTES);
  const view = new DataView(bytes.buffer);
  let at = 0;
  histogram.forEach((count, b) => {
    if (count <= 0) return;
    view.setInt16(at, b);
    view.setInt32(at + 2, count);
    at += PAIR_BYTES;
  });
  return bytes;
}

/** Nearest rank: the smallest bucket with at least p% of the values at or below it; undefined when empty. */
export function percentileSeconds(histogram: readonly number[], p: number): number | undefined {
  let total = 0;
  for (const n of histogram) total += n;
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) {
    seen += histogram[b] as number;
    if (seen >= rank) return bucketLowerSeconds(b);
  }
  return undefined;
}

/** Levels 1..5 of the national five (5 非常满意 … 1 非常不满意). 满意率 counts 3 to 5 (protocol/rating-levels.ts); 差评 is 1 and 2. */
export type LevelCounts = [number, number, number, number, number];

/** A group's running sums: counts, duration sums, rating levels and the two histograms. Mutable, merged in place. */
export interface GroupSums {
  issued: number;
  served: number;
  noShows: number;
  waits: number;
  waitSumMs: number;
  waitWithin: number;
  services: number;
  serviceSumMs: number;
  levels: LevelCounts;
  wait: Histogram;
  service: Histogram;
}

/** One stored rollup row (a hall-day or hall-month of one key), as the repository reads it. */
export interface StoredSums {
  readonly issued: number;
  readonly served: number;
  readonly noShows: number;
  readonly waits: number;
  readonly waitSumMs: number;
  readonly waitWithin: number;
  readonly services: number;
  readonly serviceSumMs: number;
  readonly levels: readonly number[];
  /** Histograms in their stored form (addEncoded). */
  readonly waitH: Uint8Array;
  readonly serviceH: Uint8Array;
}

export const emptySums = (): GroupSums => ({
  issued: 0, served: 0, noShows: 0, waits: 0, waitSumMs: 0, waitWithin: 0, services: 0, serviceSumMs: 0,
  levels: [0, 0, 0, 0, 0], wait: emptyHistogram(), service: emptyHistogram(),
});

export function addStored(target: GroupSums, row: StoredSums): GroupSums {
  target.issued += row.issued;
  target.served += row.served;
  target.noShows += row.noShows;
  target.waits += row.waits;
  target.waitSumMs += row.waitSumMs;
  target.waitWithin += row.waitWithin;
  target.services += row.services;
  target.serviceSumMs += row.serviceSumMs;
  for (let i = 0; i < 5; i++) target.levels[i] = (target.levels[i] as number) + (row.levels[i] ?? 0);
  addEncoded(target.wait, row.waitH);
  addEncoded(target.service, row.serviceH);
  return target;
}

export function addSums(target: GroupSums, more: GroupSums): GroupSums {
  target.issued += more.issued;
  target.served += more.served;
  target.noShows += more.noShows;
  target.waits += more.waits;
  target.waitSumMs += more.waitSumMs;
  target.waitWithin += more.waitWithin;
  target.services += more.services;
  target.serviceSumMs += more.serviceSumMs;
  for (let i = 0; i < 5; i++) target.levels[i] = (target.levels[i] as number) + (more.levels[i] as number);
  for (let b = 0; b < BUCKET_COUNT; b++) {
    target.wait[b] = (target.wait[b] as number) + (more.wait[b] as number);
    target.service[b] = (target.service[b] as number) + (more.service[b] as number);
  }
  return target;
}

export interface Figures {
  readonly issued: number;
  readonly served: number;
  readonly noShows: number;
  readonly noShowRate?: number;
  readonly waitP50Seconds?: number;
  readonly waitP90Seconds?: number;
  readonly waitMeanSeconds?: number;
  readonly waitWithinLimitRate?: number;
  readonly serviceP50Seconds?: number;
  readonly serviceP90Seconds?: number;
  readonly serviceMeanSeconds?: number;
  readonly ratings: number;
  readonly satisfied: number;
  readonly bad: number;
  readonly satisfactionRate?: number;
}

const share = (part: number, whole: number): number | undefined => (whole > 0 ? part / whole : undefined);

export function figuresOf(s: Readonly<GroupSums>): Figures {
  const [l1, l2, l3, l4, l5] = s.levels;
  const ratings = l1 + l2 + l3 + l4 + l5;
  const satisfied = satisfiedAmong(s.levels);
  return {
    issued: s.issued,
    served: s.served,
    noShows: s.noShows,
    noShowRate: share(s.noShows, s.served + s.noShows),
    waitP50Seconds: percentileSeconds(s.wait, 50),
    waitP90Seconds: percentileSeconds(s.wait, 90),
    waitMeanSeconds: s.waits > 0 ? Math.round(s.waitSumMs / s.waits / 1000) : undefined,
    waitWithinLimitRate: share(s.waitWithin, s.waits),
    serviceP50Seconds: percentileSeconds(s.service, 50),
    serviceP90Seconds: percentileSeconds(s.service, 90),
    serviceMeanSeconds: s.services > 0 ? Math.round(s.serviceSumMs / s.services / 1000) : undefined,
    ratings,
    satisfied,
    bad: l1 + l2,
    satisfactionRate: share(satisfied, ratings),
  };
}
