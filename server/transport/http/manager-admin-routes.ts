/** /api/admin, from the contract (protocol/routes/manager-admin.ts): configuration edits (admin only; managers may read) and backups. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Hub } from '../../app/hub';
import type { Manager } from '../../app/manager';
import { adminRoutes as routes } from '../../protocol/routes/manager-admin';
import { requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerAdminRoutes(app: FastifyInstance, hub: Hub, manager: Manager): void {
  const asReader = (request: FastifyRequest) => requireStaff(hub, request, 'manager', 'admin');
  const asAdmin = (request: FastifyRequest) => requireStaff(hub, request, 'admin');
  const { admin, backups } = manager;

  registerRoute(app, routes.layout, ({ request }) => (asReader(request), admin.layout()));
  registerRoute(app, routes.layoutSource, ({ request }) => (asReader(request), admin.layoutSource()));
  registerRoute(app, routes.updateLayout, ({ request, body }) => admin.updateLayout(asAdmin(request), body));
  registerRoute(app, routes.notices, ({ request }) => (asReader(request), { notices: admin.notices() }));
  registerRoute(app, routes.updateNotices, ({ request, body }) => ({ notices: admin.updateNotices(asAdmin(request), body.notices) }));
  registerRoute(app, routes.staff, ({ request }) => (asReader(request), admin.listStaff()));
  registerRoute(app, routes.createStaff, ({ request, body }) => admin.createStaff(asAdmin(request), body));
  registerRoute(app, routes.saveStaff, ({ request, params, body }) => admin.saveStaff(asAdmin(request), params.username, body));
  registerRoute(app, routes.resetPassword, ({ request, params, body }) => admin.resetPassword(asAdmin(request), params.username, body.password));
  registerRoute(app, routes.holidays, ({ request }) => (asReader(request), admin.calendar()));
  registerRoute(app, routes.saveHolidays, ({ request, body }) => admin.saveHolidays(asAdmin(request), body));
  registerRoute(app, routes.settings, ({ request }) => (asReader(request), admin.currentSettings()));
  registerRoute(app, routes.saveSettings, ({ request, body }) => admin.saveSettings(asAdmin(request), body));
  registerRoute(app, routes.devices, ({ request }) => (asReader(request), admin.devices()));
  registerRoute(app, routes.backups, ({ request }) => (asReader(request), backups.status()));
  registerRoute(app, routes.backupNow, ({ request }) => backups.backupNow(asAdmin(request)));
  registerRoute(app, routes.downloadBackup, ({ request, params, reply }) => {
    asAdmin(request);
    const file = backups.open(params.name);
    return reply.type('application/vnd.sqlite3').header('content-disposition', `attachment; filename="${params.name}"`).send(file);
  });
}
