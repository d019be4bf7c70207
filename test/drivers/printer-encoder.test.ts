import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { characterSize, qrCode } from '../../drivers/printer/escpos-commands';
import { displayColumns, sanitizeForGbk, wrapColumns } from '../../drivers/printer/gbk-text';
import { encodeTicket } from '../../drivers/printer/ticket-encoder';
import type { PrintableTicket } from '../../drivers/printer/ticket-types';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const TICKET: PrintableTicket = {
  hallName: '市民中心',
  serviceName: '社保业务',
  number: 'A001',
  waitingAhead: 3,
  estimatedWaitMinutes: 15,
  issuedAt: Date.UTC(2026, 10, 27, 1, 30), // 09:30 in Shanghai
  timeZone: 'Asia/Shanghai',
  trackUrl: 'https://hall.example/t/A001',
  note: '过号请重新取号',
  language: 'zh-CN',
};

describe('encodeTicket golden bytes', () => {
  it('matches the reference ticket (§1.4) byte for byte', () => {
    const expected = Buffer.concat([
      hex('1B40 1C26 1B6101'), // init, Chinese mode, centre
      hex('1B4501 CAD0 C3F1 D6D0 D0C4 0A 1B4500'), // bold 市民中心
      hex('1D2111 C9E7 B1A3 D2B5 CEF1 0A'), // 2x2 社保业务
      hex('1D2133 41303031 0A'), // 4x4 A001
      hex('1D2100 C7B0 C3E6 B5C8 BAF2 20 33 20 C8CB 0A'), // 前面等候 3 人
      hex('D4A4 BCC6 B5C8 B4FD D4BC 20 3135 20 B7D6 D6D3 0A'), // 预计等待约 15 分钟
      hex('C8A1 BAC5 CAB1 BCE4 20 323032362D31312D3237 20 30393A3330 0A'), // 取号时间 2026-11-27 09:30
      hex('1D286B 0400 3141 32 00 1D286B 0300 3143 06 1D286B 0300 3145 31'),
      hex('1D286B 1E00 3150 30 68747470733A2F2F68616C6C2E6578616D706C652F742F41303031'),
      hex('1D286B 0300 3151 30 0A'),
      hex('B9FD BAC5 C7EB D6D8 D0C2 C8A1 BAC5 0A'), // 过号请重新取号
      hex('1D5642 00'), // feed to cutter + partial cut
    ]);
    expect(encodeTicket(TICKET).toString('hex')).toBe(expected.toString('hex'));
  });

  it('is deterministic and independent of the host time zone', () => {
    expect(encodeTicket(TICKET).equals(encodeTicket({ ...TICKET }))).toBe(true);
    const ny = encodeTicket({ ...TICKET, timeZone: 'America/New_York' });
    expect(iconv.decode(ny, 'gbk')).toContain('2026-11-26 20:30');
  });

  it('encodes Chinese as two-byte GBK, including characters outside GB2312', () => {
    const bytes = encodeTicket({ ...TICKET, serviceName: '䶮' });
    expect(bytes.includes(hex('1D2111 FE9F 0A'))).toBe(true);
  });

  it('replaces characters GBK cannot encode with □ (A1 F5), never other code pages', () => {
    const bytes = encodeTicket({ ...TICKET, note: '张𠀾😀️€' });
    expect(bytes.includes(hex('D5C5 A1F5 A1F5 A1F5 0A'))).toBe(true);
    expect(bytes.includes(hex('9532 8838'))).toBe(false); // GB18030 4-byte form
    expect(bytes.includes(Buffer.from([0x80]))).toBe(false);
  });

  it('never lets control characters from ticket fields reach the printer', () => {
    const bytes = encodeTicket({ ...TICKET, hallName: 'Hall\x1b@\x1dV\x00' });
    expect(bytes.includes(hex('48616C6C 3F 40 3F 56 3F 0A'))).toBe(true);
  });

  it('computes QR pL/pH over payload bytes for a non-ASCII payload', () => {
    const payload = 'http://h/社保'; // 11 UTF-16 units, 15 UTF-8 bytes
    const bytes = encodeTicket({ ...TICKET, trackUrl: payload });
    const store = Buffer.concat([hex('1D286B 1200 3150 30'), Buffer.from(payload, 'utf8')]);
    expect(bytes.includes(store)).toBe(true);
    expect(qrCode(Buffer.alloc(300, 0x41), 6, 'M').subarray(25, 30)).toEqual(hex('1D286B 2F01')); // 303 = 0x12F
    expect(() => qrCode(Buffer.alloc(7090), 6, 'M')).toThrow(RangeError);
  });

  it('prints English labels and honours layout options', () => {
    const text = iconv.decode(encodeTicket({ ...TICKET, language: 'en', estimatedWaitMinutes: 0 }), 'gbk');
    expect(text).toContain('People ahead: 3');
    expect(text).toContain('You will be called shortly');
    const full = encodeTicket(TICKET, { cut: 'full', numberScale: 6, qrModuleSize: 8, qrErrorCorrection: 'H' });
    expect(full.subarray(-4)).toEqual(hex('1D5641 00'));
    expect(full.includes(hex('1D2155 41303031 0A'))).toBe(true);
    expect(full.includes(hex('1D286B 0300 3143 08 1D286B 0300 3145 33'))).toBe(true);
  });

  it('wraps by printed columns (CJK = 2) so no line overflows 48 columns', () => {
    const longHall = '政'.repeat(30);
    const lines = wrapColumns(longHall, 48);
    expect(lines).toEqual(['政'.repeat(24), '政'.repeat(6)]);
    expect(wrapColumns('Please take a new ticket if you miss your call', 20)).toEqual([
      'Please take a new',
      'ticket if you miss',
      'your call',
    ]);
    for (const line of wrapColumns(`${'A'.repeat(30)}中文${'B'.repeat(30)}`, 48)) {
      expect(displayColumns(line)).toBeLessThanOrEqual(48);
    }
  });

  it('sanitizes per code point and counts replacements', () => {
    expect(sanitizeForGbk('a\tb𠀾')).toEqual({ text: 'a b□', replaced: 1 });
  });

  it('puts width in the high nibble of GS !', () => {
    expect(characterSize(3, 2)).toEqual(hex('1D2121'));
  });
});
