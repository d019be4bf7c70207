/**
 * Registers a route of the typed contract (server/protocol/route-map.ts) on Fastify: the schemas, the
 * OpenAPI text (summary, description, the access it needs, the Idempotency-Key header) and a handler whose
 * return type is the contract's reply. Routes stay thin: parse, call the app, render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorReply } from '../../protocol/http';
import type { BodyOf, ParamsOf, QueryOf, ReplyOf, RouteDef } from '../../protocol/route-map';

const ERROR_REPLIES = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 429: ErrorReply, 503: ErrorReply };

const ACCESS_WORDS: Record<string, string> = {
  'anyone': 'anyone (no sign-in)',
  'visitor-link': "the visitor's ticket link (the token in the path)",
  'kiosk': 'a kiosk device token',
  'device': 'a device token (the rating pad, or the business system\'s integration token)',
  'staff': 'any signed-in staff member',
  'manager': 'the manager or admin role',
  'admin': 'the admin role',
  'hall': 'a hall token (city uplink)',
  'city-user': 'any signed-in city console user',
  'city-supervisor': 'the city supervisor or city admin role',
  'city-admin': 'the city admin role',
};

export interface RouteInputs<D extends RouteDef> {
  readonly params: ParamsOf<D>;
  readonly query: QueryOf<D>;
  readonly body: BodyOf<D>;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** A handler answers the contract's reply, or (for files and custom status) takes over `reply` itself. */
export type RouteHandler<D extends RouteDef> = (inputs: RouteInputs<D>) => Promise<ReplyOf<D> | FastifyReply> | ReplyOf<D> | FastifyReply;

export interface RouteExtras {
  /** Per-route Fastify config, e.g. `{ rateLimit: { max, timeWindow } }`. */
  readonly config?: RouteShorthandOptions['config'];
}

/** The OpenAPI description of a route: its own text, then who may call it and whether retries are safe. */
export function describeRoute(def: RouteDef): string {
  const access = (Array.isArray(def.access) ? def.access : [def.access]) as readonly string[];
  const lines = [def.description ?? def.summary, `Who may call it: ${access.map((a) => ACCESS_WORDS[a] ?? a).join(', or ')}.`];
  if (def.isIdempotent) lines.push('Send an `Idempotency-Key` header (8–128 of A–Z a–z 0–9 _ . : -): a retry with the same key gets the first answer and changes nothing.');
  return lines.join('\n\n');
}

/** The schema with its example, which @fastify/swagger shows as the media type's `example`; validation ignores it. */
function withExample(schema: TSchema, example: unknown): TSchema {
  return example === undefined ? schema : { ...schema, examples: [example] };
}

export function registerRoute<D extends RouteDef>(app: FastifyInstance, def: D, handler: RouteHandler<D>, extras: RouteExtras = {}): void {
  const status = def.status ?? 200;
  const headers = def.isIdempotent
    ? Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, description: 'Makes a retry safe' })) })
    : undefined;
  app.route({
    method: def.method,
    url: def.path,
    config: extras.config,
    // `curl -X POST …/open` sends no body at all: a command whose body has nothing required then reads as `{}`,
    // and one that needs fields still gets the schema's own sentence about what is missing.
    ...(def.body ? { preValidation: async (request: { body: unknown }) => { if (request.body === undefined || request.body === null) request.body = {}; } } : {}),
    schema: {
      tags: [...def.tags],
      summary: def.summary,
      description: describeRoute(def),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: withExample(def.body, def.examples?.body) } : {}),
      ...(headers ? { headers } : {}),
      // The reply's own description, else the route's summary, names the success response ("Default Response" says nothing).
      response: def.file ? { ...ERROR_REPLIES } : { [status]: { description: def.summary, ...withExample(def.reply, def.examples?.reply) }, ...ERROR_REPLIES },
    },
    handler: async (request, typedReply) => {
      // The schema's status keys narrow Fastify's reply type; the contract's own status is what we send.
      const reply = typedReply as unknown as FastifyReply;
      const result = await handler({
        params: request.params as ParamsOf<D>,
        query: request.query as QueryOf<D>,
        body: request.body as BodyOf<D>,
        request,
        reply,
      });
      // A handler that sent the reply itself may hand back `reply`, or (a Fastify reply is a thenable, so an async
      // handler's `return reply.send()` resolves to) undefined: either way it is already on its way.
      if (result === reply || reply.sent) return reply;
      return status === 204 ? reply.code(204).send() : reply.code(status).send(result);
    },
  });
}
