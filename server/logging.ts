/**
 * One logger (pino, through Fastify). Personal data never reaches it: request bodies are not logged,
 * and the Authorization header and any field that could hold an ID number or a name are redacted.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(_dataDir: string): FastifyServerOptions['logger'] {
  return {
    level: process.env.HALLQ_LOG_LEVEL ?? 'info',
    // A track token in a URL is a visitor's key to rate and follow their ticket: log the route, not the token.
    serializers: {
      req: (request: { method?: string; url?: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url ?? ''), remoteAddress: request.ip }),
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.idNumber', '*.name', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
}

/** `/t/<token>` and `/api/track/<token>…` with the token replaced; the rest of the URL kept for diagnosis. */
export function redactUrl(url: string): string {
  return url.replace(/^(\/t\/|\/api\/track\/)[^/?#]+/, '$1[token]');
}
