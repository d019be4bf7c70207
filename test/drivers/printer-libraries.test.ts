/**
 * Golden-byte evaluation of node-thermal-printer 4.6.1 and escpos 2.5.2 against the reference
 * bytes. These tests pin what each library does TODAY: if an upgrade fixes a defect, the test
 * fails and docs/printing.md's division of labour should be revisited.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import net from 'node:net';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { characterSize, qrCode } from '../../drivers/printer/escpos-commands';
import { NtpByteBuilder } from '../../drivers/printer/ntp-builder';

const hex = (s: string): string => s.replace(/\s+/g, '').toLowerCase();
const ntp = (charset?: CharacterSet): ThermalPrinter =>
  new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: charset });
const bytesOf = (printer: ThermalPrinter): string => Buffer.from(printer.getBuffer()).toString('hex');

/** The slice of escpos 2.5.2 we exercise; it ships no types. */
interface EscposPrinter {
  align(a: string): EscposPrinter;
  size(w: number, h: number): EscposPrinter;
  text(s: string): EscposPrinter;
  qrcode(s: string): EscposPrinter;
  cut(partial?: boolean, feed?: number): EscposPrinter;
  buffer: { flush(): Buffer };
}
interface EscposAdapter {
  open(cb: (err?: Error) => void): void;
  write(data: Buffer, cb?: () => void): void;
  close(cb?: () => void): void;
  on(event: string, listener: (data: Buffer) => void): void;
}
interface EscposModule {
  Printer: new (adapter: object, options?: { encoding?: string }) => EscposPrinter;
  Network: new (host: string, port: number) => EscposAdapter;
  Serial: new (path: string) => object;
  USB: new () => object;
}
const escpos = createRequire(import.meta.url)('escpos') as EscposModule;
const nullAdapter = { write: (_d: Buffer, cb?: () => void) => cb?.(), open: () => undefined, close: () => undefined };

describe('node-thermal-printer: kept for alignment, bold, equal sizes, line feed', () => {
  it('matches the reference bytes for the commands we delegate to it', () => {
    const p = ntp();
    p.alignCenter();
    p.alignLeft();
    p.bold(true);
    p.bold(false);
    p.setTextSize(1, 1);
    p.setTextSize(3, 3);
    p.newLine();
    expect(bytesOf(p)).toBe(hex('1B6101 1B6100 1B4501 1B4500 1D2111 1D2133 0A'));
    expect(new NtpByteBuilder().alignCenter().bold(true).scale(4).toBuffer().toString('hex')).toBe(hex('1B6101 1B4501 1D2133'));
  });

  it('swaps width and height for unequal sizes: we emit GS ! ourselves then', () => {
    const p = ntp();
    p.setTextSize(1, 2); // documented as (height 2x, width 3x) -> reference 0x21
    expect(bytesOf(p)).toBe(hex('1D2112'));
    expect(characterSize(3, 2).toString('hex')).toBe(hex('1D2121'));
  });

  it('computes QR pL from UTF-16 length: wrong for non-ASCII, so QR is ours', () => {
    const payload = 'http://h/社保';
    const p = ntp();
    p.printQR(payload);
    const store = Buffer.from(p.getBuffer()).subarray(25, 30).toString('hex');
    expect(store).toBe(hex('1D286B 0E00')); // 11 + 3: but 15 bytes follow
    expect(qrCode(Buffer.from(payload), 3, 'M').subarray(25, 30).toString('hex')).toBe(hex('1D286B 1200'));
  });

  it('CHINA character set is GB2312 via ESC R 15, no FS &, and loses GBK-only characters', () => {
    const p = ntp(CharacterSet.CHINA);
    p.println('社保 䶮');
    expect(bytesOf(p)).toBe(hex('1B520F C9E7 B1A3 20 3F 0A')); // GBK would give FE 9F
  });

  it('cut() feeds with ESC d and full-cuts at once; it has no feed-to-cutter GS V 66', () => {
    const p = ntp();
    p.partialCut();
    expect(bytesOf(p)).toBe(hex('1B6404 1B6404 1D5601 1B40'));
  });
});

describe('escpos 2.5.2: not used at runtime', () => {
  it('encodes GBK text correctly when asked, but an emoji becomes a plain "?" and € a lone 0x80', () => {
    const p = new escpos.Printer(nullAdapter, { encoding: 'GBK' });
    p.text('社保').text('😀€');
    expect(p.buffer.flush().toString('hex')).toBe(hex('C9E7B1A3 0A 3F 80 0A'));
  });

  it('defaults to GB18030, whose 4-byte sequences GB printers cannot print', () => {
    const p = new escpos.Printer(nullAdapter);
    p.text('𠀾');
    expect(p.buffer.flush().toString('hex')).toBe(hex('95328838 0A'));
  });

  it('sends QR codes with GS Z / ESC Z, not GS ( k, and cuts after blind line feeds', () => {
    const p = new escpos.Printer(nullAdapter, { encoding: 'GBK' });
    p.qrcode('A');
    expect(p.buffer.flush().subarray(0, 5).toString('hex')).toBe(hex('1D5A02 1B5A'));
    p.cut(true);
    expect(p.buffer.flush().toString('hex')).toBe(hex('0A0A0A 1D5601'));
  });

  it('serial and USB adapters fail on serialport 13 / usb 3', () => {
    expect(() => new escpos.Serial('/dev/null')).toThrow(TypeError);
    expect(() => new escpos.USB()).toThrow(TypeError);
  });

  it('network adapter swallows incoming bytes, so DLE EOT status cannot be read through it', async () => {
    const server = net.createServer((socket) => socket.on('data', () => socket.write(Buffer.from([0x12]))));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const adapter = new escpos.Network('127.0.0.1', port);
    const received: Buffer[] = [];
    adapter.on('data', (d) => received.push(d));
    await new Promise<void>((resolve, reject) => adapter.open((err) => (err ? reject(err) : resolve())));
    adapter.write(Buffer.from([0x10, 0x04, 0x01]));
    await new Promise((resolve) => setTimeout(resolve, 150));
    adapter.close();
    server.close();
    expect(received).toEqual([]);
  });
});
