/** The 好差评 delivery routes (server/protocol/routes/province.ts): thin, the wing decides. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import type { ProvinceWing } from '../../app/province-wing';
import { provinceRoutes } from '../../protocol/routes/province';
import { bearerToken, requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';
import { HubError } from '../../app/errors';

export function registerProvinceRoutes(app: FastifyInstance, hub: Hub, wing: ProvinceWing): void {
  registerRoute(app, provinceRoutes.attachCase, ({ request, params, body }) => wing.attachByStaff(requireStaff(hub, request), params.ticketId, body));
  registerRoute(app, provinceRoutes.ticketCases, ({ request, params }) => {
    requireStaff(hub, request);
    const ticket = hub.ports.read.tickets.get(params.ticketId);
    if (!ticket) throw new HubError('unknown-ticket', 'No such ticket. Check the ticket number.');
    return { ...wing.casesOf(ticket.id, ticket.number), isConfigured: hub.ports.config.province !== undefined };
  });
  registerRoute(app, provinceRoutes.integrationCase, ({ request, body }) => wing.attachByIntegration(bearerToken(request), body));
  registerRoute(app, provinceRoutes.overview, ({ request, query }) => {
    requireStaff(hub, request, 'manager', 'admin');
    return wing.overview(query);
  });
  registerRoute(app, provinceRoutes.correct, ({ request, params, body }) => wing.correct(requireStaff(hub, request, 'manager', 'admin'), params.recordId, body));
  registerRoute(app, provinceRoutes.sendNow, ({ request }) => wing.sendNow(requireStaff(hub, request, 'manager', 'admin')));
}
