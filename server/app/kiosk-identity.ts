/**
 * An ID number (typed, read from a card, or in an appointment file) turned into what the hub may keep: the
 * masked number and name and a keyed hash (drivers/identity.ts does the GB 11643 arithmetic and the HMAC),
 * and the green channel by age through the hall's rule (domain/identity-policy.ts).
 */
import { ageOn, birthDateFromIdNumber, hashIdNumber, maskIdNumber, maskName, validateIdNumber } from '../../drivers/identity';
import { isGreenChannelByAge, type PersonRecord } from '../domain/identity-policy';

export type PersonResult = { ok: true; person: PersonRecord } | { ok: false; message: string };

/** Validates a typed or card ID number and turns it into its masked form and keyed hash. Never repeats the number. */
export function personFromIdNumber(idNumber: string, name: string | undefined, idHashKey: string): PersonResult {
  const checked = validateIdNumber(idNumber.replace(/\s+/g, ''));
  if (!checked.ok) return { ok: false, message: `${checked.message}. Please check the number and try again.` };
  const nameMasked = name && name.trim() !== '' ? maskName(name) : undefined;
  return { ok: true, person: { hash: hashIdNumber(checked.idNumber, idHashKey), masked: maskIdNumber(checked.idNumber), ...(nameMasked ? { nameMasked } : {}) } };
}

/** The green channel for a birth date (a card's field) on the hall-local day `today`; unreadable → none. */
export function isGreenChannelAge(birthDate: string | undefined, today: string, greenChannelAge: number | undefined): boolean {
  if (birthDate === undefined) return false;
  let age: number | undefined;
  try {
    age = ageOn(birthDate, today);
  } catch {
    age = undefined;
  }
  return isGreenChannelByAge(age, greenChannelAge);
}

/** The same for a typed number, whose birth date is inside it. */
export function isGreenChannelIdNumber(idNumber: string, today: string, greenChannelAge: number | undefined): boolean {
  return isGreenChannelAge(birthDateFromIdNumber(idNumber.replace(/\s+/g, '')), today, greenChannelAge);
}
