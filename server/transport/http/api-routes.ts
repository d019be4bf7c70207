/**
 * The core HTTP API, registered from the typed contract (server/protocol/routes/core.ts). Routes parse,
 * call the hub, and render; no rules live here. Documented at /docs (OpenAPI).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Hub } from '../../app/hub';
import { WINDOW_VERBS } from '../../protocol/http';
import { coreRoutes, windowVerbRoutes } from '../../protocol/routes/core';
import { actorOf, bearerToken, idempotencyKeyOf, requireStaff } from './auth-hook';
import { takeTicket, type IssueHooks } from '../../app/issue-flow';
import { registerRoute } from './route-kit';
import { registerSignInRoutes } from './sign-in-routes';
import { registerWindowQueueRoutes } from './window-queue-routes';
import { registerDeskRoutes } from './desk-routes';
import { registerTerminalRoutes } from './terminals-routes';

/** Rate-limit key: the bearer token's hash (one kiosk, one budget), else the client address. */
function clientKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return header ? createHash('sha256').update(header).digest('hex') : request.ip;
}

/** The kiosk's issue hooks (server/app/issue-flow.ts) come in with the other options. */
export interface ApiOptions extends IssueHooks {
  /** Base of the links printed in QR codes, e.g. http://192.168.1.10:8080. */
  readonly publicUrl: (requestHost: string | undefined) => string;
}

export function registerApiRoutes(app: FastifyInstance, hub: Hub, options: ApiOptions): void {
  const policy = hub.policy;
  // request.ip is the socket's address unless the server is configured to trust a proxy (app.ts `trustProxy`).
  registerRoute(app, coreRoutes.login, ({ body, request }) => hub.login(body.username, body.password, request.ip), {
    config: { rateLimit: { max: policy.loginsPerMinute, timeWindow: '1 minute' } },
  });
  registerRoute(app, coreRoutes.logout, ({ request }) => {
    const token = bearerToken(request);
    if (token) hub.logout(token);
    return null;
  });
  registerSignInRoutes(app, hub);
  registerWindowQueueRoutes(app, hub);
  registerDeskRoutes(app, hub, options);
  registerTerminalRoutes(app, hub);
  registerRoute(app, coreRoutes.me, ({ request }) => {
    const actor = actorOf(hub, request);
    if (actor.kind === 'staff') return { kind: 'staff' as const, user: { username: actor.username, name: actor.name, role: actor.role } };
    return actor.kind === 'kiosk' ? { kind: 'kiosk' as const, kioskId: actor.kioskId } : { kind: 'public' as const };
  });
  registerRoute(app, coreRoutes.services, () => hub.snapshot().services);
  registerRoute(app, coreRoutes.windows, () => hub.snapshot().windows);
  registerRoute(app, coreRoutes.hall, () => hub.snapshot());
  registerRoute(app, coreRoutes.hallStaff, ({ request }) => {
    requireStaff(hub, request);
    return hub.staffSnapshot();
  });
  registerRoute(
    app,
    coreRoutes.issueTicket,
    ({ request, body }) =>
      takeTicket(hub, options, actorOf(hub, request), body, {
        idempotencyKey: idempotencyKeyOf(request),
        trackBase: options.publicUrl(request.headers.host),
      }),
    { config: { rateLimit: { max: policy.ticketsPerMinutePerKiosk, timeWindow: '1 minute', keyGenerator: clientKey } } },
  );
  registerRoute(app, coreRoutes.ticket, ({ request, params }) => hub.getTicket(actorOf(hub, request), params.ticketId));
  registerRoute(app, coreRoutes.track, ({ params }) => hub.track(params.trackToken));
  registerRoute(app, coreRoutes.rateByLink, ({ request, params, body }) => hub.rateByTrackToken(params.trackToken, body, idempotencyKeyOf(request)), {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
  });
  // 强制关窗: a manager frees a window its clerk left open; the visitor at the counter goes back to the queue.
  // Who may release is the hub's decision (server/app/window-access.ts), as for every window command.
  registerRoute(app, coreRoutes.releaseWindow, ({ request, params, body }) =>
    hub.releaseWindow(actorOf(hub, request), params.windowId, idempotencyKeyOf(request) ?? body?.idempotencyKey),
  );
  for (const verb of WINDOW_VERBS) {
    registerRoute(app, windowVerbRoutes[verb], async ({ request, params, body, reply }) => {
      const result = await hub.windowCommandBatched(actorOf(hub, request), params.windowId, verb, body ?? {}, idempotencyKeyOf(request));
      return result === null ? reply.status(204).send() : result;
    });
  }
}
