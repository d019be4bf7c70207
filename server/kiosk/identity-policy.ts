/**
 * The kiosk's rules about people and appointments, pure (time and keys passed in) so they are unit-tested
 * without a hub: who gets the green channel, and what an appointment check-in becomes at a given moment.
 */
import { ageOn, hashIdNumber, maskIdNumber, maskName, validateIdNumber } from '../../drivers/identity';

/** What the hub keeps about a person: never the ID number or the full name. */
export interface PersonRecord {
  readonly hash: string;
  readonly masked: string;
  readonly nameMasked?: string;
}

export type PersonResult = { ok: true; person: PersonRecord } | { ok: false; message: string };

/** Validates a typed or card ID number and turns it into its masked form and keyed hash. */
export function personFromIdNumber(idNumber: string, name: string | undefined, idHashKey: string): PersonResult {
  const checked = validateIdNumber(idNumber.replace(/\s+/g, ''));
  if (!checked.ok) return { ok: false, message: `${checked.message}. Please check the number and try again.` };
  const nameMasked = name && name.trim() !== '' ? maskName(name) : undefined;
  return { ok: true, person: { hash: hashIdNumber(checked.idNumber, idHashKey), masked: maskIdNumber(checked.idNumber), ...(nameMasked ? { nameMasked } : {}) } };
}

/**
 * The green channel by age: on when the hall configures an age and the person has reached it today
 * (hall-local date). A birth date that cannot be read gives no green channel rather than an error.
 */
export function isGreenChannelAge(birthDate: string | undefined, today: string, greenChannelAge: number | undefined): boolean {
  if (greenChannelAge === undefined || birthDate === undefined) return false;
  try {
    return ageOn(birthDate, today) >= greenChannelAge;
  } catch {
    return false;
  }
}

/**
 * Where a check-in falls against the slot. 'early' and 'on-time' both keep appointment priority: the call
 * policy only lets an appointment ticket go first from `slotStart − early` on, so an early visitor waits
 * like anyone else until then. 'late' becomes a normal ticket: after the slot's end, or after
 * slotStart + late when that is later (the kiosk shows the slot, so a visitor inside it is never late).
 */
export type CheckInTiming = 'early' | 'on-time' | 'late';

export function checkInTiming(
  now: number,
  slot: { readonly slotStart: number; readonly slotEnd: number },
  policy: { appointmentEarlyMinutes: number; appointmentLateMinutes: number },
): CheckInTiming {
  if (now < slot.slotStart - policy.appointmentEarlyMinutes * 60_000) return 'early';
  if (now <= Math.max(slot.slotEnd, slot.slotStart + policy.appointmentLateMinutes * 60_000)) return 'on-time';
  return 'late';
}
