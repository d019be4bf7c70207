/**
 * Departments and kiosk offers edited through the layout (PUT /api/admin/layout): the kiosk's menu follows at
 * once and after a restart (the stored layout carries them); a kiosk id the file does not have, a duplicate
 * department and a department still in use are refused with every problem as details.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { api, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import { kioskExtension } from '../../server/wings/kiosk';
import type { KioskMenu } from '../../server/protocol/kiosk';
import type { Layout } from '../../server/protocol/layout';

const SECOND_KIOSK_TOKEN = 'second-kiosk-token-layout-0001';

describe('departments and kiosk offers in the layout', () => {
  const config = testConfig((file) => {
    file.kiosks = [...file.kiosks, { id: 'kiosk2', name: '二楼取号机', tokenHash: createHash('sha256').update(SECOND_KIOSK_TOKEN).digest('hex') }];
  });
  let hub: TestHub;
  const start = (dataDir?: string): Promise<TestHub> =>
    startTestHub({ config, clock: new TestClock(), dataDir, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 }), kioskExtension(config, { printerPollMs: 0 })] });
  afterEach(async () => hub?.dispose());

  const menu = async (): Promise<string[]> => (await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token: SECOND_KIOSK_TOKEN })).body.serviceIds;

  it('applies a new department and a kiosk limited to it at once and after a restart', async () => {
    hub = await start();
    const admin = await login(hub, 'manager');
    const before = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    expect(before.departments).toEqual([]);
    expect(before.kiosks).toEqual([{ id: 'kiosk1', name: '一楼取号机' }, { id: 'kiosk2', name: '二楼取号机' }]);
    expect(await menu()).toContain('A');

    const edited: Layout = {
      ...before,
      departments: [{ id: 'police', name: '公安', nameEn: 'Police' }],
      services: before.services.map((s) => (s.id === 'D' ? { ...s, department: 'police' } : s)),
      kiosks: [{ id: 'kiosk2', departments: ['police'] }],
    };
    const saved = await api<Layout>(hub, 'PUT', '/api/admin/layout', { token: admin, body: edited });
    expect(saved.status).toBe(200);
    expect(saved.body.kiosks).toEqual([{ id: 'kiosk1', name: '一楼取号机' }, { id: 'kiosk2', name: '二楼取号机', departments: ['police'] }]);
    expect(await menu()).toEqual(['D']);

    const dataDir = hub.dataDir;
    await hub.stop();
    hub = await start(dataDir);
    expect(await menu()).toEqual(['D']);
    const admin2 = await login(hub, 'manager');
    expect((await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin2 })).body.departments).toEqual([{ id: 'police', name: '公安', nameEn: 'Police' }]);
  });

  it('keeps the console layout at a restart after a kiosk it names was taken out of hallq.yaml', async () => {
    hub = await start();
    const admin = await login(hub, 'manager');
    const before = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    const edited: Layout = {
      ...before,
      departments: [{ id: 'police', name: '公安' }],
      services: before.services.map((s) => (s.id === 'D' ? { ...s, department: 'police', name: '出入境（改）' } : s)),
      kiosks: [{ id: 'kiosk1' }, { id: 'kiosk2', departments: ['police'] }],
    };
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: edited })).status).toBe(200);
    const dataDir = hub.dataDir;
    await hub.stop();
    const withoutKiosk2 = { ...config, kiosks: config.kiosks.filter((k) => k.id !== 'kiosk2') };
    hub = await startTestHub({ config: withoutKiosk2, clock: new TestClock(), dataDir, extensions: [managerExtension(withoutKiosk2, { alertIntervalMs: 3_600_000 }), kioskExtension(withoutKiosk2, { printerPollMs: 0 })] });
    const after = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: await login(hub, 'manager') })).body;
    expect(after.services.find((s) => s.id === 'D')?.name).toBe('出入境（改）');
    expect(after.departments).toEqual([{ id: 'police', name: '公安' }]);
    expect(after.kiosks?.map((k) => k.id)).toEqual(['kiosk1']);
  });

  it('refuses an unknown kiosk, a duplicate department and one still in use, and changes nothing', async () => {
    hub = await start();
    const admin = await login(hub, 'manager');
    const before = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    const answer = await api<{ error: string; details?: { problems: { path: string; message: string }[] } }>(hub, 'PUT', '/api/admin/layout', {
      token: admin,
      body: {
        ...before,
        departments: [{ id: 'rs', name: '人社' }, { id: 'rs', name: '人社二' }],
        services: before.services.map((s) => (s.id === 'B' ? { ...s, department: 'police' } : s)),
        kiosks: [{ id: 'nope', services: ['A'] }],
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe('config-invalid');
    const paths = answer.body.details?.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/departments/1', '/services/1/department', '/kiosks/0']));
    expect(await menu()).toContain('A');
    expect((await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body.departments).toEqual([]);
  });
});
