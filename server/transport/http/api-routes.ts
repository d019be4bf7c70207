/**
 * The HTTP API. Routes parse and validate (schemas), call the hub, and render; no rules live here.
 * Documented at /docs (OpenAPI) and in the README.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { Hub } from '../../app/hub';
import {
  ErrorReply, IssueTicketBody, IssuedTicket, LoginBody, LoginReply, RatingBody, ReleaseWindowBody, TicketParams, TrackParams, WindowParams, WindowVerbBodies,
  WINDOW_VERBS, type WindowVerb,
} from '../../protocol/http';
import { HallSnapshot, RatingView, ServiceView, TicketView, TrackView, WindowView } from '../../protocol/model';
import { HubError } from '../../app/errors';
import { actorOf, bearerToken, idempotencyKeyOf, requireStaff } from './auth-hook';
import { takeTicket, type IssueHooks } from '../../app/issue-flow';

/** Rate-limit key: the bearer token's hash (one kiosk, one budget), else the client address. */
function clientKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return header ? createHash('sha256').update(header).digest('hex') : request.ip;
}

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

/** The kiosk's issue hooks (server/app/issue-flow.ts) come in with the other options. */
export interface ApiOptions extends IssueHooks {
  /** Base of the links printed in QR codes, e.g. http://192.168.1.10:8080. */
  readonly publicUrl: (requestHost: string | undefined) => string;

}

export function registerApiRoutes(app: FastifyInstance, hub: Hub, options: ApiOptions): void {
  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginReply, ...errors } },
      config: { rateLimit: { max: hub.core.config.policy.loginsPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => hub.login(request.body.username, request.body.password),
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = bearerToken(request);
    if (token) hub.logout(token);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
    const actor = actorOf(hub, request);
    if (actor.kind === 'staff') return { kind: 'staff', user: { username: actor.username, name: actor.name, role: actor.role } };
    return actor.kind === 'kiosk' ? { kind: 'kiosk', kioskId: actor.kioskId } : { kind: 'public' };
  });

  app.get('/api/services', { schema: { tags: ['hall'], response: { 200: Type.Array(ServiceView) } } }, async () => hub.snapshot().services);
  app.get('/api/windows', { schema: { tags: ['hall'], response: { 200: Type.Array(WindowView) } } }, async () => hub.snapshot().windows);
  app.get('/api/hall', { schema: { tags: ['hall'], response: { 200: HallSnapshot } } }, async () => hub.snapshot());
  app.get('/api/hall/staff', { schema: { tags: ['hall'] } }, async (request) => {
    requireStaff(hub, request);
    return hub.staffSnapshot();
  });

  app.post<{ Body: IssueTicketBody }>(
    '/api/tickets',
    {
      schema: { tags: ['tickets'], body: IssueTicketBody, response: { 201: IssuedTicket, ...errors } },
      config: { rateLimit: { max: hub.core.config.policy.ticketsPerMinutePerKiosk, timeWindow: '1 minute', keyGenerator: clientKey } },
    },
    async (request, reply) => {
      const ticket = await takeTicket(hub, options, actorOf(hub, request), request.body, {
        idempotencyKey: idempotencyKeyOf(request),
        trackBase: options.publicUrl(request.headers.host),
      });
      return reply.status(201).send(ticket);
    },
  );

  app.get<{ Params: Static<typeof TicketParams> }>(
    '/api/tickets/:ticketId',
    { schema: { tags: ['tickets'], params: TicketParams, response: { 200: TicketView, ...errors } } },
    async (request) => hub.getTicket(actorOf(hub, request), request.params.ticketId),
  );

  app.get<{ Params: Static<typeof TrackParams> }>(
    '/api/track/:trackToken',
    { schema: { tags: ['visitor'], params: TrackParams, response: { 200: TrackView, ...errors } } },
    async (request) => hub.track(request.params.trackToken),
  );

  app.post<{ Params: Static<typeof TrackParams>; Body: RatingBody }>(
    '/api/track/:trackToken/rating',
    {
      schema: { tags: ['visitor'], params: TrackParams, body: RatingBody, response: { 201: RatingView, ...errors } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => reply.status(201).send(hub.rateByTrackToken(request.params.trackToken, request.body, idempotencyKeyOf(request))),
  );

  // 强制关窗: a manager frees a window its clerk left open; the visitor at the counter goes back to the queue.
  app.post<{ Params: Static<typeof WindowParams>; Body: ReleaseWindowBody }>(
    '/api/windows/:windowId/release',
    {
      schema: {
        tags: ['windows'],
        params: WindowParams,
        body: ReleaseWindowBody,
        response: { 200: Type.Object({ window: WindowView, ticket: Type.Optional(TicketView) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireStaff(hub, request, 'manager', 'admin');
      return hub.releaseWindow(actor, request.params.windowId, idempotencyKeyOf(request) ?? request.body?.idempotencyKey);
    },
  );

  for (const verb of WINDOW_VERBS) {
    app.post<{ Params: Static<typeof WindowParams>; Body: Record<string, unknown> | undefined }>(
      `/api/windows/:windowId/${verb}`,
      {
        schema: {
          tags: ['windows'],
          params: WindowParams,
          body: WindowVerbBodies[verb as WindowVerb],
          response: { 200: Type.Object({ window: WindowView, ticket: Type.Optional(TicketView) }), 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(hub, request);
        if (actor.kind === 'public') throw new HubError('unauthenticated', 'Sign in as staff to use a window.');
        const result = await hub.windowCommandBatched(actor, request.params.windowId, verb, request.body ?? {}, idempotencyKeyOf(request));
        return result === null ? reply.status(204).send() : result;
      },
    );
  }
}
