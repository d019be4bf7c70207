/**
 * Who recorded each 差评 follow-up step (issue 20): the staff username is stored with the 回访, 整改 and 反馈,
 * returned with the follow-up history, and kept in the hall: the fact the uplink ships leaves it out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { waitFor } from '../support/wait';
import { managerExtension } from '../../server/wings/manager';
import { projectForUplink } from '../../server/domain/uplink-projection';
import type { FollowupList, FollowupView } from '../../server/protocol/manager-model';

describe('follow-up steps: who recorded them', () => {
  let hub: TestHub;

  beforeEach(async () => {
    const config = testConfig((file) => {
      const manager = file.staff.find((s) => s.username === 'manager')!;
      file.staff.push({ username: 'manager2', name: '孙科长', role: 'manager', passwordHash: manager.passwordHash });
    });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
  });
  afterEach(() => hub.dispose());

  it('stores the username of each step\'s recorder, returns it in the history, and does not ship it to the centre', async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    hub.clock?.advance(60_000);
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    expect((await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 1, tags: ['attitude'] } })).status).toBe(201);
    const manager = await login(hub, 'manager');
    const manager2 = await login(hub, 'manager2');
    const open = async (): Promise<FollowupView[]> => (await api<FollowupList>(hub, 'GET', '/api/followups', { token: manager })).body.items;
    await waitFor('the follow-up is open', async () => (await open()).length === 1);
    const id = (await open())[0]!.id;

    const record = (token: string, step: string, note: string) => api<FollowupView>(hub, 'POST', `/api/followups/${id}/record`, { token, body: { step, note } });
    expect((await record(manager2, 'callback', '已电话回访')).body).toMatchObject({ callbackBy: 'manager2' });
    expect((await record(manager, 'remedy', '窗口人员培训')).body).toMatchObject({ callbackBy: 'manager2', remedyBy: 'manager' });
    const closed = (await record(manager2, 'feedback', '已告知结果')).body;
    expect(closed).toMatchObject({ status: 'closed', callbackBy: 'manager2', remedyBy: 'manager', feedbackBy: 'manager2', closedBy: 'manager2' });

    expect(hub.db.prepare('SELECT callback_by, remedy_by, feedback_by FROM followups WHERE id = ?').get(id)).toEqual({ callback_by: 'manager2', remedy_by: 'manager', feedback_by: 'manager2' });
    const history = await api<FollowupList>(hub, 'GET', '/api/followups?scope=closed', { token: manager });
    expect(history.body.items[0]).toMatchObject({ id, callbackBy: 'manager2', remedyBy: 'manager', feedbackBy: 'manager2' });

    // The logged fact holds the usernames (the hall's own history); what leaves for the centre holds neither them nor names.
    const facts = hub.db.prepare<[], { seq: number; at: number; type: string; data: string }>("SELECT seq, at, type, data FROM events WHERE type = 'followup:updated' ORDER BY seq").all();
    const last = facts.at(-1)!;
    expect(JSON.parse(last.data)).toMatchObject({ followup: { feedbackBy: 'manager2' } });
    const shipped = projectForUplink({ ...last, data: JSON.parse(last.data) as unknown }, { staffNames: new Set(['孙科长', '刘主任', '王芳']) });
    const sent = JSON.stringify(shipped);
    expect(sent).toContain('"closedAt"');
    for (const word of ['callbackBy', 'remedyBy', 'feedbackBy', 'closedBy', '孙科长', '刘主任']) expect(sent).not.toContain(word);
  });
});
