import { createRequire } from 'node:module';
import type { ThermalPrinter } from 'node-thermal-printer';

type Library = typeof import('node-thermal-printer');
let library: Library | undefined;
/**
 * node-thermal-printer is loaded with the first ticket, not with the hub: ~15 ms and 1.5 MiB at every start of a
 * hub that may print nothing for hours (issue 20). It is CommonJS, so a synchronous require keeps this class sync.
 */
const loadLibrary = (): Library => (library ??= createRequire(import.meta.url)('node-thermal-printer') as Library);

/**
 * The part of a ticket node-thermal-printer builds: alignment, bold, equal-sided character size.
 * Golden tests (test/drivers/printer-libraries.test.ts) pin each of these to the reference bytes;
 * everything it gets wrong for us (Chinese text, QR length, cut, unequal sizes) is added as raw
 * bytes through `add()`. No interface is given, so the library never opens a port or file.
 */
export class NtpByteBuilder {
  private readonly printer: ThermalPrinter = ((lib) => new lib.ThermalPrinter({ type: lib.PrinterTypes.EPSON, interface: '', width: 48 }))(loadLibrary());

  alignCenter(): this {
    this.printer.alignCenter();
    return this;
  }

  alignLeft(): this {
    this.printer.alignLeft();
    return this;
  }

  bold(enabled: boolean): this {
    this.printer.bold(enabled);
    return this;
  }

  /** Equal width and height multiplier 1–8 (GS ! with both nibbles equal: immune to its swap). */
  scale(multiplier: number): this {
    const n = Math.min(8, Math.max(1, Math.round(multiplier))) - 1;
    this.printer.setTextSize(n, n);
    return this;
  }

  newLine(): this {
    this.printer.newLine();
    return this;
  }

  /** Pre-encoded bytes. Never print(): it UTF-8-decodes Buffers and re-encodes via code pages. */
  raw(bytes: Buffer): this {
    this.printer.add(bytes);
    return this;
  }

  toBuffer(): Buffer {
    // getBuffer() is null until something was appended.
    const buffer: Buffer | null = this.printer.getBuffer();
    return Buffer.from(buffer ?? Buffer.alloc(0));
  }
}
