/**
 * The centre as real processes on one real PostgreSQL database: killed with SIGKILL in the middle of a
 * batch's transaction and restarted (nothing lost, nothing duplicated, the hall's resend gets the right
 * ack), and two processes behind one database sharing live changes (LISTEN/NOTIFY) and sessions.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { DISTRICT, TOWN, call, centreConfigFile, postBatch, signInAs, testPasswordHash, USERS } from './support/centre';
import { startCentreProcess, writeCentreConfig, type CentreProcess } from './support/centre-process';
import { HallSim } from './support/hall-sim';
import { readEvents } from './support/sse';
import { waitFor } from '../support/wait';

let db: TestDatabase;
let config: { path: string; remove(): void };
let admin: pg.Client;
const running: CentreProcess[] = [];

beforeAll(async () => void (await testPasswordHash()));
beforeEach(async () => {
  db = await createTestDatabase();
  config = writeCentreConfig(await centreConfigFile(db.url));
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.kill('SIGKILL');
  await admin.end();
  await db.drop();
  config.remove();
});

async function start(): Promise<CentreProcess> {
  const centre = await startCentreProcess(config.path);
  running.push(centre);
  return centre;
}

const scalar = async (sql: string, params: unknown[] = []): Promise<number> => Number((await admin.query(sql, params)).rows[0]?.n);

describe('the centre killed mid-batch', () => {
  it('loses nothing and duplicates nothing: the restarted centre takes the resend and acknowledges it', { timeout: 90_000 }, async () => {
    const first = await start();
    const hall = new HallSim(TOWN, { parent: DISTRICT });
    for (let i = 0; i < 5; i++) hall.call(hall.issue('A'));
    expect((await postBatch(first, hall.batch(1))).body).toEqual({ ackedSeq: hall.seq });
    const heldBefore = hall.seq;
    for (let i = 0; i < 300; i++) {
      const t = hall.issue(i % 2 ? 'A' : 'B');
      if (i % 3 === 0) hall.call(t, 'w2');
    }
    const batch = hall.batch(heldBefore + 1);

    // Hold the hall's live-state row: the centre's transaction for this batch then stops inside the statement
    // that writes the events, read models and live state, after it has counted the batch and locked the
    // hall (it holds a transaction id: it has written), before it can commit. "Mid-batch", without a test hook.
    const blocker = new pg.Client({ connectionString: db.url });
    blocker.on('error', () => undefined); // a failed test leaves it to DROP DATABASE … WITH (FORCE)
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM hall_live WHERE hall_code = $1 FOR UPDATE', [TOWN]);
    const inFlight = postBatch(first, batch).then(
      (a) => a.status,
      () => 'no answer',
    );
    const midBatch = `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hallq-centre'
                        AND state = 'active' AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE 'WITH w0 AS%'`;
    await waitFor('the centre waiting inside its batch transaction', async () => (await scalar(midBatch)) === 1, 20_000);
    expect(await scalar('SELECT count(*) AS n FROM events')).toBe(hall.log.filter((e) => e.seq <= heldBefore).length);
    const killed = await first.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(await inFlight).toBe('no answer');
    await blocker.query('ROLLBACK');
    await blocker.end();
    // The orphaned transaction never commits: its backend dies when it finds its client gone.
    await waitFor('the killed centre\u2019s connections to end', async () => (await scalar(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'hallq-centre%'`)) === 0, 20_000);
    expect(await scalar('SELECT count(*) AS n FROM events')).toBe(hall.log.filter((e) => e.seq <= heldBefore).length);

    const second = await start();
    const cursor = await call<{ ackedSeq: number }>(second, 'GET', `/api/uplink/cursor?generation=${hall.generation.id}`, { token: `test-token-${TOWN}-0123456789abcdef` });
    expect(cursor.body.ackedSeq).toBe(heldBefore);
    expect((await postBatch(second, batch)).body).toEqual({ ackedSeq: hall.seq });
    expect((await postBatch(second, hall.batch(1))).body).toEqual({ ackedSeq: hall.seq });
    expect(await scalar('SELECT count(*) AS n FROM events')).toBe(hall.log.length);
    expect(await scalar('SELECT count(*) AS n FROM (SELECT seq FROM events GROUP BY hall_code, generation, seq HAVING count(*) > 1) d')).toBe(0);
    expect(await scalar('SELECT count(*) AS n FROM tickets')).toBe(305);
    expect(await scalar('SELECT count(*) AS n FROM calls')).toBe(5 + 100);
    // SIGTERM is a graceful stop.
    expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    running.splice(running.indexOf(second), 1);
  });
});

describe('two centre processes on one database', () => {
  it('share live changes through NOTIFY, and a sign-out on one ends the session on both', { timeout: 90_000 }, async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const token = await signInAs(a, USERS.supervisor);
    // Signed in on A, watching on B: the session lives in PostgreSQL.
    const stream = await readEvents(b.url, token);
    try {
      await stream.next('ready');
      const hall = new HallSim(TOWN, { parent: DISTRICT, clock: Date.now() });
      hall.issue('A');
      hall.issue('A');
      expect((await postBatch(a, hall.batch(1))).status).toBe(200);
      expect((await stream.next('hall', 10_000)).data).toMatchObject({ code: TOWN, waiting: 2 });
      hall.issue('B');
      expect((await postBatch(a, hall.batch(3))).status).toBe(200);
      expect((await stream.next('hall', 10_000)).data).toMatchObject({ code: TOWN, waiting: 3 });

      expect((await call(a, 'DELETE', '/api/centre/session', { token })).status).toBe(204);
      await stream.next('session-ended', 10_000);
      await stream.ended;
      expect((await call(b, 'GET', '/api/centre/session', { token })).status).toBe(401);
    } finally {
      stream.close();
    }
  });
});
