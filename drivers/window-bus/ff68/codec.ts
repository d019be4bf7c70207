import type { CallerKey, RatingLevel } from '../types';

/**
 * The vendor RS-485 bus seen in JackQChen/QueueSystem (CallSystem/frmMain.cs), 9600 8N1:
 * `FF 68 L L 68 ADDR FUNC DATA… CS 16`, L = 2 + data length, CS = (ADDR + FUNC + ΣDATA) mod 256.
 */
export const FF68 = {
  lead: 0xff,
  start: 0x68,
  end: 0x16,
  /** Host → device: six digit bytes, left three then right three; 0x0A is a blank digit. */
  funcShow: 0x02,
  /** Host → device: beep, no data. */
  funcBeep: 0x03,
  /** Device → host: evaluator value in data[0]. */
  funcEvaluation: 0x11,
  /**
   * Device → host key frames: the vendor host never checks FUNC for keys (it reads the last data
   * byte), so the real value is unknown. Our simulator sends 0x01; the driver accepts any FUNC
   * other than 0x11.
   */
  funcKey: 0x01,
  blankDigit: 0x0a,
} as const;

/** Key codes in the last data byte of a device key frame. */
export const FF68_KEYS = {
  requestEvaluation: 0x0b,
  call: 0x0c,
  recall: 0x0d,
  cancelObsolete: 0x0e,
  confirm: 0x0f,
  pause: 0x12,
  transfer: 0x13,
} as const;

/** Digit typed before 确认 (0x0F): 6 = 弃号 abandon, 0 = 挂起 suspend, 3 = 回呼 call back. */
export const FF68_CONFIRM_DIGITS = { abandon: 0x06, suspend: 0x00, callBack: 0x03 } as const;

/**
 * Old evaluator values → national five levels. The vendor records 1 不满意, 3 满意, 4 非常满意
 * (2 unused by the 3-key model, 基本满意 on 4-key models). Labels are kept: 不满意 stays level 2,
 * so 差评 (1–2) means the same thing before and after; level 1 cannot be produced by this hardware.
 * 0 is "no rating" and is dropped.
 */
export const FF68_LEVELS: Readonly<Record<number, RatingLevel>> = { 1: 2, 2: 3, 3: 4, 4: 5 };

export interface Ff68Frame {
  readonly address: number;
  readonly func: number;
  readonly data: readonly number[];
}

export type Ff68Decoded =
  | { readonly ok: true; readonly frame: Ff68Frame; readonly raw: Buffer }
  | { readonly ok: false; readonly code: 'checksum' | 'garbage'; readonly raw: Buffer };

export function ff68Checksum(address: number, func: number, data: readonly number[]): number {
  let sum = address + func;
  for (const byte of data) sum += byte;
  return sum & 0xff;
}

/** Encodes one frame. Throws RangeError for values that cannot be framed (programming errors). */
export function encodeFf68(frame: Ff68Frame): Buffer {
  const { address, func, data } = frame;
  for (const byte of [address, func, ...data]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw new RangeError(`FF68 byte out of range: ${byte}`);
  }
  if (data.length > 253) throw new RangeError('FF68 data too long');
  const length = data.length + 2;
  return Buffer.from([FF68.lead, FF68.start, length, length, FF68.start, address, func, ...data, ff68Checksum(address, func, data), FF68.end]);
}

/** Func 02 payload: `left` and `right` are up to 3 digits each, right-aligned, blank-padded; undefined = blank. */
export function encodeDisplayDigits(left: string | undefined, right: string | undefined): number[] {
  return [...side(left), ...side(right)];
}

function side(digits: string | undefined): number[] {
  const text = (digits ?? '').replace(/\D/g, '').slice(-3);
  const out: number[] = [FF68.blankDigit, FF68.blankDigit, FF68.blankDigit];
  for (let i = 0; i < text.length; i += 1) out[3 - text.length + i] = Number(text[i]);
  return out;
}

/**
 * What a strip on this bus can show of `text`: the last three digits of its first number
 * ("A001 请到3号窗口" → "001"), on the right-hand field where the vendor host puts ticket numbers.
 */
export function stripDigits(text: string): string | undefined {
  return /\d+/.exec(text)?.[0].slice(-3);
}

/** Device key frame → hub key; undefined for keys the hub has no command for. */
export function ff68Key(data: readonly number[]): CallerKey | undefined {
  const code = data[data.length - 1];
  switch (code) {
    case FF68_KEYS.call:
      return 'call-next';
    case FF68_KEYS.recall:
      return 'recall';
    case FF68_KEYS.requestEvaluation:
      return 'finish';
    case FF68_KEYS.pause:
      return 'pause';
    case FF68_KEYS.transfer:
      return 'transfer';
    case FF68_KEYS.confirm:
      return data.length === 2 && data[0] === FF68_CONFIRM_DIGITS.abandon ? 'no-show' : undefined;
    default:
      return undefined;
  }
}

/**
 * Streaming decoder: hunts for `FF 68`, checks both lengths, the second 68, the checksum and the
 * end byte; on any mismatch it drops one byte and hunts again, so a frame hidden behind garbage
 * or a broken frame is still found.
 */
export class Ff68Decoder {
  private buffer: Buffer = Buffer.alloc(0);

  feed(chunk: Uint8Array): Ff68Decoded[] {
    const out: Ff68Decoded[] = [];
    let data = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    let garbage = 0;
    const flushGarbage = (): void => {
      if (garbage > 0) out.push({ ok: false, code: 'garbage', raw: Buffer.from(data.subarray(0, garbage)) });
      data = data.subarray(garbage);
      garbage = 0;
    };
    while (garbage < data.length) {
      const rest = data.subarray(garbage);
      if (rest[0] !== FF68.lead || (rest.length > 1 && rest[1] !== FF68.start)) {
        garbage += 1;
        continue;
      }
      if (rest.length < 5) break;
      const length = rest[2] ?? 0;
      if (length < 2 || rest[3] !== length || rest[4] !== FF68.start) {
        garbage += 1;
        continue;
      }
      const total = length + 7;
      if (rest.length < total) break;
      const address = rest[5] ?? 0;
      const func = rest[6] ?? 0;
      const body = [...rest.subarray(7, 5 + length)];
      const checksumOk = rest[total - 2] === ff68Checksum(address, func, body);
      if (rest[total - 1] !== FF68.end || !checksumOk) {
        if (rest[total - 1] === FF68.end) {
          flushGarbage();
          // Structure intact, sum wrong: a corrupted byte inside, skip the whole frame.
          out.push({ ok: false, code: 'checksum', raw: Buffer.from(data.subarray(0, total)) });
          data = data.subarray(total);
        } else {
          garbage += 1;
        }
        continue;
      }
      flushGarbage();
      out.push({ ok: true, frame: { address, func, data: body }, raw: Buffer.from(data.subarray(0, total)) });
      data = data.subarray(total);
    }
    flushGarbage();
    this.buffer = Buffer.from(data);
    return out;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}
