/**
 * Privacy and validation helpers for resident ID numbers (GB 11643) and names. Pure: no I/O,
 * no clock. Used by the hub so that only masked or hashed forms are ever stored (PIPL Art. 6/51).
 * No function here puts an ID number or name into an error message.
 */
import { createHmac } from 'node:crypto';

/** Trims and upper-cases the check character, the only letter an ID number may contain. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/**
 * Masks an ID number for display: first 4 + one `*` per hidden character + last 4, the pattern
 * public reader code uses (`3101**********1234`). Strings of 8 characters or fewer are fully
 * masked, because keeping 4+4 would reveal all of them.
 */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber);
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

const NAME_SEPARATORS = new Set([' ', '·', '•', '.', '-', '\u00b7', '\u30fb']);

/**
 * Masks a name for display, keeping only its first character: '张三' → '张*', '欧阳娜娜' → '欧***',
 * 'John Smith' → 'J*** *****', '买买提·艾力' → '买**·**'.
 *
 * Why only one character: a compound surname (欧阳, 司马) cannot be told from a one-character
 * surname plus given name (欧 + 阳…) by the string alone, and keeping one character never shows
 * any of the given name. Separators are kept so the shape stays readable; one `*` per hidden
 * character (code point, so rare CJK Extension B characters count once).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.map((char, index) => (index === 0 || NAME_SEPARATORS.has(char) ? char : '*')).join('');
}

/**
 * HMAC-SHA256 (hex) of the normalised ID number under a per-site secret: lets the hub match a
 * returning person (appointment check-in) without storing the number. A plain hash would not do:
 * 18-digit IDs with known birth dates and regions are cheap to enumerate.
 */
export function hashIdNumber(idNumber: string, secret: string | Uint8Array): string {
  if (secret.length === 0) throw new Error('hashIdNumber: the site secret must not be empty');
  return createHmac('sha256', secret).update(normalizeIdNumber(idNumber), 'utf8').digest('hex');
}

/** Why an ID number was refused. */
export type IdNumberProblem = 'length' | 'format' | 'birth-date' | 'check-digit';

/** Result of {@link validateIdNumber}; `message` never contains the number. */
export type IdNumberValidation =
  | { readonly ok: true; readonly idNumber: string }
  | { readonly ok: false; readonly code: IdNumberProblem; readonly message: string };

// GB 11643 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of an ID number. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Validates an 18-character resident ID number: 17 digits + check character (digit or X, lower
 * case accepted), a real calendar birth date at positions 7–14, and the MOD 11-2 check digit.
 * 15-digit first-generation numbers are refused ('length'): those cards expired in 2013.
 */
export function validateIdNumber(idNumber: string): IdNumberValidation {
  const id = normalizeIdNumber(idNumber);
  if (id.length !== 18) return { ok: false, code: 'length', message: 'ID number must have 18 characters' };
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, code: 'format', message: 'ID number must be 17 digits followed by a digit or X' };
  }
  if (compactToIsoDate(id.slice(6, 14)) === undefined) {
    return { ok: false, code: 'birth-date', message: 'ID number does not contain a valid birth date' };
  }
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) {
    return { ok: false, code: 'check-digit', message: 'ID number check digit does not match' };
  }
  return { ok: true, idNumber: id };
}

/**
 * Birth date ('YYYY-MM-DD') encoded in an ID number, or undefined when the number is not 18
 * characters of the right shape or the date is not a real one. The check digit is not verified:
 * use {@link validateIdNumber} for that.
 */
export function birthDateFromIdNumber(idNumber: string): string | undefined {
  const id = normalizeIdNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(id)) return undefined;
  return compactToIsoDate(id.slice(6, 14));
}

/**
 * Whole years of age on `onDate` ('YYYY-MM-DD'). `birth` is a 'YYYY-MM-DD' date or an ID number.
 * The age goes up on the birthday itself; someone born on 29 February gets older on 1 March in
 * common years (a choice: 28 February would credit a year one day early; see docs/id-card-reader.md).
 * Throws RangeError on malformed input (a caller bug: card dates are validated on decode).
 */
export function ageOn(birth: string, onDate: string): number {
  const birthIso = /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : birthDateFromIdNumber(birth);
  const birthParts = birthIso === undefined ? undefined : isoDateParts(birthIso);
  const onParts = isoDateParts(onDate);
  if (birthParts === undefined) throw new RangeError('ageOn: birth is neither a valid date nor an ID number');
  if (onParts === undefined) throw new RangeError('ageOn: onDate must be a valid YYYY-MM-DD date');
  const [by, bm, bd] = birthParts;
  const [oy, om, od] = onParts;
  const hadBirthday = om > bm || (om === bm && od >= bd);
  const age = oy - by - (hadBirthday ? 0 : 1);
  if (age < 0) throw new RangeError('ageOn: onDate is before the birth date');
  return age;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real calendar date (year 1800–2999), else undefined. */
export function compactToIsoDate(yyyymmdd: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (match === null) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isoDateParts(iso) === undefined ? undefined : iso;
}

function isoDateParts(iso: string): readonly [number, number, number] | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  // Day 0 of the next month is the last day of this one; UTC avoids any local-time DST edge.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? [year, month, day] : undefined;
}
