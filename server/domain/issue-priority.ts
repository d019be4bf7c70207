/**
 * A new ticket's priority, decided in one place for every way of issuing (kiosk or clerk, HTTP or socket).
 * The kiosk only reports facts (the person's age reached the green-channel age, an appointment checked in
 * on time); what the request asked for comes from its body.
 */
import type { Priority } from '../protocol/model';

export interface PriorityFacts {
  /** What the request asked for: a clerk's choice, or the kiosk's assisted / pregnant green-channel button. */
  readonly requested?: Priority;
  readonly requestedReason?: string;
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
 * The green channel by age wins over everything (reason 'elderly'); a green channel asked for stands over
 * an appointment (its reason, or 'other'); then an on-time appointment; else what was asked, or normal.
 */
export function decideIssuePriority(facts: PriorityFacts): IssuePriority {
  if (facts.isGreenByAge) return { priority: 'green', priorityReason: 'elderly' };
  if (facts.requested === 'green') return { priority: 'green', priorityReason: facts.requestedReason ?? 'other' };
  if (facts.isAppointmentOnTime) return { priority: 'appointment' };
  return { priority: facts.requested ?? 'normal' };
}
