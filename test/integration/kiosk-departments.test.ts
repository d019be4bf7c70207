/**
 * Departments and per-kiosk subsets (issue 18 item 5) over real HTTP and socket.io: the hub sends each kiosk
 * only its own services (by device token) and refuses a ticket for any other with 403 and a sentence.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension } from '../../server/wings/kiosk';
import { managerExtension } from '../../server/wings/manager';
import type { Layout } from '../../server/protocol/layout';
import type { ErrorBody } from '../../server/protocol/errors';
import type { KioskMenu } from '../../server/protocol/kiosk';
import type { HallConfigFile } from '../../server/config-schema';
import { layoutRefusalWords } from '../../manager-ui/layout-words';

const HALL_KIOSK_TOKEN = 'second-kiosk-token-for-the-hall';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The demo hall with departments; the demo kiosk is the 公安 kiosk, a second one serves the whole hall. */
function withDepartments(file: HallConfigFile): void {
  file.departments = [
    { id: 'general', name: '综合窗口', nameEn: 'General' },
    { id: 'social', name: '人力社保', nameEn: 'Social insurance' },
    { id: 'police', name: '公安服务', nameEn: 'Police services' },
  ];
  const departmentOf: Record<string, string> = { A: 'general', B: 'social', C: 'general', D: 'police' };
  file.services = file.services.map((s) => ({ ...s, department: departmentOf[s.id] }));
  file.kiosks = [
    { ...file.kiosks[0]!, departments: ['police'] },
    { id: 'kiosk2', name: '大厅取号机', tokenHash: sha256(HALL_KIOSK_TOKEN) },
  ];
}

describe('kiosk subsets: the hub decides what each kiosk offers', () => {
  let hub: TestHub;

  beforeEach(async () => {
    const config = testConfig(withDepartments);
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 })] });
  });
  afterEach(() => hub.dispose());

  it('sends the 公安 kiosk only its department, and the hall kiosk everything in the hall order (one tap: 4 services)', async () => {
    const police = await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: KIOSK_TOKEN });
    expect(police.status).toBe(200);
    expect(police.body).toEqual({ serviceIds: ['D'], isTwoLevel: false, departments: [{ id: 'police', name: '公安服务', nameEn: 'Police services', serviceIds: ['D'] }] });
    const hall = await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: HALL_KIOSK_TOKEN });
    expect(hall.body.serviceIds).toEqual(['A', 'B', 'C', 'D']);
    expect(hall.body.isTwoLevel).toBe(false);
    expect(hall.body.departments.map((d) => [d.id, d.serviceIds])).toEqual([['general', ['A', 'C']], ['social', ['B']], ['police', ['D']]]);
    expect((await api(hub, 'GET', '/api/kiosk/menu')).status).toBe(401);
  });

  it('refuses the 公安 kiosk a 社保 ticket with 403 and a sentence, over HTTP and socket.io; its own service and staff are not refused', async () => {
    const refused = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    expect(refused.body.message).toMatch(/^This kiosk does not issue tickets for 社保医保 .+\.$/);
    const socket = connectSocket(hub, KIOSK_TOKEN);
    const overSocket = await emitAck(socket, 'ticket:issue', { serviceId: 'A' });
    socket.close();
    expect(overSocket).toMatchObject({ ok: false, error: { error: 'forbidden' } });

    expect((await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'D' } })).status).toBe(201);
    expect((await api(hub, 'POST', '/api/tickets', { token: HALL_KIOSK_TOKEN, body: { serviceId: 'B' } })).status).toBe(201);
    const manager = await login(hub, 'manager');
    expect((await api(hub, 'POST', '/api/tickets', { token: manager, body: { serviceId: 'B' } })).status).toBe(201);
    // Nothing of the refused requests was issued: B has the hall kiosk's and the manager's tickets only.
    const services = await api<{ id: string; waiting: number }[]>(hub, 'GET', '/api/services');
    expect(services.body.find((s) => s.id === 'B')?.waiting).toBe(2);
    expect(services.body.find((s) => s.id === 'A')?.waiting).toBe(0);
  });
});

describe('a large hall: departments first on the kiosk', () => {
  let hub: TestHub;
  afterEach(() => hub.dispose());

  it('is two levels with more than 8 services in more than one department; services without one come last', async () => {
    const config = testConfig((file) => {
      file.departments = [
        { id: 'police', name: '公安服务', nameEn: 'Police' },
        { id: 'tax', name: '税务服务', nameEn: 'Tax' },
      ];
      const extra = ['E', 'F', 'G', 'H', 'J', 'K'].map((id, i) => ({ ...file.services[0]!, id, prefix: id, name: `事项${id}`, itemCode: undefined, department: i < 3 ? 'police' : 'tax' }));
      file.services = [...file.services, ...extra];
    });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 })] });
    const menu = await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: KIOSK_TOKEN });
    expect(menu.body.isTwoLevel).toBe(true);
    expect(menu.body.departments.map((d) => [d.id, d.serviceIds])).toEqual([['police', ['E', 'F', 'G']], ['tax', ['H', 'J', 'K']], ['', ['A', 'B', 'C', 'D']]]);
  });
});

describe('departments in the console\'s layout edit', () => {
  let hub: TestHub;
  afterEach(() => hub.dispose());

  it('keeps a service\'s department through GET and PUT, moves it to another, and refuses an unknown one; the kiosk follows', async () => {
    const config = testConfig(withDepartments);
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 }), managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    const admin = await login(hub, 'manager');
    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    expect(layout.services.map((s) => s.department)).toEqual(['general', 'social', 'general', 'police']);

    const unknown = structuredClone(layout);
    unknown.services[1]!.department = 'polce';
    const refused = await api<ErrorBody>(hub, 'PUT', '/api/admin/layout', { token: admin, body: unknown });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('config-invalid');
    expect(refused.body.message).toContain('/services/1/department unknown department polce, did you mean "police"?');

    // 社保 moves to the 公安 hall: the 公安 kiosk offers it from its next menu, and issues it.
    const moved = structuredClone(layout);
    moved.services[1]!.department = 'police';
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: moved })).status).toBe(200);
    expect((await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: KIOSK_TOKEN })).body.serviceIds).toEqual(['B', 'D']);
    expect((await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' } })).status).toBe(201);
  });

  // Review: moving the only 公安 service to another department (or deleting it) was saved, and the 公安 kiosk,
  // limited to departments: [police] in hallq.yaml, then showed a start screen with nothing to tap.
  it('refuses an edit that would leave a limited kiosk with no service, in words, and keeps the kiosk\'s menu', async () => {
    const config = testConfig(withDepartments);
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 }), managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    const admin = await login(hub, 'manager');
    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    const emptied = structuredClone(layout);
    emptied.services[3]!.department = 'general';
    const refused = await api<ErrorBody>(hub, 'PUT', '/api/admin/layout', { token: admin, body: emptied });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('config-invalid');
    expect(refused.body.message).toBe('The layout is not valid: kiosk kiosk1 (一楼取号机) would offer no service: it offers only department police (公安服务).');
    // The console words the refusal from its details (one rule in config.ts), never from the English above.
    expect(refused.body.details?.problems).toEqual([
      { path: '/kiosks/0', message: 'kiosk kiosk1 (一楼取号机) would offer no service: it offers only department police (公安服务)', emptyKiosk: { kiosk: 'kiosk1', kioskName: '一楼取号机', offers: [{ kind: 'department', id: 'police', name: '公安服务' }] } },
    ]);
    expect(layoutRefusalWords(refused.body.message, 'zh-CN', refused.body.details)).toBe('事项与窗口设置有误：取号机「一楼取号机」只办理部门「公安服务」，这样改后它将没有可取号的事项：请至少保留其中一个事项');
    expect((await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: KIOSK_TOKEN })).body.serviceIds).toEqual(['D']);
  });

  // The rule moved into the config check: a kiosk listing services must still be free to lose one of them in the
  // console (it keeps the other), and to lose it again in a later edit, without "unknown service".
  it('lets an edit drop one of the services a limited kiosk lists, twice over, and refuses dropping the last by its name', async () => {
    const config = testConfig((file) => {
      file.kiosks = [{ ...file.kiosks[0]!, services: ['B', 'D'] }];
    });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 }), managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    const admin = await login(hub, 'manager');
    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    const without = (from: Layout, id: string): Layout => ({
      services: from.services.filter((s) => s.id !== id),
      // A window left with nothing serves A (its devices keep it from being removed).
      windows: from.windows.map((w) => {
        const kept = w.services.filter((x) => (typeof x === 'string' ? x : x.serviceId) !== id);
        return { ...w, services: kept.length > 0 ? kept : [{ serviceId: 'A', weight: 1 }] };
      }),
    });
    const withoutD = without(layout, 'D');
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: withoutD })).status).toBe(200);
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: withoutD })).status).toBe(200);
    const withoutBD = without(withoutD, 'B');
    const refused = await api<ErrorBody>(hub, 'PUT', '/api/admin/layout', { token: admin, body: withoutBD });
    expect(refused.status).toBe(422);
    const nameOf = (id: string): string => layout.services.find((s) => s.id === id)!.name;
    // D left the kiosk's offer with the first edit: only B is named.
    expect(refused.body.message).toBe(`The layout is not valid: kiosk kiosk1 (一楼取号机) would offer no service: it offers only service B (${nameOf('B')}).`);
  });
});
