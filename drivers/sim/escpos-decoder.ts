import iconv from 'iconv-lite';
import { EscPosTokenizer, type EscPosToken } from '../printer/escpos-tokenizer';

export type Alignment = 'left' | 'center' | 'right';

/** One printed line as a person would read it off the paper. */
export interface DecodedLine {
  readonly text: string;
  readonly align: Alignment;
  readonly bold: boolean;
  /** Largest character multipliers used on the line (GS ! / ESC !). */
  readonly width: number;
  readonly height: number;
}

/** What the paper shows, in order, plus the queries the host asked. */
export type DecodedItem =
  | { readonly kind: 'line'; readonly line: DecodedLine }
  | { readonly kind: 'qr'; readonly payload: string }
  | { readonly kind: 'cut'; readonly partial: boolean }
  | { readonly kind: 'status-query'; readonly n: number };

const ALIGNMENTS: readonly Alignment[] = ['left', 'center', 'right', 'left'];

/**
 * Turns tokens back into lines, QR payloads and cuts, tracking style like a printer does.
 * Text bytes are decoded as GBK in Chinese mode (FS &, assumed on at power-up as on Chinese-market
 * printers); after FS . bytes >= 0x80 show as '?'. QR payloads are decoded as UTF-8.
 */
export class LineAssembler {
  private align: Alignment = 'left';
  private bold = false;
  private width = 1;
  private height = 1;
  private chinese = true;
  private text: Buffer[] = [];
  private lineWidth = 1;
  private lineHeight = 1;
  private lineBold = false;
  private qrData: Buffer | null = null;

  feed(token: EscPosToken): DecodedItem[] {
    switch (token.type) {
      case 'text':
        this.text.push(token.raw);
        this.lineWidth = Math.max(this.lineWidth, this.width);
        this.lineHeight = Math.max(this.lineHeight, this.height);
        this.lineBold ||= this.bold;
        return [];
      case 'feed':
        return Array.from({ length: token.lines }, () => this.endLine());
      case 'init':
        // ESC @ clears the print buffer: an unterminated line is lost, as on paper.
        this.resetLine();
        this.align = 'left';
        this.bold = false;
        this.width = this.height = 1;
        this.qrData = null;
        return [];
      case 'align':
        this.align = ALIGNMENTS[token.value] ?? 'left';
        return [];
      case 'bold':
        this.bold = token.on;
        return [];
      case 'size':
        this.width = token.width;
        this.height = token.height;
        return [];
      case 'chinese-mode':
        this.chinese = token.on;
        return [];
      case 'qr':
        return this.qr(token.fn, token.params);
      case 'cut':
        return [...(this.text.length > 0 ? [this.endLine()] : []), { kind: 'cut', partial: token.partial }];
      case 'status-query':
        return [{ kind: 'status-query', n: token.n }];
      case 'other':
        return [];
    }
  }

  private qr(fn: number, params: Buffer): DecodedItem[] {
    if (fn === 0x50) this.qrData = Buffer.from(params.subarray(1)); // skip m = 0x30
    if (fn !== 0x51 || !this.qrData) return [];
    return [{ kind: 'qr', payload: this.qrData.toString('utf8') }];
  }

  private endLine(): DecodedItem {
    const bytes = Buffer.concat(this.text);
    const text = this.chinese ? iconv.decode(bytes, 'gbk') : bytes.toString('latin1').replace(/[\x80-\xff]/g, '?');
    const line: DecodedLine = { text, align: this.align, bold: this.lineBold, width: this.lineWidth, height: this.lineHeight };
    this.resetLine();
    return { kind: 'line', line };
  }

  private resetLine(): void {
    this.text = [];
    // A size counts from the first character printed in it: a line printed smaller right after a large one
    // (the 2× priority line under the 4× number) is not reported at the size left over from the line above.
    this.lineWidth = 1;
    this.lineHeight = 1;
    this.lineBold = false;
  }
}

/** Decodes a complete byte stream. Pure: a fresh tokenizer and assembler each call. */
export function decodeEscPos(bytes: Buffer): DecodedItem[] {
  const assembler = new LineAssembler();
  return new EscPosTokenizer().push(bytes).flatMap((token) => assembler.feed(token));
}

/**
 * The ticket number: the text of the line printed largest (width × height), if any line is
 * larger than normal size. First such line wins on a tie.
 */
export function findTicketNumber(items: readonly DecodedItem[]): string | undefined {
  let best: DecodedLine | undefined;
  for (const item of items) {
    if (item.kind !== 'line' || item.line.text.trim() === '') continue;
    const area = item.line.width * item.line.height;
    if (area > 1 && (!best || area > best.width * best.height)) best = item.line;
  }
  return best?.text.trim();
}

/** Human-readable transcript: one text line per printed line, `QR: <payload>` for each QR code. */
export function transcript(items: readonly DecodedItem[]): string[] {
  const lines: string[] = [];
  for (const item of items) {
    if (item.kind === 'line') lines.push(item.line.text.trimEnd());
    else if (item.kind === 'qr') lines.push(`QR: ${item.payload}`);
  }
  return lines;
}
