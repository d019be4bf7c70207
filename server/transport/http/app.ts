/**
 * Builds the Fastify app (HTTP API, OpenAPI at /docs, the UI pages) without listening: main.ts listens,
 * tests call `listen({ port: 0 })` on what this returns.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { ErrorBody } from '../../protocol/errors';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Hub } from '../../app/hub';
import { installErrorHandler } from './errors';
import { registerApiRoutes, type ApiOptions } from './api-routes';
import { registerHealthRoutes } from './health-routes';
import { registerPages } from './pages';
import { monotonicRateStore } from './rate-store';
import { answerClientError, createHubServer, limitRequestsInFlight, type TlsMaterial } from './server-limits';
import { installPlainHttpPolicy } from './plain-http';
import { DEFAULT_HTTP, type HttpSettings } from '../../network-config';
import { installRequestLog, quietRequestLogs } from './request-log';
import { lazySchemaController } from './lazy-schemas';

export interface HttpOptions extends ApiOptions {
  readonly logger: FastifyServerOptions['logger'];
  /** Folder of the built UI pages (vite build output). */
  readonly uiDir: string;
  /** Extra routes from other parts of the hub (kiosk devices, manager reports…). */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => void | Promise<void>>;
  /** Timeouts and caps (default: `http:` defaults), the certificate for HTTPS, and the HTTPS port once listening. */
  readonly network?: { readonly settings: HttpSettings; readonly tls?: TlsMaterial; readonly httpsPort?: () => number };
}

/**
 * helmet's headers, worked out once. They depend on nothing in the request (no CSP nonces), and running
 * helmet's middleware chain on every request cost about as much as routing and validation together.
 */
function helmetHeaders(): Record<string, string> {
  const middleware = helmet({
    // No HSTS and no upgrade of sub-requests to https: without tls: the hub is plain HTTP, and with it plain HTTP
    // may still serve the display and visitors' phones on the same host (http.plainHttp: public-only).
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'upgrade-insecure-requests': null,
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let error: unknown;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (e?: unknown) => void (error = e));
  if (error) throw error as Error;
  return headers;
}

export async function buildHttp(hub: Hub, options: HttpOptions): Promise<FastifyInstance> {
  const network = options.network ?? { settings: DEFAULT_HTTP };
  const app = Fastify({
    logger: options.logger,
    // Our own server: timeouts, connection caps and TLS from `http:` / `tls:` (server-limits.ts).
    serverFactory: (handler) => createHubServer(network.settings, network.tls, handler),
    clientErrorHandler: answerClientError,
    logController: quietRequestLogs(),
    bodyLimit: 64 * 1024,
    // Visitors' phones and kiosks can sit behind nothing but the hall LAN: no proxy headers are trusted.
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Route schemas compile at each route's first request, not at start (issue 20; lazy-schemas.ts).
    schemaController: lazySchemaController,
    // Errors Fastify raises before routing (a malformed %-escape in the URL) skip setErrorHandler: render
    // them in the same vocabulary, or a client gets Fastify's own shape instead of { error, message }.
    frameworkErrors: (error, _request, reply) => {
      const body: ErrorBody = { error: 'invalid-request', message: `The request could not be read: ${error.message}` };
      void (reply as unknown as FastifyReply).status(400).send(body);
    },
  });
  installErrorHandler(app);
  installRequestLog(app);
  const securityHeaders = helmetHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  limitRequestsInFlight(app, network.settings);
  if (network.tls) installPlainHttpPolicy(app, network.settings.plainHttp, network.httpsPort ?? (() => 443));
  // Windows on monotonic time: a clock step must not refuse kiosks and logins (transport/http/rate-store.ts).
  await app.register(rateLimit, { global: false, store: monotonicRateStore(() => hub.ports.time.elapsed()) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'hallq hub API', version: '1', description: 'Queue tickets, windows, displays and ratings of one service hall.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerApiRoutes(app, hub, options);
  registerHealthRoutes(app, hub);
  for (const plugin of options.plugins ?? []) await plugin(app);
  await registerPages(app, options.uiDir);
  return app;
}
