/**
 * The pure parts of the reports: histogram buckets (and that PostgreSQL buckets exactly as TypeScript
 * reads them back), nearest-rank percentiles over merged histograms, range splitting, the ranking, and
 * reading the stored arrays back; migration 3's conversion of rolled-up histograms.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { addEncoded, addSparse, addStored, addSums, BUCKET_COUNT, bucketLowerSeconds, bucketOfMs, bucketSql, emptyHistogram, emptySums, encodeHistogram, figuresOf, HISTOGRAM_PAIR_SQL, OVERFLOW_BUCKET, percentileSeconds } from '../../server/centre/domain/report-figures';
import { addDays, checkRange, splitRange } from '../../server/centre/domain/report-range';
import { rank, DEFAULT_RANKING } from '../../server/centre/domain/report-ranking';
import { createTestDatabase, TEST_PG_URL } from '../support/pg';
import { ints, ReportsRepo } from '../../server/centre/storage/reports-repo';
import { openPool } from '../../server/centre/storage/pool';
import { CENTRE_MIGRATIONS, migrateCentre } from '../../server/centre/storage/migrations';

describe('histogram buckets', () => {
  it('are one minute to 4 h, ten minutes to 24 h, then one; a value is never below its bucket', () => {
    expect([0, 59_999, 60_000, 14_399_999, 14_400_000, 15_000_000, 86_399_999, 86_400_000, 10 ** 10].map(bucketOfMs)).toEqual([0, 0, 1, 239, 240, 241, 359, 360, 360]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 86_400_000 }), (ms) => {
        const b = bucketOfMs(ms);
        expect(bucketLowerSeconds(b) * 1000).toBeLessThanOrEqual(ms);
        if (b < OVERFLOW_BUCKET) expect(bucketLowerSeconds(b + 1) * 1000).toBeGreaterThan(ms);
      }),
    );
  });

  it('are the same in PostgreSQL as in TypeScript', async () => {
    const values = fc.sample(fc.integer({ min: 0, max: 3 * 86_400_000 }), 2000).concat([0, 59_999, 60_000, 14_399_999, 14_400_000, 86_399_999, 86_400_000]);
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; b: number }>(`SELECT v, ${bucketSql('v')} AS b FROM unnest($1::bigint[]) AS v`, [values]);
      expect(rows.map((r) => r.b)).toEqual(values.map(bucketOfMs));
    } finally {
      await client.end();
    }
  });
});

describe('stored histograms', () => {
  const sparse = fc.uniqueArray(fc.integer({ min: 0, max: OVERFLOW_BUCKET }), { maxLength: 60 }).chain((buckets) =>
    fc.tuple(fc.constant(buckets), fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: buckets.length, maxLength: buckets.length })),
  );

  it('read back what they were written from', () => {
    fc.assert(
      fc.property(sparse, ([buckets, counts]) => {
        const h = addSparse(emptyHistogram(), buckets, counts);
        expect(addEncoded(emptyHistogram(), encodeHistogram(h))).toEqual(h);
        expect(encodeHistogram(h).byteLength).toBe(buckets.length * 6);
      }),
    );
    expect(addEncoded(emptyHistogram(), new Uint8Array(0))).toEqual(new Array(BUCKET_COUNT).fill(0));
  });

  it('are written by PostgreSQL byte for byte as TypeScript writes them', async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      for (const [buckets, counts] of fc.sample(sparse, 50)) {
        const { rows } = await client.query<{ h: Buffer | null }>(
          `SELECT string_agg(${HISTOGRAM_PAIR_SQL('b::smallint', 'n')}, ''::bytea ORDER BY b) AS h FROM unnest($1::int[], $2::int[]) AS u(b, n)`,
          [buckets, counts],
        );
        const written = encodeHistogram(addSparse(emptyHistogram(), buckets, counts));
        expect(Uint8Array.from(rows[0]?.h ?? [])).toEqual(written);
      }
    } finally {
      await client.end();
    }
  });
});

describe('percentiles over histograms', () => {
  it('are nearest rank over the merged buckets, to the minute', () => {
    // 5, 7, 12, 38 minutes: p50 is the 2nd (7), p90 the 4th (38).
    const h = addSparse(emptyHistogram(), [5, 12], [1, 1]);
    addSparse(h, [38, 7], [1, 1]);
    expect(percentileSeconds(h, 50)).toBe(420);
    expect(percentileSeconds(h, 90)).toBe(2280);
    expect(percentileSeconds(emptyHistogram(), 50)).toBeUndefined();
    expect(percentileSeconds(addSparse(emptyHistogram(), [3], [10]), 1)).toBe(180);
  });

  it('match nearest rank over the values themselves, floored to the minute', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 * 3_600_000 - 1 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 99 }), (values, p) => {
        const h = emptyHistogram();
        for (const v of values) addSparse(h, [bucketOfMs(v)], [1]);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
        expect(percentileSeconds(h, p)).toBe(Math.floor(exact / 60_000) * 60);
      }),
    );
  });

  it('merges stored rows and groups in place, counts and histograms alike', () => {
    const row = {
      issued: 2, served: 1, noShows: 1, waits: 2, waitSumMs: 600_000, waitWithin: 1, services: 1, serviceSumMs: 60_000, levels: [0, 0, 0, 1, 0],
      waitH: encodeHistogram(addSparse(emptyHistogram(), [2, 8], [1, 1])), serviceH: encodeHistogram(addSparse(emptyHistogram(), [1], [1])),
    };
    const a = addStored(addStored(emptySums(), row), row);
    expect(a).toMatchObject({ issued: 4, served: 2, waits: 4, waitSumMs: 1_200_000, levels: [0, 0, 0, 2, 0] });
    expect(a.wait[2]).toBe(2);
    const b = addSums(emptySums(), a);
    addSums(b, a);
    expect(b.wait[8]).toBe(4);
    expect(figuresOf(b)).toMatchObject({ issued: 8, waitP50Seconds: 120, waitP90Seconds: 480, waitMeanSeconds: 300, satisfactionRate: 1 });
  });

  it('satisfaction counts levels 3 to 5 of all ratings; 差评 is levels 1 and 2, so the two add up to all', () => {
    const f = figuresOf({ ...emptySums(), levels: [1, 2, 3, 4, 5] });
    expect(f).toMatchObject({ ratings: 15, satisfied: 12, bad: 3 });
    expect(f.satisfactionRate).toBeCloseTo(12 / 15, 12);
    expect(figuresOf(emptySums()).satisfactionRate).toBeUndefined();
  });
});

describe('date ranges', () => {
  it('split into whole months and the days at either edge, whose union is the range', () => {
    expect(splitRange('2026-02-27', '2026-04-02')).toEqual({ months: ['2026-03-01'], dayRuns: [{ from: '2026-02-27', to: '2026-02-28' }, { from: '2026-04-01', to: '2026-04-02' }] });
    expect(splitRange('2026-03-01', '2026-03-31')).toEqual({ months: ['2026-03-01'], dayRuns: [] });
    expect(splitRange('2026-03-02', '2026-03-31')).toEqual({ months: [], dayRuns: [{ from: '2026-03-02', to: '2026-03-31' }] });
    expect(splitRange('2025-12-01', '2026-02-28').months).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), (start, length) => {
        const from = addDays('2024-01-01', start);
        const to = addDays(from, length);
        const { months, dayRuns } = splitRange(from, to);
        const covered = new Set<string>();
        for (const m of months) for (let d = m; d.slice(0, 7) === m.slice(0, 7); d = addDays(d, 1)) covered.add(d);
        for (const r of dayRuns) for (let d = r.from; d <= r.to; d = addDays(d, 1)) covered.add(d);
        expect(covered.size).toBe(length + 1);
        expect([...covered].every((d) => d >= from && d <= to)).toBe(true);
      }),
    );
  });

  it('refuse what is not a range, in words', () => {
    expect(checkRange('2026-02-29', '2026-03-01', 10)).toMatchObject({ ok: false });
    expect(checkRange('2026-03-02', '2026-03-01', 10)).toMatchObject({ ok: false });
    expect(checkRange('2026-03-01', '2026-03-11', 10)).toMatchObject({ ok: false });
    expect(checkRange('2026-03-01', '2026-03-10', 10)).toEqual({ ok: true, days: 10 });
  });
});

describe('ranking', () => {
  const candidate = (key: string, served: number, levels: [number, number, number, number, number], waits: number, within: number) => ({
    key, sortKey: key, figures: figuresOf({ ...emptySums(), served, levels, waits, waitWithin: within }),
  });

  it('scores by the stated weights, leaves out the barely rated, and breaks ties by ratings then served', () => {
    const result = rank(
      [
        candidate('a', 10, [0, 0, 0, 5, 5], 10, 10), // 0.5·1 + 0.2·1 + 0.3·1 = 100
        candidate('b', 5, [0, 0, 0, 0, 10], 5, 0), //   0.5·1 + 0.2·0.5 + 0 = 60
        candidate('c', 5, [0, 0, 0, 0, 20], 5, 0), //   60 too, more ratings: before b
        candidate('d', 50, [0, 0, 0, 0, 9], 50, 50), // 9 ratings: below the minimum of 10
      ],
      DEFAULT_RANKING,
    );
    expect(result.entries.map((e) => [e.key, e.rank, e.score])).toEqual([['a', 1, 100], ['c', 2, 60], ['b', 3, 60]]);
    expect(result.unranked).toBe(1);
  });
});

describe('reading stored arrays', () => {
  it('reads PostgreSQL array text back exactly', () => {
    expect(ints('{}')).toEqual([]);
    expect(ints('{7}')).toEqual([7]);
    expect(ints('{0,12,360,-3}')).toEqual([0, 12, 360, -3]);
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (xs) => void expect(ints(`{${xs.join(',')}}`)).toEqual(xs)));
  });
});

describe('migration 3', () => {
  it('converts histograms rolled up as int[] (migration 2) into bytea pairs, readable as before', async () => {
    const db = await createTestDatabase('hallq_report_migration');
    const pool = openPool(db.url, 2);
    try {
      await migrateCentre(pool, CENTRE_MIGRATIONS.filter((m) => m.version <= 2));
      await pool.query(`INSERT INTO halls (code, name, level) VALUES ('330106-001', 'h', 'district')`);
      await pool.query(
        `INSERT INTO report_days (hall_code, day, dim, key, issued, served, no_shows, waits, wait_sum_ms, wait_within, wait_b, wait_n, services, service_sum_ms, service_b, service_n, levels)
         VALUES ('330106-001', '2026-03-02', 'hall', '', 3, 2, 1, 3, 100, 2, '{2,7,38}', '{1,5,2}', 2, 50, '{}', '{}', '{0,0,1,0,2}')`,
      );
      // Migration 3 converts the rolled-up rows; later ones (province forwarding …) come after it.
      expect(await migrateCentre(pool)).toEqual(CENTRE_MIGRATIONS.filter((m) => m.version >= 3).map((m) => m.version));
      const [row] = await new ReportsRepo(pool).sourceRows('hall', ['330106-001'], [], [{ from: '2026-03-02', to: '2026-03-02' }]);
      const sums = addStored(emptySums(), row as NonNullable<typeof row>);
      expect([sums.wait[2], sums.wait[7], sums.wait[38], sums.service.every((n) => n === 0), sums.levels]).toEqual([1, 5, 2, true, [0, 0, 1, 0, 2]]);
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});
