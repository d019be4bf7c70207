/**
 * Per-day report digests (server/domain/report-digest.ts) give the same figures as one pass over all the rows:
 * counts, means and nearest-rank p50/p90 by service, window and hour, through a stored (encoded) round trip.
 */
import { describe, expect, it } from 'vitest';
import { breakdown, type TicketFactRow } from '../../server/domain/report-figures';
import { combineDigests, digestDay, percentileOfSorted } from '../../server/domain/report-digest';
import { decodeDigest, encodeDigest } from '../../server/storage/report-cache-repo';
import { seededRandom } from '../support/random';

const OFFSET = 8 * 3600_000;
const DAY0 = Date.parse('2026-09-01T01:00:00Z');

function dayRows(day: number, count: number, next: () => number): TicketFactRow[] {
  const rows: TicketFactRow[] = [];
  for (let i = 0; i < count; i++) {
    const issuedAt = DAY0 + day * 86_400_000 + Math.floor(next() * 8 * 3600_000);
    const r = next();
    const status = r < 0.1 ? 'waiting' : r < 0.2 ? 'no-show' : r < 0.25 ? 'transferred' : 'done';
    const firstCalledAt = status === 'waiting' ? null : issuedAt + Math.floor(next() * 5_400_000);
    const finishedAt = firstCalledAt === null ? null : firstCalledAt + Math.floor(next() * 1_200_000);
    const service = ['A', 'B', 'C', 'Z'][Math.floor(next() * 4)] as string;
    const window = status === 'waiting' ? null : `w${1 + Math.floor(next() * 6)}`;
    rows.push([service, window, status, next() < 0.9 ? i + 1 : null, issuedAt, firstCalledAt, finishedAt]);
  }
  return rows;
}

describe('report digests', () => {
  it('combine days into exactly the figures of one pass over all rows', () => {
    const next = seededRandom(7);
    const days = Array.from({ length: 12 }, (_, d) => dayRows(d, d === 5 ? 0 : 40 + Math.floor(next() * 200), next));
    const expected = breakdown(days.flat(), OFFSET);
    const stored = days.map((rows) => {
      const { keys, values } = encodeDigest(digestDay(rows, OFFSET));
      // An unaligned copy, as a driver may hand a BLOB back.
      const unaligned = new Uint8Array(values.byteLength + 1).subarray(1);
      unaligned.set(values);
      return decodeDigest(keys, unaligned);
    });
    const actual = combineDigests(stored);
    expect(actual.total).toEqual(expected.total);
    expect([...actual.byService]).toEqual([...expected.byService]);
    expect([...actual.byWindow]).toEqual([...expected.byWindow]);
    expect(new Map(actual.byHour)).toEqual(new Map(expected.byHour));
  });

  it('answers nothing for no days, as for no rows', () => {
    expect(combineDigests([])).toEqual(breakdown([], OFFSET));
    expect(combineDigests([digestDay([], OFFSET)])).toEqual(breakdown([], OFFSET));
  });

  it('selects the nearest-rank percentile across sorted parts', () => {
    const parts = [Int32Array.from([1, 5, 9]), Int32Array.from([]), Int32Array.from([-3, 5, 5, 100])];
    const all = [1, 5, 9, -3, 5, 5, 100].sort((a, b) => a - b);
    for (const p of [1, 10, 50, 90, 99, 100]) expect(percentileOfSorted(parts, all.length, p)).toBe(all[Math.max(1, Math.ceil((p / 100) * all.length)) - 1]);
    expect(percentileOfSorted([], 0, 50)).toBeUndefined();
  });
});
