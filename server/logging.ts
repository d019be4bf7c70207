/**
 * One logger (pino, through Fastify). Personal data never reaches it: request bodies are not logged,
 * and the Authorization header and any field that could hold an ID number or a name are redacted.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(_dataDir: string): FastifyServerOptions['logger'] {
  return {
    level: process.env.HALLQ_LOG_LEVEL ?? 'info',
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.idNumber', '*.name', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
}
