/**
 * The per-day report cache (migration 3: `report_days`). A closed day (before today) is digested once — its
 * ticket facts (domain/report-digest.ts: counts and the exact wait/service distributions) and its rating counts —
 * and stored; today and later are computed on every request and never stored. Triggers on tickets, ratings
 * and followups delete a day's rows whenever anything of that day changes (a late rating, an accepted appeal,
 * a ticket closed after midnight), so a stored day is never stale: the next report recomputes it.
 * Rows are keyed by the UTC offset the hour-of-day breakdown used, so a different offset never reads them.
 */
import type { Db } from './db';
import type { RatingCountRow, ReportsRepo } from './reports-repo';
import { digestDay, type DayDigest } from '../domain/report-digest';
import { addDays } from '../domain/working-days';

interface StoredDay {
  day: string;
  keys: string;
  facts: Buffer;
  ratings: string;
}

type RatingTuple = [serviceId: string, windowId: string, staffId: string | null, score: number, n: number];

export interface ReportDay {
  readonly day: string;
  /** Decoded on first use: satisfaction figures only need the ratings. */
  readonly digest: () => DayDigest;
  readonly ratings: () => RatingCountRow[];
}

const MAX_DAYS = 1000;

type Header = [key: string, arrivals: number, served: number, noShows: number, waitSum: number, serviceSum: number, waits: number, services: number][];

/** A digest as stored: a JSON header of keys and counts, and every line's sorted waits then services as little-endian int32. */
export function encodeDigest(digest: DayDigest): { keys: string; values: Buffer } {
  const header: Header = [];
  let length = 0;
  for (const [k, l] of digest) {
    header.push([k, l.arrivals, l.served, l.noShows, l.waitSum, l.serviceSum, l.waits.length, l.services.length]);
    length += l.waits.length + l.services.length;
  }
  const all = new Int32Array(length);
  let at = 0;
  for (const l of digest.values()) {
    all.set(l.waits, at);
    all.set(l.services, at + l.waits.length);
    at += l.waits.length + l.services.length;
  }
  return { keys: JSON.stringify(header), values: Buffer.from(all.buffer, all.byteOffset, all.byteLength) };
}

export function decodeDigest(keys: string, values: Uint8Array): DayDigest {
  // Copied into an aligned buffer: a Buffer from the driver may start at any byte.
  const all = new Int32Array(values.slice().buffer, 0, values.byteLength / 4);
  const digest: DayDigest = new Map();
  let at = 0;
  for (const [k, arrivals, served, noShows, waitSum, serviceSum, w, s] of JSON.parse(keys) as Header) {
    digest.set(k, { arrivals, served, noShows, waitSum, serviceSum, waits: all.subarray(at, at + w), services: all.subarray(at + w, at + w + s) });
    at += w + s;
  }
  return digest;
}


function ratingsOf(day: string, json: string): RatingCountRow[] {
  return (JSON.parse(json) as RatingTuple[]).map(([serviceId, windowId, staffId, score, n]) => ({ day, serviceId, windowId, staffId, score, n }));
}

export class ReportCache {
  private readonly s;

  constructor(
    db: Db,
    private readonly repo: ReportsRepo,
  ) {
    this.s = {
      range: db.prepare<[number, string, string], StoredDay>('SELECT day, keys, facts, ratings FROM report_days WHERE offset_ms = ? AND day BETWEEN ? AND ?'),
      cachedDays: db.prepare<[number, string, string]>('SELECT day FROM report_days WHERE offset_ms = ? AND day BETWEEN ? AND ?').pluck(),
      put: db.prepare<[string, number, string, Buffer, string]>('INSERT OR REPLACE INTO report_days (day, offset_ms, keys, facts, ratings) VALUES (?, ?, ?, ?, ?)'),
      store: db.transaction((rows: StoredDay[], offsetMs: number) => {
        for (const r of rows) this.s.put.run(r.day, offsetMs, r.keys, r.facts, r.ratings);
      }),
    };
  }

  /**
   * Every calendar day of `from`..`to`, in order: closed days (before `today`) from the cache, digested and
   * stored on a miss (one transaction for all misses); `today` and later digested from the tickets each time.
   */
  days(from: string, to: string, offsetMs: number, today: string): ReportDay[] {
    const stored = new Map(this.s.range.all(offsetMs, from, to).map((r) => [r.day, r]));
    const result: ReportDay[] = [];
    const fresh: StoredDay[] = [];
    let day = from;
    for (let i = 0; i < MAX_DAYS && day <= to; i++, day = addDays(day, 1)) {
      const hit = stored.get(day);
      if (hit) {
        result.push(this.lazy(hit));
        continue;
      }
      const digest = digestDay(this.repo.ticketFacts(day, day), offsetMs);
      const ratings = this.repo.ratingCounts(day, day);
      result.push({ day, digest: () => digest, ratings: () => ratings });
      if (day < today) {
        const { keys, values } = encodeDigest(digest);
        const tuples: RatingTuple[] = ratings.map((r) => [r.serviceId, r.windowId, r.staffId, r.score, r.n]);
        fresh.push({ day, keys, facts: values, ratings: JSON.stringify(tuples) });
      }
    }
    if (fresh.length > 0) this.s.store(fresh, offsetMs);
    return result;
  }

  /** Closed days of the range not stored yet (the background warm-up fills them one by one). */
  missingClosedDays(from: string, to: string, offsetMs: number, today: string): string[] {
    const have = new Set(this.s.cachedDays.all(offsetMs, from, to) as string[]);
    const missing: string[] = [];
    let day = from;
    for (let i = 0; i < MAX_DAYS && day <= to && day < today; i++, day = addDays(day, 1)) if (!have.has(day)) missing.push(day);
    return missing;
  }

  private lazy(row: StoredDay): ReportDay {
    let digest: DayDigest | undefined;
    let ratings: RatingCountRow[] | undefined;
    return {
      day: row.day,
      digest: () => (digest ??= decodeDigest(row.keys, row.facts)),
      ratings: () => (ratings ??= ratingsOf(row.day, row.ratings)),
    };
  }
}
