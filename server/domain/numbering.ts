import type { Service } from './types';
import { accept, refuse, type Decision } from './decision';
import { isWithinHours } from './calendar';

/** 'A' + 12 in a 001–999 range → 'A012'. The width follows the range end so that numbers line up. */
export function formatNumber(prefix: string, seq: number, rangeEnd: number): string {
  return prefix + String(seq).padStart(Math.max(3, String(rangeEnd).length), '0');
}

export interface DayCounter {
  /** Highest sequence issued today for the service, or undefined before the first ticket. */
  readonly lastSeq?: number;
  readonly issuedToday: number;
}

export type Unavailable = 'outside-hours' | 'daily-cap-reached' | 'no-numbers-left';

/**
 * Why a service cannot issue a ticket at this minute, if it cannot. A booked visitor (appointment check-in)
 * is not held to the daily cap: the cap rations walk-in tickets, and the booking was the promise of a place.
 */
export function unavailableReason(service: Service, counter: DayCounter, localMinute: number, isBooked = false): Unavailable | undefined {
  if (!isWithinHours(localMinute, service.hours)) return 'outside-hours';
  if (!isBooked && service.dailyCap !== undefined && counter.issuedToday >= service.dailyCap) return 'daily-cap-reached';
  if ((counter.lastSeq ?? service.rangeStart - 1) >= service.rangeEnd) return 'no-numbers-left';
  return undefined;
}

/** The next daily sequence number for a service, or why there is none. */
export function allocateSeq(service: Service, counter: DayCounter, localMinute: number, isBooked = false): Decision<number> {
  switch (unavailableReason(service, counter, localMinute, isBooked)) {
    case 'outside-hours':
      return refuse('service-closed', `${service.name} is not taking tickets at this time. Please see the opening hours.`);
    case 'daily-cap-reached':
      return refuse('daily-cap-reached', `${service.name} has reached today's limit of ${service.dailyCap} tickets. Please come back tomorrow or book an appointment.`);
    case 'no-numbers-left':
      return refuse('numbers-exhausted', `${service.name} has used all its numbers for today (${formatNumber(service.prefix, service.rangeEnd, service.rangeEnd)}).`);
    case undefined:
      return accept((counter.lastSeq ?? service.rangeStart - 1) + 1);
  }
}
