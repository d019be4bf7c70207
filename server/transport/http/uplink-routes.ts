/** GET /api/uplink/status for managers: the link as the uplink wing (server/app/uplink-wing.ts) sees it. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import type { UplinkStatus } from '../../protocol/uplink';
import { uplinkHallRoutes } from '../../protocol/routes/uplink';
import { requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerUplinkRoutes(app: FastifyInstance, hub: Hub, status: () => UplinkStatus): void {
  registerRoute(app, uplinkHallRoutes.status, ({ request }) => {
    requireStaff(hub, request, 'manager', 'admin');
    return status();
  });
}
