/**
 * 强制关窗 end to end (real SQLite, HTTP, sockets, controlled clock). Regression: clerk1 called a visitor at
 * window 1 and signed out; the window stayed open with them, so clerk4 got window-taken, the manager's close
 * got not-signed-in-here, disabling clerk1 changed nothing, the visitor stayed 办理中 raising 办理超时, and
 * the midnight rollover kept the window open with clerk1. Also: a clerk still signed in at another window
 * was told a colleague held the window they chose (window-taken), now `signed-in-elsewhere`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/app/passwords';
import { idCheckCharacter } from '../../drivers/identity';
import { hubExtensions } from '../../server/extensions';
import { errorText } from '../../server/protocol/error-words';
import type { PublicEvent, StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import type { AlertView } from '../../server/protocol/manager-model';
import type { HallSnapshot, StaffSnapshot, TicketView, TrackView } from '../../server/protocol/model';
import { api, connectSocket, emitAck, issue, login, openWindow, startTestHub, testConfig, TestClock, until, type TestHub, type TestSocket } from '../support/hub';

const MIN = 60_000;
const MANAGER_PASSWORD = 'mgr-password-1';
/** A typed ID number (kiosk 一证通办): personal data that must never reach the audit fact. */
const ID_NUMBER = ((first17: string) => first17 + idCheckCharacter(first17))('32010219800101123');

describe('releasing a window a clerk left open (强制关窗)', () => {
  let hub: TestHub;
  let clock: TestClock;
  let manager: string;
  let staffSocket: TestSocket;
  let publicSocket: TestSocket;
  const staffFacts: StaffEvent[] = [];
  const publicFacts: PublicEvent[] = [];

  beforeEach(async () => {
    clock = new TestClock(); // 09:00 in Shanghai
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: hubExtensions(config) });
    // A hall manager (role manager, not admin): the role the release is for.
    hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr', name: '值班主任', role: 'manager', passwordHash: await hashPassword(MANAGER_PASSWORD) });
    manager = await login(hub, 'mgr', MANAGER_PASSWORD);
    staffFacts.length = 0;
    publicFacts.length = 0;
    staffSocket = connectSocket(hub, manager);
    staffSocket.on('hub:events', (events) => staffFacts.push(...events));
    publicSocket = connectSocket(hub);
    publicSocket.on('hub:public-events', (events) => publicFacts.push(...events));
    await emitAck(staffSocket, 'hall:sync', {});
    await emitAck(publicSocket, 'hall:sync', {});
  });

  afterEach(async () => {
    staffSocket.close();
    publicSocket.close();
    await hub.dispose();
  });

  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 80));
  const staffView = async (token: string): Promise<StaffSnapshot> => (await api<StaffSnapshot>(hub, 'GET', '/api/hall/staff', { token })).body;
  const w1Of = async (): Promise<HallSnapshot['windows'][number] | undefined> => (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body.windows.find((w) => w.id === 'w1');
  const openAlerts = async (): Promise<AlertView[]> => (await api<AlertView[]>(hub, 'GET', '/api/alerts', { token: manager })).body;
  const evaluateAlerts = async (): Promise<void> => {
    expect((await api(hub, 'POST', '/api/alerts/evaluate', { token: manager })).status).toBe(200);
  };

  it('the abandoned window: the manager releases it, the visitor waits at the front of the queue, another clerk opens it and calls them', async () => {
    const a1 = await issue(hub, 'A');
    const a2 = await issue(hub, 'A');
    const a3 = await issue(hub, 'A', { idNumber: ID_NUMBER });
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    // clerk1 takes A003 (指定叫号), so A001 and A002, who came earlier, are still waiting.
    const called = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/call', { token: clerk1, body: { ticketId: a3.id } });
    expect(called.body.window).toMatchObject({ state: 'serving', current: { number: a3.number } });
    expect((await api(hub, 'POST', '/api/auth/logout', { token: clerk1 })).status).toBe(204);

    // Nobody could free it before.
    const clerk4 = await login(hub, 'clerk4');
    expect(await api(hub, 'POST', '/api/windows/w1/open', { token: clerk4, body: {} })).toMatchObject({ status: 409, body: { error: 'window-taken' } });
    expect(await api(hub, 'POST', '/api/windows/w1/close', { token: manager, body: {} })).toMatchObject({ status: 403, body: { error: 'not-signed-in-here' } });
    // The visit at the abandoned window runs past A's 15-minute service limit: 办理超时.
    clock.advance(16 * MIN);
    await evaluateAlerts();
    expect((await openAlerts()).map((a) => [a.kind, a.subject, a.clearedAt])).toEqual([['service-overdue', a3.number, undefined]]);

    const seqBefore = staffFacts.length;
    const released = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/release', { token: manager, body: {} });
    expect(released.status).toBe(200);
    expect(released.body.window).toMatchObject({ id: 'w1', state: 'closed' });
    expect(released.body.window.current).toBeUndefined();
    const requeued = released.body.ticket as TicketView;
    expect(requeued).toMatchObject({ number: a3.number, serviceId: 'A', status: 'waiting', arrivedAt: a3.arrivedAt, callCount: 0 });
    expect(requeued.id).not.toBe(a3.id);

    // The visit at the counter ended without counting as served (nothing to rate), and the phone follows the new segment.
    const ended = await api<TicketView>(hub, 'GET', `/api/tickets/${a3.id}`, { token: manager });
    expect(ended.body).toMatchObject({ status: 'transferred', closeReason: 'window-released', windowId: 'w1', staffId: 'clerk1' });
    const phone = await api<TrackView>(hub, 'GET', `/api/track/${a3.trackToken}`);
    expect(phone.body).toMatchObject({ number: a3.number, status: 'waiting', canRate: false });
    expect(phone.body.windowNumber).toBeUndefined();

    // Window strips and displays follow through the ordinary public fact; staff get the audit fact too.
    await until(() => staffFacts.length >= seqBefore + 4 && publicFacts.some((e) => e.type === 'window:updated' && e.data.window.id === 'w1' && e.data.window.state === 'closed'), 'the release facts on both sockets');
    expect(publicFacts.filter((e) => e.type === 'window:updated').at(-1)?.data.window).toMatchObject({ id: 'w1', state: 'closed' });
    expect(publicFacts.some((e) => (e.type as string) === 'window:released')).toBe(false);
    // One commit, in this order (the alert engine's own facts may follow it).
    expect(staffFacts.slice(seqBefore, seqBefore + 4).map((e) => e.type)).toEqual(['ticket:updated', 'ticket:issued', 'window:updated', 'window:released']);
    expect((await w1Of())?.state).toBe('closed');

    // The 办理超时 alert ends with the visit at the abandoned counter.
    await evaluateAlerts();
    expect((await openAlerts())[0]?.clearedAt).toBeDefined();

    // Another clerk opens window 1 and the first call-next brings back the visitor who was at the counter.
    expect((await api(hub, 'POST', '/api/windows/w1/open', { token: clerk4, body: {} })).status).toBe(200);
    const next = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/call-next', { token: clerk4, body: {} });
    expect(next.body.ticket).toMatchObject({ id: requeued.id, number: a3.number, status: 'called', staffId: 'clerk4' });
    // …before A001 and A002, and the earlier visit's overdue time does not follow them to the new clerk.
    expect(next.body.ticket?.firstCalledAt).toBe(clock.now());
    const waiting = (await staffView(manager)).tickets.filter((t) => t.status === 'waiting').map((t) => t.number);
    expect(waiting.sort()).toEqual([a1.number, a2.number].sort());
    await evaluateAlerts();
    expect((await openAlerts()).filter((a) => a.clearedAt === undefined)).toEqual([]);
    // clerk1's day does not count the released visit as a transfer of theirs.
    const clerk1Again = await login(hub, 'clerk1');
    const day = await api<{ figures: { transferred: number; served: number } }>(hub, 'GET', '/api/windows/w1/today', { token: clerk1Again });
    expect(day.body.figures).toMatchObject({ transferred: 0, served: 0 });
  });

  it('keeps who released which window in the audit log, without a visitor\'s personal data', async () => {
    const ticket = await issue(hub, 'A', { idNumber: ID_NUMBER });
    expect(ticket.personMasked).toBeDefined();
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const released = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/release', { token: manager, body: {} });
    const logged = hub.hub.ports.read.hall.eventsAfter(0, 10_000).filter((e) => e.type === 'window:released');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: 'staff:mgr' });
    expect(logged[0]?.data).toEqual({ windowId: 'w1', windowNumber: 1, by: 'mgr', clerk: 'clerk1', ticketId: released.body.ticket?.id, number: ticket.number });
    const text = JSON.stringify(logged[0]);
    for (const personal of [ID_NUMBER, ticket.personMasked ?? '-', ticket.trackToken, '王芳', '值班主任']) expect(text).not.toContain(personal);
  });

  it('only a manager or an admin releases: a clerk is refused and the window stays as it was', async () => {
    await issue(hub, 'A');
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const before = await w1Of();
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    expect(await api(hub, 'POST', '/api/windows/w1/release', { token: clerk2, body: {} })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Not even their own window: a clerk closes it with the close verb.
    expect(await api(hub, 'POST', '/api/windows/w2/release', { token: clerk2, body: {} })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await api(hub, 'POST', '/api/windows/w1/release', { body: {} })).status).toBe(401);
    expect(await w1Of()).toEqual(before);
    expect(hub.hub.ports.read.hall.eventsAfter(0, 10_000).some((e) => e.type === 'window:released')).toBe(false);
    // The admin may, and a second release of the closed window changes nothing.
    const admin = await login(hub, 'manager');
    expect((await api(hub, 'POST', '/api/windows/w1/release', { token: admin, body: {} })).status).toBe(200);
    const head = hub.hub.ports.read.hall.lastSeq();
    const again = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/release', { token: manager });
    expect(again.status).toBe(200);
    expect(again.body.window.state).toBe('closed');
    expect(hub.hub.ports.read.hall.lastSeq()).toBe(head);
    expect((await api(hub, 'POST', '/api/windows/w9/release', { token: manager, body: {} })).status).toBe(404);
    expect((await api(hub, 'POST', '/api/windows/w1/release', { token: manager, body: { note: 'x' } })).status).toBe(400);
  });

  it('releases the window of a disabled account', async () => {
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const admin = await login(hub, 'manager');
    const disabled = await api(hub, 'PUT', '/api/admin/staff/clerk1', { token: admin, body: { name: '王芳', role: 'clerk', isDisabled: true } });
    expect(disabled.status).toBe(200);
    expect((await w1Of())?.state).toBe('serving');
    const released = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/release', { token: manager, body: {} });
    expect(released.body.window.state).toBe('closed');
    expect(released.body.ticket?.status).toBe('waiting');
    expect((await api(hub, 'POST', '/api/windows/w1/open', { token: await login(hub, 'clerk4'), body: {} })).status).toBe(200);
  });

  it('the day rollover closes every window with no clerk; the next morning anyone may open them', async () => {
    clock.current = Date.parse('2026-11-27T15:00:00Z'); // 23:00 in Shanghai
    manager = await login(hub, 'mgr', MANAGER_PASSWORD);
    // The 09:00 session of the watching socket ran out at 21:00: the hub's sweep (every second) cuts it, so
    // whether the rollover's facts reached it depended on the machine's speed. The watcher signs in again.
    staffSocket.close();
    staffSocket = connectSocket(hub, manager);
    staffSocket.on('hub:events', (events) => staffFacts.push(...events));
    await emitAck(staffSocket, 'hall:sync', {});
    const late = await issue(hub, 'A');
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    await api(hub, 'POST', '/api/windows/w2/pause', { token: clerk2, body: { reason: 'break' } });
    const clerk3 = await openWindow(hub, 'clerk3', 'w3');
    expect((await api<HallSnapshot>(hub, 'GET', '/api/hall')).body.windows.filter((w) => w.state !== 'closed').map((w) => w.id)).toEqual(['w1', 'w2', 'w3']);
    const seqBefore = staffFacts.length;

    clock.advance(61 * MIN); // 00:01 on the 28th
    hub.hub.housekeeping();
    const windows = (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body.windows;
    expect(windows.map((w) => [w.id, w.state, w.current])).toEqual(windows.map((w) => [w.id, 'closed', undefined]));
    const w1 = hub.hub.ports.read.hall.windowStatuses().get('w1');
    expect([w1?.state, w1?.staffId, w1?.currentTicketId]).toEqual(['closed', undefined, undefined]);
    expect((await api<TicketView>(hub, 'GET', `/api/tickets/${late.id}`, { token: manager })).body).toMatchObject({ status: 'cancelled', closeReason: 'day-closed' });
    // Facts reach the socket after the commit: wait for the three closings (a loaded machine delays them), then
    // check there are exactly those.
    const windowFacts = (): StaffEvent[] => staffFacts.slice(seqBefore).filter((e) => e.type === 'window:updated');
    await until(() => windowFacts().length >= 3, 'three window:updated facts');
    await settle();
    const closedFacts = windowFacts();
    expect(closedFacts.map((e) => (e.type === 'window:updated' ? [e.data.window.id, e.data.window.state] : [])).sort()).toEqual([['w1', 'closed'], ['w2', 'closed'], ['w3', 'closed']]);
    // A second run on the same day changes nothing.
    const head = hub.hub.ports.read.hall.lastSeq();
    hub.hub.housekeeping();
    expect(hub.hub.ports.read.hall.lastSeq()).toBe(head);

    // Yesterday's clerk no longer holds window 1: clerk4 opens it; clerk1 (same session) opens another one.
    expect((await api(hub, 'POST', '/api/windows/w1/open', { token: await login(hub, 'clerk4'), body: {} })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/windows/w3/open', { token: clerk1, body: {} })).status).toBe(200);
    expect(await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk3, body: {} })).toMatchObject({ status: 403, body: { error: 'not-signed-in-here' } });
  });

  it('case B: still signed in at window 5 → its own code and words naming window 5, not "another clerk holds it"', async () => {
    const clerk2 = await openWindow(hub, 'clerk2', 'w5');
    const refused = await api<{ error: string; message: string }>(hub, 'POST', '/api/windows/w3/open', { token: clerk2, body: {} });
    expect(refused).toMatchObject({ status: 409, body: { error: 'signed-in-elsewhere', message: 'You are still signed in at window 5. Close it before opening window 3.' } });
    expect(errorText({ code: refused.body.error, message: refused.body.message }, 'zh-CN')).toBe('您仍在5号窗口登录，请先在该窗口关窗');
    // Someone else's window is still window-taken.
    const clerk3 = await login(hub, 'clerk3');
    expect(await api(hub, 'POST', '/api/windows/w5/open', { token: clerk3, body: {} })).toMatchObject({ status: 409, body: { error: 'window-taken' } });
    // Over the socket's window command the same code (the gateway renders HubErrors alike).
    const socket = connectSocket(hub, clerk2);
    try {
      await emitAck(socket, 'hall:sync', {});
      const ack = await emitAck<{ ok: boolean; error?: { error: string } }>(socket, 'window:command', { windowId: 'w3', verb: 'open' });
      expect(ack).toMatchObject({ ok: false, error: { error: 'signed-in-elsewhere' } });
    } finally {
      socket.close();
    }
  });
});
