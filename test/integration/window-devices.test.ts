/**
 * Window devices end to end over a real hub: the simulated QLP/1 bus (keypad, strip, caller per window),
 * the rating pad API, device health. Real SQLite file, real server on port 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, issue, KIOSK_TOKEN, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';

const PAD_TOKEN = 'demo-pad-1';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { waitFor } from '../support/wait';

/** GET /api/windows/:id/today (server/protocol/routes/window-devices.ts): the parts read here. */
interface Today {
  figures: { served: number; ratings: { count: number; average?: number } };
  lastFinished?: { number: string; rating?: { score: number; channel: string } };
}

/** GET /api/windows/:id/rating-pad (server/protocol/routes/window-devices.ts): what the tablet facing the visitor sees. */
interface RatingPad {
  windowId: string;
  windowNumber: number;
  windowName: string;
  isArmed: boolean;
  number?: string;
  secondsLeft?: number;
  isDemo: boolean;
}

const config = testConfig();
let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.dispose();
  hub = undefined;
});

async function start(options: { clock?: TestClock; dataDir?: string } = {}): Promise<TestHub> {
  hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)], ...options });
  return hub;
}

async function serveAndFinish(h: TestHub, token: string, windowId = 'w1'): Promise<{ id: string; number: string }> {
  const ticket = await issue(h, 'A');
  const called = await api(h, 'POST', `/api/windows/${windowId}/call-next`, { token, body: {} });
  expect(called.status).toBe(200);
  const finished = await api(h, 'POST', `/api/windows/${windowId}/finish`, { token, body: {} });
  expect(finished.status).toBe(200);
  return { id: ticket.id, number: ticket.number };
}

const press = (h: TestHub, level: number, windowId = 'w1') =>
  api<{ isAccepted: boolean }>(h, 'POST', `/api/demo/windows/${windowId}/keypad`, { body: { level } }).then((a) => a.body.isAccepted);

describe('satisfaction keypad', () => {
  it('finish arms the keypad; a press records one rating on that ticket with window and clerk', async () => {
    const h = await start();
    const token = await openWindow(h, 'clerk1', 'w1');
    expect(await press(h, 5)).toBe(false); // not armed yet: ignored
    const ticket = await serveAndFinish(h, token);
    await waitFor('keypad accepts the press', () => press(h, 4));
    const rating = await waitFor('rating stored', () => h.hub.ports.read.hall.ratingForTicket(ticket.id));
    expect(rating).toMatchObject({ ticketId: ticket.id, windowId: 'w1', staffId: 'clerk1', score: 4, channel: 'keypad' });
    // One rating per visit: the keypad disarmed itself, further presses are ignored.
    expect(await press(h, 1)).toBe(false);
    expect(h.hub.ports.read.hall.ratingForTicket(ticket.id)?.score).toBe(4);
    const today = await api<Today>(h, 'GET', '/api/windows/w1/today', { token });
    expect(today.body.lastFinished).toMatchObject({ number: ticket.number, rating: { score: 4, channel: 'keypad' } });
    expect(today.body.figures).toMatchObject({ served: 1, ratings: { count: 1, average: 4 } });
  });

  it('reports every device of the bus to managers', async () => {
    const h = await start();
    const health = await waitFor('keypad online', () => {
      const device = h.hub.staffSnapshot().devices.find((d) => d.id === 'w2-keypad');
      return device?.status === 'online' ? device : undefined;
    });
    expect(health).toMatchObject({ kind: 'keypad', owner: 'w2' });
    expect(h.hub.staffSnapshot().devices.filter((d) => d.owner === 'w2').map((d) => d.kind).sort()).toEqual(['caller', 'keypad', 'led-strip']);
  });
});

describe('LED strip and hardware caller', () => {
  it('the strip follows calls and pauses; caller keys run the same verbs as the page', async () => {
    const h = await start();
    const strip = async () => (await api<{ text: string | null }>(h, 'GET', '/api/demo/windows/w1/strip')).body.text;
    const token = await openWindow(h, 'clerk1', 'w1');
    await waitFor('idle text', async () => (await strip()) === '1号窗口 欢迎您');
    const ticket = await issue(h, 'A');
    await api(h, 'POST', '/api/demo/windows/w1/caller', { body: { key: 'call-next' } });
    await waitFor('called text', async () => (await strip()) === `${ticket.number} 请到1号窗口`);
    expect(h.hub.ports.layout.windowStatus('w1')).toMatchObject({ state: 'serving', currentTicketId: ticket.id });
    await api(h, 'POST', '/api/demo/windows/w1/caller', { body: { key: 'finish' } });
    await waitFor('finished by the caller', () => h.hub.ports.read.tickets.get(ticket.id)?.status === 'done');
    await waitFor('keypad armed after a caller finish', () => press(h, 5));
    await api(h, 'POST', '/api/windows/w1/pause', { token, body: { reason: 'break' } });
    await waitFor('paused text', async () => (await strip()) === '暂停服务');
  });
});

describe('rating pad', () => {
  it('shows only the pending number, rates it once, and withdraws the keypad prompt', async () => {
    const h = await start();
    const token = await openWindow(h, 'clerk1', 'w1');
    expect((await api(h, 'GET', '/api/windows/w1/rating-pad')).body).toMatchObject({ isArmed: false, windowNumber: 1 });
    const ticket = await serveAndFinish(h, token);
    const pad = await api<RatingPad>(h, 'GET', '/api/windows/w1/rating-pad');
    expect(pad.body).toMatchObject({ isArmed: true, number: ticket.number });
    expect(Object.keys(pad.body).sort()).toEqual(['isArmed', 'isDemo', 'number', 'secondsLeft', 'windowId', 'windowName', 'windowNumber']);
    const body = { number: ticket.number, score: 2, tags: ['slow'] };
    // Only the pad registered at w1 may rate its visits (the pending number is on the public display).
    expect((await api(h, 'POST', '/api/windows/w1/rating-pad', { body })).status).toBe(401);
    expect((await api(h, 'POST', '/api/windows/w1/rating-pad', { body, token: KIOSK_TOKEN })).status).toBe(403);
    const otherPad = await api(h, 'POST', '/api/windows/w1/rating-pad', { body, token: 'demo-pad-2' });
    expect(otherPad.status).toBe(403); // window 2's pad cannot rate window 1's visit
    expect((await api(h, 'POST', '/api/windows/w1/call-next', { body: {}, token: PAD_TOKEN })).status).toBe(403);
    const rated = await api(h, 'POST', '/api/windows/w1/rating-pad', { body, idempotencyKey: 'pad-press-0001', token: PAD_TOKEN });
    expect(rated.status).toBe(201);
    // A retry with the same key (lost answer) gets the same answer, not a second rating or a refusal.
    const retried = await api(h, 'POST', '/api/windows/w1/rating-pad', { body, idempotencyKey: 'pad-press-0001', token: PAD_TOKEN });
    expect(retried).toEqual(rated);
    const again = await api(h, 'POST', '/api/windows/w1/rating-pad', { body: { ...body, score: 5 }, idempotencyKey: 'pad-press-0002', token: PAD_TOKEN });
    expect(again.status).toBe(409);
    expect(h.hub.ports.read.hall.ratingForTicket(ticket.id)).toMatchObject({ score: 2, tags: ['slow'], channel: 'pad', staffId: 'clerk1' });
    expect((await api<RatingPad>(h, 'GET', '/api/windows/w1/rating-pad')).body.isArmed).toBe(false);
    expect(await press(h, 5)).toBe(false);
  });

  it('refuses after config.policy.ratingTimeoutSeconds, on the pad and on the keypad', async () => {
    const clock = new TestClock(Date.now());
    const h = await start({ clock });
    const token = await openWindow(h, 'clerk1', 'w1');
    const ticket = await serveAndFinish(h, token);
    await waitFor('keypad armed', () => h.hub.staffSnapshot().devices.find((d) => d.id === 'w1-keypad')?.status === 'online');
    clock.advance((config.policy.ratingTimeoutSeconds + 1) * 1000);
    expect((await api<RatingPad>(h, 'GET', '/api/windows/w1/rating-pad')).body.isArmed).toBe(false);
    const late = await api(h, 'POST', '/api/windows/w1/rating-pad', { body: { number: ticket.number, score: 5 }, token: PAD_TOKEN });
    expect(late.status).toBe(409);
    // The simulated keypad runs on real time and still takes the press; the hub refuses it as too late.
    await waitFor('press delivered', () => press(h, 5));
    await new Promise((r) => setTimeout(r, 400));
    expect(h.hub.ports.read.hall.ratingForTicket(ticket.id)).toBeUndefined();
  });

  it('stays armed for the finished visit across a hub restart', async () => {
    const first = await start();
    const token = await openWindow(first, 'clerk1', 'w1');
    const ticket = await serveAndFinish(first, token);
    const dataDir = first.dataDir;
    await first.stop();
    hub = undefined;
    const second = await start({ dataDir });
    expect((await api(second, 'GET', '/api/windows/w1/rating-pad')).body).toMatchObject({ isArmed: true, number: ticket.number });
    await waitFor('keypad re-armed', () => press(second, 3));
    await waitFor('rating stored', () => second.hub.ports.read.hall.ratingForTicket(ticket.id));
  });
});
