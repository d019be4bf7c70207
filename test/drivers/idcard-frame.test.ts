import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeRequest, encodeResponse, toResponse, xorChecksum } from '../../drivers/idcard/frame';
import { FrameParser, type ParsedFrame } from '../../drivers/idcard/frame-parser';
import { decodeStatus, encodeStatus } from '../../drivers/idcard/status';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Buffer => Buffer.from(text.replaceAll(' ', ''), 'hex');

function bodies(found: ParsedFrame[]): string[] {
  return found.flatMap((parsed) => (parsed.type === 'frame' ? [hex(parsed.body)] : []));
}

describe('ID card request frames (golden bytes from the reference §2.4)', () => {
  it.each([
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readBaseInfo', 'AA AA AA 96 69 00 03 30 01 32'],
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
  ] as const)('%s', (command, golden) => {
    expect(hex(encodeRequest(command))).toBe(hex(fromHex(golden)));
  });

  it('puts a request with data in a big-endian length and XORs from Len1 (set max RF bytes)', () => {
    const frame = encodeFrame(Uint8Array.of(0x61, 0xff, 0x50));
    expect(hex(frame)).toBe(hex(fromHex('AA AA AA 96 69 00 04 61 FF 50 CA')));
  });

  it('builds responses: find-card success without data', () => {
    expect(hex(encodeResponse([0, 0, 0x9f]))).toBe(hex(fromHex('AA AA AA 96 69 00 04 00 00 9F 9B')));
  });

  it('uses a big-endian length above 255 (base-info header from eastcoms 533)', () => {
    const frame = encodeResponse([0, 0, 0x90], Buffer.concat([fromHex('0100 0400'), Buffer.alloc(1280)]));
    expect(frame.length).toBe(1295);
    expect(hex(frame.subarray(0, 14))).toBe(hex(fromHex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00')));
    expect(frame[1294]).toBe(xorChecksum(frame.subarray(5, 1294)));
  });
});

describe('response status', () => {
  it.each([
    [0x90, 'ok'],
    [0x9f, 'card-found'],
    [0x80, 'no-card'],
    [0x81, 'select-failed'],
    [0x41, 'read-failed'],
    [0x10, 'checksum-error'],
    [0x11, 'length-error'],
    [0x21, 'bad-command'],
    [0x66, 'not-authorised'],
    [0x77, 'unknown'],
  ] as const)('SW3 %i is %s', (sw3, status) => {
    expect(decodeStatus({ sw3 })).toBe(status);
  });

  it('ignores vendor SW1/SW2 on "XX XX 81" failures', () => {
    const response = toResponse(fromHex('12 34 81'));
    expect(response && decodeStatus(response)).toBe('select-failed');
  });

  it('round-trips status names', () => {
    expect(encodeStatus('no-card')).toEqual([0, 0, 0x80]);
  });
});

describe('FrameParser', () => {
  const first = encodeResponse([0, 0, 0x9f], fromHex('0000000000000000'));
  const second = encodeResponse([0, 0, 0x80]);
  const stream = Buffer.concat([first, second]);
  const expected = [hex(first.subarray(7, -1)), hex(second.subarray(7, -1))];

  it('parses whole frames delivered in one chunk', () => {
    expect(bodies(new FrameParser().push(stream))).toEqual(expected);
  });

  it('reassembles two frames split at every boundary, the preamble included', () => {
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const parser = new FrameParser();
      const found = [...parser.push(stream.subarray(0, cut)), ...parser.push(stream.subarray(cut))];
      expect(bodies(found), `cut at ${cut}`).toEqual(expected);
      expect(parser.pendingBytes).toBe(0);
    }
  });

  it('reassembles a stream split into every pair of cuts', () => {
    for (let a = 0; a <= stream.length; a += 1) {
      for (let b = a; b <= stream.length; b += 1) {
        const parser = new FrameParser();
        const found = [a, b, stream.length].flatMap((end, i) => parser.push(stream.subarray([0, a, b][i], end)));
        expect(bodies(found)).toEqual(expected);
      }
    }
  });

  it('reassembles a stream fed one byte at a time', () => {
    const parser = new FrameParser();
    const found = [...stream].flatMap((byte) => parser.push(Uint8Array.of(byte)));
    expect(bodies(found)).toEqual(expected);
  });

  it('skips garbage, preamble lookalikes and partial preambles between frames', () => {
    const garbage = fromHex('00 FF AA AA 13 AA AA AA 96 00 AA');
    const parser = new FrameParser();
    const found = parser.push(Buffer.concat([garbage, first, fromHex('AA AA AA AA'), garbage, second]));
    expect(bodies(found)).toEqual(expected);
    expect(parser.discardedBytes).toBeGreaterThanOrEqual(garbage.length * 2);
  });

  it('reports a bad checksum and keeps going with the next frame', () => {
    const corrupt = Buffer.from(first);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0x01;
    const found = new FrameParser().push(Buffer.concat([corrupt, second]));
    expect(found[0]).toMatchObject({ type: 'bad-checksum' });
    expect(bodies(found)).toEqual([expected[1]]);
  });

  it('finds a good frame after a corrupt length byte instead of waiting for a huge frame', () => {
    const corrupt = Buffer.from(first);
    corrupt[5] = 0xff;
    const found = new FrameParser().push(Buffer.concat([corrupt, second]));
    expect(bodies(found)).toEqual([expected[1]]);
  });

  it('drops a half frame on reset', () => {
    const parser = new FrameParser();
    parser.push(first.subarray(0, 9));
    parser.reset();
    expect(bodies(parser.push(second))).toEqual([expected[1]]);
  });
});
