/**
 * The halls' routes: `POST /api/uplink/batches` and `GET /api/uplink/cursor`, both with the hall's bearer
 * token. The token is checked before the body is even validated (a stranger learns nothing about the
 * schema), then the protocol version (a sentence, not a schema error), then the schema, then the use case.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { UPLINK_PROTOCOL_VERSION, type UplinkAck, type UplinkBatch, type UplinkCursor } from '../../protocol/uplink';
import { uplinkRoutes, UplinkCursorQuery } from '../../protocol/centre';
import { hashToken } from '../../app/passwords';
import { CentreError } from '../app/errors';
import type { RegisteredHall } from '../app/ingest';
import { bearerToken } from './console-routes';

/** 1,000 events of a few hundred bytes each, with room to spare. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

export interface UplinkPorts {
  /** The registered hall whose token hashes to this, if any. */
  hallByTokenHash(tokenHash: string): RegisteredHall | undefined;
  /** `body`: the request's text, which `batch` is (parsed, validated, unchanged). */
  ingest(hall: RegisteredHall, batch: UplinkBatch, body: string): Promise<UplinkAck>;
  cursor(hall: RegisteredHall, generation: string): Promise<UplinkCursor>;
}

const Refusals = { 400: uplinkRoutes.batches.refusal, 401: uplinkRoutes.batches.refusal, 403: uplinkRoutes.batches.refusal, 409: uplinkRoutes.batches.refusal, 413: uplinkRoutes.batches.refusal, 429: uplinkRoutes.batches.refusal, 503: uplinkRoutes.batches.refusal };

/** The hall each request's token belongs to, set by the token check (no global type augmentation). */
const hallOfRequest = new WeakMap<FastifyRequest, RegisteredHall>();
/** Each batch's body as received: the centre stores the events from this text rather than serialising them again. */
const bodyText = new WeakMap<FastifyRequest, string>();

export async function registerUplinkRoutes(app: FastifyInstance, ports: UplinkPorts): Promise<void> {
  // In a scope of its own: the batch route keeps its body's text; Fastify's own parser (with its
  // prototype-poisoning checks) still makes the object the schema validates. Other routes are untouched.
  await app.register(async (scope) => registerIn(scope, ports));
}

function registerIn(app: FastifyInstance, ports: UplinkPorts): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    parseJson(request, text, (error, parsed) => {
      if (!error) bodyText.set(request, text);
      done(error, parsed);
    });
  });
  const authenticateHall = async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (!token) throw new CentreError('unauthenticated', "Send the hall's token as `Authorization: Bearer <token>`.");
    const hall = ports.hallByTokenHash(hashToken(token));
    if (!hall) throw new CentreError('unauthenticated', "The centre does not know this hall token. Check the token in the hall's configuration against the centre's registry.");
    hallOfRequest.set(request, hall);
  };
  const hallOf = (request: FastifyRequest): RegisteredHall => {
    const hall = hallOfRequest.get(request);
    if (!hall) throw new CentreError('unauthenticated', 'No hall token was checked for this request.');
    return hall;
  };

  app.route<{ Body: UplinkBatch }>({
    method: 'POST',
    url: uplinkRoutes.batches.path,
    bodyLimit: BATCH_BODY_LIMIT,
    schema: {
      tags: ['uplink'],
      summary: "A run of the hall's event log (hall token)",
      body: uplinkRoutes.batches.body,
      response: { 200: uplinkRoutes.batches.reply, ...Refusals },
    },
    onRequest: authenticateHall,
    preValidation: async (request) => {
      const protocol = (request.body as { protocol?: unknown } | null)?.protocol;
      if (protocol !== UPLINK_PROTOCOL_VERSION) {
        throw new CentreError(
          'invalid-request',
          `This centre speaks uplink protocol ${UPLINK_PROTOCOL_VERSION}; the batch says ${JSON.stringify(protocol ?? null)}. Update the hall's hallq (or the centre's) so both speak the same version; the hall keeps its events meanwhile.`,
        );
      }
    },
    handler: async (request) => {
      const body = bodyText.get(request);
      if (body === undefined) throw new CentreError('invalid-request', 'Send the batch as a JSON body (Content-Type: application/json).');
      return ports.ingest(hallOf(request), request.body, body);
    },
  });

  app.route<{ Querystring: Static<typeof UplinkCursorQuery> }>({
    method: 'GET',
    url: uplinkRoutes.cursor.path,
    schema: {
      tags: ['uplink'],
      summary: 'What the centre holds of one of this hall\u2019s generations (hall token)',
      querystring: UplinkCursorQuery,
      response: { 200: uplinkRoutes.cursor.reply, 400: uplinkRoutes.cursor.refusal, 401: uplinkRoutes.cursor.refusal },
    },
    onRequest: authenticateHall,
    handler: async (request) => ports.cursor(hallOf(request), request.query.generation),
  });
}
