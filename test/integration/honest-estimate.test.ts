/**
 * Honest promises (issue 18 item 1). With no open window serving B, an elderly visitor's B001 said 「前面没有人
 * 等候 · 很快就会叫到您」 and the paper 「即将叫号，请留意」; with no window open at all D001 said the same; with
 * window 1 open but not serving D, D002 printed 「预计等待约 10 分钟」. Now the hub says that no window serving
 * the service is open (`isUnstaffed`) on the service list (kiosk, display), the new ticket, its paper and the
 * phone page, and marks a figure made from too few timed visits as a guess (`isGuess`: 「约」).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, issue, KIOSK_TOKEN, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { printedJob } from '../support/printer';
import type { IssuedTicket } from '../../server/protocol/http';
import type { HallSnapshot, ServiceView, TrackView } from '../../server/protocol/model';

describe('the wait a visitor is told', () => {
  let hub: TestHub;
  let kiosk: KioskExtension;
  let clock: TestClock;
  beforeAll(async () => {
    clock = new TestClock();
    // B is served by w2 only here (w5, the 一窗通办 window, serves A, C, D): "B with no window serving it" once w2 is shut.
    const config = testConfig((file) => {
      const w5 = file.windows?.find((w) => w.id === 'w5');
      if (w5) w5.services = ['A', 'C', 'D'];
    });
    kiosk = kioskExtension(config, { printerPollMs: 0 });
    hub = await startTestHub({ config, clock, extensions: [kiosk] });
  });
  afterAll(() => hub.dispose());

  const services = async (): Promise<Map<string, ServiceView>> => new Map((await api<ServiceView[]>(hub, 'GET', '/api/services')).body.map((s) => [s.id, s]));
  const paper = async (ticket: IssuedTicket): Promise<string> => {
    await printedJob(kiosk.devices('kiosk1')?.printerSimulator, ticket.number);
    return readFileSync(join(hub.dataDir, 'printer', 'kiosk1', `${ticket.number}.txt`), 'utf8');
  };
  const kioskIssue = async (serviceId: string): Promise<IssuedTicket> => {
    const answer = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  it('says no window is open, everywhere, when no window at all is open (D001)', async () => {
    const listed = await services();
    for (const s of listed.values()) expect(s, s.id).toMatchObject({ isUnstaffed: true, estimatedWaitMinutes: 0 });
    const d1 = await kioskIssue('D');
    expect(d1).toMatchObject({ waitingAhead: 0, isUnstaffed: true });
    const text = await paper(d1);
    expect(text).toContain('该业务窗口暂未开放，开放后按顺序叫号');
    expect(text).not.toContain('即将叫号');
    expect(text).not.toContain('预计等待');
    const phone = (await api<TrackView>(hub, 'GET', `/api/track/${d1.trackToken}`)).body;
    expect(phone).toMatchObject({ status: 'waiting', isUnstaffed: true });
    // The display starts from the snapshot: the same service views.
    const snapshot = (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body;
    expect(snapshot.services.find((s) => s.id === 'D')).toMatchObject({ isUnstaffed: true, waiting: 1 });
  });

  it('says so for D while window 1 is open but serves only A (D002), and gives A a figure marked as a guess', async () => {
    await openWindow(hub, 'clerk1', 'w1');
    const d2 = await kioskIssue('D');
    expect(d2).toMatchObject({ waitingAhead: 1, isUnstaffed: true, estimatedWaitMinutes: 0 });
    expect(await paper(d2)).toContain('该业务窗口暂未开放');
    for (let i = 0; i < 3; i++) await issue(hub, 'A');
    const a = await kioskIssue('A');
    // No visit timed today: the figure is the configured default, a guess (约).
    expect(a).toMatchObject({ waitingAhead: 3, isUnstaffed: false, isGuess: true });
    expect(a.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(await paper(a)).toContain(`预计等待约 ${a.estimatedWaitMinutes} 分钟`);
    const listed = await services();
    expect(listed.get('A')).toMatchObject({ isUnstaffed: false, isGuess: true, waiting: 4 });
    expect(listed.get('D')).toMatchObject({ isUnstaffed: true, waiting: 2 });
  });

  it('says so for B with no window serving it open, and keeps saying so while its only window is paused', async () => {
    const b1 = await kioskIssue('B');
    expect(b1).toMatchObject({ isUnstaffed: true });
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    expect((await services()).get('B')).toMatchObject({ isUnstaffed: false });
    const phoneOpen = (await api<TrackView>(hub, 'GET', `/api/track/${b1.trackToken}`)).body;
    expect(phoneOpen).toMatchObject({ isUnstaffed: false, waitingAhead: 0 });
    // A pause has no known end (a lunch break is a pause): it does not count as an open window.
    expect((await api(hub, 'POST', '/api/windows/w2/pause', { token: clerk2, body: { reason: 'break' } })).status).toBe(200);
    expect((await services()).get('B')).toMatchObject({ isUnstaffed: true });
    expect((await api<TrackView>(hub, 'GET', `/api/track/${b1.trackToken}`)).body).toMatchObject({ isUnstaffed: true });
  });

  it('gives a plain figure, no longer a guess, once enough of the day\'s visits were timed (normal case)', async () => {
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    for (let i = 0; i < 3; i++) {
      expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} })).status).toBe(200);
      clock.advance(6 * 60_000);
      expect((await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk1, body: {} })).status).toBe(200);
    }
    const a = await kioskIssue('A');
    expect(a).toMatchObject({ isUnstaffed: false, isGuess: false });
    expect(a.estimatedWaitMinutes).toBeGreaterThan(0);
    const text = await paper(a);
    expect(text).toContain(`预计等待 ${a.estimatedWaitMinutes} 分钟`);
    expect((await services()).get('A')).toMatchObject({ isUnstaffed: false, isGuess: false, estimatedWaitMinutes: expect.any(Number) });
  });
});
