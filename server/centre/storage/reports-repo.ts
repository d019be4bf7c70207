/**
 * The SQL of the cross-hall reports: rolling changed hall-days up into `report_days` and their months into
 * `report_months` (schema and change marks: reports-schema.ts), and reading a range back as the rows of one
 * dimension over whole months plus edge days (app/reports.ts merges them, domain/report-figures.ts reads
 * the percentiles). No report query reads tickets; only the rollup does, one hall-day at a time.
 */
import type { Pool, PoolClient } from './pool';
import { addStored, bucketSql, emptySums, encodeHistogram, HISTOGRAM_PAIR_SQL, type GroupSums, type StoredSums } from '../domain/report-figures';
import type { ReportGrouping } from '../../protocol/centre-reports';

const LOCK_KEY = 'hallq_centre_report_rollup';
/** For the rollup's statements: JIT compiling costs 50–200 ms on statements the planner thinks big, more than they take to run. */
const QUERY_SETTINGS = "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'";
const FIGURE_COLUMNS = 'issued, served, no_shows, waits, wait_sum_ms, wait_within, wait_h, services, service_sum_ms, service_h, levels';

/** The rollup's dimensions (one row per hall, day, dimension and key) and which a grouping reads. */
const DIM_OF: Record<ReportGrouping, 'hall' | 'service' | 'window' | 'clerk'> = { hall: 'hall', category: 'service', window: 'window', clerk: 'clerk' };

/** The four groupings of one pass over a hall-day's rows, named by GROUPING() (0 = the column is grouped). */
const SETS = (extra: string): string =>
  `GROUPING SETS ((hall_code, day${extra}), (hall_code, day, service_id${extra}), (hall_code, day, window_id${extra}), (hall_code, day, clerk${extra}))`;
const DIM_EXPR = `CASE WHEN GROUPING(service_id) = 0 THEN 'service' WHEN GROUPING(window_id) = 0 THEN 'window' WHEN GROUPING(clerk) = 0 THEN 'clerk' ELSE 'hall' END`;
const KEY_EXPR = `CASE WHEN GROUPING(service_id) = 0 THEN service_id WHEN GROUPING(window_id) = 0 THEN window_id WHEN GROUPING(clerk) = 0 THEN clerk ELSE '' END`;

/** A hall as the report labels it: name, zone and its profile's services (category, limit) and windows. */
export interface ReportHall {
  readonly code: string;
  readonly name: string;
  readonly timeZone?: string;
  readonly services: readonly { readonly id: string; readonly name?: string; readonly category?: string }[];
  readonly windows: readonly { readonly id: string; readonly number?: number; readonly name?: string }[];
}

/** One stored rollup row of a report's range: a hall-month or hall-day of one key. */
export interface SourceRow extends StoredSums {
  readonly hallCode: string;
  readonly key: string;
}

/** '{1,2,3}' → [1, 2, 3] (the rating levels; five numbers a row, read without the driver's slower array parser). */
export function ints(text: string): number[] {
  const out: number[] = [];
  let n = 0;
  let hasDigits = false;
  let isNegative = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      hasDigits = true;
    } else if (c === 45) isNegative = true;
    else {
      if (hasDigits) out.push(isNegative ? -n : n);
      n = 0;
      hasDigits = false;
      isNegative = false;
    }
  }
  return out;
}

/** A stored row as the driver hands it over (bigint sums as numbers, bytea as Buffer, levels as text). */
interface StoredSqlRow {
  hall_code: string; key: string; issued: number; served: number; no_shows: number; waits: number; wait_sum_ms: number; wait_within: number;
  services: number; service_sum_ms: number; levels: string; wait_h: Uint8Array; service_h: Uint8Array;
}

const STORED_COLUMNS = (t: string): string =>
  `${t}.hall_code, ${t}.key, ${t}.issued, ${t}.served, ${t}.no_shows, ${t}.waits, ${t}.wait_sum_ms, ${t}.wait_within, ${t}.services, ${t}.service_sum_ms,
   ${t}.levels::text AS levels, ${t}.wait_h, ${t}.service_h`;

function storedOf(r: StoredSqlRow): SourceRow {
  return {
    hallCode: r.hall_code, key: r.key, issued: r.issued, served: r.served, noShows: r.no_shows, waits: r.waits, waitSumMs: r.wait_sum_ms,
    waitWithin: r.wait_within, services: r.services, serviceSumMs: r.service_sum_ms, levels: ints(r.levels), waitH: r.wait_h, serviceH: r.service_h,
  };
}

export class ReportsRepo {
  constructor(private readonly pool: Pool) {}

  /** Rolls up to `limit` changed hall-days (and their months) in one transaction; answers how many. */
  async rollUpChanged(limit: number, now: number): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One rollup at a time across processes (two would write the same months); a second waits its turn,
      // so whoever asked for a rollup gets one that has caught up.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
      await client.query(QUERY_SETTINGS);
      // SKIP LOCKED: a day whose batch is still open stays marked for the next run (see reports-schema.ts).
      const { rows } = await client.query<{ hall_code: string; day: string }>(
        `DELETE FROM report_dirty WHERE (hall_code, day) IN (
           SELECT hall_code, day FROM report_dirty ORDER BY hall_code, day LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING hall_code, day`,
        [limit],
      );
      if (rows.length > 0) {
        await this.rollDays(client, rows.map((r) => r.hall_code), rows.map((r) => r.day));
        const months = new Map(rows.map((r) => [`${r.hall_code}|${r.day.slice(0, 7)}`, { hall: r.hall_code, month: `${r.day.slice(0, 7)}-01` }]));
        await this.rollMonths(client, [...months.values()].map((m) => m.hall), [...months.values()].map((m) => m.month));
      }
      await client.query(
        `INSERT INTO report_state (is_single, refreshed_at) VALUES (true, timestamptz 'epoch' + $1::bigint * interval '1 millisecond')
         ON CONFLICT (is_single) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at`,
        [now],
      );
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async rollDays(client: PoolClient, halls: string[], days: string[]): Promise<void> {
    await client.query(`DELETE FROM report_days d USING unnest($1::text[], $2::date[]) AS t(hall_code, day) WHERE d.hall_code = t.hall_code AND d.day = t.day`, [halls, days]);
    const histogram = (column: string): string => `
      SELECT hall_code, day, dim, key, string_agg(${HISTOGRAM_PAIR_SQL('b', 'n')}, ''::bytea ORDER BY b) AS hist
        FROM (SELECT hall_code, day, ${DIM_EXPR} AS dim, ${KEY_EXPR} AS key, b, count(*)::int AS n
                FROM (SELECT seg.*, ${bucketSql(column)} AS b FROM seg WHERE ${column} IS NOT NULL) x
               GROUP BY ${SETS(', b')}) y
       GROUP BY 1, 2, 3, 4`;
    await client.query(
      `WITH target AS (SELECT DISTINCT t.hall_code, t.day FROM unnest($1::text[], $2::date[]) AS t(hall_code, day)),
       zone AS MATERIALIZED (
         SELECT t.hall_code, t.day, t.day::timestamp AT TIME ZONE report_zone(h.time_zone) AS day_start,
                (t.day + 1)::timestamp AT TIME ZONE report_zone(h.time_zone) AS day_end
           FROM target t JOIN halls h ON h.code = t.hall_code
       ),
       limits AS (
         SELECT h.code AS hall_code, s ->> 'id' AS service_id, (s ->> 'waitLimitMinutes')::bigint * 60000 AS limit_ms
           FROM halls h CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(h.profile -> 'services') = 'array' THEN h.profile -> 'services' ELSE '[]'::jsonb END) s
          WHERE h.code IN (SELECT hall_code FROM target) AND jsonb_typeof(s -> 'waitLimitMinutes') = 'number'
       ),
       seg AS (
         SELECT k.hall_code, k.day, k.service_id, coalesce(k.window_id, '') AS window_id, coalesce(k.clerk, '') AS clerk,
                k.arrived_at >= k.issued_at AS is_arrival, k.status, k.wait_ms, k.service_ms, coalesce(l.limit_ms, 3600000) AS limit_ms
           FROM target t
           -- LATERAL (OFFSET 0 keeps it from being flattened into a join): one index range per hall-day in its
           -- own partition, never a scan of whole months.
           CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.hall_code = t.hall_code AND x.day = t.day OFFSET 0) k
           LEFT JOIN limits l ON l.hall_code = k.hall_code AND l.service_id = k.service_id
       ),
       counts AS (
         SELECT hall_code, day, ${DIM_EXPR} AS dim, ${KEY_EXPR} AS key,
                count(*) FILTER (WHERE is_arrival)::int AS issued, count(*) FILTER (WHERE status = 'done')::int AS served,
                count(*) FILTER (WHERE status = 'no-show')::int AS no_shows, count(wait_ms)::int AS waits, coalesce(sum(wait_ms), 0)::bigint AS wait_sum_ms,
                count(*) FILTER (WHERE wait_ms <= limit_ms)::int AS wait_within, count(service_ms)::int AS services,
                coalesce(sum(service_ms), 0)::bigint AS service_sum_ms
           FROM seg GROUP BY ${SETS('')}
       ),
       wait_h AS (${histogram('wait_ms')}),
       service_h AS (${histogram('service_ms')}),
       rated AS (
         SELECT z.hall_code, z.day, r.service_id, r.window_id, coalesce(r.clerk, '') AS clerk, r.score
           FROM zone z
           -- The visit's finish (its hall-local day) through ratings_by_visit_time; rated_at bounds prune the months.
           CROSS JOIN LATERAL (
             SELECT x.* FROM ratings x
              WHERE x.hall_code = z.hall_code AND coalesce(x.finished_at, x.rated_at) >= z.day_start AND coalesce(x.finished_at, x.rated_at) < z.day_end
                AND x.rated_at >= z.day_start - interval '1 day' AND x.rated_at < z.day_end + interval '31 days'
             OFFSET 0
           ) r
          WHERE NOT EXISTS (SELECT 1 FROM followups f WHERE f.hall_code = r.hall_code AND f.rating_id = r.rating_id AND f.appeal_status = 'accepted')
       ),
       levels AS (
         SELECT hall_code, day, ${DIM_EXPR} AS dim, ${KEY_EXPR} AS key,
                ARRAY[count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2), count(*) FILTER (WHERE score = 3),
                      count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5)]::int[] AS levels
           FROM rated GROUP BY ${SETS('')}
       ),
       keys AS (SELECT hall_code, day, dim, key FROM counts UNION SELECT hall_code, day, dim, key FROM levels)
       INSERT INTO report_days (hall_code, day, dim, key, ${FIGURE_COLUMNS})
       SELECT k.hall_code, k.day, k.dim, k.key,
              coalesce(c.issued, 0), coalesce(c.served, 0), coalesce(c.no_shows, 0), coalesce(c.waits, 0), coalesce(c.wait_sum_ms, 0),
              coalesce(c.wait_within, 0), coalesce(w.hist, ''::bytea), coalesce(c.services, 0), coalesce(c.service_sum_ms, 0),
              coalesce(h.hist, ''::bytea), coalesce(lv.levels, '{0,0,0,0,0}')
         FROM keys k
         LEFT JOIN counts c USING (hall_code, day, dim, key)
         LEFT JOIN wait_h w USING (hall_code, day, dim, key)
         LEFT JOIN service_h h USING (hall_code, day, dim, key)
         LEFT JOIN levels lv USING (hall_code, day, dim, key)`,
      [halls, days],
    );
  }

  /** The months of the rolled days, summed again from all their days (merged here: see HISTOGRAM_PAIR_SQL). */
  private async rollMonths(client: PoolClient, halls: string[], months: string[]): Promise<void> {
    const { rows } = await client.query<StoredSqlRow & { month: string; dim: string }>(
      `SELECT t.month::text AS month, d.dim, ${STORED_COLUMNS('d')}
         FROM unnest($1::text[], $2::date[]) AS t(hall_code, month)
         JOIN report_days d ON d.hall_code = t.hall_code AND d.day >= t.month AND d.day < (t.month + interval '1 month')::date`,
      [halls, months],
    );
    const sums = new Map<string, { hall: string; month: string; dim: string; key: string; sums: GroupSums }>();
    for (const r of rows) {
      const id = `${r.hall_code}|${r.month}|${r.dim}|${r.key}`;
      let month = sums.get(id);
      if (!month) sums.set(id, (month = { hall: r.hall_code, month: r.month, dim: r.dim, key: r.key, sums: emptySums() }));
      addStored(month.sums, storedOf(r));
    }
    await client.query(`DELETE FROM report_months m USING unnest($1::text[], $2::date[]) AS t(hall_code, month) WHERE m.hall_code = t.hall_code AND m.month = t.month`, [halls, months]);
    const all = [...sums.values()];
    if (all.length === 0) return;
    const column = <T>(pick: (s: GroupSums) => T): T[] => all.map((m) => pick(m.sums));
    await client.query(
      `INSERT INTO report_months (hall_code, month, dim, key, ${FIGURE_COLUMNS})
       SELECT h, m, d, k, i, s, x, w, wm, ww, wh, v, vm, vh, ARRAY[l1, l2, l3, l4, l5]
         FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::bigint[], $10::int[], $11::bytea[],
                     $12::int[], $13::bigint[], $14::bytea[], $15::int[], $16::int[], $17::int[], $18::int[], $19::int[])
              AS r(h, m, d, k, i, s, x, w, wm, ww, wh, v, vm, vh, l1, l2, l3, l4, l5)`,
      [
        all.map((m) => m.hall), all.map((m) => m.month), all.map((m) => m.dim), all.map((m) => m.key),
        column((x) => x.issued), column((x) => x.served), column((x) => x.noShows), column((x) => x.waits), column((x) => x.waitSumMs),
        column((x) => x.waitWithin), column((x) => encodeHistogram(x.wait)), column((x) => x.services), column((x) => x.serviceSumMs),
        column((x) => encodeHistogram(x.service)), ...[0, 1, 2, 3, 4].map((i) => column((x) => x.levels[i])),
      ],
    );
  }

  /**
   * The rollup rows of one dimension over whole months plus runs of days, for the given halls only. The
   * report merges them itself (app/reports.ts): a year of a city by clerk is ~10,000 rows, which add up in
   * a few milliseconds in TypeScript where merging their histograms in SQL took most of a second.
   */
  async sourceRows(by: ReportGrouping, halls: readonly string[], months: readonly string[], dayRuns: readonly { from: string; to: string }[]): Promise<SourceRow[]> {
    const { rows } = await this.pool.query<StoredSqlRow>(
      `SELECT ${STORED_COLUMNS('m')} FROM report_months m WHERE m.hall_code = ANY($1::text[]) AND m.month = ANY($2::date[]) AND m.dim = $3
       UNION ALL
       SELECT ${STORED_COLUMNS('d')} FROM report_days d JOIN unnest($4::date[], $5::date[]) AS r(a, b) ON d.day BETWEEN r.a AND r.b
        WHERE d.hall_code = ANY($1::text[]) AND d.dim = $3`,
      [halls, months, DIM_OF[by], dayRuns.map((r) => r.from), dayRuns.map((r) => r.to)],
    );
    return rows.map(storedOf);
  }

  /** Registered halls (all, or those of `codes`) with what the report labels rows with. */
  async halls(codes?: readonly string[]): Promise<ReportHall[]> {
    const { rows } = await this.pool.query<{ code: string; name: string; time_zone: string | null; services: unknown; windows: unknown }>(
      `SELECT code, name, time_zone, profile -> 'services' AS services, profile -> 'windows' AS windows
         FROM halls WHERE is_registered ${codes ? 'AND code = ANY($1::text[])' : ''} ORDER BY code`,
      codes ? [codes] : [],
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      timeZone: r.time_zone ?? undefined,
      services: Array.isArray(r.services) ? (r.services as ReportHall['services']) : [],
      windows: Array.isArray(r.windows) ? (r.windows as ReportHall['windows']) : [],
    }));
  }

  /** When the rollup last ran, and how many hall-days of the range (for these halls) changed since. */
  async freshness(halls: readonly string[], from: string, to: string): Promise<{ asOf?: number; pendingDays: number }> {
    const { rows } = await this.pool.query<{ refreshed_at: number | null; pending: number }>(
      `SELECT (SELECT refreshed_at FROM report_state) AS refreshed_at,
              (SELECT count(*) FROM report_dirty WHERE hall_code = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date)::int AS pending`,
      [halls, from, to],
    );
    return { asOf: rows[0]?.refreshed_at ?? undefined, pendingDays: rows[0]?.pending ?? 0 };
  }
}
