/**
 * The centre's ingest against a real PostgreSQL: idempotent by (hall, generation, seq), gaps answered with
 * resendFrom, overlaps compared fact by fact, a new generation kept beside the old one, and every refusal
 * (forged token, another hall's code, malformed batch, wrong protocol, too many batches) a clear 4xx after
 * which the centre keeps working. Hall times stay the hall's; last contact is the centre's clock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { DISTRICT, ManualClock, OTHER_TOWN, TOWN, VILLAGE, call, hallToken, postBatch, signInAs, startTestCentre, USERS, testPasswordHash } from './support/centre';
import { HallSim } from './support/hall-sim';
import type { RunningCentre } from '../../server/centre/compose';
import type { UplinkAck } from '../../server/protocol/uplink';
import type { HallLiveView, HallsGlanceReply } from '../../server/protocol/centre';

let db: TestDatabase;
let centre: RunningCentre;
let clock: ManualClock;

beforeAll(async () => void (await testPasswordHash()));
beforeEach(async () => {
  db = await createTestDatabase();
  clock = new ManualClock();
  centre = await startTestCentre(db.url, { clock, edit: (f) => void (f.halls.find((h) => h.code === VILLAGE)!.batchesPerMinute = 3) });
});
afterEach(async () => {
  await centre.close();
  await db.drop();
});
afterAll(async () => undefined);

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await centre.pool.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
const eventsOf = (code: string, generation?: string): Promise<number> =>
  count(`SELECT count(*) AS n FROM events WHERE hall_code = $1${generation ? ' AND generation = $2' : ''}`, generation ? [code, generation] : [code]);

function busyHall(code = TOWN): HallSim {
  const hall = new HallSim(code, { parent: DISTRICT });
  const a = hall.issue('A');
  hall.issue('B');
  hall.skip(); // an audit-only fact: its number is used, nothing leaves the hall
  hall.call(a);
  hall.finish(a);
  hall.rate(a, 5);
  return hall;
}

describe('idempotent ingest', () => {
  it('stores a batch sent twice once, and acknowledges the same mark both times', async () => {
    const hall = busyHall();
    const first = await postBatch<UplinkAck>(centre, hall.batch(1));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ackedSeq: hall.seq });
    const again = await postBatch<UplinkAck>(centre, hall.batch(1));
    expect(again).toMatchObject({ status: 200, body: { ackedSeq: hall.seq } });
    expect(await eventsOf(TOWN)).toBe(hall.log.length);
    expect(await count('SELECT count(*) AS n FROM tickets WHERE hall_code = $1', [TOWN])).toBe(2);
    expect(await count('SELECT count(*) AS n FROM calls WHERE hall_code = $1', [TOWN])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM ratings WHERE hall_code = $1', [TOWN])).toBe(1);
    const ticket = (await centre.pool.query('SELECT status, clerk, wait_ms, service_ms, window_id FROM tickets WHERE hall_code = $1 AND status = $2', [TOWN, 'done'])).rows[0];
    expect(ticket).toMatchObject({ status: 'done', clerk: 'clerk1', window_id: 'w1' });
    expect(ticket.wait_ms).toBeGreaterThan(0);
    expect(ticket.service_ms).toBeGreaterThan(0);
  });

  it('acknowledges an overlapping resend with the highest mark and stores only the new part', async () => {
    const hall = busyHall();
    expect((await postBatch(centre, hall.batch(1, 4))).body).toEqual({ ackedSeq: 4 });
    const overlap = await postBatch<UplinkAck>(centre, hall.batch(2, hall.seq));
    expect(overlap.body).toEqual({ ackedSeq: hall.seq });
    // A resend entirely inside what is held: the ack is still the highest mark, not the batch's end.
    expect((await postBatch(centre, hall.batch(1, 3))).body).toEqual({ ackedSeq: hall.seq });
    expect(await eventsOf(TOWN)).toBe(hall.log.length);
  });

  it('answers a gap with where to resend from, and takes the resend', async () => {
    const hall = busyHall();
    await postBatch(centre, hall.batch(1, 3));
    const gap = await postBatch<{ error: string; resendFrom: number; message: string }>(centre, hall.batch(6));
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: 'uplink-gap', resendFrom: 4 });
    expect(gap.body.message).toMatch(/Resend from 4/);
    expect(await eventsOf(TOWN)).toBe(hall.log.filter((e) => e.seq <= 3).length);
    expect((await postBatch(centre, hall.batch(gap.body.resendFrom))).body).toEqual({ ackedSeq: hall.seq });
    expect(await eventsOf(TOWN)).toBe(hall.log.length);
  });

  it('refuses a resend of the same generation with different facts, and stores none of it', async () => {
    const hall = busyHall();
    await postBatch(centre, hall.batch(1));
    const copied = hall.batch(1);
    const first = copied.events[0];
    if (first) first.data = { ...first.data, ticket: { ...(first.data.ticket as object), number: 'A999' } };
    const extra = { seq: hall.seq + 1, at: hall.clock, type: 'day:rolled', data: { day: '2026-03-03' } };
    const answer = await postBatch<{ error: string; message: string }>(centre, { ...copied, toSeq: hall.seq + 1, events: [...copied.events, extra] });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toBe('uplink-generation-conflict');
    expect(answer.body.message).toMatch(/Sequence 1 of generation/);
    expect(await eventsOf(TOWN)).toBe(hall.log.length);
    // A fact present on one side only is a different history too.
    const missing = hall.batch(1);
    const answer2 = await postBatch<{ error: string }>(centre, { ...missing, events: missing.events.slice(1) });
    expect(answer2.body.error).toBe('uplink-generation-conflict');
  });

  it('takes a resend whose payloads list their keys in another order (a hall upgraded meanwhile) as the same facts', async () => {
    const hall = busyHall();
    await postBatch(centre, hall.batch(1));
    const reordered = hall.batch(1);
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reverseKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) : value;
    const answer = await postBatch(centre, { ...reordered, events: reordered.events.map((e) => ({ ...e, data: reverseKeys(e.data) as Record<string, unknown> })) });
    expect(answer).toMatchObject({ status: 200, body: { ackedSeq: hall.seq } });
    expect(await eventsOf(TOWN)).toBe(hall.log.length);
  });

  it('keeps both histories when a restored hall starts a new generation at its fork', async () => {
    const hall = busyHall();
    await postBatch(centre, hall.batch(1));
    const oldGeneration = hall.generation.id;
    const oldCount = hall.log.length;
    hall.restoreTo(3, 'gen-restored-2');
    const t = hall.issue('A'); // seq 4 again, in the new history
    hall.call(t);
    // A first batch of the new generation from before its fork is answered with the fork.
    const early = await postBatch<{ resendFrom: number }>(centre, hall.batch(6));
    expect(early).toMatchObject({ status: 409, body: { resendFrom: 4 } });
    const cursor = await call<{ ackedSeq: number }>(centre, 'GET', '/api/uplink/cursor?generation=gen-restored-2', { token: hallToken(TOWN) });
    expect(cursor.body).toEqual({ ackedSeq: 3, generation: 'gen-restored-2' });
    expect((await postBatch(centre, hall.batch(4))).body).toEqual({ ackedSeq: hall.seq });
    expect(await eventsOf(TOWN, oldGeneration)).toBe(oldCount);
    expect(await eventsOf(TOWN, 'gen-restored-2')).toBe(hall.log.filter((e) => e.seq >= 4).length);
    // Sequence 4 exists twice, once per history: not mistaken for a duplicate.
    expect(await count('SELECT count(*) AS n FROM events WHERE hall_code = $1 AND seq = 4', [TOWN])).toBe(2);
    const token = await signInAs(centre, USERS.admin);
    const view = await call<HallLiveView>(centre, 'GET', `/api/centre/halls/${TOWN}`, { token });
    expect(view.body.hall.link).toMatchObject({ generation: 'gen-restored-2', ackedSeq: hall.seq });
    // The live state is the restored history's: A001 and B002 as of the fork, then the new ticket called.
    expect(view.body.hall.waiting).toBe(2);
    expect(view.body.windows.find((w) => w.id === 'w1')?.state).toBe('serving');
  });

  it('keeps sending the old generation\u2019s late batches to the old history without touching the live view', async () => {
    const hall = busyHall();
    await postBatch(centre, hall.batch(1, 2));
    const old = hall.batch(3);
    hall.restoreTo(2, 'gen-restored-3');
    hall.issue('B');
    await postBatch(centre, hall.batch(3));
    expect((await postBatch(centre, old)).body).toEqual({ ackedSeq: old.toSeq });
    const token = await signInAs(centre, USERS.admin);
    const view = await call<HallLiveView>(centre, 'GET', `/api/centre/halls/${TOWN}`, { token });
    expect(view.body.hall.link.generation).toBe('gen-restored-3');
    expect(view.body.hall.waiting).toBe(3);
  });
});

describe('refusals: a clear 4xx, and the centre keeps working', () => {
  it('refuses a forged or missing token with 401', async () => {
    const hall = busyHall();
    const forged = await postBatch<{ error: string; message: string }>(centre, hall.batch(1), 'not-a-hall-token');
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('unauthenticated');
    const none = await call<{ error: string }>(centre, 'POST', '/api/uplink/batches', { body: hall.batch(1) });
    expect(none.status).toBe(401);
    // Even a body that is not a batch gets 401 first: a stranger learns nothing about the schema.
    expect((await call(centre, 'POST', '/api/uplink/batches', { token: 'x', rawBody: '{"nonsense":true}' })).status).toBe(401);
    expect(await eventsOf(TOWN)).toBe(0);
    expect((await postBatch(centre, hall.batch(1))).status).toBe(200);
  });

  it('refuses a hall writing as another hall with 403', async () => {
    const hall = busyHall(TOWN);
    const answer = await postBatch<{ error: string; message: string }>(centre, hall.batch(1), hallToken(OTHER_TOWN));
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('forbidden');
    expect(answer.body.message).toContain(OTHER_TOWN);
    expect(await eventsOf(TOWN)).toBe(0);
    expect(await eventsOf(OTHER_TOWN)).toBe(0);
  });

  it('answers a malformed batch with 400 saying what is wrong', async () => {
    const hall = busyHall();
    const token = hallToken(TOWN);
    const cases: { body?: unknown; raw?: string; says: RegExp }[] = [
      { raw: '{"protocol":1,', says: /could not be read|JSON/i },
      { body: { ...hall.batch(1), fromSeq: 0 }, says: /fromSeq/ },
      { body: { ...hall.batch(1), events: [{ seq: 1, at: 1, type: 'x' }] }, says: /events\/0/ },
      { body: { ...hall.batch(1), toSeq: 2 }, says: /outside the run/ },
      { body: { ...hall.batch(1), events: [...hall.batch(1).events].reverse() }, says: /out of order/ },
      { body: { ...hall.batch(1), protocol: 2 }, says: /speaks uplink protocol 1; the batch says 2/ },
    ];
    for (const c of cases) {
      const answer = await call<{ error: string; message: string }>(centre, 'POST', '/api/uplink/batches', { token, body: c.body, rawBody: c.raw });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error).toBe('invalid-request');
      expect(answer.body.message).toMatch(c.says);
    }
    expect(await eventsOf(TOWN)).toBe(0);
    expect((await postBatch(centre, hall.batch(1))).status).toBe(200);
  });

  it('answers a body past the batch limit with 413 (the hall then sends smaller batches) and keeps working', async () => {
    const hall = busyHall();
    const batch = hall.batch(1);
    const padded = { ...batch, events: batch.events.map((e, i) => (i === 0 ? { ...e, data: { ...e.data, note: 'x'.repeat(17 * 1024 * 1024) } } : e)) };
    const answer = await call<{ error: string; message: string }>(centre, 'POST', '/api/uplink/batches', { token: hallToken(TOWN), rawBody: JSON.stringify(padded) });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: 'payload-too-large', message: expect.stringMatching(/fewer events per batch/) });
    expect(await eventsOf(TOWN)).toBe(0);
    expect((await postBatch(centre, batch)).status).toBe(200);
  });

  it('limits batches per hall and minute, across the centre, and lets the hall in again the next minute', async () => {
    const hall = new HallSim(VILLAGE, { level: 'village', parent: TOWN });
    for (let i = 0; i < 3; i++) {
      hall.issue('A');
      expect((await postBatch(centre, hall.batch(i + 1))).status).toBe(200);
    }
    hall.issue('A');
    const limited = await postBatch<{ error: string }>(centre, hall.batch(4));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate-limited');
    expect(limited.headers.get('retry-after')).toBe('60'); // the test clock sits at the start of a minute
    // Other halls are not affected.
    expect((await postBatch(centre, busyHall(TOWN).batch(1))).status).toBe(200);
    clock.advance(60_000);
    expect((await postBatch(centre, hall.batch(4))).body).toEqual({ ackedSeq: 4 });
  });
});

describe('what the centre records', () => {
  it('takes last contact from its own clock and records the hall clock\u2019s skew; hall times stay the hall\u2019s', async () => {
    const hall = new HallSim(TOWN, { parent: DISTRICT, clock: clock.now() + 3 * 3600_000 }); // three hours ahead
    const t = hall.issue('A');
    await postBatch(centre, hall.batch(1));
    const token = await signInAs(centre, USERS.admin);
    const grid = await call<HallsGlanceReply>(centre, 'GET', '/api/centre/halls', { token });
    const town = grid.body.levels.flatMap((l) => l.halls).find((h) => h.code === TOWN);
    expect(town?.link.lastContactAt).toBe(clock.now());
    expect(town?.link.skewMs).toBe(hall.clock - clock.now());
    expect(town?.link.state).toBe('live');
    const issued = (await centre.pool.query('SELECT issued_at FROM tickets WHERE ticket_id = $1', [t])).rows[0] as { issued_at: number };
    expect(issued.issued_at).toBe(hall.ticket(t).issuedAt);
    // The longest wait is aged by the hall's clock (now + skew), so skew does not show as waiting time.
    expect(town?.longestWait?.minutes).toBeLessThan(5);
    clock.advance(10 * 60_000);
    const later = await call<HallsGlanceReply>(centre, 'GET', '/api/centre/halls', { token });
    const laterTown = later.body.levels.flatMap((l) => l.halls).find((h) => h.code === TOWN);
    expect(laterTown?.link.state).toBe('offline');
  });

  it('stores unknown fact types raw, ignores them in the read models, and drops personal fields', async () => {
    const hall = busyHall();
    hall.raw('queue:mood', { level: 3 });
    hall.raw('ticket:issued', { ticket: { id: 'bad' } });
    const t = hall.issue('A');
    const withPersonal = hall.batch(1);
    const issued = withPersonal.events.find((e) => e.type === 'ticket:issued' && (e.data.ticket as { id: string }).id === t);
    if (issued) issued.data = { ...issued.data, ticket: { ...(issued.data.ticket as object), personMasked: '3301**********1234', nameMasked: '张*' }, trackToken: 'secret' };
    expect((await postBatch(centre, withPersonal)).status).toBe(200);
    expect(await count(`SELECT count(*) AS n FROM events WHERE type = 'queue:mood'`)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM tickets WHERE hall_code = $1', [TOWN])).toBe(3);
    const raw = JSON.stringify((await centre.pool.query('SELECT data FROM events WHERE hall_code = $1', [TOWN])).rows);
    expect(raw).not.toMatch(/personMasked|nameMasked|trackToken|3301\*|secret/);
  });

  it('creates monthly partitions for a backlog months old, and keeps an impossible hall time in the default one', async () => {
    const hall = new HallSim(TOWN, { clock: Date.parse('2025-07-15T03:00:00Z'), day: '2025-07-15' });
    hall.issue('A');
    hall.raw('clock:odd', {});
    hall.log[hall.log.length - 1]!.at = 1000; // 1970
    expect((await postBatch(centre, hall.batch(1))).status).toBe(200);
    const partitions = (await centre.pool.query<{ relname: string }>(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname IN ('events', 'tickets')`)).rows.map((r) => r.relname);
    expect(partitions).toEqual(expect.arrayContaining(['events_y2025m07', 'tickets_y2025m07', 'events_default']));
    expect(await count('SELECT count(*) AS n FROM events_y2025m07')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM tickets_y2025m07')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM events_default')).toBe(1);
    // Created ahead around the centre's "now" too, so the first batch of a month never waits on DDL.
    const ahead = new Date(clock.now());
    const next = `${ahead.getUTCMonth() === 11 ? ahead.getUTCFullYear() + 1 : ahead.getUTCFullYear()}m${String(((ahead.getUTCMonth() + 1) % 12) + 1).padStart(2, '0')}`;
    const all = (await centre.pool.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE 'ratings_y%'`)).rows.map((r) => r.relname);
    expect(all).toContain(`ratings_y${next}`);
  });
});
