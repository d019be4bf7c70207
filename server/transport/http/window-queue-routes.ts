/** The clerk's queue in call order, from the contract (server/protocol/routes/window-queue.ts): parse, call, render. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import { windowQueue } from '../../app/window-queue';
import { windowQueueRoutes } from '../../protocol/routes/window-queue';
import { actorOf } from './auth-hook';
import { registerRoute } from './route-kit';

export function registerWindowQueueRoutes(app: FastifyInstance, hub: Hub): void {
  registerRoute(app, windowQueueRoutes.queue, ({ request, params }) => windowQueue(hub.ports, actorOf(hub, request), params.windowId));
}
