/** Reads `Authorization: Bearer <token>` into an Actor. Routes say which actors they accept. */
import type { FastifyRequest } from 'fastify';
import type { Hub } from '../../app/hub';
import type { Actor } from '../../app/actor';
import type { StaffRole } from '../../protocol/model';
import { HubError } from '../../app/errors';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HubError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

export function actorOf(hub: Hub, request: FastifyRequest): Actor {
  return hub.authenticate(bearerToken(request));
}

export function requireStaff(hub: Hub, request: FastifyRequest, ...roles: StaffRole[]): Extract<Actor, { kind: 'staff' }> {
  const actor = actorOf(hub, request);
  if (actor.kind !== 'staff') throw new HubError('unauthenticated', 'Sign in as staff first.');
  if (roles.length > 0 && !roles.includes(actor.role)) {
    throw new HubError('forbidden', `This needs the ${roles.join(' or ')} role.`);
  }
  return actor;
}

export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value[0] : value;
  if (!key || !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new HubError('invalid-request', 'The Idempotency-Key header must be 8–128 letters, digits or _ . : -');
  }
  return key;
}
