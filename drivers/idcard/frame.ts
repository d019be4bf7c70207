/**
 * GA/T 467 business-terminal frames for second-generation ID card readers (pure, no I/O).
 *
 * ```
 * Host → reader:  AA AA AA 96 69 | Len1 Len2 | CMD | Para | Data… | CHK
 * Reader → host:  AA AA AA 96 69 | Len1 Len2 | SW1 | SW2 | SW3 | Data… | CHK
 * ```
 * Len is big-endian and counts every byte after itself, CHK included. CHK is the XOR of
 * Len1 through the last data byte (the preamble is not covered).
 */

/** The 5-byte frame preamble: three sync bytes, then `96 69` marking the frame start. */
export const PREAMBLE: Readonly<Uint8Array> = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/** Preamble (5) + length (2): the bytes before the body. */
export const HEADER_LENGTH = 7;

/** The commands this driver sends; `[CMD, Para]` per the reference table. */
export const COMMANDS = {
  samStatus: [0x11, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBaseInfo: [0x30, 0x01],
} as const;

/** Name of a command this driver knows. */
export type IdCardCommand = keyof typeof COMMANDS;

/** XOR of every byte given; callers pass Len1..last data byte. */
export function xorChecksum(bytes: Uint8Array): number {
  let chk = 0;
  for (const byte of bytes) chk ^= byte;
  return chk;
}

/**
 * Wraps a body (CMD+Para+Data for requests, SW1..SW3+Data for responses) in a full frame:
 * preamble, big-endian length (body + CHK), body, CHK.
 */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError('ID card frame body too long');
  const frame = Buffer.alloc(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame.writeUInt16BE(len, 5);
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame.subarray(5, frame.length - 1));
  return frame;
}

/** Builds the request frame for one command, e.g. find card → `AA AA AA 96 69 00 03 20 01 22`. */
export function encodeRequest(command: IdCardCommand, data: Uint8Array = new Uint8Array(0)): Buffer {
  const [cmd, para] = COMMANDS[command];
  return encodeFrame(Uint8Array.of(cmd, para, ...data));
}

/** Status bytes plus payload of one reader response. */
export interface ResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Buffer;
}

/** Command bytes plus payload of one host request (what a simulator sees). */
export interface RequestFrame {
  readonly cmd: number;
  readonly para: number;
  readonly data: Buffer;
}

/** Builds a reader response frame; used by the simulator and golden tests. */
export function encodeResponse(sw: readonly [number, number, number], data: Uint8Array = new Uint8Array(0)): Buffer {
  const body = Buffer.alloc(3 + data.length);
  body[0] = sw[0];
  body[1] = sw[1];
  body[2] = sw[2];
  body.set(data, 3);
  return encodeFrame(body);
}

/** Splits a parsed body into status + data; `undefined` when too short to be a response. */
export function toResponse(body: Buffer): ResponseFrame | undefined {
  if (body.length < 3) return undefined;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.subarray(3) };
}

/** Splits a parsed body into command + data; `undefined` when too short to be a request. */
export function toRequest(body: Buffer): RequestFrame | undefined {
  if (body.length < 2) return undefined;
  return { cmd: body[0] ?? 0, para: body[1] ?? 0, data: body.subarray(2) };
}

/** Which known command a request carries, if any. */
export function commandOf(request: RequestFrame): IdCardCommand | undefined {
  for (const [name, [cmd, para]] of Object.entries(COMMANDS)) {
    if (cmd === request.cmd && para === request.para) return name as IdCardCommand;
  }
  return undefined;
}
