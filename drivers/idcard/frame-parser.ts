import { HEADER_LENGTH, PREAMBLE, xorChecksum } from './frame';

/** What the parser found in the bytes pushed so far. */
export type ParsedFrame =
  | { readonly type: 'frame'; readonly body: Buffer }
  | { readonly type: 'bad-checksum'; readonly expected: number; readonly actual: number };

/**
 * The largest body we accept. A base-info response is 1288 bytes; readers with fingerprint or
 * appended-address data stay well under 4 KiB. A bigger "length" means we locked onto a
 * preamble lookalike in noise, and waiting for 64 KiB would stall the link.
 */
export const MAX_FRAME_LENGTH = 4096;

/**
 * Streaming GA/T 467 frame parser: push chunks exactly as the transport delivers them and get
 * back the complete frames' bodies (without preamble, length and CHK), in order.
 *
 * It skips garbage before a preamble, keeps a partial preamble across chunk boundaries, and on a
 * bad checksum reports it and resumes scanning one byte past the failed preamble (the length may
 * be the corrupt byte, so it cannot be trusted to skip the whole frame).
 */
export class FrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private discarded = 0;

  constructor(private readonly maxLength: number = MAX_FRAME_LENGTH) {}

  /** Bytes thrown away as noise since construction (garbage, lookalike preambles, bad frames). */
  get discardedBytes(): number {
    return this.discarded;
  }

  /** Number of bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Drops any partial frame, e.g. after a response timeout, so a stale half-frame cannot poison the next. */
  reset(): void {
    this.discarded += this.buffer.length;
    this.buffer = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): ParsedFrame[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const found: ParsedFrame[] = [];
    for (;;) {
      const start = this.buffer.indexOf(PREAMBLE);
      if (start < 0) {
        this.keepPossiblePreambleTail();
        return found;
      }
      this.drop(start);
      if (this.buffer.length < HEADER_LENGTH) return found;
      const len = this.buffer.readUInt16BE(5);
      if (len < 1 || len > this.maxLength) {
        this.drop(1);
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (this.buffer.length < total) return found;
      const actual = this.buffer[total - 1] ?? 0;
      const expected = xorChecksum(this.buffer.subarray(5, total - 1));
      if (actual !== expected) {
        found.push({ type: 'bad-checksum', expected, actual });
        this.drop(1);
        continue;
      }
      // Copy: the body outlives this buffer, which is sliced away below.
      found.push({ type: 'frame', body: Buffer.from(this.buffer.subarray(HEADER_LENGTH, total - 1)) });
      this.buffer = this.buffer.subarray(total);
    }
  }

  /** Without a full preamble, only a suffix that is a preamble prefix can still matter. */
  private keepPossiblePreambleTail(): void {
    for (let keep = Math.min(PREAMBLE.length - 1, this.buffer.length); keep > 0; keep -= 1) {
      const tail = this.buffer.subarray(this.buffer.length - keep);
      if (tail.equals(PREAMBLE.subarray(0, keep))) {
        this.drop(this.buffer.length - keep);
        return;
      }
    }
    this.drop(this.buffer.length);
  }

  private drop(count: number): void {
    if (count <= 0) return;
    this.discarded += count;
    this.buffer = this.buffer.subarray(count);
  }
}
