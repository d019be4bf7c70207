/**
 * Identifiers the hub mints: ticket and record ids, and track tokens. Both start with the time, so rows
 * written together land next to each other in their indexes: a batch of tickets then rewrites a few index
 * pages instead of one random page per ticket, and each page written costs the group commit (see
 * docs/performance.md). The random part comes from a pool of CSPRNG bytes, refilled in one system call.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/** `count` fresh random bytes, copied out of the pool (a token must never change under its holder). */
function randomBytesFromPool(count: number): Buffer {
  if (offset + count > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + count));
  offset += count;
  return bytes;
}

function writeMillis(target: Buffer, at: number): void {
  target.writeUIntBE(Math.max(0, Math.floor(at)) % 2 ** 48, 0, 6);
}

/** A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. */
export function timeOrderedId(at = Date.now()): string {
  const bytes = randomBytesFromPool(16);
  writeMillis(bytes, at);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A visitor's track token: 6 bytes of time, then 12 random bytes (96 bits: unguessable), as 24 base64url
 * characters. The time part tells no more than the ticket shows.
 */
export function trackToken(at = Date.now()): string {
  const bytes = Buffer.alloc(18);
  writeMillis(bytes, at);
  randomBytesFromPool(12).copy(bytes, 6);
  return bytes.toString('base64url');
}
