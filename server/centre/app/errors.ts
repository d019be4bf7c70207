/**
 * The centre's refusals: a code from the one vocabulary (server/protocol/errors.ts), a sentence a person can
 * act on, and for `uplink-gap` the sequence to resend from. Rendered by transport/errors.ts.
 */
import type { ErrorCode } from '../../protocol/errors';

export class CentreError extends Error {
  override readonly name = 'CentreError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { readonly resendFrom?: number } = {},
    /** For `rate-limited`: when to try again (sent as the Retry-After header, not in the body). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The centre's clock, injected (tests pass a controlled one). */
export interface Clock {
  now(): number;
}

/** Where use cases log: Fastify's pino logger, or a silent one in tests. */
export interface CentreLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
