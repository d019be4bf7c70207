/**
 * ESC/POS byte sequences we emit ourselves, because the libraries get them wrong for Chinese
 * tickets (see docs/printing.md). Values follow docs/reference §1.1 and its hex appendix.
 */

export const INIT = Buffer.from([0x1b, 0x40]);
/** FS &: bytes >= 0x81 are read as two-byte GB codes. Harmless if the printer is already in it. */
export const CHINESE_MODE_ON = Buffer.from([0x1c, 0x26]);
export const LINE_FEED = Buffer.from([0x0a]);

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

const QR_EC_BYTE: Readonly<Record<QrErrorCorrection, number>> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** Largest pL + pH·256 Epson-class printers accept for QR "store data" (k + 3). */
export const QR_MAX_STORE_LENGTH = 7092;

/**
 * GS ! n. Multipliers 1–8. The high nibble is the WIDTH: node-thermal-printer's setTextSize puts
 * height there, which only matters for unequal sizes (pinned by a golden test).
 */
export function characterSize(width: number, height: number): Buffer {
  const w = clampInt(width, 1, 8) - 1;
  const h = clampInt(height, 1, 8) - 1;
  return Buffer.from([0x1d, 0x21, (w << 4) | h]);
}

/**
 * QR model 2 via GS ( k: model, module size, error correction, store, print.
 * pL/pH is computed over the payload BYTES (k + 3); node-thermal-printer counts UTF-16 code units,
 * which breaks any non-ASCII payload.
 */
export function qrCode(payload: Buffer, moduleSize: number, errorCorrection: QrErrorCorrection): Buffer {
  const storeLength = payload.length + 3;
  if (payload.length === 0 || storeLength > QR_MAX_STORE_LENGTH) {
    throw new RangeError(`QR payload must be 1..${QR_MAX_STORE_LENGTH - 3} bytes, got ${payload.length}`);
  }
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, clampInt(moduleSize, 1, 16)]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_EC_BYTE[errorCorrection]]),
    Buffer.from([0x1d, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

export type CutMode = 'partial' | 'full';

/**
 * GS V 66 0 / GS V 65 0: feed to the cutter, then cut. Feeding first matters: a bare GS V cuts at
 * the current position, through the last printed lines (the note) on most mechanisms.
 * node-thermal-printer has no feed-and-cut form, so this one is ours.
 */
export function feedAndCut(mode: CutMode): Buffer {
  return Buffer.from([0x1d, 0x56, mode === 'partial' ? 0x42 : 0x41, 0x00]);
}

export type StatusQuery = 1 | 2 | 3 | 4;

/** DLE EOT n: answered with one byte immediately, even while the printer is busy or offline. */
export function realtimeStatusQuery(n: StatusQuery): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
