/**
 * The front desk (导办台, issue 18 item 3) and 一次性告知 on paper and phone (item 4), over real HTTP with the
 * kiosk wing's simulated printer: staff issue on a visitor's behalf with a green reason from the hall's list,
 * print at a kiosk, move a waiting ticket to the green channel (audited, once), and answer "how long still?".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, issue, KIOSK_TOKEN, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { managerExtension } from '../../server/wings/manager';
import { printedJob } from '../support/printer';
import type { AuditPage } from '../../server/protocol/audit';
import type { DeskConfig, DeskIssued, TicketLookup } from '../../server/protocol/desk';
import type { ErrorBody } from '../../server/protocol/errors';
import type { TicketView, TrackView } from '../../server/protocol/model';
import type { Layout } from '../../server/protocol/layout';
import type { KioskConfig } from '../../server/protocol/kiosk';

const DAY = '2026-11-27'; // TestClock's day

describe('the front desk (导办台)', () => {
  let hub: TestHub;
  let kiosk: KioskExtension;
  let clerk: string;

  beforeEach(async () => {
    const config = testConfig();
    kiosk = kioskExtension(config, { printerPollMs: 0 });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kiosk, managerExtension(config)] });
    clerk = await login(hub, 'clerk3');
  });
  afterEach(() => hub.dispose());

  it('lists the default green-channel reasons and the kiosk printers, to staff only', async () => {
    const answer = await api<DeskConfig>(hub, 'GET', '/api/desk/config', { token: clerk });
    expect(answer.status).toBe(200);
    expect(answer.body.greenReasons.map((r) => r.name)).toEqual(['老年人', '孕妇', '残疾人', '军人', '帮办代办', '其他']);
    expect(answer.body.printers.map((p) => p.kioskId)).toEqual(['kiosk1']);
    // The hub names the kiosk (hallq.yaml), so the desk never shows 「kiosk1」.
    expect(answer.body.printers.map((p) => p.name)).toEqual(['一楼取号机']);
    expect((await api(hub, 'GET', '/api/desk/config', { token: KIOSK_TOKEN })).status).toBe(401);
  });

  it('issues a green ticket for a visitor with a reason and a note, prints it at a kiosk, and gives staff no track token', async () => {
    const answer = await api<DeskIssued>(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'D', greenReason: 'pregnant', note: '家属代办', printAt: 'kiosk1' } });
    expect(answer.status).toBe(201);
    const { ticket } = answer.body;
    expect(ticket).toMatchObject({ priority: 'green', priorityReason: 'pregnant', note: '家属代办', serviceId: 'D' });
    expect(answer.body.printed).toBe(true);
    expect(JSON.stringify(answer.body)).not.toMatch(/trackToken|\/t\//);
    await printedJob(kiosk.devices('kiosk1')?.printerSimulator, ticket.number);
    const paper = readFileSync(join(hub.dataDir, 'printer', 'kiosk1', `${ticket.number}.txt`), 'utf8');
    // 一次性告知 on paper: the first materials of the demo's 公安户政 guide, and where the rest is.
    expect(paper).toContain('请带齐：居民户口簿');
    expect(paper).toContain('详见手机');
    // The printed QR code opens the phone page, which carries the whole guide.
    const trackUrl = /QR: (\S+)/.exec(paper)?.[1] ?? '';
    const track = await api<TrackView>(hub, 'GET', `/api/track/${trackUrl.split('/t/')[1]}`);
    expect(track.body.guide?.materials).toHaveLength(3);
    expect(track.body.guide?.promiseDays).toBe(20);
  });

  it('refuses a reason that is not on the list, and a kiosk that tries the desk fields', async () => {
    const bad = await api<ErrorBody>(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', greenReason: 'vip' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('老年人');
    const kioskTry = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', greenReason: 'elderly' } });
    expect(kioskTry.status).toBe(403);
    expect((await api(hub, 'POST', '/api/desk/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } })).status).toBe(401);
    expect((await api(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', printAt: 'nowhere' } })).status).toBe(404);
  });

  it('moves a waiting ticket to the green channel in one audited step, ahead of the normal queue', async () => {
    await issue(hub, 'A');
    const second = await issue(hub, 'A');
    const before = await api<TicketLookup>(hub, 'GET', `/api/desk/lookup/${second.number}`, { token: clerk });
    expect(before.body.waitingAhead).toBe(1);
    const up = await api<TicketView>(hub, 'POST', `/api/desk/tickets/${second.id}/green`, { token: clerk, body: { reason: 'military' } });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ priority: 'green', priorityReason: 'military' });
    const after = await api<TicketLookup>(hub, 'GET', `/api/desk/lookup/${second.number.toLowerCase()}`, { token: clerk });
    expect(after.body.waitingAhead).toBe(0);
    // The same grant again (a retried press) changes nothing and logs nothing.
    expect((await api(hub, 'POST', `/api/desk/tickets/${second.id}/green`, { token: clerk, body: { reason: 'military' } })).status).toBe(200);
    const admin = await login(hub, 'manager');
    const audit = await api<AuditPage>(hub, 'GET', `/api/manager/audit?from=${DAY}&to=${DAY}&kind=ticket:updated`, { token: admin });
    const grants = audit.body.entries.filter((e) => e.detail === 'green-channel');
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ number: second.number, detail2: 'military', actor: { kind: 'staff', id: 'clerk3' } });
    // The window calls it first.
    const w1 = await openWindow(hub, 'clerk1', 'w1');
    const called = await api<{ ticket?: TicketView }>(hub, 'POST', '/api/windows/w1/call-next', { token: w1, body: {} });
    expect(called.body.ticket?.number).toBe(second.number);
  });

  it("keeps each service's guide through the console's layout edit, and the kiosk and phone get the edited one", async () => {
    const admin = await login(hub, 'manager');
    const layout = await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin });
    const d = layout.body.services.find((x) => x.id === 'D');
    expect(d?.guide?.materials[0]).toBe('居民户口簿');
    const edited: Layout = { ...layout.body, services: layout.body.services.map((x) => (x.id === 'D' ? { ...x, guide: { materials: ['居民户口簿', '两张一寸照片'], promiseDays: 0 } } : x)) };
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: edited })).status).toBe(200);
    const config = await api<KioskConfig>(hub, 'GET', '/api/kiosk/config');
    expect(config.body.guides?.D).toEqual({ materials: ['居民户口簿', '两张一寸照片'], promiseDays: 0 });
    expect(config.body.guides?.A).toBeUndefined();
    const t = await issue(hub, 'D');
    expect((await api<TrackView>(hub, 'GET', `/api/track/${t.trackToken}`)).body.guide?.materials).toEqual(['居民户口簿', '两张一寸照片']);
  });

  it('refuses to upgrade a ticket no longer waiting, and says when a number is not in the queue', async () => {
    const t = await issue(hub, 'A');
    const w1 = await openWindow(hub, 'clerk1', 'w1');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: w1, body: {} });
    const late = await api<ErrorBody>(hub, 'POST', `/api/desk/tickets/${t.id}/green`, { token: clerk, body: { reason: 'elderly' } });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('ticket-not-waiting');
    const called = await api<TicketLookup>(hub, 'GET', `/api/desk/lookup/${t.number}`, { token: clerk });
    expect(called.body).toMatchObject({ windowNumber: 1, ticket: { status: 'called' } });
    const missing = await api<ErrorBody>(hub, 'GET', '/api/desk/lookup/A999', { token: clerk });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('A999');
  });
});

describe("the hall's own green-channel reasons (policy.greenReasons)", () => {
  it('offers only the configured list and refuses the defaults it leaves out', async () => {
    const config = testConfig((file) => {
      file.policy = { ...file.policy!, greenReasons: [{ id: 'veteran', name: '退役军人' }, { id: 'elderly', name: '高龄老人' }] };
    });
    const hub = await startTestHub({ config, clock: new TestClock() });
    try {
      const clerk = await login(hub, 'clerk3');
      const desk = await api<DeskConfig>(hub, 'GET', '/api/desk/config', { token: clerk });
      expect(desk.body.greenReasons.map((r) => r.name)).toEqual(['退役军人', '高龄老人']);
      expect(desk.body.printers).toEqual(expect.any(Array));
      expect((await api(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', greenReason: 'pregnant' } })).status).toBe(400);
      const ok = await api<DeskIssued>(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', greenReason: 'veteran', printAt: 'kiosk1' } });
      expect(ok.status).toBe(201);
      // No kiosk wing in this hub: the ticket stands, the desk is told it was not printed.
      expect(ok.body).toMatchObject({ printed: false, printProblem: 'no-printer', ticket: { priorityReason: 'veteran' } });
    } finally {
      await hub.dispose();
    }
  });
});
