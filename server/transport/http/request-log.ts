/**
 * Requests are logged at debug, once, after the answer: at info every kiosk poll and display sync would bury the
 * lines an IT person needs (HALLQ_LOG_LEVEL=debug brings them back). Shared by the hub and the centre.
 */
import { LogController, type FastifyInstance } from 'fastify';

/** Fastify's own two info lines per request are off; `installRequestLog` writes one debug line instead. */
export function quietRequestLogs(): LogController {
  return new LogController({ disableRequestLogging: true });
}

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.debug({ req: request, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
}
