/**
 * One logger (pino, through Fastify). Personal data never reaches it: request bodies are not logged,
 * and the Authorization header and any field that could hold an ID number or a name are redacted.
 * On a terminal the lines are readable (pino-pretty); under systemd or a pipe they stay JSON for tools.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(_dataDir: string, env: NodeJS.ProcessEnv = process.env, isTerminal = process.stdout.isTTY === true): FastifyServerOptions['logger'] {
  const pretty = env.HALLQ_LOG_FORMAT === 'pretty' || (env.HALLQ_LOG_FORMAT !== 'json' && isTerminal);
  return {
    level: env.HALLQ_LOG_LEVEL ?? 'info',
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId' } } } : {}),
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

/**
 * `/t/<token>` and `/api/track/<token>…` with the token replaced, and any `token=`/`key=` query value (a kiosk's
 * first `/kiosk?token=…` load); the rest of the URL kept for diagnosis.
 */
export function redactUrl(url: string): string {
  return url.replace(/^(\/t\/|\/api\/track\/)[^/?#]+/, '$1[token]').replace(/([?&](?:token|key|padToken)=)[^&#]*/gi, '$1[token]');
}
