/**
 * The front desk's routes, from the contract (server/protocol/routes/desk.ts): parse, call the desk's use
 * cases (server/app/desk.ts), render. Printing goes through the kiosk wing's printer hook, when it is on.
 */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import { DeskService } from '../../app/desk';
import type { IssueHooks } from '../../app/issue-flow';
import { deskRoutes } from '../../protocol/routes/desk';
import { actorOf, idempotencyKeyOf } from './auth-hook';
import { registerRoute } from './route-kit';

export interface DeskRouteOptions {
  readonly publicUrl: (requestHost: string | undefined) => string;
  /** The kiosk wing's printer (IssueHooks.afterIssue); absent: nothing can be printed. */
  readonly afterIssue?: IssueHooks['afterIssue'];
}

export function registerDeskRoutes(app: FastifyInstance, hub: Hub, options: DeskRouteOptions): void {
  const desk = new DeskService(
    hub.ports,
    (actor, body, key) => hub.issueWithToken(actor, body, undefined, key),
    options.afterIssue ?? (async () => ({ printed: false, printProblem: 'no-printer' })),
  );
  registerRoute(app, deskRoutes.config, ({ request }) => desk.config(actorOf(hub, request)));
  registerRoute(app, deskRoutes.issue, ({ request, body }) =>
    desk.issue(actorOf(hub, request), body, options.publicUrl(request.headers.host), idempotencyKeyOf(request)),
  );
  registerRoute(app, deskRoutes.green, ({ request, params, body }) => desk.grantGreen(actorOf(hub, request), params.ticketId, body.reason));
  registerRoute(app, deskRoutes.lookup, ({ request, params }) => desk.lookup(actorOf(hub, request), params.number));
}
