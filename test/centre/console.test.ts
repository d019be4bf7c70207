/**
 * The city console's figures and supervision, from batches a simulated hall sends: the grid grouped by
 * level, one hall's live view, open follow-ups overdue first, and a supervision note (督办) that travels to
 * the hall in its next ack and is marked delivered once the hall's following batch shows it arrived. The
 * live stream (Server-Sent Events) pushes a hall's new glance after its batch.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { DISTRICT, ManualClock, TOWN, VILLAGE, call, postBatch, signInAs, startTestCentre, testPasswordHash, USERS } from './support/centre';
import { HallSim } from './support/hall-sim';
import { readEvents } from './support/sse';
import type { RunningCentre } from '../../server/centre/compose';
import type { UplinkAck } from '../../server/protocol/uplink';
import type { HallGlance, HallLiveView, HallsGlanceReply, SupervisionNoteView, SupervisionReply } from '../../server/protocol/centre';

let db: TestDatabase;
let centre: RunningCentre;
let clock: ManualClock;
let admin: string;

beforeAll(async () => void (await testPasswordHash()));
beforeEach(async () => {
  db = await createTestDatabase();
  clock = new ManualClock();
  centre = await startTestCentre(db.url, { clock });
  admin = await signInAs(centre, USERS.admin);
});
afterEach(async () => {
  await centre.close();
  await db.drop();
});

const glances = (reply: HallsGlanceReply): HallGlance[] => reply.levels.flatMap((l) => l.halls);

describe('the halls at a glance', () => {
  it('groups every registered hall by level, with waiting, windows, longest wait against its limit, satisfaction and link', async () => {
    const town = new HallSim(TOWN, { parent: DISTRICT, clock: clock.now() - 45 * 60_000 });
    const old = town.issue('B'); // waits 45 minutes against B's limit of 20
    town.issue('A');
    town.window('w2', 'paused');
    const served = town.issue('A');
    town.call(served, 'w1');
    town.finish(served);
    town.rate(served, 4);
    town.rate(served, 1);
    town.alert('al-1');
    town.clock = clock.now();
    await postBatch(centre, town.batch(1, town.seq, { backlog: 12 }));
    const reply = await call<HallsGlanceReply>(centre, 'GET', '/api/centre/halls', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.levels.map((l) => l.level)).toEqual(['district', 'town', 'village']);
    expect(reply.body.levels[1]?.halls.map((h) => h.code)).toEqual([TOWN, '330106-102']);
    const glance = glances(reply.body).find((h) => h.code === TOWN);
    expect(glance).toMatchObject({
      name: '转塘街道便民服务中心', level: 'town', parent: DISTRICT, waiting: 2, openWindows: 2, pausedWindows: 1, servingWindows: 0, totalWindows: 2,
      satisfaction: { ratings: 2, satisfied: 1, rate: 0.5 }, openAlerts: 1,
      link: { state: 'lagging', backlog: 12, lastContactAt: clock.now(), ackedSeq: town.seq },
    });
    expect(glance?.longestWait).toMatchObject({ serviceId: 'B', serviceName: '户籍', limitMinutes: 20, isOverLimit: true, since: town.ticket(old).issuedAt });
    expect(glance?.longestWait?.minutes).toBeGreaterThanOrEqual(44);
    expect(glances(reply.body).find((h) => h.code === VILLAGE)?.link.state).toBe('never');
  });

  it("shows one hall's services, windows, alerts and today's counts", async () => {
    const town = new HallSim(TOWN, { parent: DISTRICT, clock: clock.now() });
    const t = town.issue('A');
    town.issue('A');
    town.call(t, 'w2');
    await postBatch(centre, town.batch(1));
    const view = await call<HallLiveView>(centre, 'GET', `/api/centre/halls/${TOWN}`, { token: admin });
    expect(view.status).toBe(200);
    expect(view.body.services.find((s) => s.id === 'A')).toMatchObject({ name: '社保', itemCode: '330106-SB-01', category: 'social', waiting: 1, limitMinutes: 30 });
    expect(view.body.windows.map((w) => [w.id, w.state])).toEqual([['w1', 'closed'], ['w2', 'serving']]);
    expect(view.body.windows[1]?.current).toMatchObject({ number: town.ticket(t).number, serviceId: 'A' });
    expect(view.body.today).toMatchObject({ issued: 2, served: 0 });
    expect((await call(centre, 'GET', '/api/centre/halls/330106-999', { token: admin })).status).toBe(404);
  });
});

describe('差评 supervision', () => {
  it('lists open follow-ups of every hall, overdue first; a note reaches the hall in its next ack and is delivered after the following batch', async () => {
    const town = new HallSim(TOWN, { parent: DISTRICT, clock: clock.now() });
    const village = new HallSim(VILLAGE, { level: 'village', parent: TOWN, clock: clock.now() });
    const a = town.issue('A');
    town.call(a);
    town.finish(a);
    const dueLater = town.followup(a, clock.now() + 5 * 86_400_000);
    const b = village.issue('A');
    village.call(b);
    village.finish(b);
    const overdue = village.followup(b, clock.now() - 3_600_000);
    const c = village.issue('B');
    village.followup(c, clock.now() - 7_200_000, 'closed');
    await postBatch(centre, town.batch(1));
    await postBatch(centre, village.batch(1));

    const list = await call<SupervisionReply>(centre, 'GET', '/api/centre/followups', { token: admin });
    expect(list.body.items.map((i) => [i.hallCode, i.followupId, i.isOverdue])).toEqual([[VILLAGE, overdue, true], [TOWN, dueLater, false]]);
    expect(list.body.items[0]).toMatchObject({ hallName: '龙坞村便民服务点', serviceName: '社保', assignee: 'clerk1', score: 1, tags: ['attitude'], comment: '等了很久' });

    const supervisor = await signInAs(centre, USERS.supervisor);
    const written = await call<SupervisionNoteView>(centre, 'POST', `/api/centre/halls/${VILLAGE}/followups/${overdue}/notes`, { token: supervisor, body: { text: '请三日内回访并反馈' } });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ hallCode: VILLAGE, followupId: overdue, text: '请三日内回访并反馈', by: '督查科 张科长', byUsername: USERS.supervisor, at: clock.now() });
    expect((await call(centre, 'POST', `/api/centre/halls/${VILLAGE}/followups/nope/notes`, { token: supervisor, body: { text: 'x' } })).status).toBe(404);

    // The next ack carries the note; a resend of the same run (the ack was lost) carries it again.
    village.issue('A');
    const next = village.batch(village.seq);
    const ack = await postBatch<UplinkAck>(centre, next);
    expect(ack.body.notes).toEqual([{ id: written.body.id, followupId: overdue, text: '请三日内回访并反馈', by: '督查科 张科长', at: clock.now() }]);
    expect((await postBatch<UplinkAck>(centre, next)).body.notes).toHaveLength(1);
    const pending = await call<SupervisionReply>(centre, 'GET', '/api/centre/followups', { token: admin });
    expect(pending.body.items[0]?.notes[0]?.deliveredAt).toBeUndefined();
    // The hall's following batch (here a heartbeat) starts past that ack: it got the note.
    clock.advance(5_000);
    const after = await postBatch<UplinkAck>(centre, village.batch(village.seq + 1));
    expect(after.body.notes).toBeUndefined();
    const delivered = await call<SupervisionReply>(centre, 'GET', '/api/centre/followups', { token: admin });
    expect(delivered.body.items[0]?.notes[0]?.deliveredAt).toBe(clock.now());
    // Another hall never receives it.
    town.issue('A');
    expect((await postBatch<UplinkAck>(centre, town.batch(town.seq))).body.notes).toBeUndefined();
  });
});

describe('the live stream', () => {
  it("pushes a hall's new glance after its batch, to a stream allowed to see it only", async () => {
    const stream = await readEvents(centre.url, admin);
    const viewer = await readEvents(centre.url, await signInAs(centre, USERS.viewer));
    try {
      expect((await stream.next('ready')).data).toMatchObject({ now: clock.now() });
      const village = new HallSim(VILLAGE, { level: 'village', parent: TOWN, clock: clock.now() });
      village.issue('A');
      await postBatch(centre, village.batch(1));
      const pushed = await stream.next('hall');
      expect(pushed.data).toMatchObject({ code: VILLAGE, waiting: 1, link: { state: 'live' } });
      const town = new HallSim(TOWN, { parent: DISTRICT, clock: clock.now() });
      town.issue('B');
      await postBatch(centre, town.batch(1));
      // The town viewer's stream sees the town only: the village's push never reached it.
      expect((await viewer.next('hall')).data).toMatchObject({ code: TOWN, waiting: 1 });
      expect(viewer.seen('hall').map((e) => (e.data as HallGlance).code)).toEqual([TOWN]);
    } finally {
      stream.close();
      viewer.close();
    }
  });
});
