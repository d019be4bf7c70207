/**
 * Splits an ESC/POS byte stream into commands, across chunk boundaries. Pure state machine (the
 * only state is the unfinished tail), used by the printer simulator and the golden tests.
 * Every input byte ends up in exactly one token's `raw`, so a consumer can rebuild the stream.
 */
export type EscPosToken =
  | { readonly type: 'text'; readonly raw: Buffer }
  /** LF (lines: 1) or ESC d n (lines: n). */
  | { readonly type: 'feed'; readonly raw: Buffer; readonly lines: number }
  | { readonly type: 'init'; readonly raw: Buffer }
  | { readonly type: 'align'; readonly raw: Buffer; readonly value: number }
  | { readonly type: 'bold'; readonly raw: Buffer; readonly on: boolean }
  | { readonly type: 'size'; readonly raw: Buffer; readonly width: number; readonly height: number }
  | { readonly type: 'chinese-mode'; readonly raw: Buffer; readonly on: boolean }
  /** GS ( k with cn = 0x31 (QR): fn 0x41 model … 0x50 store, 0x51 print; `params` follow fn. */
  | { readonly type: 'qr'; readonly raw: Buffer; readonly fn: number; readonly params: Buffer }
  | { readonly type: 'cut'; readonly raw: Buffer; readonly partial: boolean }
  | { readonly type: 'status-query'; readonly raw: Buffer; readonly n: number }
  /** A command we know the length of but do not interpret, or an unknown byte. */
  | { readonly type: 'other'; readonly raw: Buffer };

type Step = { readonly token: EscPosToken; readonly length: number } | 'incomplete';

/** Parameter byte counts of fixed-length commands we skip: ESC x and FS x. Unknown: 1 byte. */
const ESC_PARAMS: Readonly<Record<number, number>> = {
  0x20: 1, 0x21: 1, 0x24: 2, 0x2d: 1, 0x32: 0, 0x33: 1, 0x3d: 1, 0x40: 0, 0x42: 2, 0x45: 1,
  0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1, 0x56: 1, 0x61: 1, 0x63: 2, 0x64: 1, 0x70: 3, 0x74: 1, 0x7b: 1,
};
const FS_PARAMS: Readonly<Record<number, number>> = { 0x21: 1, 0x26: 0, 0x2d: 1, 0x2e: 0, 0x43: 1, 0x53: 2, 0x57: 1, 0x70: 2 };
const GS_PARAMS: Readonly<Record<number, number>> = {
  0x21: 1, 0x42: 1, 0x48: 1, 0x4c: 2, 0x57: 2, 0x61: 1, 0x62: 1, 0x66: 1, 0x68: 1, 0x72: 1, 0x77: 1,
};

export class EscPosTokenizer {
  private pending: Buffer = Buffer.alloc(0);

  /** Bytes held back because a command is not complete yet. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): EscPosToken[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const tokens: EscPosToken[] = [];
    let i = 0;
    while (i < buf.length) {
      const step = readToken(buf, i);
      if (step === 'incomplete') break;
      tokens.push(step.token);
      i += step.length;
    }
    this.pending = Buffer.from(buf.subarray(i));
    return tokens;
  }
}

function readToken(buf: Buffer, i: number): Step {
  const b = at(buf, i);
  if (b >= 0x20) {
    let end = i;
    while (end < buf.length && at(buf, end) >= 0x20) end += 1;
    return { token: { type: 'text', raw: slice(buf, i, end - i) }, length: end - i };
  }
  if (b === 0x0a) return { token: { type: 'feed', raw: slice(buf, i, 1), lines: 1 }, length: 1 };
  if (b === 0x10) return readDle(buf, i);
  if (b === 0x1b) return readFixed(buf, i, ESC_PARAMS, escToken);
  if (b === 0x1c) return readFixed(buf, i, FS_PARAMS, fsToken);
  if (b === 0x1d) return readGs(buf, i);
  return { token: { type: 'other', raw: slice(buf, i, 1) }, length: 1 };
}

function readDle(buf: Buffer, i: number): Step {
  if (i + 1 >= buf.length) return 'incomplete';
  const c = at(buf, i + 1);
  const length = c === 0x04 ? 3 : c === 0x14 ? 5 : 1;
  if (i + length > buf.length) return 'incomplete';
  const raw = slice(buf, i, length);
  if (c === 0x04) return { token: { type: 'status-query', raw, n: at(buf, i + 2) }, length };
  return { token: { type: 'other', raw }, length };
}

function readFixed(
  buf: Buffer,
  i: number,
  table: Readonly<Record<number, number>>,
  interpret: (raw: Buffer) => EscPosToken,
): Step {
  if (i + 1 >= buf.length) return 'incomplete';
  const params = table[at(buf, i + 1)];
  const length = params === undefined ? 2 : 2 + params;
  if (i + length > buf.length) return 'incomplete';
  return { token: interpret(slice(buf, i, length)), length };
}

function escToken(raw: Buffer): EscPosToken {
  const [, c = 0, n = 0] = raw;
  if (c === 0x40) return { type: 'init', raw };
  if (c === 0x61) return { type: 'align', raw, value: n & 0x03 };
  if (c === 0x45) return { type: 'bold', raw, on: (n & 1) === 1 };
  if (c === 0x64) return { type: 'feed', raw, lines: n };
  // ESC ! (legacy print mode): 0x10 double height, 0x20 double width.
  if (c === 0x21) return { type: 'size', raw, width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 };
  return { type: 'other', raw };
}

function fsToken(raw: Buffer): EscPosToken {
  const c = raw[1];
  if (c === 0x26 || c === 0x2e) return { type: 'chinese-mode', raw, on: c === 0x26 };
  return { type: 'other', raw };
}

function readGs(buf: Buffer, i: number): Step {
  if (i + 1 >= buf.length) return 'incomplete';
  const c = at(buf, i + 1);
  if (c === 0x28) return readGsParen(buf, i);
  if (c === 0x56) {
    if (i + 2 >= buf.length) return 'incomplete';
    const m = at(buf, i + 2);
    const length = m === 0x41 || m === 0x42 ? 4 : 3;
    if (i + length > buf.length) return 'incomplete';
    const partial = m === 0x01 || m === 0x31 || m === 0x42;
    return { token: { type: 'cut', raw: slice(buf, i, length), partial }, length };
  }
  if (c === 0x76) return readRaster(buf, i);
  if (c === 0x6b) return readBarcode(buf, i);
  return readFixed(buf, i, GS_PARAMS, (raw) => {
    const n = raw[2] ?? 0;
    if (raw[1] === 0x21) return { type: 'size', raw, width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 };
    return { type: 'other', raw };
  });
}

/** GS ( x pL pH data: the length is in the header, so any function can be skipped safely. */
function readGsParen(buf: Buffer, i: number): Step {
  if (i + 5 > buf.length) return 'incomplete';
  const length = 5 + at(buf, i + 3) + at(buf, i + 4) * 256;
  if (i + length > buf.length) return 'incomplete';
  const raw = slice(buf, i, length);
  if (at(buf, i + 2) === 0x6b && length >= 7 && at(buf, i + 5) === 0x31) {
    return { token: { type: 'qr', raw, fn: at(buf, i + 6), params: raw.subarray(7) }, length };
  }
  return { token: { type: 'other', raw }, length };
}

/** GS v 0 m xL xH yL yH d1…dk, k = (xL + xH·256)·(yL + yH·256). */
function readRaster(buf: Buffer, i: number): Step {
  if (i + 8 > buf.length) return 'incomplete';
  const width = at(buf, i + 4) + at(buf, i + 5) * 256;
  const height = at(buf, i + 6) + at(buf, i + 7) * 256;
  const length = 8 + width * height;
  if (i + length > buf.length) return 'incomplete';
  return { token: { type: 'other', raw: slice(buf, i, length) }, length };
}

/** GS k m: m 0–6 data ends with NUL; m 65–73 has a length byte. */
function readBarcode(buf: Buffer, i: number): Step {
  if (i + 3 > buf.length) return 'incomplete';
  const m = at(buf, i + 2);
  let length: number;
  if (m <= 6) {
    const nul = buf.indexOf(0x00, i + 3);
    if (nul < 0) return 'incomplete';
    length = nul - i + 1;
  } else {
    if (i + 4 > buf.length) return 'incomplete';
    length = 4 + at(buf, i + 3);
  }
  if (i + length > buf.length) return 'incomplete';
  return { token: { type: 'other', raw: slice(buf, i, length) }, length };
}

function at(buf: Buffer, index: number): number {
  return buf[index] ?? 0;
}

function slice(buf: Buffer, start: number, length: number): Buffer {
  return Buffer.from(buf.subarray(start, start + length));
}
