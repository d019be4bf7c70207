/**
 * The SQL of the cross-hall reports: rolling changed hall-days up into `report_days` and their months into
 * `report_months` (schema and change marks: reports-schema.ts), and reading a range back as the rows of one
 * dimension over whole months plus edge days (app/reports.ts merges them, domain/report-figures.ts reads
 * the percentiles). No report query reads tickets; only the rollup does, one hall-day at a time.
 */
import type { Pool, PoolClient } from './pool';
import { bucketSql, type StoredSums } from '../domain/report-figures';
import type { ReportGrouping } from '../../protocol/centre-reports';

const LOCK_KEY = 'hallq_centre_report_rollup';
/**
 * For the rollup's statements only: JIT compiling costs 50–200 ms on statements the planner thinks big,
 * more than they take to run; the months' histogram merge hashes tens of thousands of rows.
 */
const QUERY_SETTINGS = "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'";
const FIGURE_COLUMNS = 'issued, served, no_shows, waits, wait_sum_ms, wait_within, wait_b, wait_n, services, service_sum_ms, service_b, service_n, levels';

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

/** '{1,2,3}' → [1, 2, 3]: arrays come as text, which splits faster than the driver's array parser reads them. */
function ints(text: string): number[] {
  return text.length <= 2 ? [] : text.slice(1, -1).split(',').map(Number);
}

/**
 * The summed figures and merged histograms of `src`, grouped by `group` (CTEs `sums`, `wait_h`, `service_h`).
 * The two arrays are unnested side by side in the select list (a ProjectSet, zipped in step): unnest(a, b)
 * in FROM fills a tuplestore per row and was three times slower.
 */
function rollupSelect(src: string, group: string): string {
  const hist = (b: string, n: string): string => `
    SELECT ${group}, array_agg(b ORDER BY b) AS bs, array_agg(n ORDER BY b) AS ns
      FROM (SELECT ${group}, b, sum(n)::int AS n FROM (SELECT ${group}, unnest(${b}) AS b, unnest(${n}) AS n FROM ${src}) s GROUP BY ${group}, b) x
     GROUP BY ${group}`;
  return `
    sums AS (
      SELECT ${group}, sum(issued)::int AS issued, sum(served)::int AS served, sum(no_shows)::int AS no_shows, sum(waits)::int AS waits,
             sum(wait_sum_ms)::bigint AS wait_sum_ms, sum(wait_within)::int AS wait_within, sum(services)::int AS services,
             sum(service_sum_ms)::bigint AS service_sum_ms,
             ARRAY[sum(levels[1]), sum(levels[2]), sum(levels[3]), sum(levels[4]), sum(levels[5])]::int[] AS levels
        FROM ${src} GROUP BY ${group}
    ),
    wait_h AS (${hist('wait_b', 'wait_n')}),
    service_h AS (${hist('service_b', 'service_n')})`;
}

const ROLLED_COLUMNS = `s.issued, s.served, s.no_shows, s.waits, s.wait_sum_ms, s.wait_within, coalesce(w.bs, '{}'), coalesce(w.ns, '{}'),
  s.services, s.service_sum_ms, coalesce(h.bs, '{}'), coalesce(h.ns, '{}'), s.levels`;

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
      SELECT hall_code, day, dim, key, array_agg(b ORDER BY b) AS bs, array_agg(n ORDER BY b) AS ns
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
              coalesce(c.wait_within, 0), coalesce(w.bs, '{}'), coalesce(w.ns, '{}'), coalesce(c.services, 0), coalesce(c.service_sum_ms, 0),
              coalesce(h.bs, '{}'), coalesce(h.ns, '{}'), coalesce(lv.levels, '{0,0,0,0,0}')
         FROM keys k
         LEFT JOIN counts c USING (hall_code, day, dim, key)
         LEFT JOIN wait_h w USING (hall_code, day, dim, key)
         LEFT JOIN service_h h USING (hall_code, day, dim, key)
         LEFT JOIN levels lv USING (hall_code, day, dim, key)`,
      [halls, days],
    );
  }

  private async rollMonths(client: PoolClient, halls: string[], months: string[]): Promise<void> {
    await client.query(`DELETE FROM report_months m USING unnest($1::text[], $2::date[]) AS t(hall_code, month) WHERE m.hall_code = t.hall_code AND m.month = t.month`, [halls, months]);
    const group = 'hall_code, month, dim, key';
    await client.query(
      `WITH target AS (SELECT DISTINCT t.hall_code, t.month FROM unnest($1::text[], $2::date[]) AS t(hall_code, month)),
       src AS (
         SELECT t.month, d.* FROM target t
           JOIN report_days d ON d.hall_code = t.hall_code AND d.day >= t.month AND d.day < (t.month + interval '1 month')::date
       ),
       ${rollupSelect('src', group)}
       INSERT INTO report_months (hall_code, month, dim, key, ${FIGURE_COLUMNS})
       SELECT s.hall_code, s.month, s.dim, s.key, ${ROLLED_COLUMNS}
         FROM sums s LEFT JOIN wait_h w USING (${group}) LEFT JOIN service_h h USING (${group})`,
      [halls, months],
    );
  }

  /**
   * The rollup rows of one dimension over whole months plus runs of days, for the given halls only. The
   * report merges them itself (app/reports.ts): a year of a city by window is ~7,000 rows, which add up
   * in a few milliseconds in TypeScript where merging their histograms in SQL took most of a second.
   */
  async sourceRows(by: ReportGrouping, halls: readonly string[], months: readonly string[], dayRuns: readonly { from: string; to: string }[]): Promise<SourceRow[]> {
    const columns = (t: string): string =>
      `${t}.hall_code, ${t}.key, ${t}.issued, ${t}.served, ${t}.no_shows, ${t}.waits, ${t}.wait_sum_ms, ${t}.wait_within, ${t}.services, ${t}.service_sum_ms,
       ${t}.levels::text AS levels, ${t}.wait_b::text AS wait_b, ${t}.wait_n::text AS wait_n, ${t}.service_b::text AS service_b, ${t}.service_n::text AS service_n`;
    const { rows } = await this.pool.query<{
      hall_code: string; key: string; issued: number; served: number; no_shows: number; waits: number; wait_sum_ms: number; wait_within: number;
      services: number; service_sum_ms: number; levels: string; wait_b: string; wait_n: string; service_b: string; service_n: string;
    }>(
      `SELECT ${columns('m')} FROM report_months m WHERE m.hall_code = ANY($1::text[]) AND m.month = ANY($2::date[]) AND m.dim = $3
       UNION ALL
       SELECT ${columns('d')} FROM report_days d JOIN unnest($4::date[], $5::date[]) AS r(a, b) ON d.day BETWEEN r.a AND r.b
        WHERE d.hall_code = ANY($1::text[]) AND d.dim = $3`,
      [halls, months, DIM_OF[by], dayRuns.map((r) => r.from), dayRuns.map((r) => r.to)],
    );
    return rows.map((r) => ({
      hallCode: r.hall_code, key: r.key, issued: r.issued, served: r.served, noShows: r.no_shows, waits: r.waits, waitSumMs: r.wait_sum_ms,
      waitWithin: r.wait_within, services: r.services, serviceSumMs: r.service_sum_ms, levels: ints(r.levels),
      waitB: ints(r.wait_b), waitN: ints(r.wait_n), serviceB: ints(r.service_b), serviceN: ints(r.service_n),
    }));
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
