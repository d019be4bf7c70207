/** /api/manager (live hall), /api/alerts and /api/followups, from the contract (protocol/routes/manager.ts). Parse, check the role, call the use case. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Hub } from '../../app/hub';
import type { Manager } from '../../app/manager';
import { liveHall } from '../../app/live-hall';
import { managerRoutes as routes } from '../../protocol/routes/manager';
import { requireStaff } from './auth-hook';
import { sendTables } from './table-replies';
import { registerRoute } from './route-kit';

export function registerManagerRoutes(app: FastifyInstance, hub: Hub, manager: Manager): void {
  const asManager = (request: FastifyRequest) => requireStaff(hub, request, 'manager', 'admin');
  const { alerts, followups, reports, audit } = manager;

  registerRoute(app, routes.live, ({ request }) => (asManager(request), liveHall(hub.ports, reports, followups)));
  registerRoute(app, routes.charts, ({ request }) => (asManager(request), reports.charts()));
  registerRoute(app, routes.alerts, ({ request, query }) => (asManager(request), alerts.list(query)));
  registerRoute(app, routes.evaluateAlerts, ({ request }) => (asManager(request), alerts.evaluate()));
  registerRoute(app, routes.acknowledgeAlert, ({ request, params, body }) => alerts.acknowledge(asManager(request), params.alertId, body.note));
  registerRoute(app, routes.followups, ({ request, query }) => (asManager(request), followups.list(query)));
  registerRoute(app, routes.myFollowups, ({ request }) => followups.mine(requireStaff(hub, request)));
  registerRoute(app, routes.recordFollowup, ({ request, params, body }) => followups.record(asManager(request), params.followupId, body));
  // Any staff member may appeal (a clerk only their own ratings: app/followups.ts decides).
  registerRoute(app, routes.appeal, ({ request, params, body }) => followups.appeal(requireStaff(hub, request), params.followupId, body.reason));
  registerRoute(app, routes.decideAppeal, ({ request, params, body }) => followups.decideAppeal(asManager(request), params.followupId, body.decision, body.note));
  registerRoute(app, routes.audit, ({ request, query, reply }) => {
    asManager(request);
    const { format = 'json' } = query;
    if (format === 'json') return audit.search(query);
    const base = `hallq-audit-${query.from}_${query.to}`.replace(/:/g, '');
    return sendTables(reply, [audit.table(query, 'zh-CN')], format, base);
  });
}
