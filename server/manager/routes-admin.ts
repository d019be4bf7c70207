/** /api/admin: configuration edits (admin only; managers may read) and backups. */
import type { FastifyInstance } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Static } from '@sinclair/typebox';
import { BackupParams, HolidaysBody, ManagerSettings, NoticesBody, PasswordResetBody, StaffBody, StaffParams } from '../protocol/manager-model';
import { NoBody } from '../protocol/http';
import { requireStaff } from '../transport/http/auth-hook';
import { HubError } from '../app/errors';
import type { ManagerContext } from './context';
import type { Backups } from './backups';
import { calendarBody, currentLayout, LayoutBody, listStaff, saveHolidays, saveSettings, saveStaff, updateLayout, updateNotices } from './admin';

const tags = ['admin'];

export function registerAdminRoutes(app: FastifyInstance, ctx: ManagerContext, backups: Backups): void {
  const hub = ctx.hub;
  const reader = (request: Parameters<typeof requireStaff>[1]) => requireStaff(hub, request, 'manager', 'admin');
  const admin = (request: Parameters<typeof requireStaff>[1]) => requireStaff(hub, request, 'admin');

  app.get('/api/admin/layout', { schema: { tags } }, async (request) => (reader(request), currentLayout(ctx)));
  app.put<{ Body: LayoutBody }>('/api/admin/layout', { schema: { tags, body: LayoutBody } }, async (request) => updateLayout(ctx, admin(request), request.body));

  app.get('/api/admin/notices', { schema: { tags } }, async (request) => (reader(request), { notices: [...ctx.core.notices] }));
  app.put<{ Body: Static<typeof NoticesBody> }>('/api/admin/notices', { schema: { tags, body: NoticesBody } }, async (request) => ({
    notices: updateNotices(ctx, admin(request), request.body.notices),
  }));

  app.get('/api/admin/staff', { schema: { tags } }, async (request) => (reader(request), listStaff(ctx)));
  app.put<{ Params: Static<typeof StaffParams>; Body: Static<typeof StaffBody> }>(
    '/api/admin/staff/:username',
    { schema: { tags, params: StaffParams, body: StaffBody } },
    async (request) => saveStaff(ctx, admin(request), request.params.username, request.body),
  );
  app.post<{ Params: Static<typeof StaffParams>; Body: Static<typeof PasswordResetBody> }>(
    '/api/admin/staff/:username/password',
    { schema: { tags, params: StaffParams, body: PasswordResetBody } },
    async (request) => {
      const actor = admin(request);
      const staff = ctx.core.auth.findStaff(request.params.username);
      if (!staff) throw new HubError('not-found', `There is no account ${request.params.username}.`);
      return saveStaff(ctx, actor, staff.username, { name: staff.name, role: staff.role, isDisabled: staff.isDisabled, password: request.body.password });
    },
  );

  app.get('/api/admin/holidays', { schema: { tags } }, async (request) => (reader(request), calendarBody(ctx)));
  app.put<{ Body: Static<typeof HolidaysBody> }>('/api/admin/holidays', { schema: { tags, body: HolidaysBody } }, async (request) => saveHolidays(ctx, admin(request), request.body));

  app.get('/api/admin/settings', { schema: { tags } }, async (request) => (reader(request), ctx.settings()));
  app.put<{ Body: Static<typeof ManagerSettings> }>('/api/admin/settings', { schema: { tags, body: ManagerSettings } }, async (request) => saveSettings(ctx, admin(request), request.body));

  app.get('/api/admin/devices', { schema: { tags } }, async (request) => (reader(request), [...ctx.core.devices.values()]));

  app.get('/api/admin/backups', { schema: { tags } }, async (request) => (reader(request), backups.status()));
  app.post('/api/admin/backups', { schema: { tags, body: NoBody } }, async (request) => {
    const actor = admin(request);
    const info = await backups.backupNow();
    const name = info.file.slice(info.file.lastIndexOf('/') + 1);
    ctx.core.commit(actor, (tx) => tx.emit('admin:changed', { area: 'backup', summary: `backup ${name} (${info.bytes} bytes)` }));
    return { name, bytes: info.bytes, at: Math.round(info.at) };
  });
  app.get<{ Params: Static<typeof BackupParams> }>('/api/admin/backups/:name', { schema: { tags, params: BackupParams } }, async (request, reply) => {
    admin(request);
    const file = join(backups.dir, request.params.name);
    if (!existsSync(file)) throw new HubError('not-found', `There is no backup ${request.params.name}.`);
    return reply.type('application/vnd.sqlite3').header('content-disposition', `attachment; filename="${request.params.name}"`).send(createReadStream(file));
  });
}
