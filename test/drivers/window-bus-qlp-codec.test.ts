import { describe, expect, it } from 'vitest';
import { encodeQlp, parseQlpLine, percentEncode, type QlpParseResult } from '../../drivers/window-bus/qlp/codec';
import { crc16Modbus } from '../../drivers/window-bus/qlp/crc16';
import { QlpLineDecoder } from '../../drivers/window-bus/qlp/line-decoder';

const ascii = (text: string): Buffer => Buffer.from(text, 'ascii');

// CRCs below were computed by hand-rolled CRC-16/MODBUS outside this codebase (bitwise, poly 0xA001, init 0xFFFF).
const GOLDEN: Array<[string, Parameters<typeof encodeQlp>[0]]> = [
  ['01 01 POLL*768B\r\n', { address: 1, seq: 1, verb: 'POLL', args: {} }],
  ['01 01 IDLE*EE3D\r\n', { address: 1, seq: 1, verb: 'IDLE', args: {} }],
  ['01 00 PING*012A\r\n', { address: 1, seq: 0, verb: 'PING', args: {} }],
  ['04 07 KEY k=call*377E\r\n', { address: 4, seq: 7, verb: 'KEY', args: { k: 'call' } }],
  [
    '03 10 EVAL.START ticket=A001 window=3 staff=017 timeout=60*3140\r\n',
    { address: 3, seq: 0x10, verb: 'EVAL.START', args: { ticket: 'A001', window: '3', staff: '017', timeout: '60' } },
  ],
  ['03 11 EVAL ticket=A001 level=5 ms=4200*14E3\r\n', { address: 3, seq: 0x11, verb: 'EVAL', args: { ticket: 'A001', level: '5', ms: '4200' } }],
  [
    '02 2A SHOW text=A001%20%E8%AF%B7%E5%88%B03%E5%8F%B7%E7%AA%97%E5%8F%A3 color=r blink=1*0320\r\n',
    { address: 2, seq: 0x2a, verb: 'SHOW', args: { text: 'A001 请到3号窗口', color: 'r', blink: '1' } },
  ],
  [
    '01 00 HELLO model=hallq-sim fw=1.0 caps=eval%2Cshow%2Ckeys*67B3\r\n',
    { address: 1, seq: 0, verb: 'HELLO', args: { model: 'hallq-sim', fw: '1.0', caps: 'eval,show,keys' } },
  ],
];

describe('CRC-16/MODBUS', () => {
  it('matches the catalogue check value', () => {
    expect(crc16Modbus(ascii('123456789'))).toBe(0x4b37);
  });
});

describe('QLP/1 codec', () => {
  it.each(GOLDEN)('encodes %j', (wire, frame) => {
    expect(encodeQlp(frame).toString('latin1')).toBe(wire);
  });

  it.each(GOLDEN)('parses %j', (wire, frame) => {
    expect(parseQlpLine(ascii(wire.slice(0, -2)))).toEqual({ ok: true, frame });
  });

  it('percent-encodes everything but RFC 3986 unreserved characters', () => {
    expect(percentEncode("a-b_c.d~e f*g=h!'()")).toBe('a-b_c.d~e%20f%2Ag%3Dh%21%27%28%29');
  });

  it('rejects a flipped bit as crc, not as syntax', () => {
    const result = parseQlpLine(ascii('01 01 POLX*768B'));
    expect(result.ok === false && result.code).toBe('crc');
  });

  it('rejects lines without CRC, bad hex, bad escapes and reserved addresses', () => {
    expect(parseQlpLine(ascii('01 01 POLL')).ok).toBe(false);
    expect(parseQlpLine(ascii('01 01 POLL*76ZZ')).ok).toBe(false);
    const badEscape = encodeQlp({ address: 1, seq: 1, verb: 'X', args: { t: 'a' } }).toString('latin1').slice(0, -2);
    expect(parseQlpLine(ascii(badEscape.replace('t=a', 't=%E8'))).ok).toBe(false);
  });

  it('refuses to encode more than 250 bytes, or an address outside 00–F7', () => {
    expect(() => encodeQlp({ address: 1, seq: 1, verb: 'SHOW', args: { text: '请'.repeat(30) } })).toThrow(RangeError);
    expect(() => encodeQlp({ address: 0xf8, seq: 1, verb: 'PING', args: {} })).toThrow(RangeError);
  });
});

describe('QlpLineDecoder', () => {
  const stream = GOLDEN.map(([wire]) => wire).join('');
  const expected = GOLDEN.map(([, frame]) => frame);
  const frames = (results: QlpParseResult[]): unknown[] => results.flatMap((r) => (r.ok ? [r.frame] : []));

  it('reassembles lines split at every boundary', () => {
    const bytes = ascii(stream);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const decoder = new QlpLineDecoder();
      const out = [...decoder.feed(bytes.subarray(0, cut)), ...decoder.feed(bytes.subarray(cut))];
      expect(frames(out)).toEqual(expected);
    }
  });

  it('decodes byte by byte', () => {
    const decoder = new QlpLineDecoder();
    const out: QlpParseResult[] = [];
    for (const byte of ascii(stream)) out.push(...decoder.feed(Buffer.from([byte])));
    expect(frames(out)).toEqual(expected);
  });

  it('skips noise, reports bad CRC and garbage lines, and keeps going', () => {
    const decoder = new QlpLineDecoder();
    const input = Buffer.concat([
      Buffer.from([0x00, 0xff]),
      ascii('01 01 POLL*768B\r\n'),
      ascii('hello world\r\n'),
      ascii('01 01 IDLE*EE3E\r\n'),
      Buffer.from([0x00, 0x00, 0x0d, 0x0a]),
      ascii('04 07 KEY k=call*377E\r\n'),
    ]);
    const out = decoder.feed(input);
    expect(frames(out).map((f) => (f as { verb: string }).verb)).toEqual(['POLL', 'KEY']);
    expect(out.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(['syntax', 'crc']);
  });

  it('drops an over-long line once and resynchronises at the next LF', () => {
    const decoder = new QlpLineDecoder();
    const first = decoder.feed(ascii('A'.repeat(300)));
    expect(first).toEqual([expect.objectContaining({ ok: false, code: 'len' })]);
    const rest = decoder.feed(ascii(`${'B'.repeat(40)}\r\n01 01 POLL*768B\r\n`));
    expect(frames(rest)).toEqual([{ address: 1, seq: 1, verb: 'POLL', args: {} }]);
  });
});
