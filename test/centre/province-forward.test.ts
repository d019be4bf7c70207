/**
 * 好差评 through the city centre (docs/province.md, adapter `city-centre`): a hall hub in this process (real
 * SQLite, port 0, controlled hall clock) → the real centre (real PostgreSQL, port 0) → the province
 * simulator. Accepted end to end; a rejection back at the hall with the platform's reason, corrected and
 * resent; the same record sent twice counted once; the centre down and back; two centre processes on one
 * database never sending one record twice; nothing personal in the centre's table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSim, type ProvinceSim } from '../../drivers/sim/province-platform';
import { DEMO_PEOPLE } from '../../server/app/kiosk-demo';
import { maskIdNumber } from '../../drivers/identity';
import { buildCentre, type RunningCentre } from '../../server/centre/compose';
import { loadCentreConfig, type CentreConfigFile } from '../../server/centre/config';
import { provinceExtension } from '../../server/wings/province';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import { uplinkRoutes } from '../../server/protocol/centre';
import type { UplinkProvinceReply } from '../../server/protocol/uplink';
import type { ProvinceOverview } from '../../server/protocol/province';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, until, type TestHub } from '../support/hub';
import { provinceSection, simSpecFor, SIM_KEY, SIM_SECRET } from '../support/province-sim';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { call, centreConfig, centreConfigFile, hallToken, OTHER_TOWN, TOWN } from './support/centre';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const CASE = '330106202611270001';
const person = Object.values(DEMO_PEOPLE)[0]!.card;

async function startSim(): Promise<ProvinceSim> {
  const probe = testConfig((f) => (f.province = provinceSection('http://127.0.0.1:1/x')));
  const sim = await startProvinceSim(simSpecFor(probe.province!));
  cleanups.push(() => sim.close());
  return sim;
}

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

async function startCentre(db: TestDatabase, sim: ProvinceSim, options: { port?: number; batchSize?: number } = {}): Promise<RunningCentre> {
  const province = { adapter: { type: 'http-json', url: sim.url, appKey: SIM_KEY, appSecret: SIM_SECRET, timeoutSeconds: 2 }, batchSize: options.batchSize ?? 50, retryMinSeconds: 0.05, retryMaxSeconds: 0.3, pollSeconds: 0.05 };
  const config = await centreConfig(db.url, (f) => (f.province = province as CentreConfigFile['province']));
  const centre = await buildCentre({ config, host: '127.0.0.1', port: options.port ?? 0 });
  cleanups.push(() => centre.close());
  return centre;
}

async function startHall(centreUrl: string): Promise<{ hub: TestHub; clock: TestClock; clerk: string; manager: string }> {
  const config = testConfig((f) => {
    f.hall.code = TOWN;
    f.hall.level = 'town';
    f.uplink = { url: centreUrl, token: hallToken(TOWN), batchSize: 50, retryMinSeconds: 1, retryMaxSeconds: 60, heartbeatSeconds: 60, requestTimeoutSeconds: 2 };
    f.province = provinceSection('http://unused.example/x', (p) => {
      (p as { adapter: unknown }).adapter = { type: 'city-centre', pollSeconds: 1 };
    });
  });
  const clock = new TestClock();
  const hub = await startTestHub({ config, clock, extensions: [provinceExtension(config, { pollMs: 10, random: () => 0.5 })] });
  cleanups.push(() => hub.dispose());
  return { hub, clock, clerk: await openWindow(hub, 'clerk1', 'w1'), manager: await login(hub, 'manager') };
}

/** A finished visit at w1 (issued with an ID number), its 办件编号 typed by the clerk, rated from the phone. */
async function ratedVisit(h: TestHub, clerk: string, score: number, caseNumber = CASE, comment = '窗口服务很好'): Promise<void> {
  const ticket = await issue(h, 'A', { idNumber: person.idNumber });
  await api(h, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
  expect((await api(h, 'POST', `/api/tickets/${ticket.id}/cases`, { token: clerk, body: { caseNumber } })).status).toBe(200);
  await api(h, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  const rated = await api(h, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score, tags: score <= 2 ? ['slow'] : [], comment } });
  expect(rated.status).toBe(201);
}

const hallRows = (h: TestHub): Array<{ id: string; state: string; reason: string | null; platform_id: string | null }> =>
  h.db.prepare('SELECT id, state, reason, platform_id FROM province_outbox ORDER BY ord').all() as Array<{ id: string; state: string; reason: string | null; platform_id: string | null }>;

/** Moves hall time on (its back-off and its polls of the centre are in hall time) until `condition` holds. */
async function converge(clock: TestClock, condition: () => boolean, what: string, stepMs = 1000): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    clock.advance(stepMs);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function record(id: string, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { assessId: id, areaCode: '330106', deptCode: '11330106002493827X', taskCode: '330106-ZW-0001', projectNo: CASE, pf: '4', satisfaction: 5, assessTime: '2026-11-27 09:00:00', assessNumber: 1, proStatus: '3', ...extra };
}

const post = (centre: RunningCentre, body: unknown, token = hallToken(TOWN)) => call(centre, 'POST', uplinkRoutes.provinceRecords.path, { token, body });

describe('好差评 through the city centre', () => {
  it('delivers a rating end to end; the hall sees it acknowledged with the platform id, sent once', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    const centre = await startCentre(db, sim);
    const { hub: h, clock, clerk, manager } = await startHall(centre.url);
    await ratedVisit(h, clerk, 1);
    await until(() => sim.stored.size === 1, 'the record at the platform');
    const [stored] = [...sim.stored.values()];
    expect(stored).toMatchObject({ areaCode: '330106', deptCode: '11330106002493827X', taskCode: '330106-ZW-0001', projectNo: CASE, pf: '3', satisfaction: 1, evalDetail: '511', proManager: 'clerk1', writingEvaluation: '窗口服务很好', proStatus: '3' });
    expect(sim.refusedRequests).toEqual([]);
    await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'the hall\u2019s ack');
    const row = hallRows(h)[0]!;
    expect(row.platform_id).toBe(`P-${row.id}`);
    expect(sim.received.filter((id) => id === row.id)).toHaveLength(1);
    const view = (await api<ProvinceOverview>(h, 'GET', '/api/manager/province', { token: manager })).body;
    expect(view).toMatchObject({ adapter: 'city-centre', counts: { acked: 1, forwarded: 0 } });
    const centreRow = (await centre.pool.query('SELECT state, platform_id, attempts FROM province_outbox')).rows;
    expect(centreRow).toEqual([{ state: 'accepted', platform_id: `P-${row.id}`, attempts: 1 }]);
  });

  it('brings a rejection back to the hall with the platform\u2019s reason; the corrected record is forwarded again', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    sim.switches.reject = (r) => (r.projectNo === '330106209999999999' ? '办件编号不存在' : undefined);
    const centre = await startCentre(db, sim);
    const { hub: h, clock, clerk, manager } = await startHall(centre.url);
    await ratedVisit(h, clerk, 2, '330106209999999999');
    await converge(clock, () => hallRows(h)[0]?.state === 'rejected', 'the rejection at the hall');
    const rejected = hallRows(h)[0]!;
    expect(rejected.reason).toBe('办件编号不存在');
    const fixed = await api(h, 'POST', `/api/manager/province/records/${rejected.id}/resend`, { token: manager, body: { caseNumber: '330106202611270002' } });
    expect(fixed.status).toBe(200);
    await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'the corrected record acknowledged');
    expect(sim.stored.get(rejected.id)).toMatchObject({ projectNo: '330106202611270002' });
  });

  it('counts a record the hall sends again (a hub killed before it marked the answer) once at the platform', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    const centre = await startCentre(db, sim);
    const { hub: h, clock, clerk } = await startHall(centre.url);
    await ratedVisit(h, clerk, 4);
    await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'the ack');
    const id = hallRows(h)[0]!.id;
    // As if the hub had died between the centre's answer and its own commit: the row is due again as new.
    for (let i = 0; i < 3; i++) {
      h.db.prepare("UPDATE province_outbox SET state = 'pending', next_at = 0, platform_id = NULL, acked_at = NULL").run();
      await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'the ack again');
    }
    expect(sim.received.filter((r) => r === id)).toHaveLength(1);
    expect((await centre.pool.query('SELECT count(*)::int AS n FROM province_outbox')).rows[0]).toEqual({ n: 1 });
  });

  it('keeps the records at the hall while the centre is down and delivers them when it is back', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    const first = await startCentre(db, sim);
    const port = first.port;
    const { hub: h, clock, clerk } = await startHall(first.url);
    await first.close();
    await ratedVisit(h, clerk, 5);
    await converge(clock, () => (h.db.prepare('SELECT attempts FROM province_outbox').get() as { attempts: number }).attempts >= 2, 'failed attempts');
    expect(hallRows(h)[0]).toMatchObject({ state: 'retrying' });
    expect(hallRows(h)[0]?.reason).toMatch(/city centre/);
    expect(sim.received).toEqual([]);
    await startCentre(db, sim, { port });
    await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'delivery once the centre is back', 30_000);
    expect(sim.stored.size).toBe(1);
  });

  it('never sends one record twice from two centre processes on one database', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    sim.switches.slowMs = 40;
    const a = await startCentre(db, sim, { batchSize: 3 });
    const b = await startCentre(db, sim, { batchSize: 3 });
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) {
      const batch = Array.from({ length: 4 }, (_, i) => `rec-${n}-${i}.1.0`);
      ids.push(...batch);
      const answer = await post(n % 2 === 0 ? a : b, { protocol: 1, hallCode: TOWN, records: batch.map((id) => ({ id, intent: 'deliver', record: record(id) })) });
      expect(answer.status).toBe(200);
      expect((answer.body as UplinkProvinceReply).results.map((r) => r.state)).toEqual(['forwarded', 'forwarded', 'forwarded', 'forwarded']);
    }
    await until(() => sim.stored.size === ids.length, 'every record at the platform', 30_000);
    expect([...sim.received].sort()).toEqual([...ids].sort());
    // The platform holds them all; the last answers are being written.
    const accepted = async (): Promise<number> => (await a.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM province_outbox WHERE state = 'accepted'")).rows[0]!.n;
    await expect.poll(accepted, { timeout: 20_000 }).toBe(ids.length);
    expect([...sim.received].sort()).toEqual([...ids].sort());
  });

  it('lets nothing personal reach the centre\u2019s database', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    const centre = await startCentre(db, sim);
    const { hub: h, clock, clerk } = await startHall(centre.url);
    const phone = '13812345678';
    await ratedVisit(h, clerk, 2, CASE, `太慢了，王芳让我等了很久，请回电 ${phone}，身份证 ${person.idNumber}`);
    await converge(clock, () => hallRows(h)[0]?.state === 'acked', 'the ack');
    // A record that names the rater, sent by a hall whose mapping slipped: refused, not stored.
    const slipped = await post(centre, { protocol: 1, hallCode: TOWN, records: [{ id: 'slip.1.0', intent: 'deliver', record: record('slip.1.0', { userName: person.name }) }] });
    expect((slipped.body as UplinkProvinceReply).results).toEqual([{ id: 'slip.1.0', state: 'rejected', reason: expect.stringMatching(/personal fields \(userName\)/) }]);
    const { rows } = await centre.pool.query<{ row: string }>('SELECT row_to_json(o)::text AS row FROM province_outbox o');
    expect(rows).toHaveLength(1);
    const dump = rows.map((r) => r.row).join('\n');
    for (const word of [person.idNumber, maskIdNumber(person.idNumber), phone, '王芳']) expect(dump, word).not.toContain(word);
    expect(dump).toContain('太慢了');
  });

  it('refuses a stranger, another hall\u2019s code, and says so when the centre forwards nothing', async () => {
    const [db, sim] = await Promise.all([database(), startSim()]);
    const centre = await startCentre(db, sim);
    const body = { protocol: 1, hallCode: TOWN, records: [{ id: 'x.1.0', intent: 'deliver', record: record('x.1.0') }] };
    expect((await post(centre, body, 'not-a-hall-token')).status).toBe(401);
    expect((await post(centre, { ...body, hallCode: OTHER_TOWN })).status).toBe(403);
    expect((await post(centre, { ...body, records: [] })).status).toBe(400);
    const plainDb = await database();
    const plain = await buildCentre({ config: await centreConfig(plainDb.url), host: '127.0.0.1', port: 0 });
    cleanups.push(() => plain.close());
    const answer = await post(plain, body);
    expect(answer).toMatchObject({ status: 422, body: { error: 'config-invalid', message: expect.stringMatching(/no province: section/) } });
  });

  it('hallq check refuses a city-centre adapter without an uplink, or with a personal field mapped', () => {
    const problems = (edit: (p: ReturnType<typeof provinceSection>) => void, withUplink = true): string[] => {
      const file = demoConfigFile();
      file.hall.code = TOWN;
      file.hall.level = 'town';
      if (withUplink) file.uplink = { url: 'http://centre.example', token: 'test-token-0123456789', batchSize: 50, retryMinSeconds: 1, retryMaxSeconds: 60, heartbeatSeconds: 60, requestTimeoutSeconds: 2 };
      file.province = provinceSection('http://unused.example/x', (p) => {
        (p as { adapter: unknown }).adapter = { type: 'city-centre' };
        edit(p);
      });
      const result = loadConfig(file, { isDemo: true });
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(problems(() => undefined)).toEqual([]);
    expect(problems(() => undefined, false)).toEqual(['/province/adapter']);
    expect(problems((p) => (p.fields = { ...p.fields, raterName: 'userName' }))).toEqual(['/province/fields/raterName']);
    expect(problems((p) => (p.clerk = 'name'))).toEqual(['/province/clerk']);
  });

  it('the centre\u2019s configuration wants exactly one signing secret for the province', async () => {
    const paths = async (adapter: Record<string, unknown>): Promise<string[]> => {
      const file = await centreConfigFile('postgres://x@127.0.0.1/x', (f) => (f.province = { adapter: { type: 'http-json', url: 'https://p.example/u', appKey: 'k', ...adapter } } as CentreConfigFile['province']));
      const result = loadCentreConfig(file);
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(await paths({ appSecret: 'secret-0123456789' })).toEqual([]);
    expect(await paths({})).toEqual(['/province/adapter']);
    expect(await paths({ appSecret: 'secret-0123456789', appSecretFile: '/etc/x' })).toEqual(['/province/adapter']);
  });
});
