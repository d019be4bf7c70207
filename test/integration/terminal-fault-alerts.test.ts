/**
 * A terminal's own fault is a 电子监察 alert (issue 19 leftover): a real hub with SQLite, a socket.io client posing
 * as a wall display, the manager's alert list over HTTP. A reported fault raises `terminal-fault` with the
 * fault's code and its grade's deadline from the hall's `policy.faultResponse`; a repeated report raises no second;
 * the fault ended clears it; outside the opening hours nothing is raised. The targets come from the configuration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, login, startTestHub, testConfig, TestClock, until, type TestHub, type TestSocket } from '../support/hub';
import { waitFor } from '../support/wait';
import { managerExtension, type ManagerExtension } from '../../server/wings/manager';
import { loadConfig, type Config } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import { HALLQ_VERSION } from '../../server/version';
import type { AckResult } from '../../server/protocol/events';
import type { AlertView } from '../../server/protocol/manager-model';
import type { TerminalList } from '../../server/protocol/terminals';
import type { HallConfigFile } from '../../server/config-schema';

const open: TestSocket[] = [];
let hub: TestHub | undefined;

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await hub?.dispose();
  hub = undefined;
});

async function start(config: Config, clock = new TestClock()): Promise<{ hub: TestHub; wing: ManagerExtension; token: string }> {
  const wing = managerExtension(config, { alertIntervalMs: 3_600_000 });
  hub = await startTestHub({ config, clock, extensions: [wing], dataDir: undefined });
  return { hub, wing, token: await login(hub, 'manager') };
}

/** A wall display's page: says hello, then reports its faults, as display-ui does. */
async function display(h: TestHub, id: string, name?: string): Promise<TestSocket> {
  const socket = connectSocket(h);
  open.push(socket);
  await emitAck(socket, 'terminal:hello', { kind: 'display', id, ...(name ? { name } : {}), pageVersion: HALLQ_VERSION });
  return socket;
}
const report = (socket: TestSocket, code: string, isActive: boolean): Promise<AckResult<null>> => emitAck<AckResult<null>>(socket, 'terminal:fault', { code, isActive });

const faultAlerts = async (h: TestHub, token: string): Promise<AlertView[]> =>
  (await api<AlertView[]>(h, 'GET', '/api/alerts?scope=recent', { token })).body.filter((a) => a.kind === 'terminal-fault');

/** The test clock starts at 09:00 hall time (Asia/Shanghai) on Friday 2026-11-27. */
const hallConfig = (edit?: (file: HallConfigFile) => void): Config =>
  testConfig((file) => {
    file.services.forEach((s) => (s.hours = [{ from: '08:30', to: '17:00' }]));
    edit?.(file);
  });

describe('a terminal fault raises an alert', () => {
  it('raised once with its deadline (the schema default), shown in the alert list, cleared when the page reports it ended', async () => {
    const clock = new TestClock();
    const { hub: h, token } = await start(hallConfig(), clock);
    const page = await display(h, 'hall-1', '一楼大屏');
    const reportedAt = clock.now();
    expect(await report(page, 'speech-unavailable', true)).toEqual({ ok: true, data: null });
    // The wing re-runs its rules on every change of the registry.
    const [alert] = await waitFor('the fault alert', async () => {
      const found = await faultAlerts(h, token);
      return found.length > 0 ? found : undefined;
    });
    // Grade C: one working day, so no minutes; due by the end of Monday (the next working day after Friday).
    expect(alert).toMatchObject({ subjectId: 'display:hall-1', subject: '一楼大屏', faultCode: 'speech-unavailable', since: reportedAt, dueAt: Date.parse('2026-11-30T16:00:00Z') });
    expect(alert?.limitMinutes).toBeUndefined();
    expect(alert?.clearedAt).toBeUndefined();

    // A page reloading reports the same fault again: no second alert.
    expect(await report(page, 'speech-unavailable', true)).toEqual({ ok: true, data: null });
    const again = await display(h, 'hall-1', '一楼大屏');
    await report(again, 'speech-unavailable', true);
    clock.advance(60_000);
    await emitAck(page, 'hall:sync', {});
    expect((await faultAlerts(h, token)).map((a) => a.id)).toEqual([alert?.id]);

    await report(again, 'speech-unavailable', false);
    const cleared = await waitFor('the fault alert to clear', async () => (await faultAlerts(h, token)).find((a) => a.id === alert?.id && a.clearedAt !== undefined));
    expect(cleared?.clearedAt).toBe(clock.now());
    // The hub sends the hall's targets with the terminal list, so the page words the grades as configured.
    expect((await api<TerminalList>(h, 'GET', '/api/manager/terminals', { token })).body.faultResponse).toEqual({ A: { minutes: 30 }, B: { minutes: 120 }, C: { workingDays: 1 } });
  });

  it('takes the deadline from policy.faultResponse', async () => {
    const clock = new TestClock();
    const config = hallConfig((file) => (file.policy = { ...file.policy!, faultResponse: { A: { minutes: 15 }, B: { minutes: 45 }, C: { workingDays: 2 } } }));
    const { hub: h, token } = await start(config, clock);
    const page = await display(h, 'hall-2');
    await report(page, 'printer-unreachable', true);
    const alert = await waitFor('the fault alert', async () => (await faultAlerts(h, token))[0]);
    // Grade B, configured to 45 minutes.
    expect(alert).toMatchObject({ subjectId: 'display:hall-2', faultCode: 'printer-unreachable', limitMinutes: 45, dueAt: clock.now() + 45 * 60_000 });
    expect((await api<TerminalList>(h, 'GET', '/api/manager/terminals', { token })).body.faultResponse.B).toEqual({ minutes: 45 });
  });

  it('raises nothing while the hall is closed; a fault still active at the opening is raised then, due from the opening', async () => {
    const clock = new TestClock(Date.parse('2026-11-26T23:00:00Z')); // Friday 07:00 hall time
    const { hub: h, wing, token } = await start(hallConfig(), clock);
    const page = await display(h, 'hall-3');
    await report(page, 'printer-unreachable', true);
    await until(() => h.hub.terminals.all().some((t) => t.lastFault?.isActive === true), 'the fault to be recorded');
    wing.evaluateAlerts();
    expect(await faultAlerts(h, token)).toEqual([]);
    clock.advance(90 * 60_000); // 08:30, the opening
    wing.evaluateAlerts();
    expect((await faultAlerts(h, token))[0]).toMatchObject({ subjectId: 'display:hall-3', limitMinutes: 120, dueAt: clock.now() + 120 * 60_000 });
  });

  it('clears when the terminal is forgotten', async () => {
    const clock = new TestClock();
    const { hub: h, token } = await start(hallConfig(), clock);
    const page = await display(h, 'hall-4');
    await report(page, 'page-error', true);
    const alert = await waitFor('the fault alert', async () => (await faultAlerts(h, token))[0]);
    page.close();
    await until(() => h.hub.terminals.all().find((t) => t.id === 'display:hall-4')?.isOnline === false, 'the display to be dark');
    expect((await api(h, 'DELETE', '/api/manager/terminals/display:hall-4', { token })).status).toBe(200);
    await waitFor('the fault alert to clear', async () => (await faultAlerts(h, token)).find((a) => a.id === alert.id && a.clearedAt !== undefined));
  });
});

describe('policy.faultResponse in the configuration', () => {
  const check = (faultResponse: unknown) => {
    const file = demoConfigFile();
    (file.policy as Record<string, unknown>).faultResponse = faultResponse;
    return loadConfig(file, { isDemo: true });
  };

  it('defaults to A 30 min, B 2 h, C one working day, and keeps what the hall sets', () => {
    const plain = loadConfig(demoConfigFile(), { isDemo: true });
    expect(plain.ok && plain.config.policy.faultResponse).toEqual({ A: { minutes: 30 }, B: { minutes: 120 }, C: { workingDays: 1 } });
    const some = check({ B: { minutes: 60 } });
    expect(some.ok && some.config.policy.faultResponse).toEqual({ A: { minutes: 30 }, B: { minutes: 60 }, C: { workingDays: 1 } });
    // An empty grade is the grade left out: its default.
    const empty = check({ B: {} });
    expect(empty.ok && empty.config.policy.faultResponse.B).toEqual({ minutes: 120 });
  });

  it('refuses a negative or fractional target, both minutes and working days, and an unknown grade, each with where and why', () => {
    const problems = (value: unknown) => {
      const result = check(value);
      return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ A: { minutes: -5 } })).toEqual([expect.stringMatching(/^\/policy\/faultResponse\/A\/minutes: .*greater or equal to 1/)]);
    expect(problems({ C: { workingDays: 0.5 } })).toEqual([expect.stringMatching(/^\/policy\/faultResponse\/C\/workingDays: .*integer/)]);
    expect(problems({ B: { minutes: 60, workingDays: 1 } })).toEqual([expect.stringMatching(/^\/policy\/faultResponse\/B: .*one of the two/)]);
    expect(problems({ D: { minutes: 5 } })).toEqual([expect.stringMatching(/^\/policy\/faultResponse\/D: unknown key "D"/)]);
  });
});
