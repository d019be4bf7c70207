/**
 * Staff accounts in the console (issue 19 item 3): an admin adds, changes the role of, disables, enables and
 * resets the password of an account, with the rules of `hallq staff` (server/domain/staff-rules.ts), and each
 * change reads in words in the audit log. A manager may only look.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/app/passwords';
import { hubExtensions } from '../../server/extensions';
import type { AuditPage } from '../../server/protocol/audit';
import { auditSentence } from '../../server/protocol/audit-words';
import type { ErrorBody } from '../../server/protocol/errors';
import type { StaffView } from '../../server/protocol/manager-model';
import { api, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';

describe('staff accounts in the console', () => {
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, clock: new TestClock(), extensions: hubExtensions(config) });
    admin = await login(hub, 'manager'); // the demo hall's admin
  });
  afterEach(async () => hub.dispose());

  const staff = async (): Promise<StaffView[]> => (await api<StaffView[]>(hub, 'GET', '/api/admin/staff', { token: admin })).body;
  const put = (username: string, body: unknown, token = admin) => api<ErrorBody>(hub, 'PUT', `/api/admin/staff/${username}`, { token, body });

  it('adds, changes the role of, disables, enables and resets an account, each audited in words', async () => {
    const added = await api(hub, 'POST', '/api/admin/staff', { token: admin, body: { username: 'clerk9', name: '李明', role: 'clerk', password: 'first-pass-9' } });
    expect(added).toMatchObject({ status: 201, body: { username: 'clerk9', name: '李明', role: 'clerk', isDisabled: false } });
    expect(await login(hub, 'clerk9', 'first-pass-9')).toMatch(/\S/);
    const again = await api<ErrorBody>(hub, 'POST', '/api/admin/staff', { token: admin, body: { username: 'clerk9', name: '别人', role: 'admin', password: 'other-pass-9' } });
    expect(again).toMatchObject({ status: 409, body: { error: 'account-exists' } });
    expect((await staff()).find((s) => s.username === 'clerk9')).toMatchObject({ name: '李明', role: 'clerk' });

    expect((await put('clerk9', { name: '李明', role: 'manager' })).status).toBe(200);
    expect((await put('clerk9', { name: '李明', role: 'manager', isDisabled: true })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk9', password: 'first-pass-9' } })).status).toBe(401);
    expect((await put('clerk9', { name: '李明', role: 'manager', isDisabled: false })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/admin/staff/clerk9/password', { token: admin, body: { password: 'second-pass-9' } })).status).toBe(200);
    expect(await login(hub, 'clerk9', 'second-pass-9')).toMatch(/\S/);

    const day = '2026-11-27';
    const log = (await api<AuditPage>(hub, 'GET', `/api/manager/audit?from=${day}&to=${day}&kind=admin:changed`, { token: admin })).body;
    const sentences = log.entries.map((e) => auditSentence(e, 'zh-CN')).reverse();
    expect(sentences).toEqual([
      '刘主任 新增人员账号 李明（窗口人员）',
      '刘主任 更改角色 李明（值班主任）',
      '刘主任 停用人员账号 李明（值班主任）',
      '刘主任 启用人员账号 李明（值班主任）',
      '刘主任 重置密码 李明（值班主任）',
    ]);
    expect(JSON.stringify(log)).not.toMatch(/pass-9|scrypt|passwordHash/);
  });

  it('keeps the rules of hallq staff: password, yourself, the last admin; a manager only looks', async () => {
    expect(await put('clerk8', { name: '新人', role: 'clerk' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/needs a password/) } });
    expect(await put('clerk8', { name: '新人', role: 'clerk', password: 'demo1234' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/demo password/) } });
    expect(await put('manager', { name: '刘主任', role: 'clerk' })).toMatchObject({ status: 403, body: { message: expect.stringMatching(/your own account/) } });

    // A second admin may not demote the only other one once it is the last enabled admin.
    expect((await api(hub, 'POST', '/api/admin/staff', { token: admin, body: { username: 'admin2', name: '副管理员', role: 'admin', password: 'admin-pass-2' } })).status).toBe(201);
    const admin2 = await login(hub, 'admin2', 'admin-pass-2');
    const others = (await staff()).filter((s) => s.role === 'admin' && !s.isDisabled && s.username !== 'admin2' && s.username !== 'manager');
    for (const s of others) expect((await put(s.username, { name: s.name, role: 'clerk' })).status).toBe(200);
    expect((await put('manager', { name: '刘主任', role: 'admin', isDisabled: true }, admin2)).status).toBe(200);
    expect(await put('admin2', { name: '副管理员', role: 'admin', isDisabled: true }, admin2)).toMatchObject({ status: 403 });

    const mgrHash = await hashPassword('mgr-password-1');
    hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr', name: '值班主任', role: 'manager', passwordHash: mgrHash });
    const manager = await login(hub, 'mgr', 'mgr-password-1');
    expect((await api(hub, 'GET', '/api/admin/staff', { token: manager })).status).toBe(200);
    expect((await put('clerk1', { name: '王芳', role: 'admin' }, manager)).status).toBe(403);
    expect((await api(hub, 'POST', '/api/admin/staff', { token: manager, body: { username: 'x1', name: 'x', role: 'admin', password: 'xxxx-xxxx' } })).status).toBe(403);
  });
});
