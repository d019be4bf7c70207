/**
 * Configuration edits applied live, validated, audited and kept across a restart; role checks; password
 * reset; backup now and download.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualBackupName } from '../../server/storage/backup';
import { api, connectSocket, login, startTestHub, testConfig, TestClock, until, type TestHub } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import type { BackupStatus } from '../../server/protocol/manager-model';
import type { ErrorBody } from '../../server/protocol/errors';
import type { PublicEvent } from '../../server/protocol/events';
import type { HallSnapshot, ServiceView, WindowView } from '../../server/protocol/model';

/**
 * GET and PUT /api/admin/layout (server/app/admin.ts): services and windows in the config file's shape. GET answers a
 * window's services as `{ serviceId, weight }`; PUT also takes bare service ids, and fields with a default may be left out.
 */
interface Layout<WindowService = { serviceId: string; weight: number }> {
  services: Array<{
    id: string;
    name: string;
    prefix: string;
    serviceMinutes?: number;
    waitLimitMinutes?: number;
    serviceLimitMinutes?: number;
    hours?: Array<{ from: string; to: string }>;
  }>;
  windows: Array<{ id: string; number: number; services: WindowService[] }>;
}

describe('manager configuration', () => {
  let hub: TestHub;
  let admin: string;
  const config = testConfig();
  const start = async (dataDir?: string): Promise<TestHub> =>
    startTestHub({ config, clock: new TestClock(), dataDir, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });

  beforeEach(async () => {
    hub = await start();
    admin = await login(hub, 'manager');
  });

  afterEach(async () => hub.dispose());

  it('edits services and windows live, tells public clients, and keeps the edit after a restart', async () => {
    const display = connectSocket(hub);
    const seen: PublicEvent[] = [];
    display.on('hub:public-events', (events) => seen.push(...events));
    await new Promise<void>((resolve) => display.emit('hall:sync', {}, () => resolve()));

    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    layout.services.push({ id: 'E', name: '出入境', prefix: 'E', serviceMinutes: 5, waitLimitMinutes: 20, serviceLimitMinutes: 10, hours: [{ from: '09:00', to: '12:00' }] });
    layout.windows[0]!.services.push({ serviceId: 'E', weight: 1 });
    const saved = await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: layout });
    expect(saved.status).toBe(200);
    expect((await api<ServiceView[]>(hub, 'GET', '/api/services')).body.map((s: { id: string }) => s.id)).toContain('E');
    expect((await api(hub, 'POST', '/api/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'E' } })).status).toBe(201);
    await until(() => seen.some((e) => e.type === 'config:updated'), 'config:updated at the public client');
    expect(seen.find((e) => e.type === 'config:updated')).toBeDefined();
    display.close();

    const dataDir = hub.dataDir;
    await hub.stop();
    hub = await start(dataDir);
    expect((await api<WindowView[]>(hub, 'GET', '/api/windows')).body[0]!.services).toContain('E');
  });

  it('refuses an invalid layout with every problem, and a layout that strands waiting visitors', async () => {
    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    const bad: Layout<string | { serviceId: string; weight: number }> = structuredClone(layout);
    bad.services[1]!.prefix = 'A';
    bad.windows[0]!.services = ['nope'];
    const refused = await api<ErrorBody>(hub, 'PUT', '/api/admin/layout', { token: admin, body: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/prefix A[\s\S]*unknown service nope/);
    await api(hub, 'POST', '/api/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'D' } });
    const withoutD = structuredClone(layout);
    withoutD.services = withoutD.services.filter((s: { id: string }) => s.id !== 'D');
    withoutD.windows = withoutD.windows.filter((w: { id: string }) => w.id !== 'w4').map((w: Layout['windows'][number]) => ({ ...w, services: w.services.filter((s) => s.serviceId !== 'D') }));
    expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: withoutD })).status).toBe(422);
  });

  it('updates notices, resets a password, and lets only admins edit', async () => {
    const notices = await api(hub, 'PUT', '/api/admin/notices', { token: admin, body: { notices: ['今日16:00停止取号'] } });
    expect(notices.body).toEqual({ notices: ['今日16:00停止取号'] });
    expect((await api<HallSnapshot>(hub, 'GET', '/api/hall')).body.notices).toEqual(['今日16:00停止取号']);

    const before = await login(hub, 'clerk1');
    expect((await api(hub, 'GET', '/api/hall/staff', { token: before })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/admin/staff/clerk1/password', { token: admin, body: { password: 'new-secret-9' } })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: 'demo1234' } })).status).toBe(401);
    // The reset ends the sessions opened with the old password; the admin's own stays.
    expect((await api(hub, 'GET', '/api/hall/staff', { token: before })).status).toBe(401);
    expect((await api(hub, 'GET', '/api/admin/staff', { token: admin })).status).toBe(200);
    expect(await login(hub, 'clerk1', 'new-secret-9')).toBeTruthy();
    expect((await api(hub, 'PUT', '/api/admin/staff/clerk9', { token: admin, body: { name: '新人', role: 'manager', password: 'another-secret' } })).status).toBe(200);
    const newManager = await login(hub, 'clerk9', 'another-secret');
    expect((await api(hub, 'GET', '/api/admin/staff', { token: newManager })).status).toBe(200);
    expect((await api(hub, 'PUT', '/api/admin/notices', { token: newManager, body: { notices: [] } })).status).toBe(403);
    expect((await api(hub, 'PUT', '/api/admin/staff/manager', { token: admin, body: { name: 'x', role: 'clerk' } })).status).toBe(403);
    const audit = hub.db.prepare("SELECT type, data FROM events WHERE type IN ('admin:changed', 'notices:updated') ORDER BY seq").all() as { type: string; data: string }[];
    expect(audit.map((a) => a.type)).toEqual(['notices:updated', 'admin:changed', 'admin:changed']);
    expect(audit.some((a) => a.data.includes('scrypt'))).toBe(false);
  });

  it('backs up now and downloads the backup', async () => {
    const made = await api<{ name: string }>(hub, 'POST', '/api/admin/backups', { token: admin, body: {} });
    expect(made.status).toBe(200);
    // Hall-local time (Asia/Shanghai: the test clock's 01:00 UTC is 09:00), named as `hallq backup` names it.
    expect(made.body.name).toBe(manualBackupName(Date.parse('2026-11-27T01:00:00Z'), 'Asia/Shanghai'));
    expect(made.body.name).toBe('hallq-manual-2026-11-27-090000.db');
    const status = (await api<BackupStatus>(hub, 'GET', '/api/admin/backups', { token: admin })).body;
    expect(status.backups.map((b: { name: string }) => b.name)).toContain(made.body.name);
    const file = await fetch(`${hub.url}/api/admin/backups/${made.body.name}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect((await api(hub, 'GET', '/api/admin/backups/..%2Fhallq.db', { token: admin })).status).toBe(400);
  });

  // Review of issue 19 item 7: a double click on 「立即备份」 started two copies into the same file in the same second;
  // the second removed the first's half-written copy and one of them failed with a raw file-system error.
  it('a second "backup now" while one runs shares it instead of racing it into the same file', async () => {
    const [one, two] = await Promise.all([
      api<{ name: string }>(hub, 'POST', '/api/admin/backups', { token: admin, body: {} }),
      api<{ name: string }>(hub, 'POST', '/api/admin/backups', { token: admin, body: {} }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body).toEqual(one.body);
    const status = (await api<BackupStatus>(hub, 'GET', '/api/admin/backups', { token: admin })).body;
    expect(status.lastError).toBeUndefined();
    const file = await fetch(`${hub.url}/api/admin/backups/${one.body.name}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
