/**
 * The simulated busy day (figure 3), as data: 2,000 visitors over 8 hours with a morning peak, four
 * services with their own true service-time distributions, and 20 windows. The configured service
 * minutes (the estimate's prior) are the hall's guesses, deliberately not the true means.
 */
import type { HallConfigFile } from '../../server/config-schema';
import { seededRandom } from './stats';

export const DAY_START = Date.parse('2026-11-27T01:00:00Z'); // 09:00 in Asia/Shanghai
export const HOURS = 8;

/** Relative arrival intensity per hour from 09:00: a morning peak, a lunch dip, a smaller afternoon rise. */
const HOURLY_WEIGHT = [1.7, 2.0, 1.5, 0.8, 0.6, 1.0, 0.9, 0.6] as const;

export const SERVICE_MIX = { A: 0.4, B: 0.3, C: 0.1, D: 0.2 } as const;
export type ServiceId = keyof typeof SERVICE_MIX;

/** True mean service minutes and spread (coefficient of variation) of the lognormal service time. */
export const TRUE_SERVICE = { A: { mean: 3.5, cv: 0.6 }, B: { mean: 4.5, cv: 0.6 }, C: { mean: 7.5, cv: 0.5 }, D: { mean: 4, cv: 0.5 } } as const;
export const CONFIGURED_MINUTES: Readonly<Record<ServiceId, number>> = { A: 4, B: 5, C: 10, D: 5 };

/** 7 A/B, 5 B/A, 2 C, 3 D and 3 一窗通办 windows serving all four equally. */
export function windowServes(index: number): HallConfigFile['windows'][number]['services'] {
  if (index < 7) return ['A', 'B'];
  if (index < 12) return ['B', 'A'];
  if (index < 14) return ['C'];
  if (index < 17) return ['D'];
  return (['A', 'B', 'C', 'D'] as const).map((serviceId) => ({ serviceId, weight: 1 }));
}

export interface Visitor {
  readonly arrivesAt: number;
  readonly serviceId: ServiceId;
  readonly serviceMs: number;
}

/** The day's visitors, sorted by arrival; the same for every run (seeded). */
export function visitors(count: number, seed = 20261127): Visitor[] {
  const random = seededRandom(seed);
  const total = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);
  const pickHour = (u: number): number => {
    let acc = 0;
    for (const [h, w] of HOURLY_WEIGHT.entries()) {
      acc += w / total;
      if (u < acc) return h;
    }
    return HOURLY_WEIGHT.length - 1;
  };
  const pickService = (u: number): ServiceId => {
    let acc = 0;
    for (const [id, share] of Object.entries(SERVICE_MIX) as Array<[ServiceId, number]>) {
      acc += share;
      if (u < acc) return id;
    }
    return 'A';
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const list = Array.from({ length: count }, (): Visitor => {
    const hour = pickHour(random());
    const serviceId = pickService(random());
    const { mean, cv } = TRUE_SERVICE[serviceId];
    const sigma2 = Math.log(1 + cv * cv);
    const minutes = Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * normal());
    return { arrivesAt: DAY_START + (hour + random()) * 3_600_000, serviceId, serviceMs: Math.max(0.5, minutes) * 60_000 };
  });
  return list.sort((a, b) => a.arrivesAt - b.arrivesAt);
}
