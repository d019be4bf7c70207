import type { ErrorBody, ErrorCode, ErrorDetails } from '../protocol/errors';

/** A refusal or failure with a code from the protocol vocabulary and a message a person can act on. */
export class HubError extends Error {
  override readonly name = 'HubError';
  /** Facts beside the sentence, sent on the wire as the error body's `details` (protocol/errors.ts). */
  readonly details?: ErrorDetails;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(message, options);
    if (options?.details) this.details = options.details;
  }
}

/** Unwraps a domain decision: a refusal becomes a HubError (rolling back the transaction it is in). */
export function must<T>(decision: { ok: true; value: T } | { ok: false; code: ErrorCode; message: string }): T {
  if (!decision.ok) throw new HubError(decision.code, decision.message);
  return decision.value;
}

/** The refusal as the wire carries it, over HTTP and on a socket ack alike. */
export function errorBodyOf(error: HubError): ErrorBody {
  return { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}
