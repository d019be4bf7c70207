/**
 * HTTP routes of the window devices: the clerk's own day (staff), the rating pad (public: the tablet
 * facing the visitor sees only the pending ticket number), and in demo mode buttons that "press" the
 * simulated keypad and caller.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Hub } from '../app/hub';
import { HubError } from '../app/errors';
import { IdempotencyKey, WindowParams } from '../protocol/http';
import { RatingScore, RatingTag } from '../protocol/model';
import { actorOf, idempotencyKeyOf, requireStaff } from '../transport/http/auth-hook';
import type { RatingLevel } from '../../drivers/window-bus/index';
import type { WindowDevices } from './window-devices';

export const RatingPadBody = Type.Object(
  {
    /** The number the pad showed: a pad still showing an older visit must not rate the newer one. */
    number: Type.String({ minLength: 1, maxLength: 16 }),
    score: RatingScore,
    tags: Type.Optional(Type.Array(RatingTag, { maxItems: 7, uniqueItems: true })),
    idempotencyKey: Type.Optional(IdempotencyKey),
  },
  { additionalProperties: false },
);
export type RatingPadBody = Static<typeof RatingPadBody>;

const PressKeypadBody = Type.Object(
  { level: Type.Integer({ minimum: 1, maximum: 5 }), reasons: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 7 })) },
  { additionalProperties: false },
);
const CallerKeys = ['call-next', 'recall', 'no-show', 'finish', 'pause', 'transfer'] as const;
const PressCallerBody = Type.Object({ key: Type.Union(CallerKeys.map((k) => Type.Literal(k))) }, { additionalProperties: false });

type Params = Static<typeof WindowParams>;

export function registerWindowDeviceRoutes(app: FastifyInstance, hub: Hub, devices: WindowDevices, options: { isDemo: boolean }): void {
  app.get<{ Params: Params }>('/api/windows/:windowId/today', { schema: { tags: ['windows'], params: WindowParams } }, async (request) => {
    const staff = requireStaff(hub, request);
    const window = hub.core.window(request.params.windowId);
    const day = hub.core.today();
    const last = devices.repo.lastFinished(window.id, day);
    const pending = devices.pending.get(window.id, hub.core.now());
    return {
      day,
      figures: devices.repo.clerkDay(day, staff.username),
      lastFinished: last && {
        ticketId: last.ticketId,
        number: last.number,
        serviceId: last.serviceId,
        finishedAt: last.finishedAt,
        rating: devices.repo.ratingOf(last.ticketId),
        isAwaitingRating: pending?.ticketId === last.ticketId,
      },
    };
  });

  app.get<{ Params: Params }>('/api/windows/:windowId/rating-pad', { schema: { tags: ['visitor'], params: WindowParams } }, async (request) => {
    const window = hub.core.window(request.params.windowId);
    const now = hub.core.now();
    const pending = devices.pending.get(window.id, now);
    return {
      windowId: window.id,
      windowNumber: window.number,
      windowName: window.name,
      isArmed: pending !== undefined,
      number: pending?.number,
      secondsLeft: pending ? Math.max(0, Math.ceil((pending.deadline - now) / 1000)) : undefined,
      // In the demo the pads' tokens are published (demo-pad-<window number>), so the page can use them.
      isDemo: options.isDemo,
    };
  });

  app.post<{ Params: Params; Body: RatingPadBody }>(
    '/api/windows/:windowId/rating-pad',
    { schema: { tags: ['visitor'], params: WindowParams, body: RatingPadBody }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const window = hub.core.window(request.params.windowId);
      const pad = actorOf(hub, request);
      // Only the pad registered at this window may rate its visits: the number is on the public display.
      if (pad.kind !== 'device' || pad.windowId !== window.id) {
        throw new HubError(
          pad.kind === 'public' ? 'unauthenticated' : 'forbidden',
          `This rating pad is not registered for window ${window.number}. Open /rate?window=${window.number}&token=<pad token> once on the tablet.`,
        );
      }
      const pending = devices.pending.get(window.id, hub.core.now());
      const key = idempotencyKeyOf(request) ?? request.body.idempotencyKey;
      // The pending visit, or (for a retry whose first answer was lost, after the rating cleared it) the
      // last finished one: the hub's rating rules (one per visit, within the time) decide either way.
      const last = pending ? undefined : devices.repo.lastFinished(window.id, hub.core.today());
      const ticketId = pending?.number === request.body.number ? pending.ticketId : last?.number === request.body.number ? last.ticketId : undefined;
      if (!ticketId) throw new HubError('rating-closed', `There is no visit to rate at window ${window.number} right now.`);
      const rating = hub.rateTicket(
        pad,
        ticketId,
        { score: request.body.score, tags: request.body.tags, idempotencyKey: key },
        'pad',
      );
      return reply.status(201).send({ number: rating.number, score: rating.score });
    },
  );

  if (!options.isDemo) return;

  app.post<{ Params: Params; Body: Static<typeof PressKeypadBody> }>(
    '/api/demo/windows/:windowId/keypad',
    { schema: { tags: ['demo'], params: WindowParams, body: PressKeypadBody } },
    async (request) => {
      const keypad = simulatedDevice(hub, devices, request.params.windowId, 'keypad');
      return { isAccepted: keypad.simulated.rate(keypad.address, request.body.level as RatingLevel, request.body.reasons ?? []) };
    },
  );

  app.post<{ Params: Params; Body: Static<typeof PressCallerBody> }>(
    '/api/demo/windows/:windowId/caller',
    { schema: { tags: ['demo'], params: WindowParams, body: PressCallerBody } },
    async (request) => {
      const caller = simulatedDevice(hub, devices, request.params.windowId, 'caller');
      caller.simulated.key(caller.address, request.body.key);
      return { isSent: true };
    },
  );

  app.get<{ Params: Params }>('/api/demo/windows/:windowId/caller', { schema: { tags: ['demo'], params: WindowParams } }, async (request) => {
    const caller = simulatedDevice(hub, devices, request.params.windowId, 'caller');
    return { beeps: caller.simulated.beeps(caller.address) };
  });

  app.get<{ Params: Params }>('/api/demo/windows/:windowId/strip', { schema: { tags: ['demo'], params: WindowParams } }, async (request) => {
    const strip = simulatedDevice(hub, devices, request.params.windowId, 'strip');
    return { text: strip.simulated.stripText(strip.address) ?? null };
  });
}

function simulatedDevice(hub: Hub, devices: WindowDevices, windowId: string, kind: 'keypad' | 'caller' | 'strip') {
  const window = hub.core.window(windowId);
  const placed = devices.windowSet(window.id)?.[kind];
  if (!placed?.simulated) throw new HubError('not-found', `Window ${window.number} has no simulated ${kind}.`);
  return { address: placed.address, simulated: placed.simulated };
}
