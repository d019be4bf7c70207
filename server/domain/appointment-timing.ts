/**
 * Appointment timing (预约取号), pure: where a check-in falls against its slot, what the kiosk and staff
 * are told about an appointment, and what checking it in means for the ticket. Time and zone passed in.
 */
import type { AppointmentStatus } from '../protocol/kiosk';
import { dayOf } from './calendar';
import { accept, refuse, type Decision } from './decision';

export interface Slot {
  readonly slotStart: number;
  readonly slotEnd: number;
}

export interface TimingPolicy {
  readonly appointmentEarlyMinutes: number;
  readonly appointmentLateMinutes: number;
}

/**
 * Where a check-in falls against the slot. 'early' and 'on-time' both keep appointment priority: the call
 * policy only lets an appointment ticket go first from `slotStart − early` on, so an early visitor waits
 * like anyone else until then. 'late' becomes a normal ticket: after the slot's end, or after
 * slotStart + late when that is later (the kiosk shows the slot, so a visitor inside it is never late).
 */
export type CheckInTiming = 'early' | 'on-time' | 'late';

export function checkInTiming(now: number, slot: Slot, policy: TimingPolicy): CheckInTiming {
  if (now < slot.slotStart - policy.appointmentEarlyMinutes * 60_000) return 'early';
  if (now <= Math.max(slot.slotEnd, slot.slotStart + policy.appointmentLateMinutes * 60_000)) return 'on-time';
  return 'late';
}

/** What the kiosk's preview and staff say about an appointment right now. */
export function appointmentStatus(appointment: Slot & { readonly ticketId?: string }, now: number, timeZone: string, policy: TimingPolicy): AppointmentStatus {
  if (appointment.ticketId) return 'used';
  if (dayOf(appointment.slotStart, timeZone) !== dayOf(now, timeZone)) return 'not-today';
  return checkInTiming(now, appointment, policy);
}

/** What checking an appointment in adds to the ticket: its slot start as the due time, unless it is late. */
export interface CheckIn {
  readonly dueAt?: number;
}

/**
 * Whether an appointment may be checked in for a service now. A used appointment is not refused here: the
 * issuing transaction refuses it, so that a retried request still gets its ticket back.
 */
export function checkIn(
  appointment: Slot & { readonly serviceId: string; readonly ticketId?: string },
  /** The service the visitor chose, and the name of the one the appointment is for (for the refusal). */
  request: { readonly serviceId: string; readonly bookedServiceName: string },
  now: number,
  timeZone: string,
  policy: TimingPolicy,
): Decision<CheckIn> {
  if (appointment.serviceId !== request.serviceId) return refuse('invalid-request', `This appointment is for ${request.bookedServiceName}.`);
  const day = dayOf(appointment.slotStart, timeZone);
  if (!appointment.ticketId && day !== dayOf(now, timeZone)) {
    return refuse('appointment-not-today', `This appointment is for ${day}, not today. Please come on that day.`);
  }
  return accept(checkInTiming(now, appointment, policy) === 'late' ? {} : { dueAt: appointment.slotStart });
}
