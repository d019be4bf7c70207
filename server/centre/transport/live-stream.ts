/**
 * `GET /api/centre/live`: Server-Sent Events for the console (see CENTRE_LIVE_PATH in protocol/centre.ts).
 * Signed in like every console route (Bearer), then the response is taken over and kept open; the live feed
 * writes `hall` events to it, a comment every 25 s keeps proxies from timing it out.
 */
import type { FastifyInstance } from 'fastify';
import { CENTRE_LIVE_PATH } from '../../protocol/centre';
import type { LiveFeed } from '../app/live-feed';
import type { SignedIn } from '../app/sessions';
import type { Clock } from '../app/errors';
import { bearerToken } from './console-routes';

const PING_MS = 25_000;

export function registerLiveStream(app: FastifyInstance, feed: LiveFeed, deps: { authenticate(token: string | undefined): Promise<SignedIn>; clock: Clock }): void {
  app.get(CENTRE_LIVE_PATH, { schema: { tags: ['centre'], summary: 'Live hall changes (Server-Sent Events; Bearer session)' } }, async (request, reply) => {
    const me = await deps.authenticate(bearerToken(request));
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    let isOpen = true;
    const write = (text: string): void => {
      if (isOpen) raw.write(text);
    };
    const send = (event: string, data: unknown): void => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // The ping also notices a session that has run out (a sign-out ends streams at once, by NOTIFY).
    const ping = setInterval(() => {
      if (deps.clock.now() >= me.expiresAt) {
        send('session-ended', {});
        close();
      } else write(': ping\n\n');
    }, PING_MS);
    ping.unref();
    const close = (): void => {
      if (!isOpen) return;
      isOpen = false;
      clearInterval(ping);
      unsubscribe();
      raw.end();
    };
    const unsubscribe = feed.add({ viewer: me.viewer, tokenHash: me.tokenHash, send, close });
    raw.on('close', close);
    send('ready', { now: deps.clock.now() });
  });
}
