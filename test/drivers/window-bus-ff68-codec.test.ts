import { describe, expect, it } from 'vitest';
import {
  FF68_LEVELS,
  Ff68Decoder,
  encodeDisplayDigits,
  encodeFf68,
  ff68Key,
  stripDigits,
  type Ff68Decoded,
  type Ff68Frame,
} from '../../drivers/window-bus/ff68/codec';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// Checksums by hand: CS = (ADDR + FUNC + ΣDATA) mod 256, e.g. 01+02+0A+0A+0A+00+00+01 = 0x22.
const GOLDEN: Array<[string, Ff68Frame]> = [
  ['FF 68 08 08 68 01 02 0A 0A 0A 00 00 01 22 16', { address: 1, func: 0x02, data: [10, 10, 10, 0, 0, 1] }],
  ['FF 68 02 02 68 05 03 08 16', { address: 5, func: 0x03, data: [] }],
  ['FF 68 03 03 68 03 11 04 18 16', { address: 3, func: 0x11, data: [4] }],
  ['FF 68 03 03 68 02 01 0C 0F 16', { address: 2, func: 0x01, data: [0x0c] }],
  ['FF 68 04 04 68 02 01 06 0F 18 16', { address: 2, func: 0x01, data: [6, 0x0f] }],
];

const frames = (results: Ff68Decoded[]): Ff68Frame[] => results.flatMap((r) => (r.ok ? [r.frame] : []));

describe('FF68 codec', () => {
  it.each(GOLDEN)('encodes %s', (wire, frame) => {
    expect(encodeFf68(frame)).toEqual(hex(wire));
  });

  it('lays out the vendor ticket display: blanks left, three digits right', () => {
    expect(encodeDisplayDigits(undefined, stripDigits('A001 请到3号窗口'))).toEqual([10, 10, 10, 0, 0, 1]);
    expect(encodeDisplayDigits('7', '1234')).toEqual([10, 10, 7, 2, 3, 4]);
    expect(stripDigits('请稍候')).toBeUndefined();
  });

  it('maps keys and evaluator values as documented', () => {
    expect(ff68Key([0x0c])).toBe('call-next');
    expect(ff68Key([0x0d])).toBe('recall');
    expect(ff68Key([0x0b])).toBe('finish');
    expect(ff68Key([0x12])).toBe('pause');
    expect(ff68Key([0x13])).toBe('transfer');
    expect(ff68Key([0x06, 0x0f])).toBe('no-show');
    expect(ff68Key([0x00, 0x0f])).toBeUndefined();
    expect(ff68Key([0x0f])).toBeUndefined();
    expect([1, 2, 3, 4].map((v) => FF68_LEVELS[v])).toEqual([2, 3, 4, 5]);
    expect(FF68_LEVELS[0]).toBeUndefined();
  });
});

describe('Ff68Decoder', () => {
  const stream = Buffer.concat(GOLDEN.map(([wire]) => hex(wire)));
  const expected = GOLDEN.map(([, frame]) => frame);

  it('reassembles frames split at every boundary', () => {
    for (let cut = 1; cut < stream.length; cut += 1) {
      const decoder = new Ff68Decoder();
      expect(frames([...decoder.feed(stream.subarray(0, cut)), ...decoder.feed(stream.subarray(cut))])).toEqual(expected);
    }
  });

  it('finds frames behind garbage (including false FF 68 starts) and reports bad checksums', () => {
    const bad = hex('FF 68 03 03 68 03 11 04 19 16'); // checksum off by one
    const input = Buffer.concat([hex('00 FF 13 FF 68 09 68'), hex(GOLDEN[0]?.[0] ?? ''), bad, hex('68 16'), hex(GOLDEN[1]?.[0] ?? '')]);
    for (let cut = 1; cut < input.length; cut += 1) {
      const decoder = new Ff68Decoder();
      const out = [...decoder.feed(input.subarray(0, cut)), ...decoder.feed(input.subarray(cut))];
      expect(frames(out)).toEqual([GOLDEN[0]?.[1], GOLDEN[1]?.[1]]);
      expect(out.some((r) => !r.ok && r.code === 'checksum')).toBe(true);
    }
  });
});
