import iconv from 'iconv-lite';

/**
 * Chinese text for a GB-font ticket printer: two-byte GBK only.
 *
 * Replacement rule (documented in docs/printing.md):
 * - a character GBK encodes as a two-byte code (lead byte 0x81–0xFE) or printable ASCII is kept;
 * - a character with no two-byte GBK code (4-byte GB18030 such as 𠀾, emoji, '€' which CP936 maps
 *   to the lone byte 0x80) becomes '□' (GBK A1 F5), one '□' per code point, so a missing glyph is
 *   visible and the line keeps its width;
 * - control characters (C0, DEL, C1) become '?': they must never reach the printer as bytes,
 *   otherwise a hall name containing ESC could inject commands;
 * - TAB becomes a space; invisible joiners/variation selectors (U+200B–200D, U+FE00–FE0F, U+FEFF)
 *   are dropped, so '😀️' is one '□', not two.
 */
export const GBK_REPLACEMENT = '□';
export const CONTROL_REPLACEMENT = '?';

/** A string rewritten so that every character is printable on a GBK printer. */
export interface SanitizedText {
  readonly text: string;
  /** How many code points were replaced ('□' or '?'). */
  readonly replaced: number;
}

function isInvisible(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

function hasTwoByteGbk(ch: string): boolean {
  const bytes = iconv.encode(ch, 'gbk');
  const lead = bytes[0] ?? 0;
  return bytes.length === 2 && lead >= 0x81 && lead <= 0xfe;
}

/** Applies the replacement rule above to one line of text (newlines count as controls). */
export function sanitizeForGbk(text: string): SanitizedText {
  let out = '';
  let replaced = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x09) out += ' ';
    else if (isInvisible(cp)) continue;
    else if (isControl(cp)) {
      out += CONTROL_REPLACEMENT;
      replaced += 1;
    } else if (cp < 0x80 || hasTwoByteGbk(ch)) out += ch;
    else {
      out += GBK_REPLACEMENT;
      replaced += 1;
    }
  }
  return { text: out, replaced };
}

/** GBK bytes of already-sanitized text. In font A one byte is one column, so bytes = columns. */
export function encodeGbk(sanitized: string): Buffer {
  return iconv.encode(sanitized, 'gbk');
}

/** Printed width in font-A columns: ASCII 1, every (two-byte GBK) other character 2. */
export function displayColumns(sanitized: string): number {
  let columns = 0;
  for (const ch of sanitized) columns += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return columns;
}

/**
 * Sanitizes and wraps text to lines of at most `columns` printed columns. Explicit '\n' starts a
 * new line. A line breaks at the last space when an ASCII word would be split (English text);
 * Chinese breaks between any two characters. We wrap ourselves because a printer's own wrapping
 * can split a two-byte character, and node-thermal-printer's `_fold()` counts UTF-16 units.
 */
export function wrapColumns(text: string, columns: number): string[] {
  const width = Math.max(2, Math.floor(columns));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const ch of sanitizeForGbk(paragraph).text) {
      if (displayColumns(line + ch) <= width) {
        line += ch;
        continue;
      }
      const space = line.lastIndexOf(' ');
      const midWord = ch !== ' ' && (ch.codePointAt(0) ?? 0) < 0x80;
      if (midWord && space > 0) {
        lines.push(line.slice(0, space).trimEnd());
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line.trimEnd());
        line = ch === ' ' ? '' : ch;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
