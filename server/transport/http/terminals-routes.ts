/** /api/manager/terminals, from the contract (protocol/routes/terminals.ts): parse, check the role, call the registry. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import { terminalRoutes as routes } from '../../protocol/routes/terminals';
import { requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerTerminalRoutes(app: FastifyInstance, hub: Hub): void {
  registerRoute(app, routes.list, ({ request }) => hub.terminals.list(requireStaff(hub, request, 'manager', 'admin')));
  registerRoute(app, routes.forget, ({ request, params }) => hub.terminals.forget(requireStaff(hub, request, 'manager', 'admin'), params.terminalId));
  registerRoute(app, routes.reload, ({ request, params }) => hub.terminals.requestReload(requireStaff(hub, request, 'manager', 'admin'), params.terminalId));
}
