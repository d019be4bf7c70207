/**
 * Number reading rules for voice calling, as clip ids.
 *
 * Two different readings are needed (hardware-and-standards §5.1): ticket numbers are read digit by
 * digit (A101 → "A 一 零 一"), because read as a quantity "一百零一" they sound like a different
 * ticket; window numbers are read as quantities ("十二号窗口"), which is how people say them.
 */

/** Highest window number the builders can read (three-digit quantities). */
export const MAX_WINDOW_NUMBER = 999;

/** Letters and digits that may appear in a ticket number, each its own clip id. */
export const TICKET_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Splits a ticket number into one clip id per character ("a012" → ["A", "0", "1", "2"]).
 * @throws RangeError when the ticket contains anything but ASCII letters and digits: a caller bug.
 */
export function readTicketCharacters(ticketNumber: string): string[] {
  const upper = ticketNumber.trim().toUpperCase();
  if (upper.length === 0 || ![...upper].every((c) => TICKET_CHARACTERS.includes(c))) {
    throw new RangeError(`ticket number must be letters and digits, got ${JSON.stringify(ticketNumber)}`);
  }
  return [...upper];
}

function assertWindowNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOW_NUMBER) {
    throw new RangeError(`window number must be an integer 1..${MAX_WINDOW_NUMBER}, got ${n}`);
  }
}

/**
 * Mandarin quantity reading of 1..999 as clip ids: digits "0".."9" (零..九), "shi" (十), "bai" (百).
 * 10 → 十 (not 一十), 12 → 十二, 20 → 二十, 101 → 一百零一, 110 → 一百一十 (一 is required after 百).
 * 2 is read 二 everywhere (二百, not 两百): the formal reading used on hall signage.
 */
export function readChineseQuantity(n: number): string[] {
  assertWindowNumber(n);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return readChineseBelowHundred(rest, false);
  const head = [String(hundreds), 'bai'];
  if (rest === 0) return head;
  if (rest < 10) return [...head, '0', String(rest)];
  return [...head, ...readChineseBelowHundred(rest, true)];
}

function readChineseBelowHundred(n: number, afterHundred: boolean): string[] {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const onesIds = ones === 0 ? [] : [String(ones)];
  if (tens === 0) return onesIds;
  // A leading 十 drops its 一 (十二), but inside a larger number it is kept (一百一十二).
  const tensIds = tens === 1 && !afterHundred ? ['shi'] : [String(tens), 'shi'];
  return [...tensIds, ...onesIds];
}

/**
 * English quantity reading of 1..999 as clip ids, composed from "0".."19", "20".."90" and
 * "hundred" (US style without "and": 101 → "one hundred one"), so the pack needs 30 number words.
 */
export function readEnglishQuantity(n: number): string[] {
  assertWindowNumber(n);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 0 ? [] : [String(hundreds), 'hundred'];
  if (rest === 0) return head;
  if (rest < 20) return [...head, String(rest)];
  const ones = rest % 10;
  return [...head, String(rest - ones), ...(ones === 0 ? [] : [String(ones)])];
}
