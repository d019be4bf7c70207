/**
 * The bytes of an uploaded CSV as text. Excel and WPS on Chinese Windows save "CSV" in GBK (code page 936)
 * unless told otherwise, others in UTF-8 with or without a BOM: a file that is valid UTF-8 is read as UTF-8,
 * anything else as GB18030 (a superset of GBK and GB2312), so a manager never has to know which they saved.
 */
import iconv from 'iconv-lite';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeCsvBytes(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}
