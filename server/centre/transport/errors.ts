/** The one place the centre renders failures over HTTP: codes → status, `resendFrom` kept, no internals. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorBody } from '../../protocol/errors';
import { CentreError } from '../app/errors';
import { installNotFound, renderRequestError } from '../../transport/http/errors';

export function installCentreErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CentreError | Error, request, reply) => {
    if (error instanceof CentreError) {
      const body: ErrorBody & { resendFrom?: number } = { error: error.code, message: error.message, ...error.extra };
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(ERROR_STATUS[error.code]).send(body);
    }
    const known = renderRequestError(error as FastifyError, 'The request is too large. Send fewer events per batch.');
    if (known) return reply.status(known.status).send(known.body);
    request.log.error({ err: error }, 'centre request failed');
    return reply.status(503).send({ error: 'unavailable', message: 'The centre could not complete this now (its database may be unreachable). Nothing was stored; try again shortly.' } satisfies ErrorBody);
  });
  installNotFound(app);
}
