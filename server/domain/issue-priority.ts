/**
 * A new ticket's priority, decided in one place for every way of issuing (kiosk or clerk, HTTP or socket).
 * The hub decides: a client's `priority` is a REQUEST, checked against facts the hub established itself —
 * the person's age read from a card or a typed ID number, an appointment code checked in on time, or a
 * staff member granting the green channel (the grant is in the event log, the audit's source, with its
 * reason and who gave it).
 *
 * A request the facts do not support is refused, not quietly downgraded: an API client learns at once that
 * its ticket is not what it asked for, and a visitor is never handed a plain ticket they believe is priority.
 */
import type { Priority } from '../protocol/model';
import { accept, refuse, type Decision } from './decision';

export interface PriorityFacts {
  /** What the request asked for. */
  readonly requested?: Priority;
  readonly requestedReason?: string;
  /** A signed-in staff member issues (导办台, a clerk): they may grant the green channel, with a reason. */
  readonly isStaff: boolean;
  /** The person (card or typed number) has reached the hall's green-channel age today. */
  readonly isGreenByAge: boolean;
  /** An appointment checked in on time (or early): it keeps appointment priority. A late one does not. */
  readonly isAppointmentOnTime: boolean;
}

export interface IssuePriority {
  readonly priority: Priority;
  /** Why the green channel; only a green ticket has one. */
  readonly priorityReason?: string;
}

/**
 * The green channel by age wins over everything (reason 'elderly'); a staff member's green channel stands
 * over an appointment (its reason); then an on-time appointment; else normal. A kiosk asking for green
 * without the age, or anyone asking for appointment without an on-time code, is refused.
 */
export function decideIssuePriority(facts: PriorityFacts): Decision<IssuePriority> {
  if (facts.isGreenByAge) return accept({ priority: 'green', priorityReason: 'elderly' });
  if (facts.requested === 'green') {
    if (!facts.isStaff) {
      return refuse(
        'priority-not-allowed',
        'A kiosk cannot choose the green channel: it is given by age on an ID card or ID number, or by staff. Please ask at the help desk (导办台).',
      );
    }
    if (facts.requestedReason === undefined) {
      return refuse('invalid-request', 'Say why this visitor gets the green channel (priorityReason), so the grant can be audited.');
    }
    return accept({ priority: 'green', priorityReason: facts.requestedReason });
  }
  if (facts.isAppointmentOnTime) return accept({ priority: 'appointment' });
  if (facts.requested === 'appointment') {
    return refuse(
      'priority-not-allowed',
      'Appointment priority needs a valid appointment code for this service, checked in on time. Enter the code from your booking, or take a normal ticket.',
    );
  }
  return accept({ priority: 'normal' });
}
