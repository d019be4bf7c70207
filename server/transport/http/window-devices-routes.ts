/**
 * HTTP routes of the window devices, registered from the typed contract
 * (server/protocol/routes/window-devices.ts): the clerk's own day (staff), the rating pad (public to read,
 * the pad's device token to rate), and in demo mode the buttons that "press" the simulated keypad and caller.
 * Parse, call the app (server/app/window-devices-api.ts), render.
 */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import type { WindowDevicesApi } from '../../app/window-devices-api';
import { windowDevicesDemoRoutes, windowDevicesRoutes } from '../../protocol/routes/window-devices';
import { actorOf, idempotencyKeyOf } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerWindowDeviceRoutes(app: FastifyInstance, hub: Hub, devices: WindowDevicesApi, options: { isDemo: boolean }): void {
  registerRoute(app, windowDevicesRoutes.today, ({ request, params }) => devices.today(actorOf(hub, request), params.windowId));
  registerRoute(app, windowDevicesRoutes.ratingPad, ({ params }) => devices.padState(params.windowId));
  registerRoute(
    app,
    windowDevicesRoutes.rateOnPad,
    ({ request, params, body }) =>
      devices.rateOnPad(actorOf(hub, request), params.windowId, body.number, {
        score: body.score,
        tags: body.tags,
        comment: body.comment,
        idempotencyKey: idempotencyKeyOf(request) ?? body.idempotencyKey,
      }),
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
  );

  if (!options.isDemo) return;
  const demo = windowDevicesDemoRoutes;
  registerRoute(app, demo.pressKeypad, ({ params, body }) => ({ isAccepted: devices.pressKeypad(params.windowId, body.level, body.reasons ?? []) }));
  registerRoute(app, demo.pressCaller, ({ params, body }) => {
    devices.pressCaller(params.windowId, body.key);
    return { isSent: true };
  });
  registerRoute(app, demo.callerBeeps, ({ params }) => ({ beeps: devices.callerBeeps(params.windowId) }));
  registerRoute(app, demo.stripText, ({ params }) => ({ text: devices.stripText(params.windowId) }));
}
