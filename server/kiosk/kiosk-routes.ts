/**
 * HTTP routes of the kiosk extension: the page's config and pending card, appointments (staff create and
 * import, kiosk preview), and in demo mode a way to lay a demo card on a simulated reader.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Hub } from '../app/hub';
import { HubError } from '../app/errors';
import { ErrorReply, NoBody } from '../protocol/http';
import { actorOf, requireStaff } from '../transport/http/auth-hook';
import { parseLocalDateTime } from './local-time';
import { appointmentView, createAppointment, importAppointments } from './appointment-service';
import { DEMO_PEOPLE, type DemoAppointment } from './demo';
import type { KioskRuntime } from './kiosk-runtime';

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const Time = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 40, description: "hall-local 'YYYY-MM-DD HH:mm' or ISO with offset" })]);
const AppointmentBody = Type.Object(
  {
    code: Type.Optional(Code),
    serviceId: Type.String({ minLength: 1, maxLength: 32 }),
    slotStart: Time,
    slotEnd: Time,
    idNumber: Type.Optional(Type.String({ maxLength: 20 })),
    name: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
const AppointmentView = Type.Object({
  code: Type.String(),
  serviceId: Type.String(),
  slotStart: Type.Integer(),
  slotEnd: Type.Integer(),
  nameMasked: Type.Optional(Type.String()),
  personMasked: Type.Optional(Type.String()),
  status: Type.String(),
});
const CardView = Type.Object({ handle: Type.String(), nameMasked: Type.Optional(Type.String()), isGreenChannel: Type.Boolean(), expiresAt: Type.Integer() });
/** One of the calling kiosk's devices: null when none is configured. No reason text: the page words it by code. */
const OwnDevice = Type.Union([Type.Object({ status: Type.String(), code: Type.Optional(Type.String()) }), Type.Null()]);
const OwnDevices = Type.Object({ printer: OwnDevice, idReader: OwnDevice });

function requireKiosk(hub: Hub, request: FastifyRequest): string {
  const actor = actorOf(hub, request);
  if (actor.kind !== 'kiosk') throw new HubError('unauthenticated', 'This needs the kiosk device token.');
  return actor.kioskId;
}

export async function registerKioskRoutes(root: FastifyInstance, hub: Hub, runtime: KioskRuntime): Promise<void> {
  const core = hub.core;
  // Encapsulated: the text/csv parser and anything else here stays out of the other parts' routes.
  await root.register(async (app) => {
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));

    app.get('/api/kiosk/config', { schema: { tags: ['kiosk'] } }, async () => {
      const demo: DemoAppointment[] = core.config.isDemo ? runtime.seedDemo() : [];
      return {
        hallName: core.config.hall.name,
        language: core.config.hall.language,
        timeZone: core.config.hall.timeZone,
        isDemo: core.config.isDemo,
        greenChannelAge: core.config.policy.greenChannelAge ?? null,
        perPersonDailyLimit: core.config.policy.perPersonDailyLimit,
        ...(core.config.isDemo
          ? {
              demo: {
                people: Object.entries(DEMO_PEOPLE).map(([key, p]) => ({ key, label: p.label })),
                appointments: demo.map((a) => ({ code: a.code, serviceId: a.serviceId, slotStart: a.slotStart, what: a.what })),
                kiosks: core.config.kiosks.filter((k) => k.idReader?.type === 'simulator').map((k) => k.id),
              },
            }
          : {}),
      };
    });

    // Polled by the kiosk page about once a second: keep it out of the info log.
    app.get('/api/kiosk/identity', { logLevel: 'warn', schema: { tags: ['kiosk'], response: { 200: CardView, 204: Type.Null(), ...errors } } }, async (request, reply) => {
      const view = runtime.cards.view(requireKiosk(hub, request));
      return view ? view : reply.status(204).send();
    });

    // The page cannot see device health otherwise (it goes to staff sockets only); polled every few seconds.
    app.get('/api/kiosk/devices', { logLevel: 'warn', schema: { tags: ['kiosk'], response: { 200: OwnDevices, ...errors } } }, async (request) => {
      const kioskId = requireKiosk(hub, request);
      const kiosk = core.config.kiosks.find((k) => k.id === kioskId);
      const own = (id: string, isConfigured: boolean): Static<typeof OwnDevice> => {
        if (!isConfigured) return null;
        // Not reported yet: the device is still opening, so not ready.
        const health = core.devices.get(id) ?? { status: 'offline', code: 'offline' };
        return { status: health.status, ...(health.code ? { code: health.code } : {}) };
      };
      return { printer: own(`${kioskId}-printer`, kiosk?.printer !== undefined), idReader: own(`${kioskId}-id-reader`, kiosk?.idReader !== undefined) };
    });

    app.delete('/api/kiosk/identity', { schema: { tags: ['kiosk'], body: NoBody } }, async (request, reply) => {
      runtime.cards.clear(requireKiosk(hub, request));
      return reply.status(204).send();
    });

    app.get<{ Params: { code: string } }>(
      '/api/appointments/:code',
      { schema: { tags: ['appointments'], params: Type.Object({ code: Code }), response: { 200: AppointmentView, ...errors } } },
      async (request) => {
        const actor = actorOf(hub, request);
        if (actor.kind !== 'kiosk' && actor.kind !== 'staff') throw new HubError('unauthenticated', 'This needs the kiosk device token or a staff sign-in.');
        const found = runtime.appointments.get(request.params.code);
        if (!found) throw new HubError('unknown-appointment', 'We cannot find this appointment code. Please check it, or take a normal ticket.');
        return appointmentView(core, found);
      },
    );

    app.post<{ Body: Static<typeof AppointmentBody> }>(
      '/api/appointments',
      { schema: { tags: ['appointments'], body: AppointmentBody, response: { 201: AppointmentView, ...errors } } },
      async (request, reply) => {
        const staff = requireStaff(hub, request, 'manager', 'admin');
        const body = request.body;
        const slotStart = toInstant(body.slotStart, core.config.hall.timeZone, 'slotStart');
        const slotEnd = toInstant(body.slotEnd, core.config.hall.timeZone, 'slotEnd');
        const created = createAppointment(core, staff, runtime.appointments, {
          serviceId: body.serviceId,
          slotStart,
          slotEnd,
          ...(body.code ? { code: body.code } : {}),
          ...(body.idNumber ? { idNumber: body.idNumber } : {}),
          ...(body.name ? { name: body.name } : {}),
        });
        return reply.status(201).send(created);
      },
    );

    app.post<{ Body: string }>(
      '/api/appointments/import',
      { bodyLimit: 1024 * 1024, schema: { tags: ['appointments'], description: 'CSV: code,serviceId,slotStart,slotEnd,idNumber?,name? (docs/kiosk.md)' } },
      async (request) => {
        const staff = requireStaff(hub, request, 'manager', 'admin');
        if (typeof request.body !== 'string') throw new HubError('invalid-request', 'Send the appointments as text/csv.');
        return importAppointments(core, staff, runtime.appointments, request.body);
      },
    );

    if (!core.config.isDemo) return;
    app.post<{ Params: { kioskId: string }; Body: { person: string } }>(
      '/api/demo/kiosks/:kioskId/card',
      {
        schema: {
          tags: ['demo'],
          params: Type.Object({ kioskId: Type.String({ maxLength: 32 }) }),
          body: Type.Object({ person: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const person = DEMO_PEOPLE[request.body.person];
        if (!person) throw new HubError('invalid-request', `Choose one of the demo people: ${Object.keys(DEMO_PEOPLE).join(', ')}.`);
        const simulator = runtime.devices.get(request.params.kioskId)?.readerSimulator;
        if (!simulator) throw new HubError('not-found', `Kiosk ${request.params.kioskId} has no simulated ID card reader.`);
        await runtime.insertDemoCard(request.params.kioskId, person.card);
        return reply.status(202).send({ inserted: request.body.person });
      },
    );
  });
}

function toInstant(value: number | string, timeZone: string, field: string): number {
  if (typeof value === 'number') return value;
  const at = parseLocalDateTime(value, timeZone);
  if (at === undefined) throw new HubError('invalid-request', `${field} is not a time like 2026-11-27 09:30.`);
  return at;
}
