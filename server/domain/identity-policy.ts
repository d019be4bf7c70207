/**
 * The hall's rules about people (一证通办), pure so they are unit-tested without a hub: what is kept of a
 * person, who gets the green channel, and whose an appointment booked with an ID number is. Reading and
 * hashing the number itself (GB 11643, HMAC) is drivers/identity.ts, used by server/app/kiosk-identity.ts,
 * which hands the results in here.
 */
import { refuse, accept, type Decision } from './decision';

/** What the hub keeps about a person: never the ID number or the full name. */
export interface PersonRecord {
  readonly hash: string;
  readonly masked: string;
  readonly nameMasked?: string;
}

/**
 * The green channel by age: on when the hall configures an age and the person has reached it on the
 * hall-local day. An age that could not be read (`undefined`) gives no green channel rather than an error.
 */
export function isGreenChannelByAge(age: number | undefined, greenChannelAge: number | undefined): boolean {
  return greenChannelAge !== undefined && age !== undefined && age >= greenChannelAge;
}

/** The person an appointment was booked for, as stored with it (masked and hashed only). */
export interface BookedPerson {
  readonly personHash?: string;
  readonly personMasked?: string;
  readonly nameMasked?: string;
}

/**
 * Who checks in with an appointment. An appointment booked with an ID number is that person's: another
 * card (or typed number) cannot use it; the code alone still checks in, as it was given to the person who
 * booked, and the ticket then carries the booking's person. A typed number has no name: the booking's
 * masked name is the same person's.
 */
export function personForCheckIn(person: PersonRecord | undefined, booked: BookedPerson): Decision<PersonRecord | undefined> {
  if (person && booked.personHash && person.hash !== booked.personHash) {
    return refuse(
      'appointment-other-person',
      'This appointment was booked with a different ID card. Please show the ID card it was booked with, or take a normal ticket.',
    );
  }
  if (person && !person.nameMasked && booked.personHash && booked.nameMasked) return accept({ ...person, nameMasked: booked.nameMasked });
  if (!person && booked.personHash && booked.personMasked) {
    return accept({ hash: booked.personHash, masked: booked.personMasked, ...(booked.nameMasked ? { nameMasked: booked.nameMasked } : {}) });
  }
  return accept(person);
}
