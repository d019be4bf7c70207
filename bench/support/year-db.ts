/**
 * A year of tickets for the start-up figure: the simulated busy day's tickets, calls, ratings and audit
 * events copied onto the working days before today (ids suffixed, days and times shifted, sequence
 * numbers kept increasing), into a fresh, migrated hall database.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../server/storage/db';

const DAY_MS = 86_400_000;
const COPIED = ['tickets', 'calls', 'ratings', 'events'] as const;
const ID_COLUMNS = new Set(['id', 'ticket_id', 'previous_id', 'track_token']);

/** The expression that copies `column` of `table` onto another day (:suffix, :shift, :dayShift, :seqOffset). */
function copyExpression(table: string, column: string, type: string): string {
  if (ID_COLUMNS.has(column)) return `${column} || :suffix`;
  if (column === 'day') return `date(day, :dayShift)`;
  if (column === 'seq' && (table === 'events' || table === 'calls')) return `seq + :seqOffset`;
  if (type.toUpperCase() === 'INTEGER' && (column === 'at' || column.endsWith('_at') || column === 'parked_until')) return `${column} + :shift`;
  return column;
}

/** Working days (Mon–Fri) before `today`, oldest first. */
function workingDaysBefore(today: number, count: number): number[] {
  const days: number[] = [];
  for (let back = 1; days.length < count; back++) {
    const at = today - back * DAY_MS;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(at);
  }
  return days.reverse();
}

export interface YearDb {
  readonly tickets: number;
  readonly bytes: number;
}

export function buildYearDb(sourceDir: string, targetDir: string, days: number): YearDb {
  const file = join(targetDir, 'hallq.db');
  openDatabase(file).close();
  const db = new Database(file);
  // A fixture, not the hub: build fast, then leave a normal WAL database behind.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(`ATTACH DATABASE '${join(sourceDir, 'hallq.db').replaceAll("'", "''")}' AS src`);
  const source = db.prepare<[], { day: string; first: number }>('SELECT day, MIN(issued_at) AS first FROM src.tickets GROUP BY day ORDER BY day DESC LIMIT 1').get();
  if (!source) throw new Error('the busy day has no tickets to copy');
  const maxSeq = (db.prepare('SELECT MAX(seq) AS n FROM src.events').get() as { n: number }).n;
  const statements = COPIED.map((table) => {
    const columns = db.prepare<[], { name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${table}', 'src')`).all();
    const names = columns.map((c) => c.name).join(', ');
    const values = columns.map((c) => copyExpression(table, c.name, c.type)).join(', ');
    return db.prepare(`INSERT INTO main.${table} (${names}) SELECT ${values} FROM src.${table}`);
  });
  const sourceDay = Date.parse(`${source.day}T00:00:00Z`);
  const targets = workingDaysBefore(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`), days);
  db.transaction(() => {
    for (const [k, target] of targets.entries()) {
      const shiftDays = Math.round((target - sourceDay) / DAY_MS);
      const params = { suffix: `~${k}`, shift: shiftDays * DAY_MS, dayShift: `${shiftDays >= 0 ? '+' : ''}${shiftDays} days`, seqOffset: k * (maxSeq + 1) };
      for (const statement of statements) statement.run(params);
    }
  })();
  const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  db.exec('DETACH DATABASE src');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = (db.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }).n;
  db.close();
  return { tickets, bytes };
}

export interface YearRatings {
  readonly ratings: number;
  readonly followups: number;
}

/**
 * Ratings for the reports figure (the busy day has none): about 60 % of the year's served tickets rated
 * at the window pad a minute after finishing, levels spread 70/15/8/4/3 % (5…1), chosen from the row id so
 * every run rates the same tickets. Every 差评 gets a closed follow-up (as the hub would have opened, so its
 * start-up sweep finds nothing to do), one in ten of them with an accepted appeal.
 */
export function addYearRatings(targetDir: string): YearRatings {
  const db = new Database(join(targetDir, 'hallq.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const pick = '((t.rowid * 2654435761) % 100)';
  db.transaction(() => {
    db.exec(`
      INSERT INTO ratings (id, ticket_id, service_id, window_id, staff_id, score, tags, comment, channel, finished_at, rated_at)
      SELECT 'r' || t.id, t.id, t.service_id, t.window_id, t.staff_id,
             CASE WHEN ${pick} < 70 THEN 5 WHEN ${pick} < 85 THEN 4 WHEN ${pick} < 93 THEN 3 WHEN ${pick} < 97 THEN 2 ELSE 1 END,
             '[]', NULL, 'window', t.finished_at, t.finished_at + 60000
      FROM tickets t
      WHERE t.status = 'done' AND t.window_id IS NOT NULL AND t.finished_at IS NOT NULL AND ((t.rowid * 40503) % 10) < 6;
      INSERT INTO followups (id, rating_id, assignee, opened_at, due_at, status, callback_at, feedback_at, closed_at, appeal_status)
      SELECT 'f' || r.id, r.id, r.staff_id, r.rated_at, r.rated_at + 15 * 86400000, 'closed', r.rated_at + 3600000, r.rated_at + 7200000,
             r.rated_at + 7200000, CASE WHEN r.rowid % 10 = 0 THEN 'accepted' ELSE 'none' END
      FROM ratings r WHERE r.score <= 2;
    `);
  })();
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const result = { ratings: count('SELECT COUNT(*) AS n FROM ratings'), followups: count('SELECT COUNT(*) AS n FROM followups') };
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return result;
}
