/**
 * The request signature of the provincial HTTP JSON interface: HMAC-SHA256, keyed by the app secret, over
 * a canonical string of method, path, timestamp, nonce and the body's SHA-256, as hex. Both the hub's
 * adapter and the platform simulator (drivers/sim/province-platform.ts) use this one definition.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignatureInput {
  readonly method: string;
  readonly path: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: string;
}

export function canonicalString(input: SignatureInput): string {
  const bodyHash = createHash('sha256').update(input.body, 'utf8').digest('hex');
  return [input.method.toUpperCase(), input.path, input.timestamp, input.nonce, bodyHash].join('\n');
}

export function sign(secret: string, input: SignatureInput): string {
  return createHmac('sha256', secret).update(canonicalString(input), 'utf8').digest('hex');
}

export function verify(secret: string, input: SignatureInput, signature: string): boolean {
  const expected = Buffer.from(sign(secret, input), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
