import type { ErrorCode } from '../protocol/errors';

/**
 * What a domain rule answers: the new value, or a refusal a person can understand.
 * Expected refusals are values; only bugs throw.
 */
export type Decision<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export function accept<T>(value: T): Decision<T> {
  return { ok: true, value };
}

export function refuse<T = never>(code: ErrorCode, message: string): Decision<T> {
  return { ok: false, code, message };
}
