/** Sign-in locks, from the contract (server/protocol/routes/sign-in.ts): parse, call the hub, render. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import { signInRoutes } from '../../protocol/routes/sign-in';
import { actorOf } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerSignInRoutes(app: FastifyInstance, hub: Hub): void {
  registerRoute(app, signInRoutes.locks, ({ request }) => hub.signInLocks(actorOf(hub, request)));
  registerRoute(app, signInRoutes.clearLock, ({ request, body }) => {
    hub.clearSignInLock(actorOf(hub, request), body.username, body.address);
    return null;
  });
}
