/**
 * The wait estimate is assembled in one place (server/app/wait-estimates.ts): what the kiosk's service list
 * promises a newcomer is what their printed ticket says, and what their phone then shows. It used to be put
 * together three times (issue, phone page, service list), free to drift apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView, TrackView } from '../../server/protocol/model';
import { api, issue, openWindow, startTestHub, TestClock, type TestHub } from '../support/hub';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.dispose();
  hub = undefined;
});

describe('one wait estimate', () => {
  it('is the same on the service list, the new ticket and the phone page, with windows open and service times seen', async () => {
    const clock = new TestClock();
    const running = (hub = await startTestHub({ clock }));
    const clerk = await openWindow(running, 'clerk1', 'w1');
    // Two visits served in 2 and 20 minutes move the mean away from the configured default.
    for (const minutes of [2, 20]) {
      await issue(running, 'A');
      expect((await api(running, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} })).status).toBe(200);
      clock.advance(minutes * 60_000);
      expect((await api(running, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} })).status).toBe(200);
    }
    // w2 serves B and A: it counts as half a window for A, so the window count matters too.
    await openWindow(running, 'clerk2', 'w2');
    for (let i = 0; i < 4; i++) await issue(running, 'A');

    const listed = (await api<ServiceView[]>(running, 'GET', '/api/services')).body.find((s) => s.id === 'A');
    expect(listed?.waiting).toBe(4);
    const ticket = await issue(running, 'A');
    expect(ticket.waitingAhead).toBe(4);
    expect(listed?.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(ticket.estimatedWaitMinutes).toBe(listed?.estimatedWaitMinutes);
    const phone = (await api<TrackView>(running, 'GET', `/api/track/${ticket.trackToken}`)).body;
    expect(phone).toMatchObject({ waitingAhead: 4, estimatedWaitMinutes: ticket.estimatedWaitMinutes });
  });
});
