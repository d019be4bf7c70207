/** The one place that renders failures over HTTP: codes → status, and no internals on the wire. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorBody } from '../../protocol/errors';
import { HubError } from '../../app/errors';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HubError | Error, request, reply) => {
    if (error instanceof HubError) {
      return reply.status(ERROR_STATUS[error.code]).send({ error: error.code, message: error.message } satisfies ErrorBody);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const where = fe.validationContext ?? 'request';
      const details = fe.validation.map((v) => `${where}${v.instancePath || ''} ${v.message ?? 'is invalid'}`).join('; ');
      return reply.status(400).send({ error: 'invalid-request', message: `The request is not valid: ${details}.` } satisfies ErrorBody);
    }
    if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: 'payload-too-large', message: 'The request is too large.' } satisfies ErrorBody);
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ error: 'rate-limited', message: 'Too many requests. Wait a moment and try again.' } satisfies ErrorBody);
    }
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: Fastify's message is safe and specific.
      return reply.status(fe.statusCode).send({ error: 'invalid-request', message: `The request could not be read: ${fe.message}` } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong in the hub. The action was not completed; please try again.' } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not-found', message: `There is no ${request.method} ${request.url.split('?')[0]} here.` } satisfies ErrorBody);
  });
}
