import { describe, expect, it } from 'vitest';
import { EscPosTokenizer } from '../../drivers/printer/escpos-tokenizer';
import { encodeTicket } from '../../drivers/printer/ticket-encoder';
import type { PrintableTicket } from '../../drivers/printer/ticket-types';
import { LineAssembler, decodeEscPos, findTicketNumber, transcript, type DecodedItem } from '../../drivers/sim/escpos-decoder';

const TICKET: PrintableTicket = {
  hallName: '市民中心 Citizen Hall',
  serviceName: '不动产登记',
  number: 'B107',
  waitingAhead: 12,
  estimatedWaitMinutes: 40,
  issuedAt: Date.UTC(2026, 0, 5, 23, 59),
  timeZone: 'Asia/Shanghai',
  trackUrl: 'http://hall.local:8080/t/社保abc',
  note: '过号请到取号机重新取号。\n请保管好本票。',
  language: 'zh-CN',
};

const EXPECTED_TRANSCRIPT = [
  '市民中心 Citizen Hall',
  '不动产登记',
  'B107',
  '前面等候 12 人',
  '预计等待约 40 分钟',
  '取号时间 2026-01-06 07:59',
  'QR: http://hall.local:8080/t/社保abc',
  '',
  '过号请到取号机重新取号。',
  '请保管好本票。',
];

function decodeInChunks(bytes: Buffer, splits: readonly number[]): DecodedItem[] {
  const tokenizer = new EscPosTokenizer();
  const assembler = new LineAssembler();
  const items: DecodedItem[] = [];
  let start = 0;
  for (const end of [...splits, bytes.length]) {
    for (const token of tokenizer.push(bytes.subarray(start, end))) items.push(...assembler.feed(token));
    start = end;
  }
  expect(tokenizer.pendingBytes).toBe(0);
  return items;
}

describe('ESC/POS decoder', () => {
  it('round-trips an encoded ticket to its text, QR payload, number and cut', () => {
    const items = decodeEscPos(encodeTicket(TICKET));
    expect(transcript(items)).toEqual(EXPECTED_TRANSCRIPT);
    expect(findTicketNumber(items)).toBe('B107');
    expect(items.at(-1)).toEqual({ kind: 'cut', partial: true });
    const number = items.find((i) => i.kind === 'line' && i.line.text === 'B107');
    expect(number).toMatchObject({ line: { width: 4, height: 4, align: 'center' } });
  });

  it('gives the same result with the stream split at every boundary', () => {
    const bytes = encodeTicket(TICKET);
    const whole = decodeEscPos(bytes);
    for (let split = 1; split < bytes.length; split += 1) {
      expect(decodeInChunks(bytes, [split])).toEqual(whole);
    }
    const byteByByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(decodeInChunks(bytes, byteByByte)).toEqual(whole);
  });

  it('reports DLE EOT queries in the middle of the stream and keeps every byte in a token', () => {
    const bytes = Buffer.concat([Buffer.from([0x10, 0x04, 0x04]), encodeTicket(TICKET), Buffer.from([0x10, 0x04, 0x02])]);
    const tokens = new EscPosTokenizer().push(bytes);
    expect(Buffer.concat(tokens.map((t) => t.raw)).equals(bytes)).toBe(true);
    const queries = decodeEscPos(bytes).filter((i) => i.kind === 'status-query');
    expect(queries).toEqual([{ kind: 'status-query', n: 4 }, { kind: 'status-query', n: 2 }]);
  });

  it('skips commands it does not interpret by their length (raster, barcode, ESC p)', () => {
    const raster = Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x0a, 0x1b, 0x40]);
    const barcode = Buffer.from([0x1d, 0x6b, 0x04, 0x31, 0x32, 0x00]);
    const drawer = Buffer.from([0x1b, 0x70, 0x00, 0x0a, 0x0a]);
    const bytes = Buffer.concat([raster, barcode, drawer, Buffer.from('OK\n')]);
    expect(transcript(decodeEscPos(bytes))).toEqual(['OK']);
  });

  it('finds no number when nothing is printed enlarged, and decodes legacy ESC ! sizes', () => {
    expect(findTicketNumber(decodeEscPos(Buffer.from('A001\n')))).toBeUndefined();
    const legacy = Buffer.concat([Buffer.from('x\n'), Buffer.from([0x1b, 0x21, 0x30]), Buffer.from('C9\n')]);
    expect(findTicketNumber(decodeEscPos(legacy))).toBe('C9');
  });

  it('drops an unterminated line on ESC @, as the printer clears its buffer', () => {
    expect(transcript(decodeEscPos(Buffer.from('lost\x1b@kept\n')))).toEqual(['kept']);
  });

  // The paper once said nothing of the green channel or an appointment (issue 18): an elderly visitor had
  // nothing to show staff. The line is printed bold and doubled right under the number.
  it('prints 绿色通道 with its reason, or 预约, large under the number; a normal ticket has neither', () => {
    const green = decodeEscPos(encodeTicket({ ...TICKET, priority: { kind: 'green', greenReason: '老年人' } }));
    expect(transcript(green).slice(2, 4)).toEqual(['B107', '绿色通道（老年人）']);
    expect(green.find((i) => i.kind === 'line' && i.line.text === '绿色通道（老年人）')).toMatchObject({ line: { width: 2, height: 2, bold: true } });
    expect(findTicketNumber(green)).toBe('B107');
    expect(transcript(decodeEscPos(encodeTicket({ ...TICKET, priority: { kind: 'appointment' } })))).toContain('预约');
    expect(transcript(decodeEscPos(encodeTicket({ ...TICKET, language: 'en', priority: { kind: 'green' } })))).toContain('Green channel');
    expect(transcript(decodeEscPos(encodeTicket(TICKET))).join('\n')).not.toMatch(/绿色通道|预约/);
  });
});
