/**
 * The city console's JSON routes, registered from their definitions in server/protocol/centre.ts. Each
 * handler: the session behind the bearer token, then the use case, which decides who may see what.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { centreRoutes } from '../../protocol/centre';
import type { CentreSession, CentreWhoAmI, HallLiveView, HallsGlanceReply, SupervisionNoteView, SupervisionReply } from '../../protocol/centre';
import { registerRoute } from '../../transport/http/route-kit';
import type { SignedIn } from '../app/sessions';
import type { Viewer } from '../domain/access';

export interface ConsolePorts {
  authenticate(token: string | undefined): Promise<SignedIn>;
  signIn(username: string, password: string, address: string): Promise<CentreSession>;
  signOut(signedIn: SignedIn): Promise<void>;
  halls(viewer: Viewer): Promise<HallsGlanceReply>;
  hall(viewer: Viewer, hallCode: string): Promise<HallLiveView>;
  supervision(viewer: Viewer): Promise<SupervisionReply>;
  addNote(viewer: Viewer, hallCode: string, followupId: string, text: string): Promise<SupervisionNoteView>;
  isDatabaseUp(): Promise<boolean>;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

export function registerConsoleRoutes(app: FastifyInstance, ports: ConsolePorts): void {
  const session = (request: FastifyRequest): Promise<SignedIn> => ports.authenticate(bearerToken(request));

  registerRoute(app, centreRoutes.signIn, ({ body, request }) => ports.signIn(body.username, body.password, request.ip));
  registerRoute(app, centreRoutes.whoAmI, async ({ request }): Promise<CentreWhoAmI> => {
    const me = await session(request);
    return { expiresAt: me.expiresAt, user: me.viewer };
  });
  registerRoute(app, centreRoutes.signOut, async ({ request }) => {
    await ports.signOut(await session(request));
    return null;
  });
  registerRoute(app, centreRoutes.halls, async ({ request }) => ports.halls((await session(request)).viewer));
  registerRoute(app, centreRoutes.hall, async ({ request, params }) => ports.hall((await session(request)).viewer, params.hallCode));
  registerRoute(app, centreRoutes.supervision, async ({ request }) => ports.supervision((await session(request)).viewer));
  registerRoute(app, centreRoutes.addNote, async ({ request, params, body }) => ports.addNote((await session(request)).viewer, params.hallCode, params.followupId, body.text));
  registerRoute(app, centreRoutes.health, async ({ reply }) => {
    const database = await ports.isDatabaseUp().catch(() => false);
    if (!database) return reply.status(503).send({ error: 'unavailable', message: 'This centre process cannot reach PostgreSQL.' });
    return { ok: true, database };
  });
}
