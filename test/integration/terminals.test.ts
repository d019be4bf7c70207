/**
 * Terminal health end to end (issue 19, item 5): real SQLite, real HTTP, real socket.io clients as a wall
 * display, a kiosk page and a manager's console, and a controlled clock for the grace. A terminal that drops
 * during opening hours is an alert once dark past the grace and is cleared when it is back; outside the hours
 * nothing is raised; a restart keeps "dark since"; a reload reaches only the page asked; bad events are refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, until, type TestHub, type TestSocket } from '../support/hub';
import { waitFor } from '../support/wait';
import { managerExtension, type ManagerExtension } from '../../server/wings/manager';
import { TERMINAL_DARK_GRACE_MS } from '../../server/domain/terminal-rules';
import { TerminalsRepo } from '../../server/storage/terminals-repo';
import { HALLQ_VERSION } from '../../server/version';
import type { AckResult } from '../../server/protocol/events';
import type { AlertView } from '../../server/protocol/manager-model';
import type { TerminalHelloReply, TerminalList, TerminalReload, TerminalView } from '../../server/protocol/terminals';
import type { AuditPage } from '../../server/protocol/audit';
import { auditSentence } from '../../server/protocol/audit-words';
import type { Config } from '../../server/config';

const open: TestSocket[] = [];
let hub: TestHub | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await hub?.dispose();
  hub = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function start(config: Config = testConfig(), clock = new TestClock(), dir?: string): Promise<{ hub: TestHub; wing: ManagerExtension; token: string }> {
  const wing = managerExtension(config, { alertIntervalMs: 3_600_000 });
  hub = await startTestHub({ config, clock, extensions: [wing], dataDir: dir });
  return { hub, wing, token: await login(hub, 'manager') };
}

function socketOf(h: TestHub, token?: string): TestSocket {
  const socket = connectSocket(h, token);
  open.push(socket);
  return socket;
}

async function hello(socket: TestSocket, body: Record<string, unknown>): Promise<AckResult<TerminalHelloReply>> {
  return emitAck<AckResult<TerminalHelloReply>>(socket, 'terminal:hello', { pageVersion: HALLQ_VERSION, ...body });
}

/** A screen lost (power, cable, Wi-Fi): the connection just ends, without the page saying goodbye. */
const drop = (socket: TestSocket): void => void socket.io.engine.close();

const terminalsOf = async (h: TestHub, token: string): Promise<TerminalView[]> => (await api<TerminalList>(h, 'GET', '/api/manager/terminals', { token })).body.terminals;
const recentAlerts = async (h: TestHub, token: string): Promise<AlertView[]> => (await api<AlertView[]>(h, 'GET', '/api/alerts?scope=recent', { token })).body;
const isOnline = (h: TestHub, id: string): boolean | undefined => h.hub.terminals.all().find((t) => t.id === id)?.isOnline;

/** Every service open 08:30–17:00 hall time; the test clock starts at 09:00 (Asia/Shanghai) on a Friday. */
const withHours = (from: string, to: string): Config => testConfig((file) => file.services.forEach((s) => (s.hours = [{ from, to }])));

describe('terminal health', () => {
  it('a display and a kiosk say hello; one drops → alert after the grace, graded; back → cleared', async () => {
    const clock = new TestClock();
    const { hub: h, wing, token } = await start(withHours('08:30', '17:00'), clock);
    const display = socketOf(h);
    const kiosk = socketOf(h, KIOSK_TOKEN);
    expect(await hello(display, { kind: 'display', id: 'hall-1', name: '一楼大屏' })).toEqual({ ok: true, data: { terminalId: 'display:hall-1', hubVersion: HALLQ_VERSION } });
    // A kiosk is named by its token (its configured name), whatever the page says.
    expect(await hello(kiosk, { kind: 'kiosk', id: 'ignored', pageVersion: '0.0.1-old' })).toMatchObject({ ok: true, data: { terminalId: 'kiosk:kiosk1' } });
    const listed = await terminalsOf(h, token);
    expect(listed.map((t) => [t.id, t.name, t.isOnline, t.isVersionDifferent])).toEqual([
      ['display:hall-1', '一楼大屏', true, false],
      ['kiosk:kiosk1', '一楼取号机', true, true],
    ]);

    const darkAt = clock.now();
    drop(display);
    await until(() => isOnline(h, 'display:hall-1') === false, 'the display to be dark');
    clock.advance(TERMINAL_DARK_GRACE_MS - 1);
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark')).toEqual([]);
    clock.advance(1);
    wing.evaluateAlerts();
    const [alert] = (await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark');
    // Grade B (one display dark): respond within 2 hours.
    expect(alert).toMatchObject({ subjectId: 'display:hall-1', subject: '一楼大屏', since: darkAt, limitMinutes: 120 });
    expect(alert?.clearedAt).toBeUndefined();
    expect((await terminalsOf(h, token)).find((t) => t.id === 'display:hall-1')).toMatchObject({ isOnline: false, since: darkAt, darkGrade: 'B' });

    // Every kiosk dark: the hall cannot issue, grade A (30 minutes).
    drop(kiosk);
    await until(() => isOnline(h, 'kiosk:kiosk1') === false, 'the kiosk to be dark');
    clock.advance(TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    const all = await recentAlerts(h, token);
    expect(all.find((a) => a.kind === 'kiosks-dark')).toMatchObject({ subject: '一楼取号机', limitMinutes: 30 });
    expect((await terminalsOf(h, token)).find((t) => t.id === 'kiosk:kiosk1')?.darkGrade).toBe('A');

    const back = socketOf(h);
    await hello(back, { kind: 'display', id: 'hall-1', name: '一楼大屏' });
    await until(() => isOnline(h, 'display:hall-1') === true, 'the display to be back');
    // The wing re-runs its rules on every change of the registry: no explicit evaluation needed.
    const cleared = await waitFor('the display alert to clear', async () => (await recentAlerts(h, token)).find((a) => a.id === alert?.id && a.clearedAt !== undefined));
    expect(cleared?.clearedAt).toBeGreaterThanOrEqual(darkAt);
    expect((await recentAlerts(h, token)).find((a) => a.kind === 'kiosks-dark')?.clearedAt).toBeUndefined();
  });

  it('a clerk signing out, or a page closing its connection, is dark on purpose: listed, never an alert', async () => {
    const clock = new TestClock();
    const { hub: h, wing, token } = await start(testConfig(), clock);
    const clerkToken = await login(h, 'clerk1');
    const pc = socketOf(h, clerkToken);
    expect(await hello(pc, { kind: 'clerk', id: 'pc-1', name: '1号窗口' })).toMatchObject({ ok: true, data: { terminalId: 'clerk:pc-1' } });
    const display = socketOf(h);
    await hello(display, { kind: 'display', id: 'hall-9' });
    await api(h, 'POST', '/api/auth/logout', { token: clerkToken, body: {} });
    display.close();
    await until(() => isOnline(h, 'clerk:pc-1') === false && isOnline(h, 'display:hall-9') === false, 'both to be dark');
    clock.advance(10 * TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark')).toEqual([]);
    expect((await terminalsOf(h, token)).map((t) => [t.id, t.isOnline, t.hasLeft])).toEqual([
      ['clerk:pc-1', false, true],
      ['display:hall-9', false, true],
    ]);
  });

  it('raises nothing for a terminal dark outside opening hours', async () => {
    const clock = new TestClock();
    const { hub: h, wing, token } = await start(withHours('13:00', '17:00'), clock);
    const display = socketOf(h);
    await hello(display, { kind: 'display', id: 'hall-2' });
    drop(display);
    await until(() => isOnline(h, 'display:hall-2') === false, 'the display to be dark');
    clock.advance(10 * TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark')).toEqual([]);
    // Still listed as dark, since when it dropped: only the alarm waits for the hours.
    expect((await terminalsOf(h, token))[0]).toMatchObject({ id: 'display:hall-2', isOnline: false });
  });

  // Review of issue 19 item 5: the lunch break cleared the alert of a screen still dark (and it never came back
  // after lunch), while a screen switched off over lunch was an alarm in the first second of the afternoon.
  it('a lunch break neither clears a dark screen\'s alert nor raises one for a screen off over lunch before the grace', async () => {
    const clock = new TestClock(); // 09:00
    const config = testConfig((file) => file.services.forEach((s) => (s.hours = [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:00' }])));
    const { hub: h, wing, token } = await start(config, clock);
    const morning = socketOf(h);
    const lunch = socketOf(h);
    await hello(morning, { kind: 'display', id: 'east' });
    await hello(lunch, { kind: 'display', id: 'west' });
    drop(morning);
    await until(() => isOnline(h, 'display:east') === false, 'the east display to be dark');
    clock.advance(TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    const [raised] = (await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark');
    expect(raised).toMatchObject({ subjectId: 'display:east' });

    clock.advance(3.5 * 3_600_000 - TERMINAL_DARK_GRACE_MS); // 12:30, lunch
    drop(lunch);
    await until(() => isOnline(h, 'display:west') === false, 'the west display to be dark');
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).find((a) => a.id === raised?.id)?.clearedAt).toBeUndefined();

    clock.advance(3_600_000 + 10_000); // 13:30:10, open again
    wing.evaluateAlerts();
    const afterLunch = (await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark');
    expect(afterLunch.map((a) => [a.subjectId, a.clearedAt])).toEqual([['display:east', undefined]]);
    clock.advance(TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark').map((a) => a.subjectId).sort()).toEqual(['display:east', 'display:west']);
  });

  it('a restart keeps which screen was dark and since when', async () => {
    const clock = new TestClock();
    dataDir = mkdtempSync(join(tmpdir(), 'hallq-terminals-'));
    const first = await start(testConfig(), clock, dataDir);
    const display = socketOf(first.hub);
    await hello(display, { kind: 'display', id: 'hall-3', name: '二楼大屏' });
    const darkAt = clock.now();
    drop(display);
    const repo = new TerminalsRepo(first.hub.db);
    await until(() => repo.all().some((t) => t.id === 'display:hall-3' && !t.isOnline), 'the dark display to be stored');
    await first.hub.stop();
    hub = undefined;

    clock.advance(3_600_000);
    const second = await start(testConfig(), clock, dataDir);
    expect((await terminalsOf(second.hub, second.token)).find((t) => t.id === 'display:hall-3')).toMatchObject({ isOnline: false, since: darkAt, name: '二楼大屏' });
    // Dark for an hour before the restart, but the grace counts from the hub's start: no alarm yet.
    second.wing.evaluateAlerts();
    expect((await recentAlerts(second.hub, second.token)).filter((a) => a.kind === 'terminal-dark')).toEqual([]);
    clock.advance(TERMINAL_DARK_GRACE_MS);
    second.wing.evaluateAlerts();
    expect((await recentAlerts(second.hub, second.token)).find((a) => a.kind === 'terminal-dark')).toMatchObject({ subjectId: 'display:hall-3', since: darkAt });
  });

  // Review of issue 19 item 5: a terminal online at a crash was dark "since the restart" only in memory, so each
  // further restart moved its "dark since" again (and re-keyed its alert as a new outage).
  it('a terminal online at a crash stays dark since the first restart across a second one', async () => {
    const clock = new TestClock();
    dataDir = mkdtempSync(join(tmpdir(), 'hallq-terminals-'));
    const first = await start(testConfig(), clock, dataDir);
    // As a crash leaves it: stored online, never seen leaving.
    new TerminalsRepo(first.hub.db).save({ id: 'display:hall-4', kind: 'display', name: '三楼大屏', isOnline: true, since: clock.now(), pageVersion: HALLQ_VERSION, hasLeft: false });
    await first.hub.stop();
    hub = undefined;

    clock.advance(3_600_000);
    const restartedAt = clock.now();
    const second = await start(testConfig(), clock, dataDir);
    expect((await terminalsOf(second.hub, second.token)).find((t) => t.id === 'display:hall-4')).toMatchObject({ isOnline: false, since: restartedAt });
    const repo = new TerminalsRepo(second.hub.db);
    await until(() => repo.all().some((t) => t.id === 'display:hall-4' && !t.isOnline), 'the dark display to be stored');
    await second.hub.stop();
    hub = undefined;

    clock.advance(3_600_000);
    const third = await start(testConfig(), clock, dataDir);
    expect((await terminalsOf(third.hub, third.token)).find((t) => t.id === 'display:hall-4')).toMatchObject({ isOnline: false, since: restartedAt });
  });

  it('a reload request reaches only that page, is audited, and is a manager\'s alone', async () => {
    const { hub: h, token } = await start();
    const one = socketOf(h);
    const two = socketOf(h);
    const reloads: Record<string, TerminalReload[]> = { one: [], two: [] };
    one.on('terminal:reload', (r) => reloads.one?.push(r));
    two.on('terminal:reload', (r) => reloads.two?.push(r));
    await hello(one, { kind: 'display', id: 'left' });
    await hello(two, { kind: 'display', id: 'right' });
    const clerk = await login(h, 'clerk1');
    expect((await api(h, 'POST', '/api/manager/terminals/display:left/reload', { token: clerk, body: {} })).status).toBe(403);
    expect((await api(h, 'POST', '/api/manager/terminals/display:left/reload', { token, body: {} })).status).toBe(200);
    await until(() => reloads.one?.length === 1, 'the reload at the left display');
    // Anything for `two` would have been written before the answer to its own next command.
    await emitAck(two, 'hall:sync', {});
    expect(reloads).toEqual({ one: [{ terminalId: 'display:left' }], two: [] });

    const today = new Date(h.hub.ports.time.now()).toISOString().slice(0, 10);
    const audit = await api<AuditPage>(h, 'GET', `/api/manager/audit?from=${today}&to=${today}&kind=terminal:reload-requested`, { token });
    expect(audit.body.entries.map((e) => [e.actor.id, e.detail, e.text])).toEqual([['manager', 'display', 'left']]);

    drop(two);
    await until(() => isOnline(h, 'display:right') === false, 'the right display to be dark');
    expect((await api(h, 'POST', '/api/manager/terminals/display:right/reload', { token, body: {} })).body).toMatchObject({ error: 'terminal-dark' });
    expect((await api(h, 'POST', '/api/manager/terminals/display:nowhere/reload', { token, body: {} })).status).toBe(404);
  });

  // Review of issue 19 item 5: a replaced wall display (or one whose storage was wiped: a new id) stayed in the
  // list as dark forever, and its terminal-dark alert stayed open.
  it('「移除」 forgets a dark terminal: gone from the list and from storage, its alert cleared, audited; an online one is refused', async () => {
    const clock = new TestClock();
    dataDir = mkdtempSync(join(tmpdir(), 'hallq-terminals-'));
    const { hub: h, wing, token } = await start(withHours('08:30', '17:00'), clock, dataDir);
    const old = socketOf(h);
    const other = socketOf(h);
    await hello(old, { kind: 'display', id: 'old-screen', name: '旧大屏' });
    await hello(other, { kind: 'display', id: 'lobby', name: '门厅大屏' });
    drop(old);
    await until(() => isOnline(h, 'display:old-screen') === false, 'the old display to be dark');
    clock.advance(TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    const [alert] = (await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark');
    expect(alert).toMatchObject({ subjectId: 'display:old-screen' });
    expect(alert?.clearedAt).toBeUndefined();

    const clerk = await login(h, 'clerk1');
    expect((await api(h, 'DELETE', '/api/manager/terminals/display:old-screen', { token: clerk })).status).toBe(403);
    const online = await api<{ error: string; message: string }>(h, 'DELETE', '/api/manager/terminals/display:lobby', { token });
    expect(online.status).toBe(409);
    expect(online.body).toMatchObject({ error: 'terminal-online', message: expect.stringContaining('cannot be forgotten') });
    expect((await api(h, 'DELETE', '/api/manager/terminals/display:nowhere', { token })).status).toBe(404);

    const forgotten = await api<TerminalList>(h, 'DELETE', '/api/manager/terminals/display:old-screen', { token });
    expect(forgotten.status).toBe(200);
    expect(forgotten.body.terminals.map((t) => t.id)).toEqual(['display:lobby']);
    expect((await terminalsOf(h, token)).map((t) => t.id)).toEqual(['display:lobby']);
    // The wing re-runs its rules on the registry's change: the forgotten screen's alert clears without a tick.
    const cleared = await waitFor('the old display alert to clear', async () => (await recentAlerts(h, token)).find((a) => a.id === alert?.id && a.clearedAt !== undefined));
    expect(cleared).toBeDefined();
    const repo = new TerminalsRepo(h.db);
    expect(repo.all().map((t) => t.id)).toEqual(['display:lobby']);
    // Gone means gone: a second press is unknown, and the rules raise nothing for it again.
    expect((await api(h, 'DELETE', '/api/manager/terminals/display:old-screen', { token })).status).toBe(404);
    clock.advance(TERMINAL_DARK_GRACE_MS);
    wing.evaluateAlerts();
    expect((await recentAlerts(h, token)).filter((a) => a.kind === 'terminal-dark' && a.clearedAt === undefined)).toEqual([]);

    const today = new Date(h.hub.ports.time.now()).toISOString().slice(0, 10);
    const audit = await api<AuditPage>(h, 'GET', `/api/manager/audit?from=${today}&to=${today}&kind=terminal:forgotten`, { token });
    expect(audit.body.entries.map((e) => auditSentence(e, 'zh-CN'))).toEqual([expect.stringMatching(/移除终端：大厅显示屏 旧大屏$/)]);
    expect(audit.body.entries.map((e) => auditSentence(e, 'en'))).toEqual([expect.stringMatching(/removed a terminal: Wall display 旧大屏$/)]);

    // The same page switched on again simply registers anew, online since now.
    const back = socketOf(h);
    expect(await hello(back, { kind: 'display', id: 'old-screen', name: '旧大屏' })).toMatchObject({ ok: true, data: { terminalId: 'display:old-screen' } });
    expect((await terminalsOf(h, token)).find((t) => t.id === 'display:old-screen')).toMatchObject({ isOnline: true, since: clock.now() });
    await until(() => repo.all().some((t) => t.id === 'display:old-screen' && t.isOnline), 'the returned display to be stored');
  });

  it('the list reaches managers\' sockets only; bad hellos and faults are refused', async () => {
    const { hub: h, token } = await start();
    const manager = socketOf(h, token);
    const clerkSocket = socketOf(h, await login(h, 'clerk1'));
    const lists: TerminalView[][] = [];
    let clerkLists = 0;
    manager.on('terminals:updated', (list) => lists.push(list));
    clerkSocket.on('terminals:updated', () => clerkLists++);
    await emitAck(manager, 'hall:sync', {});
    await emitAck(clerkSocket, 'hall:sync', {});

    const page = socketOf(h);
    const refused = async (body: unknown): Promise<string | undefined> => {
      const answer = await emitAck<AckResult<unknown>>(page, 'terminal:hello', body);
      return answer.ok ? undefined : answer.error.error;
    };
    expect(await refused({ kind: 'kiosk', pageVersion: '1' })).toBe('forbidden');
    expect(await refused({ kind: 'pad', pageVersion: '1' })).toBe('forbidden');
    expect(await refused({ kind: 'clerk', id: 'pc1', pageVersion: '1' })).toBe('forbidden');
    expect(await refused({ kind: 'display', pageVersion: '1' })).toBe('invalid-request');
    expect(await refused({ kind: 'display', id: 'a b', pageVersion: '1' })).toBe('invalid-request');
    expect(await refused({ kind: 'display', id: 'd1', pageVersion: '1', extra: true })).toBe('invalid-request');
    expect(await refused({ kind: 'display', id: 'd1', name: 'bell\u0007', pageVersion: '1' })).toBe('invalid-request');
    expect(await refused({ kind: 'wall', id: 'd1', pageVersion: '1' })).toBe('invalid-request');
    const fault = async (body: unknown): Promise<AckResult<null>> => emitAck<AckResult<null>>(page, 'terminal:fault', body);
    expect(await fault({ code: 'speech-unavailable', isActive: true })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(h.hub.terminals.all()).toEqual([]);

    await hello(page, { kind: 'display', id: 'd1' });
    // A rating pad is named by its token and its window, whatever the page says.
    expect(await hello(socketOf(h, 'demo-pad-1'), { kind: 'pad', id: 'other', name: 'other' })).toMatchObject({ ok: true, data: { terminalId: 'pad:w1-pad' } });
    expect(await fault({ code: 'printer-on-fire', isActive: true })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(await fault({ code: 'speech-unavailable', isActive: true, detail: '张三' })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(await fault({ code: 'speech-unavailable', isActive: true })).toEqual({ ok: true, data: null });
    await until(() => lists.at(-1)?.find((t) => t.id === 'display:d1')?.lastFault !== undefined, 'the fault in the managers\' list');
    expect(lists.at(-1)?.find((t) => t.id === 'display:d1')).toMatchObject({ lastFault: { code: 'speech-unavailable', grade: 'C', isActive: true } });
    // A clerk's page is staff too, but the terminal list is the managers'.
    await emitAck(clerkSocket, 'hall:sync', {});
    expect(clerkLists).toBe(0);
  });

  // Review of issue 19 item 5: a public page could toggle a fault in a loop, each toggle a database write and a
  // broadcast to every manager; a real page reports a change now and then.
  it('bounds how often one address reports faults', async () => {
    const { hub: h } = await start();
    const page = socketOf(h);
    await hello(page, { kind: 'display', id: 'flappy' });
    const answers: AckResult<null>[] = [];
    for (let i = 0; i < 31; i++) answers.push(await emitAck<AckResult<null>>(page, 'terminal:fault', { code: 'sound-blocked', isActive: i % 2 === 0 }));
    expect(answers.slice(0, 30).every((a) => a.ok)).toBe(true);
    expect(answers[30]).toMatchObject({ ok: false, error: { error: 'rate-limited' } });
  });
});
