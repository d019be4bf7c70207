/**
 * What plain HTTP may still do once the hub serves HTTPS (`http.plainHttp`, docs/deploy.md): `on` everything;
 * `public-only` the public pages (display, the visitor's ticket page, static files, anyone-routes), staff and
 * device pages redirected to HTTPS and token-bearing requests refused; `off` nothing but a redirect. Plain
 * requests arrive on a listener of their own (`http.plainPort`) and are handed to the same Fastify app and
 * socket.io, which tell them apart by their socket: a TLS socket is `encrypted`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../protocol/errors';
import { ALL_ROUTES } from '../../protocol/routes';
import type { HttpSettings } from '../../network-config';
import { createPlainServer } from './server-limits';

export type PlainHttpMode = HttpSettings['plainHttp'];

/** Contract routes anyone may call (a token is still refused on plain HTTP), by `METHOD path`. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(
  ALL_ROUTES.filter((r) => (Array.isArray(r.access) ? r.access : [r.access]).some((a) => a === 'anyone' || a === 'visitor-link')).map((r) => `${r.method} ${r.path}`),
);
/** Pages and files with nothing secret in them: the hall display, the visitor's ticket page, built assets. */
const PUBLIC_PAGES: ReadonlySet<string> = new Set(['/', '/display', '/t/:trackToken', '/*']);

export function isEncrypted(request: IncomingMessage): boolean {
  return (request.socket as Partial<TLSSocket>).encrypted === true;
}

/** Whether a request carries a credential: a bearer token, or a device token in the query. */
export function carriesToken(request: IncomingMessage): boolean {
  return request.headers.authorization !== undefined || /[?&]token=/.test(request.url ?? '');
}

/** The Host header's name on another scheme and port (the default port of the scheme left out). */
export function locationOn(scheme: 'http' | 'https', hostHeader: string | undefined, port: number, url: string): string {
  const host = hostHeader ?? 'localhost';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  const isDefault = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${name}${isDefault ? '' : `:${port}`}${url}`;
}

/** The same address on HTTPS. */
export function httpsLocation(hostHeader: string | undefined, httpsPort: number, url: string): string {
  return locationOn('https', hostHeader, httpsPort, url);
}

function tlsRequired(httpsUrl: string): ErrorBody {
  return { error: 'tls-required', message: `This hub takes staff and device requests over HTTPS only. Use ${httpsUrl} (see docs/deploy.md, "Trusting the hall certificate").` };
}

/**
 * The `public-only` rule on the Fastify app, for requests that came in plain. Registered only with `tls:`;
 * `httpsPort` is read per request because the port is known only after listen.
 */
export function installPlainHttpPolicy(app: FastifyInstance, mode: PlainHttpMode, httpsPort: () => number): void {
  if (mode === 'on') return;
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (isEncrypted(request.raw)) return done();
    const route = request.routeOptions.url;
    const isPublic = mode === 'public-only' && !carriesToken(request.raw) && (route === undefined || PUBLIC_PAGES.has(route) || PUBLIC_ROUTES.has(`${request.method} ${route}`));
    if (isPublic) return done();
    const location = httpsLocation(request.headers.host, httpsPort(), request.url);
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/');
    if (isPage) void reply.redirect(location, 302);
    else void reply.status(403).send(tlsRequired(location));
  });
}

/**
 * The plain listener next to HTTPS. `on` and `public-only` hand each request and upgrade to the HTTPS server's
 * own listeners (Fastify, socket.io), so the policy above applies; `off` answers with a redirect itself.
 */
export function createPlainListener(main: Server, settings: HttpSettings, httpsPort: () => number): Server {
  const isRedirectOnly = settings.plainHttp === 'off';
  const plain = createPlainServer(settings, (request: IncomingMessage, response: ServerResponse) => {
    if (!isRedirectOnly) {
      main.emit('request', request, response);
      return;
    }
    const location = httpsLocation(request.headers.host, httpsPort(), request.url ?? '/');
    if (request.method === 'GET' || request.method === 'HEAD') {
      response.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      response.end(`This hub is served over HTTPS: ${location}\n`);
      return;
    }
    response.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(tlsRequired(location)));
  });
  plain.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    if (isRedirectOnly) socket.destroy();
    else main.emit('upgrade', request, socket, head);
  });
  return plain;
}
