/**
 * 差评 follow-ups: opened for every rating of 2 or 1, assigned to the clerk who served, due N working days
 * later (holidays skipped), flagged when overdue, closed by call-back + feedback; appeals reviewed by a manager,
 * ratings never deleted.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { waitFor } from '../support/wait';
import { managerExtension } from '../../server/wings/manager';
import { WindowDevicesRepo } from '../../server/storage/window-devices-repo';
import type { FollowupView } from '../../server/protocol/manager-model';
import type { RatingRecord, Report } from '../../server/protocol/reports';

/** GET /api/followups (server/transport/http/manager-routes.ts). */
interface FollowupList {
  items: FollowupView[];
  summary: { total: number; closed: number; overdue: number; rate: number };
}

describe('manager follow-ups', () => {
  let hub: TestHub;
  let clock: TestClock;
  let manager: string;

  beforeEach(async () => {
    clock = new TestClock(); // Friday 2026-11-27 09:00 in Asia/Shanghai
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    manager = await login(hub, 'manager');
  });

  afterEach(async () => hub.dispose());

  /** Serves one A ticket at w1 by clerk1 and rates it from the phone. */
  async function serveAndRate(score: number, clerk: string): Promise<string> {
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    clock.advance(60_000);
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    const rated = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score, tags: score <= 2 ? ['attitude'] : [] } });
    expect(rated.status).toBe(201);
    return ticket.id;
  }

  const list = async (): Promise<FollowupList> => (await api<FollowupList>(hub, 'GET', '/api/followups', { token: manager })).body;
  /** Follow-ups open from the rating's fact just after its commit (and its answer): wait until `n` are open. */
  const opened = (n: number): Promise<boolean> => waitFor(`${n} open follow-up(s)`, async () => (await list()).items.length === n);

  it('opens one follow-up per 差评, assigned to the serving clerk, due after N working days skipping holidays', async () => {
    expect((await api(hub, 'PUT', '/api/admin/settings', { token: manager, body: { followupWorkingDays: 5, pauseLimitMinutes: 20 } })).status).toBe(200);
    expect((await api(hub, 'PUT', '/api/admin/holidays', { token: manager, body: { holidays: ['2026-12-01'], workdays: [] } })).status).toBe(200);
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const badTicket = await serveAndRate(1, clerk);
    await serveAndRate(3, clerk); // 基本满意 is not a 差评
    await opened(1);
    const { items } = await list();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ ticketId: badTicket, assignee: 'clerk1', score: 1, tags: ['attitude'], status: 'open', isOverdue: false, appealStatus: 'none' });
    // Fri 11-27 + 5 working days: Mon 30, (Tue 1 Dec holiday), Wed 2, Thu 3, Fri 4, Mon 7 → end of Mon 7 Dec, Beijing time.
    expect(item?.dueAt).toBe(Date.parse('2026-12-08T00:00:00+08:00'));
    // The recent history, with its number of days in the query string (text, read as a number).
    const recent = await api<FollowupList>(hub, 'GET', '/api/followups?scope=recent&days=30', { token: manager });
    expect(recent.status).toBe(200);
    expect(recent.body.items.map((f) => f.ticketId)).toEqual([badTicket]);

    clock.current = Date.parse('2026-12-07T23:59:59+08:00');
    manager = await login(hub, 'manager'); // sessions last 12 hours
    expect((await list()).items[0]?.isOverdue).toBe(false);
    clock.current = Date.parse('2026-12-08T00:00:01+08:00');
    manager = await login(hub, 'manager');
    const late = await list();
    expect(late.items[0]?.isOverdue).toBe(true);
    expect(late.summary).toMatchObject({ total: 1, closed: 0, overdue: 1, rate: 0 });

    const id = item?.id ?? '';
    const callback = await api<FollowupView>(hub, 'POST', `/api/followups/${id}/record`, { token: manager, body: { step: 'callback', note: '已电话回访，致歉' } });
    expect(callback.body).toMatchObject({ status: 'open', callbackNote: '已电话回访，致歉' });
    await api(hub, 'POST', `/api/followups/${id}/record`, { token: manager, body: { step: 'remedy', note: '窗口人员培训' } });
    const feedback = await api<FollowupView>(hub, 'POST', `/api/followups/${id}/record`, { token: manager, body: { step: 'feedback', note: '已告知整改结果' } });
    expect(feedback.body).toMatchObject({ status: 'closed', isOverdue: false });
    expect((await list()).summary).toMatchObject({ total: 1, closed: 1, rate: 1 });
    const closedAgain = await api(hub, 'POST', `/api/followups/${id}/record`, { token: manager, body: { step: 'remedy', note: 'late' } });
    expect(closedAgain.status).toBe(409);
    const audit = hub.db.prepare("SELECT actor FROM events WHERE type = 'followup:updated' ORDER BY seq").all();
    expect(audit).toEqual([{ actor: 'system' }, { actor: 'staff:manager' }, { actor: 'staff:manager' }, { actor: 'staff:manager' }]);
  });

  it('reviews an appeal: the clerk appeals, a manager decides, the rating stays on record but leaves the rates', async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await serveAndRate(2, clerk);
    await opened(1);
    const [item] = (await list()).items;
    const id = item?.id ?? '';
    const other = await login(hub, 'clerk2');
    expect((await api(hub, 'POST', `/api/followups/${id}/appeal`, { token: other, body: { reason: 'not mine' } })).status).toBe(403);
    const appealed = await api<FollowupView>(hub, 'POST', `/api/followups/${id}/appeal`, { token: clerk, body: { reason: '评价人误按' } });
    expect(appealed.body).toMatchObject({ appealStatus: 'pending', appealBy: 'clerk1' });
    expect((await api(hub, 'POST', `/api/followups/${id}/appeal`, { token: clerk, body: { reason: 'again' } })).status).toBe(409);
    expect((await api(hub, 'POST', `/api/followups/${id}/appeal/decision`, { token: clerk, body: { decision: 'accepted', note: 'x' } })).status).toBe(403);
    const decided = await api<FollowupView>(hub, 'POST', `/api/followups/${id}/appeal/decision`, { token: manager, body: { decision: 'accepted', note: '监控核实误操作' } });
    expect(decided.body).toMatchObject({ appealStatus: 'accepted', appealDecidedBy: 'manager', status: 'closed' });

    const report = (await api<Report>(hub, 'GET', '/api/reports?from=2026-11-27&to=2026-11-27', { token: manager })).body;
    expect(report.total.ratings).toBe(0);
    // The clerk's own figures (我的今日 on the window page) leave it out too.
    expect(new WindowDevicesRepo(hub.db).clerkDay('2026-11-27', 'clerk1').ratings).toMatchObject({ count: 0, bad: 0 });
    const exported = (await api<{ records: RatingRecord[] }>(hub, 'GET', '/api/ratings/export?from=2026-11-27&to=2026-11-27', { token: manager })).body;
    expect(exported.records).toEqual([expect.objectContaining({ level: 2, levelName: '不满意', appealStatus: 'accepted', staffId: 'clerk1', channel: 'phone' })]);
    expect(hub.db.prepare('SELECT COUNT(*) AS n FROM ratings').get()).toEqual({ n: 1 });
    expect((await list()).summary).toMatchObject({ total: 0, rate: 1 });
  });

  // Issue 19: a closed follow-up vanished from the console with no trace of who closed it, when, or how.
  it('keeps closed follow-ups as history with who closed them, when and how; the clerk sees only his own', async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await serveAndRate(1, clerk);
    await serveAndRate(2, clerk);
    await vi.waitFor(async () => expect((await list()).items).toHaveLength(2));
    const [first, second] = (await list()).items;
    const one = first?.id ?? '';
    const two = second?.id ?? '';

    // The clerk's own list (the window page's 我的差评), and nobody else's.
    const mine = await api<FollowupView[]>(hub, 'GET', '/api/followups/mine', { token: clerk });
    expect(mine.status).toBe(200);
    expect(mine.body.map((f) => f.id).sort()).toEqual([one, two].sort());
    const clerk2 = await login(hub, 'clerk2');
    expect((await api<FollowupView[]>(hub, 'GET', '/api/followups/mine', { token: clerk2 })).body).toEqual([]);
    expect((await api(hub, 'GET', '/api/followups/mine')).status).toBe(401);

    await api(hub, 'POST', `/api/followups/${one}/record`, { token: manager, body: { step: 'callback', note: '已回访' } });
    clock.advance(60_000);
    const closedAt = clock.now();
    await api(hub, 'POST', `/api/followups/${one}/record`, { token: manager, body: { step: 'feedback', note: '已告知结果' } });
    await api(hub, 'POST', `/api/followups/${two}/appeal`, { token: clerk, body: { reason: '评价人误按' } });
    clock.advance(60_000);
    await api(hub, 'POST', `/api/followups/${two}/appeal/decision`, { token: manager, body: { decision: 'accepted', note: '核实误操作' } });

    expect((await list()).items).toEqual([]);
    const closed = await api<FollowupList>(hub, 'GET', '/api/followups?scope=closed&days=30', { token: manager });
    expect(closed.status).toBe(200);
    expect(closed.body.items.map((f) => f.id)).toEqual([two, one]); // latest closed first
    expect(closed.body.items[1]).toMatchObject({ status: 'closed', closedAt, closedBy: 'manager', feedbackNote: '已告知结果', appealStatus: 'none' });
    expect(closed.body.items[0]).toMatchObject({ status: 'closed', closedBy: 'manager', appealStatus: 'accepted', appealBy: 'clerk1', appealDecisionNote: '核实误操作' });
    expect((await api(hub, 'GET', '/api/followups?scope=done', { token: manager })).status).toBe(400);
  });

  it('opens follow-ups missed by a crash between the rating and its follow-up', async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await serveAndRate(1, clerk);
    await opened(1);
    hub.db.prepare('DELETE FROM followups').run();
    expect((await list()).items).toEqual([]);
    await serveAndRate(5, clerk); // any fact, or the timer, runs the sweep
    await opened(1);
    expect((await list()).items).toHaveLength(1);
  });
});
