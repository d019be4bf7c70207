/** The one place that renders failures over HTTP: codes → status, and no internals on the wire. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorBody } from '../../protocol/errors';
import { errorBodyOf, HubError } from '../../app/errors';
import { asStorageRefusal } from '../../app/storage-health';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HubError | Error, request, reply) => {
    // A write that failed on the disk outside the writer (a session, a device record): the same 503 and words.
    if (!(error instanceof HubError)) error = asStorageRefusal(error) ?? error;
    if (error instanceof HubError) {
      return reply.status(ERROR_STATUS[error.code]).send(errorBodyOf(error));
    }
    const known = renderRequestError(error as FastifyError, 'The request is too large.');
    if (known) return reply.status(known.status).send(known.body);
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong in the hub. The action was not completed; please try again.' } satisfies ErrorBody);
  });
  installNotFound(app);
}

/**
 * What a request's own fault (schema, size, rate, unreadable body) answers, in the error vocabulary; undefined
 * for anything else, which the caller logs and hides. Shared by the hub's and the centre's error handlers.
 */
export function renderRequestError(fe: FastifyError, tooLarge: string): { status: number; body: ErrorBody } | undefined {
  if (fe.validation) {
    const where = fe.validationContext ?? 'request';
    const details = fe.validation.map((v) => `${where}${v.instancePath || ''} ${v.message ?? 'is invalid'}`).join('; ');
    return { status: 400, body: { error: 'invalid-request', message: `The request is not valid: ${details}.` } };
  }
  if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: { error: 'payload-too-large', message: tooLarge } };
  if (fe.statusCode === 429) return { status: 429, body: { error: 'rate-limited', message: 'Too many requests. Wait a moment and try again.' } };
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, a wrong content type and the like: Fastify's message is safe and specific.
    return { status: fe.statusCode, body: { error: 'invalid-request', message: `The request could not be read: ${fe.message}` } };
  }
  return undefined;
}

/** The 404 of a path nobody serves, in the error vocabulary. */
export function installNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not-found', message: `There is no ${request.method} ${request.url.split('?')[0]} here.` } satisfies ErrorBody);
  });
}
