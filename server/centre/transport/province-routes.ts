/**
 * `POST /api/uplink/province-records` (hall token, as the batches): a hall's 好差评 records for the
 * provincial platform, answered with each record's state at the centre (docs/province.md). As with the
 * batches, the token is checked before the body is looked at, then the protocol version, then the schema.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPLINK_PROTOCOL_VERSION, type UplinkProvinceBatch, type UplinkProvinceReply } from '../../protocol/uplink';
import { uplinkRoutes } from '../../protocol/centre';
import { hashToken } from '../../app/passwords';
import { CentreError } from '../app/errors';
import type { RegisteredHall } from '../app/ingest';
import { bearerToken } from './console-routes';

/** 500 records of a couple of kB at most. */
const BODY_LIMIT = 2 * 1024 * 1024;

export interface ProvinceRoutePorts {
  hallByTokenHash(tokenHash: string): RegisteredHall | undefined;
  receive(hall: RegisteredHall, batch: UplinkProvinceBatch): Promise<UplinkProvinceReply>;
}

export function registerProvinceRoutes(app: FastifyInstance, ports: ProvinceRoutePorts): void {
  const route = uplinkRoutes.provinceRecords;
  const halls = new WeakMap<FastifyRequest, RegisteredHall>();
  app.route<{ Body: UplinkProvinceBatch }>({
    method: route.method,
    url: route.path,
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['uplink'],
      summary: "好差评 records for the provincial platform, forwarded by the centre (hall token)",
      description: "Stored once per (hall, record id); each record is answered with its state: 'forwarded' (held, the platform has not answered yet: ask again later), 'accepted', 'duplicate' or 'rejected' with the platform's reason. A record with a personal field is refused, not stored.",
      body: route.body,
      response: { 200: route.reply, 400: route.refusal, 401: route.refusal, 403: route.refusal, 413: route.refusal, 422: route.refusal, 503: route.refusal },
    },
    onRequest: async (request) => {
      const token = bearerToken(request);
      if (!token) throw new CentreError('unauthenticated', "Send the hall's token as `Authorization: Bearer <token>`.");
      const hall = ports.hallByTokenHash(hashToken(token));
      if (!hall) throw new CentreError('unauthenticated', "The centre does not know this hall token. Check the token in the hall's configuration against the centre's registry.");
      halls.set(request, hall);
    },
    preValidation: async (request) => {
      const protocol = (request.body as { protocol?: unknown } | null)?.protocol;
      if (protocol !== UPLINK_PROTOCOL_VERSION) {
        throw new CentreError('invalid-request', `This centre speaks uplink protocol ${UPLINK_PROTOCOL_VERSION}; the records say ${JSON.stringify(protocol ?? null)}. Update the hall's hallq (or the centre's) so both speak the same version; the hall keeps its records meanwhile.`);
      }
    },
    handler: async (request) => {
      const hall = halls.get(request);
      if (!hall) throw new CentreError('unauthenticated', 'No hall token was checked for this request.');
      return ports.receive(hall, request.body);
    },
  });
}
