/**
 * The per-day report cache (server/storage/report-cache-repo.ts, migration 3): closed days are stored, today never,
 * and any change to a day's tickets, ratings or appeals deletes its stored digest so the next report is exact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/db';
import type { Db } from '../../server/storage/db';
import { ReportsRepo } from '../../server/storage/reports-repo';
import { ReportCache } from '../../server/storage/report-cache-repo';
import { combineDigests } from '../../server/domain/report-digest';

const OFFSET = 8 * 3600_000;
const TODAY = '2026-11-27';
let db: Db | undefined;
afterEach(() => db?.close());

function setup(): { db: Db; cache: ReportCache; stored: () => string[] } {
  db = openDatabase(':memory:');
  const d = db;
  const insert = d.prepare(
    `INSERT INTO tickets (id, day, service_id, seq, number, priority, status, track_token, arrived_at, issued_at, window_id, staff_id, first_called_at, finished_at)
     VALUES (?, ?, 'A', ?, ?, 'normal', 'done', ?, ?, ?, 'w1', 'clerk1', ?, ?)`,
  );
  for (const [i, day] of ['2026-11-25', '2026-11-25', '2026-11-26', TODAY].entries()) {
    const at = Date.parse(`${day}T02:00:00Z`) + i * 60_000;
    insert.run(`t${i}`, day, i + 1, `A00${i + 1}`, `k${i}`, at, at, at + 60_000 * (i + 1), at + 600_000);
  }
  return { db: d, cache: new ReportCache(d, new ReportsRepo(d)), stored: () => d.prepare('SELECT day FROM report_days ORDER BY day').pluck().all() as string[] };
}

const report = (cache: ReportCache) => {
  const days = cache.days('2026-11-25', TODAY, OFFSET, TODAY);
  return { facts: combineDigests(days.map((x) => x.digest())).total, ratings: days.flatMap((x) => x.ratings()) };
};

describe('report cache', () => {
  it('stores closed days only and reads them back unchanged', () => {
    const { cache, stored } = setup();
    const first = report(cache);
    expect(stored()).toEqual(['2026-11-25', '2026-11-26']);
    expect(first.facts).toMatchObject({ arrivals: 4, served: 4, waitP50Seconds: 120, waitP90Seconds: 240 });
    expect(report(cache)).toEqual(first);
  });

  it('forgets a day when its tickets, ratings or appeals change', () => {
    const { db: d, cache, stored } = setup();
    report(cache);
    d.prepare("UPDATE tickets SET status = 'no-show' WHERE id = 't0'").run();
    expect(stored()).toEqual(['2026-11-26']);
    expect(report(cache).facts).toMatchObject({ served: 3, noShows: 1 });
    d.prepare(
      `INSERT INTO ratings (id, ticket_id, service_id, window_id, staff_id, score, channel, finished_at, rated_at) VALUES ('r1', 't2', 'A', 'w1', 'clerk1', 1, 'window', 0, 0)`,
    ).run();
    expect(stored()).toEqual(['2026-11-25']);
    expect(report(cache).ratings).toEqual([{ day: '2026-11-26', serviceId: 'A', windowId: 'w1', staffId: 'clerk1', score: 1, n: 1 }]);
    d.prepare(`INSERT INTO followups (id, rating_id, opened_at, due_at, status) VALUES ('f1', 'r1', 0, 0, 'open')`).run();
    expect(stored()).toEqual(['2026-11-25']);
    report(cache);
    d.prepare("UPDATE followups SET appeal_status = 'accepted' WHERE id = 'f1'").run();
    expect(stored()).toEqual(['2026-11-25']);
    expect(report(cache).ratings).toEqual([]);
  });
});
