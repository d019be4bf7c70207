/**
 * The centre's Fastify app (not listening: compose.ts listens): the halls' uplink, the console's routes, the
 * live stream and OpenAPI at /docs. Routes stay thin; every failure is rendered by transport/errors.ts.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { ErrorBody } from '../../protocol/errors';
import type { LiveFeed } from '../app/live-feed';
import type { Clock } from '../app/errors';
import { installCentreErrors } from './errors';
import { installRequestLog, quietRequestLogs } from '../../transport/http/request-log';
import { registerUplinkRoutes, type UplinkPorts } from './uplink-routes';
import { registerConsoleRoutes, type ConsolePorts } from './console-routes';
import { registerLiveStream } from './live-stream';

export interface CentreHttpOptions {
  readonly logger: FastifyServerOptions['logger'];
  readonly uplink: UplinkPorts;
  readonly console: ConsolePorts;
  readonly feed: LiveFeed;
  readonly clock: Clock;
  /** Extra routes (the console page, added by its own module). */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance) => void | Promise<void>>;
}

export async function buildCentreHttp(options: CentreHttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    logController: quietRequestLogs(),
    bodyLimit: 64 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // An SSE stream is never idle: on close, the live feed ends them first (compose.ts).
    forceCloseConnections: 'idle',
    frameworkErrors: (error, _request, reply) => {
      const body: ErrorBody = { error: 'invalid-request', message: `The request could not be read: ${error.message}` };
      void (reply as unknown as FastifyReply).status(400).send(body);
    },
  });
  installCentreErrors(app);
  installRequestLog(app);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    done();
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'hallq city centre API', version: '1', description: 'The halls\u2019 uplink and the city console (server/protocol/centre.ts).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await registerUplinkRoutes(app, options.uplink);
  registerConsoleRoutes(app, options.console);
  registerLiveStream(app, options.feed, { authenticate: (token) => options.console.authenticate(token), clock: options.clock });
  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}
