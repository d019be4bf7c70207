/**
 * The keypad's own check of a typed resident ID number (GB 11643-1999), so a slip of the finger is caught
 * on the keypad, with the digits still there to correct, instead of after the visitor has chosen a service.
 * The hub checks again (drivers/identity.ts); this copy exists because the page imports nothing with I/O.
 */

/** Why a typed number cannot be used: shown on the keypad, in the visitor's words (i18n `idProblem`). */
export type IdProblem = 'length' | 'birth-date' | 'check-digit';

// ISO 7064 MOD 11-2: the weight of position i is 2^(17-i) mod 11; the remainder picks the check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character (0–9 or X) for the first 17 digits; undefined when they are not 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11];
}

/**
 * What is wrong with a typed number, or undefined when it is a valid 18-character number: 17 digits and a
 * check character, a real birth date (YYYYMMDD at positions 7–14, year 1800–2999) and the right check
 * character. A lower-case x counts as X.
 */
export function idNumberProblem(typed: string): IdProblem | undefined {
  const id = typed.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'length';
  if (!isRealDate(id.slice(6, 14))) return 'birth-date';
  return idCheckCharacter(id.slice(0, 17)) === id[17] ? undefined : 'check-digit';
}

/**
 * Whether a valid typed number's holder has reached the green-channel age on `today` (YYYY-MM-DD in the hall's
 * zone): the same notice a card gives (issue 18). Only the notice: the hub decides the ticket's priority
 * itself from the number (server/app/kiosk-identity.ts), so a page that got this wrong could mint nothing.
 */
export function isGreenChannelTyped(typed: string, today: string, greenChannelAge: number | null | undefined): boolean {
  const id = typed.trim().toUpperCase();
  if (greenChannelAge === null || greenChannelAge === undefined || idNumberProblem(id) !== undefined) return false;
  const [year, month, day] = [Number(today.slice(0, 4)), today.slice(5, 7), today.slice(8, 10)];
  const hadBirthday = `${month}${day}` >= id.slice(10, 14);
  return year - Number(id.slice(6, 10)) - (hadBirthday ? 0 : 1) >= greenChannelAge;
}

/** Today's date (YYYY-MM-DD) in the hall's zone, for the age above. */
export function hallToday(timeZone: string, now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
