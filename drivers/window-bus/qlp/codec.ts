import { crc16Modbus } from './crc16';

/** Longest QLP/1 line in bytes, CR LF included. */
export const QLP_MAX_LINE = 250;

/** One QLP/1 line, decoded. `args` keep their order so encoding is deterministic. */
export interface QlpFrame {
  readonly address: number;
  readonly seq: number;
  readonly verb: string;
  readonly args: Readonly<Record<string, string>>;
}

/** Why a received line was rejected; mirrors the `NAK code=` values a device would send. */
export type QlpLineError = 'crc' | 'len' | 'syntax';

export type QlpParseResult =
  | { readonly ok: true; readonly frame: QlpFrame }
  | { readonly ok: false; readonly code: QlpLineError; readonly detail: string };

const VERB = /^[A-Z][A-Z0-9.]*$/;
const KEY = /^[a-z][a-z0-9_.-]*$/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** RFC 3986 percent-encoding of UTF-8: only A–Z a–z 0–9 - . _ ~ pass through (so `*`, space and `=` never appear raw). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Inverse of {@link percentEncode}; undefined when the escapes are not valid UTF-8. */
export function percentDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * Encodes one frame to its wire bytes, `<ADDR> <SEQ> <VERB>[ k=v]*<CRC>\r\n`.
 * Throws RangeError for values that could never be sent (bad address, verb, key, or > 250 bytes):
 * those are programming errors, not line faults.
 */
export function encodeQlp(frame: QlpFrame): Buffer {
  if (!Number.isInteger(frame.address) || frame.address < 0 || frame.address > 0xf7) {
    throw new RangeError(`QLP address out of range: ${frame.address}`);
  }
  if (!Number.isInteger(frame.seq) || frame.seq < 0 || frame.seq > 0xff) throw new RangeError(`QLP seq out of range: ${frame.seq}`);
  if (!VERB.test(frame.verb)) throw new RangeError(`QLP verb invalid: ${frame.verb}`);
  let body = `${hex(frame.address, 2)} ${hex(frame.seq, 2)} ${frame.verb}`;
  for (const [key, value] of Object.entries(frame.args)) {
    if (!KEY.test(key)) throw new RangeError(`QLP key invalid: ${key}`);
    body += ` ${key}=${percentEncode(value)}`;
  }
  const bodyBytes = Buffer.from(body, 'ascii');
  const line = Buffer.concat([bodyBytes, Buffer.from(`*${hex(crc16Modbus(bodyBytes), 4)}\r\n`, 'ascii')]);
  if (line.length > QLP_MAX_LINE) throw new RangeError(`QLP line too long: ${line.length} > ${QLP_MAX_LINE} bytes`);
  return line;
}

/** Bytes a frame would take on the wire, without throwing for length (used to pre-check SHOW text). */
export function qlpEncodedLength(frame: QlpFrame): number {
  let length = `00 00 ${frame.verb}*0000\r\n`.length;
  for (const [key, value] of Object.entries(frame.args)) length += 2 + key.length + percentEncode(value).length;
  return length;
}

/**
 * Parses one line without its line ending. The CRC is checked first, over the raw bytes, so a
 * corrupted line is always reported as 'crc' rather than as whatever garbage it decodes to.
 */
export function parseQlpLine(line: Uint8Array): QlpParseResult {
  const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  if (bytes.length + 2 > QLP_MAX_LINE) return { ok: false, code: 'len', detail: `${bytes.length + 2} bytes` };
  const star = bytes.lastIndexOf(0x2a);
  if (star < 0) return { ok: false, code: 'syntax', detail: 'no CRC separator' };
  const crcText = bytes.subarray(star + 1).toString('latin1');
  if (!HEX4.test(crcText)) return { ok: false, code: 'syntax', detail: 'CRC is not 4 hex digits' };
  const body = bytes.subarray(0, star);
  if (crc16Modbus(body) !== Number.parseInt(crcText, 16)) return { ok: false, code: 'crc', detail: `expected ${hex(crc16Modbus(body), 4)}` };
  for (const byte of body) {
    if (byte < 0x20 || byte > 0x7e) return { ok: false, code: 'syntax', detail: 'non-ASCII byte in body' };
  }
  const tokens = body.toString('ascii').split(' ');
  const [addressText, seqText, verb, ...pairs] = tokens;
  if (addressText === undefined || !HEX2.test(addressText)) return { ok: false, code: 'syntax', detail: 'bad address' };
  if (seqText === undefined || !HEX2.test(seqText)) return { ok: false, code: 'syntax', detail: 'bad seq' };
  if (verb === undefined || !VERB.test(verb)) return { ok: false, code: 'syntax', detail: 'bad verb' };
  const args: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? undefined : percentDecode(pair.slice(eq + 1));
    if (!KEY.test(key) || value === undefined) return { ok: false, code: 'syntax', detail: `bad argument '${pair}'` };
    args[key] = value;
  }
  const address = Number.parseInt(addressText, 16);
  if (address > 0xf7) return { ok: false, code: 'syntax', detail: 'reserved address' };
  return { ok: true, frame: { address, seq: Number.parseInt(seqText, 16), verb, args } };
}
