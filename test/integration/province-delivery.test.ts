/**
 * 好差评 delivery against the platform simulator, in process with a controlled clock: a delivered record's
 * fields against the mapping, the platform down for hours of hall time, a rejection corrected and resent,
 * duplicate acks, 一件事 (one rating per case number), and no personal data in the logs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSim, type ProvinceSim } from '../../drivers/sim/province-platform';
import { provinceExtension } from '../../server/wings/province';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, until, type TestHub } from '../support/hub';
import { provinceSection, simSpecFor } from '../support/province-sim';
import type { ProvinceOverview, TicketCases } from '../../server/protocol/province';

let hub: TestHub | undefined;
let sim: ProvinceSim | undefined;
afterEach(async () => {
  await hub?.dispose();
  await sim?.close();
  hub = undefined;
  sim = undefined;
});

async function setUp(edit?: Parameters<typeof provinceSection>[1]): Promise<{ hub: TestHub; sim: ProvinceSim; clock: TestClock; clerk: string; manager: string }> {
  const probe = testConfig((f) => (f.province = provinceSection('http://127.0.0.1:1/x', edit)));
  sim = await startProvinceSim(simSpecFor(probe.province!));
  const config = testConfig((f) => (f.province = provinceSection(sim!.url, edit)));
  const clock = new TestClock();
  hub = await startTestHub({ config, clock, extensions: [provinceExtension(config, { pollMs: 10, random: () => 0.5 })] });
  const clerk = await openWindow(hub, 'clerk1', 'w1');
  const manager = await login(hub, 'manager');
  return { hub, sim, clock, clerk, manager };
}

/** One finished visit at w1, its 办件编号 typed by the clerk (unless `caseNumber` is null), rated from the phone. */
async function ratedVisit(h: TestHub, clerk: string, score: number, caseNumbers: string[] = ['330106202611270001']): Promise<string> {
  const ticket = await issue(h, 'A');
  await api(h, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
  for (const caseNumber of caseNumbers) {
    const attached = await api<TicketCases>(h, 'POST', `/api/tickets/${ticket.id}/cases`, { token: clerk, body: { caseNumber } });
    expect(attached.status).toBe(200);
  }
  await api(h, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  const rated = await api(h, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score, tags: score <= 2 ? ['slow', 'attitude'] : [], comment: '窗口服务很好' } });
  expect(rated.status).toBe(201);
  return ticket.id;
}

const overview = async (h: TestHub, token: string): Promise<ProvinceOverview> => (await api<ProvinceOverview>(h, 'GET', '/api/manager/province', { token })).body;

describe('province delivery (http-json → simulator)', () => {
  it('delivers a rating with the fields the mapping names, signed, once', async () => {
    const { hub: h, sim: s, clerk } = await setUp();
    await ratedVisit(h, clerk, 1);
    await until(() => s.stored.size === 1, 'the record at the platform');
    const [record] = [...s.stored.values()];
    expect(record).toMatchObject({
      areaCode: '330106', areaName: '西湖区', deptCode: '11330106002493827X', proDepart: '西湖区行政服务中心', taskCode: '330106-ZW-0001', taskName: '社保业务',
      projectNo: '330106202611270001', proManager: 'clerk1', pf: '3', satisfaction: 1, evalDetail: '511,512', writingEvaluation: '窗口服务很好',
      assessTime: '2026-11-27 09:00:00', assessNumber: 1, proStatus: '3', dataSource: '001',
    });
    expect(String(record?.assessId)).toMatch(/\.1\.0$/);
    expect(s.refusedRequests).toEqual([]);
  });

  it('keeps records through hours of the platform being down, backing off, then delivers them', async () => {
    const { hub: h, sim: s, clock, clerk, manager } = await setUp();
    s.switches.mode = 'down';
    await ratedVisit(h, clerk, 4);
    await until(() => s.received.length === 0 && (h.db.prepare("SELECT attempts FROM province_outbox").get() as { attempts: number }).attempts >= 1, 'a failed attempt');
    // Each hour: the shipper has caught up once the record is not due (tried and put off, or still backing off).
    const nextAt = (): number => (h.db.prepare('SELECT next_at FROM province_outbox').get() as { next_at: number }).next_at;
    for (let hour = 0; hour < 6; hour++) {
      clock.advance(3_600_000);
      await until(() => nextAt() > clock.now(), `the shipper's attempt in hour ${hour + 1}`);
    }
    const row = h.db.prepare('SELECT state, attempts, next_at FROM province_outbox').get() as { state: string; attempts: number; next_at: number };
    expect(row.state).toBe('retrying');
    // Capped back-off: a handful of attempts over six hours, not one per poll.
    expect(row.attempts).toBeGreaterThan(1);
    expect(row.attempts).toBeLessThan(20);
    expect((await overview(h, manager)).lastError).toMatch(/503/);
    s.switches.mode = 'ok';
    // The platform is back: a manager's "send now" does not wait out the back-off (no hall time passes).
    await until(() => (h.db.prepare('SELECT next_at FROM province_outbox').get() as { next_at: number }).next_at > clock.now(), 'a retry in the future');
    const sent = await api<{ isConfigured: boolean; due: number }>(h, 'POST', '/api/manager/province/send-now', { token: manager, body: {} });
    expect(sent.body).toEqual({ isConfigured: true, due: 1 });
    await until(() => s.stored.size === 1, 'delivery once the platform is back');
    await until(() => (h.db.prepare('SELECT state FROM province_outbox').get() as { state: string }).state === 'acked', 'the ack');
  });

  it('parks a rejected record with the reason; a manager corrects the case number and it is resent under the same id', async () => {
    const { hub: h, sim: s, clerk, manager } = await setUp();
    s.switches.reject = (r) => (r.projectNo === '330106209999999999' ? '办件编号不存在' : undefined);
    await ratedVisit(h, clerk, 2, ['330106209999999999']);
    await until(() => s.received.length === 1, 'the attempt');
    await until(() => (h.db.prepare("SELECT state FROM province_outbox").get() as { state: string }).state === 'rejected', 'the rejection');
    const view = await overview(h, manager);
    expect(view.counts.rejected).toBe(1);
    const rejected = view.records[0]!;
    expect(rejected).toMatchObject({ state: 'rejected', reason: '办件编号不存在' });
    const fixed = await api(h, 'POST', `/api/manager/province/records/${rejected.id}/resend`, { token: manager, body: { caseNumber: '330106202611270002' } });
    expect(fixed.status).toBe(200);
    await until(() => s.stored.size === 1, 'the corrected record');
    expect(s.stored.get(rejected.id)).toMatchObject({ projectNo: '330106202611270002' });
    const clerkTry = await api(h, 'POST', `/api/manager/province/records/${rejected.id}/resend`, { token: clerk, body: {} });
    expect(clerkTry.status).toBe(403);
  });

  it('takes duplicate acks as one, and delivers one rating once per case number of a 一件事', async () => {
    const { hub: h, sim: s, clerk } = await setUp();
    s.switches.duplicateAcks = true;
    await ratedVisit(h, clerk, 5, ['330106202611270003', '330106202611270004']);
    await until(() => s.stored.size === 2, 'both records');
    const levels = [...s.stored.values()].map((r) => [r.projectNo, r.satisfaction]);
    expect(levels.sort()).toEqual([['330106202611270003', 5], ['330106202611270004', 5]]);
    // The platform stores a record before its answer reaches the hub: wait for the hub to have read both answers.
    const states = (): string[] => (h.db.prepare('SELECT state FROM province_outbox ORDER BY rowid').all() as { state: string }[]).map((r) => r.state);
    await until(() => states().every((state) => state === 'acked'), 'both acks read');
    expect(states()).toEqual(['acked', 'acked']);
    expect(s.received.length).toBe(2);
  });

  it('holds a record without a 办件编号 until one is attached', async () => {
    const { hub: h, sim: s, clerk } = await setUp();
    const ticketId = await ratedVisit(h, clerk, 3, []);
    await until(() => (h.db.prepare('SELECT state FROM province_outbox').get() as { state: string }).state === 'held', 'the hold');
    expect(s.received).toEqual([]);
    const attached = await api(h, 'POST', `/api/tickets/${ticketId}/cases`, { token: clerk, body: { caseNumber: '330106202611270005' } });
    expect(attached.status).toBe(200);
    await until(() => s.stored.size === 1, 'delivery after the case came');
  });
});
