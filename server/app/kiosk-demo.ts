/**
 * Demo-only helpers: made-up people whose "cards" can be laid on a simulated reader, and a few
 * appointments for today, so 一证通办 and 预约取号 can be tried without hardware. The ID numbers are
 * valid in form (check digit) but invented.
 */
import { ageOn, idCheckCharacter } from '../../drivers/identity';
import type { IdCardData } from '../../drivers/idcard';
import { localParts } from '../domain/calendar';
import type { DEMO_APPOINTMENT_KINDS, DemoPerson } from '../protocol/kiosk';
import { isGreenChannelAge } from './kiosk-identity';

function card(name: string, sex: IdCardData['sex'], birth: string, serial: string): IdCardData {
  const first17 = `110101${birth.replaceAll('-', '')}${serial}`;
  return {
    name,
    sex,
    nation: '汉',
    birthDate: birth,
    address: '示范市示范区示范路1号',
    idNumber: first17 + idCheckCharacter(first17),
    authority: '示范市公安局示范分局',
    validFrom: '2020-01-01',
    validTo: 'long-term',
  };
}

/** Demo people by key; `nameEn` (pinyin) is only for the English demo strip, the card carries the real name. */
export const DEMO_PEOPLE: Readonly<Record<string, { nameEn: string; card: IdCardData }>> = {
  elderly: { nameEn: 'Li Xiuying', card: card('李秀英', 'female', '1948-03-15', '002') },
  adult: { nameEn: 'Zhang Wei', card: card('张伟', 'male', '1986-07-09', '013') },
  young: { nameEn: 'Wang Xiaoming', card: card('王小明', 'male', '2001-05-20', '031') },
};

/**
 * The demo strip's people as data, not words (the page words them in its language): their age today and
 * whether the hall's green-channel rule (the same one a real card meets) lets them go first.
 */
export function demoPeople(today: string, greenChannelAge: number | undefined): DemoPerson[] {
  return Object.entries(DEMO_PEOPLE).map(([key, p]) => ({
    key,
    name: p.card.name,
    nameEn: p.nameEn,
    age: ageOn(p.card.birthDate, today),
    isGreenChannel: isGreenChannelAge(p.card.birthDate, today, greenChannelAge),
  }));
}

export interface DemoAppointment {
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly what: (typeof DEMO_APPOINTMENT_KINDS)[number];
}

/** Appointments around `now`: one due now, one whose slot has passed, one later today. Codes are per day. */
export function demoAppointments(now: number, timeZone: string, serviceIds: readonly string[]): DemoAppointment[] {
  const p = localParts(now, timeZone);
  const stem = `${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
  const quarter = now - ((p.minute % 15) * 60 + p.second) * 1000 - (now % 1000);
  const service = (i: number): string => serviceIds[i % serviceIds.length] ?? '';
  return [
    { code: `${stem}01`, serviceId: service(0), slotStart: quarter, what: 'on-time' },
    { code: `${stem}02`, serviceId: service(1), slotStart: quarter - 2 * 3600_000, what: 'late' },
    { code: `${stem}03`, serviceId: service(2), slotStart: quarter + 2 * 3600_000, what: 'later-today' },
  ];
}
