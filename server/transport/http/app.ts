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
import { registerPages } from './pages';

export interface HttpOptions extends ApiOptions {
  readonly logger: FastifyServerOptions['logger'];
  /** Folder of the built UI pages (vite build output). */
  readonly uiDir: string;
  /** Extra routes from other parts of the hub (kiosk devices, manager reports…). */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => void | Promise<void>>;
}

/**
 * helmet's headers, worked out once. They depend on nothing in the request (no CSP nonces), and running
 * helmet's middleware chain on every request cost about as much as routing and validation together.
 */
function helmetHeaders(): Record<string, string> {
  const middleware = helmet({
    // The hall LAN is plain HTTP: no HSTS and no upgrade of sub-requests to https.
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
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 64 * 1024,
    // Visitors' phones and kiosks can sit behind nothing but the hall LAN: no proxy headers are trusted.
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Errors Fastify raises before routing (a malformed %-escape in the URL) skip setErrorHandler: render
    // them in the same vocabulary, or a client gets Fastify's own shape instead of { error, message }.
    frameworkErrors: (error, _request, reply) => {
      const body: ErrorBody = { error: 'invalid-request', message: `The request could not be read: ${error.message}` };
      void (reply as unknown as FastifyReply).status(400).send(body);
    },
  });
  installErrorHandler(app);
  const securityHeaders = helmetHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'hallq hub API', version: '1', description: 'Queue tickets, windows, displays and ratings of one service hall.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerApiRoutes(app, hub, options);
  for (const plugin of options.plugins ?? []) await plugin(app);
  await registerPages(app, options.uiDir);
  return app;
}
