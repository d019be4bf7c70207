/**
 * The centre's schema: numbered migrations on an empty database (once, even with two processes starting
 * together), a database migrated by a newer centre refused untouched, and a restart on an existing database
 * that keeps its data, sessions and cursors and follows registry edits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { DISTRICT, TOWN, VILLAGE, call, postBatch, signInAs, startTestCentre, USERS } from './support/centre';
import { HallSim } from './support/hall-sim';
import { openPool, type Pool } from '../../server/centre/storage/pool';
import { CENTRE_MIGRATIONS, CentreDatabaseError, migrateCentre } from '../../server/centre/storage/migrations';
import type { HallsGlanceReply } from '../../server/protocol/centre';

let db: TestDatabase;
let pool: Pool;

beforeEach(async () => {
  db = await createTestDatabase();
  pool = openPool(db.url, 4);
});
afterEach(async () => {
  await pool.end();
  await db.drop();
});

const tables = async (): Promise<string[]> =>
  (await pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '%\\_y____m__' ORDER BY tablename`)).rows.map((r) => r.tablename);

describe('migrations', () => {
  it('build the whole schema on an empty database, once', async () => {
    expect(await tables()).toEqual([]);
    expect(await migrateCentre(pool)).toEqual(CENTRE_MIGRATIONS.map((m) => m.version));
    expect(await tables()).toEqual(expect.arrayContaining([
      'centre_migrations', 'halls', 'hall_links', 'generations', 'hall_live', 'live_checkpoints', 'events', 'events_default', 'tickets', 'calls', 'ratings',
      'followups', 'day_summaries', 'day_summary_documents', 'supervision_notes', 'centre_sessions', 'rate_counters',
    ]));
    const recorded = (await pool.query<{ version: number }>('SELECT version FROM centre_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(recorded).toEqual(CENTRE_MIGRATIONS.map((m) => m.version));
    expect(await migrateCentre(pool)).toEqual([]);
    // The large tables are partitioned by range, so a year of events is months, not one heap.
    const partitioned = (await pool.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'p' ORDER BY relname`)).rows.map((r) => r.relname);
    expect(partitioned).toEqual(['calls', 'events', 'ratings', 'tickets']);
  });

  it('run once when two centre processes start together', async () => {
    const other = openPool(db.url, 2);
    try {
      const results = await Promise.all([migrateCentre(pool), migrateCentre(other)]);
      expect(results.map((r) => r.length).sort()).toEqual([0, CENTRE_MIGRATIONS.length]);
    } finally {
      await other.end();
    }
  });

  it('refuse a database migrated by a newer centre, and leave it as it is', async () => {
    await migrateCentre(pool);
    await pool.query(`INSERT INTO centre_migrations (version, name) VALUES (999, 'from the future')`);
    const error = await migrateCentre(pool).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CentreDatabaseError);
    expect((error as Error).message).toMatch(/migration 999, newer than this hallq/);
    expect((await pool.query('SELECT count(*)::int AS n FROM centre_migrations')).rows[0]).toEqual({ n: CENTRE_MIGRATIONS.length + 1 });
  });
});

describe('a restart on an existing database', () => {
  it('keeps events, cursors and sessions, and follows the registry', async () => {
    const first = await startTestCentre(db.url);
    const hall = new HallSim(TOWN, { parent: DISTRICT });
    hall.issue('A');
    hall.issue('B');
    await postBatch(first, hall.batch(1));
    const token = await signInAs(first, USERS.admin);
    await first.close();

    // The village point is taken out of the registry on restart.
    const second = await startTestCentre(db.url, { edit: (f) => void (f.halls = f.halls.filter((h) => h.code !== VILLAGE)) });
    try {
      expect((await pool.query('SELECT version FROM centre_migrations')).rowCount).toBe(CENTRE_MIGRATIONS.length);
      const grid = await call<HallsGlanceReply>(second, 'GET', '/api/centre/halls', { token });
      expect(grid.status).toBe(200);
      const codes = grid.body.levels.flatMap((l) => l.halls.map((h) => h.code));
      expect(codes).not.toContain(VILLAGE);
      expect(grid.body.levels.flatMap((l) => l.halls).find((h) => h.code === TOWN)).toMatchObject({ waiting: 2, link: { ackedSeq: 2 } });
      // The hall resends what it was not sure of and carries on from the centre's mark.
      hall.issue('A');
      expect((await postBatch(second, hall.batch(2))).body).toEqual({ ackedSeq: 3 });
      expect((await pool.query('SELECT count(*)::int AS n FROM events')).rows[0]).toEqual({ n: 3 });
    } finally {
      await second.close();
    }
  });
});
