/**
 * Issue 21, item 2: a real hub whose system clock is stepped (test/support/stepping-clock.ts drives the hall
 * clock's wall and monotonic sources). Each case is what used to break under the wall clock: call order,
 * negative service times, the estimate, rate windows, the day closed by a stray step, a restart behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../server/compose';
import type { Config } from '../../server/config';
import type { HallSnapshot, TicketView, TrackView } from '../../server/protocol/model';
import { CLOCK_DEVICE_ID } from '../../server/app/clock-health';
import { api, connectSocket, emitAck, issue, KIOSK_TOKEN, openWindow, testConfig } from '../support/hub';
import { SteppingSources } from '../support/stepping-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const dirs: string[] = [];
const hubs: RunningHub[] = [];

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(sources: SteppingSources, options: { dataDir?: string; config?: Config } = {}): Promise<RunningHub & { dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hallq-clock-'));
  if (!options.dataDir) dirs.push(dataDir);
  const hub = await startHub({ config: options.config ?? testConfig(), dataDir, clockSources: sources, host: '127.0.0.1', port: 0, uiDir: process.env.HALLQ_UI_DIR });
  hubs.push(hub);
  return { ...hub, dataDir };
}

const post = (hub: RunningHub, path: string, token: string) => api<{ ticket?: TicketView }>(hub, 'POST', path, { token, body: {} });
const snapshot = async (hub: RunningHub) => (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body;
const track = async (hub: RunningHub, token: string) => (await api<TrackView>(hub, 'GET', `/api/track/${token}`)).body;
const events = (hub: RunningHub) => hub.hub.ports.read.hall.eventsAfter(0, 10_000);
const settle = () => new Promise((resolve) => setImmediate(resolve));

function expectInTimeOrder(hub: RunningHub): void {
  const times = events(hub).map((e) => e.at);
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

describe('a clock stepped back within the day', () => {
  it('keeps the call order, never records a negative service time, keeps the estimate and the rate windows', async () => {
    const sources = new SteppingSources(Date.parse('2026-11-27T02:00:00Z')); // 10:00 in Shanghai
    const hub = await start(sources, { config: testConfig((f) => void (f.policy && (f.policy.ticketsPerMinutePerKiosk = 3))) });
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const first = await issue(hub, 'A');
    sources.pass(10 * MIN);
    const second = await issue(hub, 'A');
    sources.pass(10 * MIN);
    expect((await post(hub, '/api/windows/w1/call-next', clerk)).body.ticket?.id).toBe(first.id);
    sources.pass(10 * MIN);
    await post(hub, '/api/windows/w1/finish', clerk);

    sources.step(-HOUR); // NTP sets the PC back one hour
    const third = await issue(hub, 'A');
    expect(third.issuedAt).toBeGreaterThanOrEqual(second.issuedAt);
    // Under the wall clock the newest ticket went first (now − arrivedAt was negative for the older ones).
    expect((await post(hub, '/api/windows/w1/call-next', clerk)).body.ticket?.id).toBe(second.id);
    sources.pass(3 * MIN);
    await post(hub, '/api/windows/w1/finish', clerk);
    const done = hub.hub.ports.read.tickets.get(second.id);
    expect((done?.finishedAt ?? 0) - (done?.calledAt ?? 0)).toBeGreaterThan(2 * MIN);
    // One ahead (third), observed 10 and ~2.7 min next to the configured 6: about six minutes, not one.
    const fourth = await issue(hub, 'A');
    const estimate = (await track(hub, fourth.trackToken)).estimatedWaitMinutes;
    expect(estimate).toBeGreaterThanOrEqual(5);
    expect(estimate).toBeLessThanOrEqual(8);
    expectInTimeOrder(hub);

    // Rate windows: fill the kiosk's budget, set the clock back an hour, wait a minute: the kiosk may issue.
    const socket = connectSocket(hub, KIOSK_TOKEN);
    try {
      sources.pass(2 * MIN);
      const viaHttp = () => api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } }).then((a) => a.status);
      const viaSocket = () => emitAck<{ ok: boolean; error?: { error: string } }>(socket, 'ticket:issue', { serviceId: 'A' });
      for (let i = 0; i < 3; i++) expect(await viaHttp()).toBe(201);
      for (let i = 0; i < 3; i++) expect((await viaSocket()).ok).toBe(true);
      expect(await viaHttp()).toBe(429);
      expect(await viaSocket()).toMatchObject({ ok: false, error: { error: 'rate-limited' } });
      sources.step(-HOUR);
      sources.pass(61_000);
      expect(await viaHttp()).toBe(201);
      expect((await viaSocket()).ok).toBe(true);
    } finally {
      socket.close();
    }
  });
});

describe('the day', () => {
  it('is not closed by a forward step across midnight that comes back; closes once at the real midnight; a step back cannot undo it', async () => {
    const sources = new SteppingSources(Date.parse('2026-11-27T15:50:00Z')); // 23:50 in Shanghai
    const hub = await start(sources);
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const atCounter = await issue(hub, 'A');
    const waiting = await issue(hub, 'A');
    await post(hub, '/api/windows/w1/call-next', clerk);
    const rolls = () => events(hub).filter((e) => e.type === 'day:rolled').length;
    const rollsBefore = rolls();

    sources.step(40 * MIN); // 00:30 on the 28th, by mistake
    sources.pass(2 * MIN);
    hub.hub.housekeeping();
    sources.step(-40 * MIN); // and back
    sources.pass(MIN);
    hub.hub.housekeeping();
    const during = await snapshot(hub);
    expect(during.day).toBe('2026-11-27');
    expect(during.windows.find((w) => w.id === 'w1')).toMatchObject({ state: 'serving', current: { ticketId: atCounter.id } });
    expect((await track(hub, waiting.trackToken)).status).toBe('waiting');
    expect(rolls()).toBe(rollsBefore);

    sources.pass(8 * MIN); // 00:01 on the 28th, for real
    hub.hub.housekeeping();
    hub.hub.housekeeping();
    expect(rolls()).toBe(rollsBefore + 1);
    expect((await track(hub, waiting.trackToken)).status).toBe('cancelled');
    expect((await snapshot(hub)).day).toBe('2026-11-28');

    sources.step(-HOUR); // 23:01 on the 27th by the wall: the new day stands
    sources.pass(MIN);
    hub.hub.housekeeping();
    expect(rolls()).toBe(rollsBefore + 1);
    expect(await issue(hub, 'A')).toMatchObject({ day: '2026-11-28', number: 'A001' });
    expectInTimeOrder(hub);
  });
});

describe('large steps', () => {
  it('follows a forward step that holds, keeps its time on a day-long step back, and tells managers', async () => {
    const wall0 = Date.parse('2026-11-27T02:00:00Z');
    const sources = new SteppingSources(wall0);
    const hub = await start(sources);
    await issue(hub, 'A');
    sources.step(3 * HOUR);
    for (let i = 0; i < 6; i++) {
      sources.pass(MIN);
      hub.hub.housekeeping();
    }
    expect((await snapshot(hub)).now).toBeGreaterThanOrEqual(sources.wall() - 1000);
    await settle();
    expect(hub.hub.ports.devices.devices.get(CLOCK_DEVICE_ID)).toMatchObject({ status: 'error', code: 'clock-step' });

    const before = (await issue(hub, 'A')).issuedAt;
    sources.step(-24 * HOUR);
    sources.pass(MIN);
    const after = await issue(hub, 'A');
    expect(after.issuedAt).toBeGreaterThan(before);
    expect(after.day).toBe('2026-11-27');
    await settle();
    expect(hub.hub.ports.devices.devices.get(CLOCK_DEVICE_ID)?.reason).toMatch(/set back by 24\.0 h/);
    expectInTimeOrder(hub);
  });
});

describe('a restart with the system clock behind the last event', () => {
  it('continues from the last event, so new events never sort before old ones', async () => {
    const wall0 = Date.parse('2026-11-27T02:00:00Z');
    const first = await start(new SteppingSources(wall0));
    const dataDir = first.dataDir;
    await issue(first, 'A');
    const last = events(first).at(-1)?.at ?? 0;
    hubs.splice(hubs.indexOf(first), 1);
    await first.close();

    const again = await start(new SteppingSources(wall0 - 2 * HOUR), { dataDir });
    const next = await issue(again, 'A');
    expect(next).toMatchObject({ number: 'A002', day: '2026-11-27' });
    expect(next.issuedAt).toBeGreaterThanOrEqual(last);
    expectInTimeOrder(again);
    await settle();
    expect(again.hub.ports.devices.devices.get(CLOCK_DEVICE_ID)?.reason).toMatch(/behind the last stored event/);
  });
});
