/**
 * The province's rules (`province.rules`, docs/province.md) driving behaviour, in process with a controlled
 * clock and the platform simulator: the 回访 and 整改 deadlines of a 差评 in working days (the hall's holiday
 * calendar) and the 电子监察 alert when one passes; the default rating of a visit left unrated, made once by
 * the daily job and delivered; 一次一评 — a second rating is refused and the visit is delivered once per 办件.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSim, type ProvinceSim } from '../../drivers/sim/province-platform';
import { provinceExtension, type ProvinceExtension } from '../../server/wings/province';
import { managerExtension } from '../../server/wings/manager';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import type { AlertView, FollowupList } from '../../server/protocol/manager-model';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, until, type TestHub } from '../support/hub';
import { waitFor } from '../support/wait';
import { provinceSection, simSpecFor } from '../support/province-sim';

let hub: TestHub | undefined;
let sim: ProvinceSim | undefined;
afterEach(async () => {
  await hub?.dispose();
  await sim?.close();
  hub = undefined;
  sim = undefined;
});

const HOUR = 3_600_000;
type Rules = { callbackWorkingDays?: number; remedyWorkingDays?: number; defaultRatingAfterDays?: number; defaultLevel?: number };

async function setUp(rules: Rules): Promise<{ h: TestHub; s: ProvinceSim; clock: TestClock; clerk: string; manager: string; province: ProvinceExtension }> {
  const edit = (p: NonNullable<ReturnType<typeof provinceSection>>): void => {
    p.rules = rules as typeof p.rules;
  };
  const probe = testConfig((f) => (f.province = provinceSection('http://127.0.0.1:1/x', edit)));
  sim = await startProvinceSim(simSpecFor(probe.province!));
  const config = testConfig((f) => (f.province = provinceSection(sim!.url, edit)));
  // Friday 2026-11-27 09:00 in Shanghai.
  const clock = new TestClock();
  const province = provinceExtension(config, { pollMs: 10, random: () => 0.5 });
  hub = await startTestHub({ config, clock, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 }), province] });
  const clerk = await openWindow(hub, 'clerk1', 'w1');
  const manager = await login(hub, 'manager');
  return { h: hub, s: sim, clock, clerk, manager, province };
}

/** A visit served at w1 with its 办件编号; rated from the phone unless `score` is undefined. */
async function visit(h: TestHub, clerk: string, caseNumbers: string[], score?: number): Promise<{ ticketId: string; trackToken: string }> {
  const ticket = await issue(h, 'A');
  expect((await api(h, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} })).status).toBe(200);
  for (const caseNumber of caseNumbers) expect((await api(h, 'POST', `/api/tickets/${ticket.id}/cases`, { token: clerk, body: { caseNumber } })).status).toBe(200);
  expect((await api(h, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} })).status).toBe(200);
  if (score !== undefined) expect((await api(h, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score, ...(score <= 2 ? { tags: ['slow'] } : {}) } })).status).toBe(201);
  return { ticketId: ticket.id, trackToken: ticket.trackToken };
}

/** The follow-up alerts after the rules ran; signs in afresh (a jump of days outlasts a staff session). */
async function followupAlerts(h: TestHub): Promise<AlertView[]> {
  const manager = await login(h, 'manager');
  expect((await api(h, 'POST', '/api/alerts/evaluate', { token: manager, body: {} })).status).toBe(200);
  const alerts = await api<AlertView[]>(h, 'GET', '/api/alerts?scope=recent&days=30', { token: manager });
  return alerts.body.filter((a) => a.kind === 'followup-overdue');
}

describe('province rules', () => {
  it('sets the 回访 and 整改 deadlines of a 差评 in working days, and raises 电子监察 alerts when they pass', async () => {
    const { h, clock, clerk, manager } = await setUp({ callbackWorkingDays: 1, remedyWorkingDays: 5 });
    // Monday 30 November is a holiday in this hall's calendar: neither deadline counts it.
    expect((await api(h, 'PUT', '/api/admin/holidays', { token: manager, body: { holidays: ['2026-11-30'], workdays: [] } })).status).toBe(200);
    await visit(h, clerk, ['330106202611270001'], 1);
    let list = (await api<FollowupList>(h, 'GET', '/api/followups', { token: manager })).body;
    const read = async (): Promise<void> => {
      list = (await api<FollowupList>(h, 'GET', '/api/followups', { token: await login(h, 'manager') })).body;
    };
    // The follow-up opens from the rating's fact, just after its commit.
    await waitFor('the follow-up', async () => {
      list = (await api<FollowupList>(h, 'GET', '/api/followups', { token: manager })).body;
      return list.items.length > 0;
    });
    const [item] = list.items;
    // Callback: end of Tuesday 1 December (Shanghai); remedy: end of Monday 7 December.
    expect(item?.callbackDueAt).toBe(Date.parse('2026-12-01T16:00:00Z'));
    expect(item?.dueAt).toBe(Date.parse('2026-12-07T16:00:00Z'));
    expect(await followupAlerts(h)).toEqual([]);

    clock.current = Date.parse('2026-12-01T15:59:00Z');
    expect(await followupAlerts(h)).toEqual([]);
    clock.current = Date.parse('2026-12-01T16:01:00Z');
    const [late] = await followupAlerts(h);
    expect(late).toMatchObject({ kind: 'followup-overdue', subject: expect.stringContaining('回访') });
    expect(late?.clearedAt).toBeUndefined();
    await read();
    expect(list.items[0]?.isOverdue).toBe(true);

    // Called back (late): the alert clears; the item stays open until its 整改 deadline passes too.
    expect((await api(h, 'POST', `/api/followups/${item!.id}/record`, { token: await login(h, 'manager'), body: { step: 'callback', note: '已电话回访' } })).status).toBe(200);
    const cleared = await followupAlerts(h);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]?.clearedAt).toBeDefined();
    clock.current = Date.parse('2026-12-07T16:01:00Z');
    const after = await followupAlerts(h);
    expect(after.filter((a) => a.clearedAt === undefined).map((a) => a.subject)).toEqual([expect.stringContaining('整改')]);
  });

  it('reports a visit left unrated with the default level on the system channel, once, from the daily job', async () => {
    const { h, s, clock, clerk, province } = await setUp({ defaultRatingAfterDays: 1 });
    const unrated = await visit(h, clerk, ['330106202611270011']);
    await visit(h, clerk, ['330106202611270012'], 4);
    await until(() => s.stored.size === 1, "the visitor's rating at the platform");
    // Monday noon: one working day has not ended, and the phone window (72 h) is still open.
    clock.current = Date.parse('2026-11-30T04:00:00Z');
    h.hub.housekeeping();
    expect(province.wing().applyDefaultRatings()).toBe(0);
    // Tuesday 00:30: both are over; the day rollover runs the rule.
    clock.current = Date.parse('2026-11-30T16:30:00Z');
    h.hub.housekeeping();
    await until(() => s.stored.size === 2, 'the default rating at the platform');
    const record = [...s.stored.values()].find((r) => r.projectNo === '330106202611270011');
    expect(record).toMatchObject({ pf: '7', satisfaction: 5, assessNumber: 1, assessTime: '2026-12-01 00:30:00' });
    // Idempotent: the next run, and the next day's, make none; the visitor can no longer rate it.
    expect(province.wing().applyDefaultRatings()).toBe(0);
    clock.advance(24 * HOUR);
    h.hub.housekeeping();
    expect(province.wing().applyDefaultRatings()).toBe(0);
    const ratings = h.db.prepare('SELECT ticket_id, channel, score FROM ratings ORDER BY rated_at').all() as { ticket_id: string; channel: string; score: number }[];
    expect(ratings.map((r) => r.channel)).toEqual(['phone', 'system']);
    expect(ratings[1]).toMatchObject({ ticket_id: unrated.ticketId, score: 5 });
    const late = await api<{ error: string }>(h, 'POST', `/api/track/${unrated.trackToken}/rating`, { body: { score: 1 } });
    expect(late.status).toBe(409);
    expect(s.stored.size).toBe(2);
  });

  it('is off by default: an unrated visit stays unrated', async () => {
    const { h, clock, clerk, province } = await setUp({});
    await visit(h, clerk, ['330106202611270021']);
    clock.current = Date.parse('2026-12-20T04:00:00Z');
    h.hub.housekeeping();
    expect(province.wing().applyDefaultRatings()).toBe(0);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });

  it('一次一评: a second rating of a visit is refused, and the visit is delivered once per 办件', async () => {
    const { h, s, clerk } = await setUp({});
    const rated = await visit(h, clerk, ['330106202611270031', '330106202611270032'], 5);
    const again = await api<{ error: string; message: string }>(h, 'POST', `/api/track/${rated.trackToken}/rating`, { body: { score: 1, tags: ['slow'] } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already-rated', message: expect.stringContaining('rated once') });
    await until(() => s.stored.size === 2, 'one record per 办件');
    await new Promise((r) => setTimeout(r, 100));
    expect([...s.stored.values()].map((r) => [r.projectNo, r.satisfaction]).sort()).toEqual([['330106202611270031', 5], ['330106202611270032', 5]]);
    expect(s.received).toHaveLength(2);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM province_outbox').get()).toEqual({ n: 2 });
    // The export (the old uploader's place) tells when the province acknowledged the rating.
    await until(() => (h.db.prepare("SELECT COUNT(*) AS n FROM province_outbox WHERE state = 'acked'").get() as { n: number }).n === 2, 'the acks');
    const exported = await api<{ records: { uploadedAt?: number }[] }>(h, 'GET', '/api/ratings/export?from=2026-11-27&to=2026-11-27', { token: await login(h, 'manager') });
    expect(exported.body.records.map((r) => r.uploadedAt)).toEqual([expect.any(Number)]);
  });

  it('`hallq check` refuses to switch 一次一评 off', () => {
    const file = demoConfigFile();
    file.province = provinceSection('http://127.0.0.1:1/x', (p) => (p.rules = { oncePerVisit: false } as typeof p.rules));
    const result = loadConfig(file, { isDemo: true });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toContain('/province/rules/oncePerVisit');
  });
});
