import { QLP_MAX_LINE, parseQlpLine, type QlpParseResult } from './codec';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Streaming QLP/1 decoder: feed it chunks exactly as the port delivers them, get back one result
 * per complete line (frames and rejected lines alike, so callers can count line faults).
 *
 * - A line longer than 250 bytes is reported once as 'len' and skipped up to the next LF, so one
 *   lost LF costs one frame, not the whole buffer.
 * - Noise bytes at the start of a line (NUL/0xFF from RS-485 bus turn-around, stray CR) are
 *   dropped before parsing; a line that is only noise yields nothing.
 */
export class QlpLineDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private discarding = false;

  feed(chunk: Uint8Array): QlpParseResult[] {
    const results: QlpParseResult[] = [];
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    for (;;) {
      const lf = data.indexOf(LF);
      if (lf < 0) break;
      const line = data.subarray(0, lf);
      data = data.subarray(lf + 1);
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      const result = this.parse(line);
      if (result) results.push(result);
    }
    if (!this.discarding && data.length > QLP_MAX_LINE) {
      results.push({ ok: false, code: 'len', detail: 'no line end within 250 bytes' });
      this.discarding = true;
    }
    // Copy so we never pin the port's large read pool with a small remainder.
    this.pending = this.discarding ? Buffer.alloc(0) : Buffer.from(data);
    return results;
  }

  /** Forgets a partial line (after the link reopens, half a line is noise). */
  reset(): void {
    this.pending = Buffer.alloc(0);
    this.discarding = false;
  }

  private parse(raw: Buffer): QlpParseResult | undefined {
    let start = 0;
    while (start < raw.length && !isFrameStart(raw[start] ?? 0)) start += 1;
    let end = raw.length;
    if (end > start && raw[end - 1] === CR) end -= 1;
    if (end <= start) return undefined;
    return parseQlpLine(raw.subarray(start, end));
  }
}

/** A line starts with the first hex digit of the address. */
function isFrameStart(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}
