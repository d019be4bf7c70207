/**
 * The kiosk's HTTP routes, registered from the typed contract (server/protocol/routes/kiosk.ts): the page's
 * config, held card and own devices, appointments (staff create and import, kiosk preview), and in demo mode
 * a way to lay a demo card on a simulated reader. Routes authenticate, call the kiosk service, and render.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Hub } from '../../app/hub';
import type { KioskService } from '../../app/kiosk-service';
import { HubError } from '../../app/errors';
import { kioskRoutes } from '../../protocol/routes/kiosk';
import { actorOf, requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';
import { decodeCsvBytes } from './csv-text';

const CSV_LIMIT = 1024 * 1024;

function requireKiosk(hub: Hub, request: FastifyRequest): string {
  const actor = actorOf(hub, request);
  if (actor.kind !== 'kiosk') throw new HubError('unauthenticated', 'This needs the kiosk device token.');
  return actor.kioskId;
}

export async function registerKioskRoutes(root: FastifyInstance, hub: Hub, kiosk: KioskService, options: { isDemo: boolean }): Promise<void> {
  // Encapsulated: the CSV parsers and anything else here stay out of the other parts' routes. An appointment
  // file may be up to 1 MiB (the hub's JSON bodies stay at 64 KiB), sent as text/csv or as plain text.
  await root.register(async (app) => {
    // Bytes, not a string: the file may be GBK (csv-text.ts decides), and Fastify would read it as UTF-8.
    const asBytes = { parseAs: 'buffer', bodyLimit: CSV_LIMIT } as const;
    const decode = (_request: unknown, body: string | Buffer, done: (error: Error | null, text?: string) => void): void =>
      done(null, typeof body === 'string' ? body : decodeCsvBytes(body));
    app.addContentTypeParser('text/csv', asBytes, decode);
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('text/plain', asBytes, decode);

    registerRoute(app, kioskRoutes.config, () => kiosk.config());
    registerRoute(app, kioskRoutes.menu, ({ request }) => kiosk.menu(requireKiosk(hub, request)));

    // Polled by the kiosk page every second or few: kept out of the info log.
    await app.register(
      async (polled) => {
        registerRoute(polled, kioskRoutes.heldCard, ({ request, reply }) => kiosk.cards.view(requireKiosk(hub, request)) ?? reply.status(204).send());
        // The page cannot see device health otherwise (it goes to staff sockets only).
        registerRoute(polled, kioskRoutes.ownDevices, ({ request }) => kiosk.ownDevices(requireKiosk(hub, request)));
      },
      { logLevel: 'warn' },
    );

    registerRoute(app, kioskRoutes.clearHeldCard, ({ request }) => {
      kiosk.cards.clear(requireKiosk(hub, request));
      return null;
    });

    registerRoute(app, kioskRoutes.appointment, ({ request, params }) => {
      const actor = actorOf(hub, request);
      if (actor.kind !== 'kiosk' && actor.kind !== 'staff') throw new HubError('unauthenticated', 'This needs the kiosk device token or a staff sign-in.');
      return kiosk.findAppointment(params.code);
    });

    registerRoute(app, kioskRoutes.createAppointment, ({ request, body }) => {
      const staff = requireStaff(hub, request, 'manager', 'admin');
      return kiosk.createAppointment(staff, {
        serviceId: body.serviceId,
        slotStart: body.slotStart,
        slotEnd: body.slotEnd,
        ...(body.code ? { code: body.code } : {}),
        ...(body.idNumber ? { idNumber: body.idNumber } : {}),
        ...(body.name ? { name: body.name } : {}),
      });
    });

    registerRoute(app, kioskRoutes.importAppointments, ({ request, body }) => {
      const staff = requireStaff(hub, request, 'manager', 'admin');
      return kiosk.importAppointments(staff, body);
    });

    if (!options.isDemo) return;
    registerRoute(app, kioskRoutes.demoCard, async ({ params, body }) => {
      await kiosk.insertDemoCard(params.kioskId, body.person);
      return { inserted: body.person };
    });
  });
}
