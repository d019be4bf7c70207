/**
 * Migrations 2 and 3 of the centre (listed in migrations.ts): the rollup the cross-hall reports read.
 *
 * - `report_days`: per hall and hall-local day, one row per dimension and key — the hall as a whole
 *   (`hall`, key ''), each service (`service`; categories are summed from services at query time, since
 *   a ticket has one service), each window (`window`) and each clerk (`clerk`) — with counts, sums, wait
 *   and service histograms (sparse: bucket numbers and counts, domain/report-figures.ts) and rating counts
 *   by level. A report by clerk reads only clerk rows: a hall's row count per day is its windows + clerks
 *   + services + 1, not their product.
 * - `report_months`: the same per calendar month, so a year is twelve rows per key instead of 365.
 * - `report_dirty`: the hall-days whose source rows changed since they were last rolled up. Statement
 *   triggers fill it from tickets, ratings and accepted appeals, whoever writes them (ingest, a bulk load,
 *   a repair), at the cost of one small INSERT per statement; the rollup refresh (reports-repo.ts) drains it.
 *   The trigger upserts (not DO NOTHING) so that it holds the row's lock until its transaction commits: a
 *   refresh skips locked rows and so never rolls up a day while a batch that changes it is still open.
 *
 * A hall's zone comes from its profile; before its first profile (its very first batch) a rating's day is
 * not known for sure, so the days either side are marked too. An unknown zone name counts as Asia/Shanghai
 * (the hall's default) instead of failing the hall's batch.
 */
export const REPORTS_MIGRATION = {
  version: 2,
  name: 'report rollups (per hall-day and hall-month) with change marks',
  sql: `
CREATE FUNCTION report_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF tz IS NULL THEN RETURN 'Asia/Shanghai'; END IF;
  PERFORM now() AT TIME ZONE tz;
  RETURN tz;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN 'Asia/Shanghai';
END $$;

CREATE TABLE report_dirty (
  hall_code text NOT NULL,
  day date NOT NULL,
  marked_at timestamptz NOT NULL,
  PRIMARY KEY (hall_code, day)
);

CREATE TABLE report_days (
  hall_code text NOT NULL,
  day date NOT NULL,
  dim text NOT NULL CHECK (dim IN ('hall', 'service', 'window', 'clerk')),
  key text NOT NULL,
  issued integer NOT NULL,
  served integer NOT NULL,
  no_shows integer NOT NULL,
  waits integer NOT NULL,
  wait_sum_ms bigint NOT NULL,
  wait_within integer NOT NULL,
  wait_b smallint[] NOT NULL,
  wait_n integer[] NOT NULL,
  services integer NOT NULL,
  service_sum_ms bigint NOT NULL,
  service_b smallint[] NOT NULL,
  service_n integer[] NOT NULL,
  levels integer[] NOT NULL,
  PRIMARY KEY (hall_code, day, dim, key)
);
CREATE TABLE report_months (LIKE report_days);
ALTER TABLE report_months RENAME COLUMN day TO month;
ALTER TABLE report_months ADD PRIMARY KEY (hall_code, month, dim, key);

CREATE TABLE report_state (
  is_single boolean PRIMARY KEY DEFAULT true CHECK (is_single),
  refreshed_at timestamptz NOT NULL
);

CREATE INDEX ratings_by_visit_time ON ratings (hall_code, (coalesce(finished_at, rated_at)));
CREATE INDEX followups_accepted_appeals ON followups (hall_code, rating_id) WHERE appeal_status = 'accepted';

CREATE FUNCTION report_mark_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (hall_code, day, marked_at)
  SELECT d.hall_code, d.day, now() FROM (SELECT DISTINCT n.hall_code, n.day FROM report_new n) d
  ON CONFLICT (hall_code, day) DO UPDATE SET marked_at = EXCLUDED.marked_at;
  RETURN NULL;
END $$;
CREATE TRIGGER report_tickets_inserted AFTER INSERT ON tickets REFERENCING NEW TABLE AS report_new FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
CREATE TRIGGER report_tickets_updated AFTER UPDATE ON tickets REFERENCING NEW TABLE AS report_new FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();

CREATE FUNCTION report_mark_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (hall_code, day, marked_at)
  SELECT DISTINCT m.hall_code, m.day, now() FROM (
    SELECT n.hall_code, ((coalesce(n.finished_at, n.rated_at) AT TIME ZONE z.tz)::date + s.shift) AS day
      FROM report_new n
      JOIN (SELECT h.code, report_zone(h.time_zone) AS tz, h.time_zone IS NULL AS is_unknown
              FROM halls h WHERE h.code IN (SELECT DISTINCT hall_code FROM report_new)) z ON z.code = n.hall_code
      JOIN (VALUES (0, false), (-1, true), (1, true)) AS s(shift, when_unknown) ON s.shift = 0 OR (s.when_unknown AND z.is_unknown)
  ) m
  ON CONFLICT (hall_code, day) DO UPDATE SET marked_at = EXCLUDED.marked_at;
  RETURN NULL;
END $$;
CREATE TRIGGER report_ratings_inserted AFTER INSERT ON ratings REFERENCING NEW TABLE AS report_new FOR EACH STATEMENT EXECUTE FUNCTION report_mark_ratings();

CREATE FUNCTION report_mark_appeals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (hall_code, day, marked_at)
  SELECT DISTINCT r.hall_code, (coalesce(r.finished_at, r.rated_at) AT TIME ZONE report_zone(h.time_zone))::date, now()
    FROM report_new n
    JOIN ratings r ON r.hall_code = n.hall_code AND r.rating_id = n.rating_id
     AND r.rated_at BETWEEN n.rated_at - interval '1 day' AND n.rated_at + interval '1 day'
    JOIN halls h ON h.code = r.hall_code
   WHERE n.appeal_status = 'accepted'
  ON CONFLICT (hall_code, day) DO UPDATE SET marked_at = EXCLUDED.marked_at;
  RETURN NULL;
END $$;
CREATE TRIGGER report_appeals_inserted AFTER INSERT ON followups REFERENCING NEW TABLE AS report_new FOR EACH STATEMENT EXECUTE FUNCTION report_mark_appeals();
CREATE TRIGGER report_appeals_updated AFTER UPDATE ON followups REFERENCING NEW TABLE AS report_new FOR EACH STATEMENT EXECUTE FUNCTION report_mark_appeals();

-- A database that already holds halls' history: everything is rolled up on the first refresh.
INSERT INTO report_dirty (hall_code, day, marked_at) SELECT DISTINCT hall_code, day, now() FROM tickets ON CONFLICT DO NOTHING;
`,
} as const;

/**
 * Migration 3: the histograms as bytea — (bucket int16, count int32) pairs, big-endian, by bucket
 * (domain/report-figures.ts, HISTOGRAM_PAIR_SQL) — instead of two int[] columns each. A year of a city by
 * clerk is a million bucket counts; PostgreSQL's array output and reading it back cost about five times the
 * query itself. Rows rolled up under migration 2 are converted in place.
 */
export const REPORTS_BYTEA_MIGRATION = {
  version: 3,
  name: 'report histograms as bytea pairs',
  sql: ['report_days', 'report_months']
    .map(
      (table) => `
ALTER TABLE ${table} ADD COLUMN wait_h bytea, ADD COLUMN service_h bytea;
UPDATE ${table} SET
  wait_h = (SELECT coalesce(string_agg(int2send(u.b) || int4send(u.n), ''::bytea ORDER BY u.b), ''::bytea) FROM unnest(wait_b, wait_n) AS u(b, n)),
  service_h = (SELECT coalesce(string_agg(int2send(u.b) || int4send(u.n), ''::bytea ORDER BY u.b), ''::bytea) FROM unnest(service_b, service_n) AS u(b, n));
ALTER TABLE ${table} DROP COLUMN wait_b, DROP COLUMN wait_n, DROP COLUMN service_b, DROP COLUMN service_n,
  ALTER COLUMN wait_h SET NOT NULL, ALTER COLUMN service_h SET NOT NULL;`,
    )
    .join('\n'),
} as const;

/**
 * Migration 6: the rating trigger names each hall's zone once per statement. `report_zone` checks a zone
 * name inside an exception block, which is a subtransaction per call; written inline, the planner called it
 * for every rating and each of its day shifts (three per rating): 11–18 ms of a 1,000-fact batch's 60 ms
 * write, measured with auto_explain. A MATERIALIZED CTE evaluates it once per hall in the batch.
 */
export const REPORTS_ZONE_ONCE_MIGRATION = {
  version: 6,
  name: 'rating marks: the hall zone once per statement',
  sql: `
CREATE OR REPLACE FUNCTION report_mark_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH z AS MATERIALIZED (
    SELECT h.code, report_zone(h.time_zone) AS tz, h.time_zone IS NULL AS is_unknown
      FROM halls h WHERE h.code IN (SELECT DISTINCT hall_code FROM report_new)
  )
  INSERT INTO report_dirty (hall_code, day, marked_at)
  SELECT DISTINCT m.hall_code, m.day, now() FROM (
    SELECT n.hall_code, ((coalesce(n.finished_at, n.rated_at) AT TIME ZONE z.tz)::date + s.shift) AS day
      FROM report_new n
      JOIN z ON z.code = n.hall_code
      JOIN (VALUES (0, false), (-1, true), (1, true)) AS s(shift, when_unknown) ON s.shift = 0 OR (s.when_unknown AND z.is_unknown)
  ) m
  ON CONFLICT (hall_code, day) DO UPDATE SET marked_at = EXCLUDED.marked_at;
  RETURN NULL;
END $$;
`,
} as const;
