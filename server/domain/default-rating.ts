/**
 * The province's default rating (some provinces: a visit not rated within N days is reported with a set
 * level, on the system channel). Pure: the finish time, the clock, the rule and the hall's calendar come in.
 * A visit is due only once both the rule's working days have passed AND the visitor's own phone rating
 * window has closed, so the default never takes a rating away from the visitor.
 */
import type { RatingScore } from '../protocol/model';
import { dayOf } from './calendar';
import { accept, refuse, type Decision } from './decision';
import type { Rating, Ticket } from './types';
import { addWorkingDays, endOfDay, type HallCalendar } from './working-days';

export interface DefaultRatingRule {
  /** Working days after the day of the visit; 0 = the rule is off. */
  readonly afterDays: number;
  /** Hours the visitor can still rate from the phone after the service (policy.phoneRatingHours). */
  readonly phoneRatingHours: number;
}

/** The instant from which a visit finished at `finishedAt` and still unrated gets the default rating. */
export function defaultRatingDueAt(finishedAt: number, rule: DefaultRatingRule, calendar: HallCalendar, timeZone: string): number | undefined {
  if (rule.afterDays <= 0) return undefined;
  const byWorkingDays = endOfDay(addWorkingDays(dayOf(finishedAt, timeZone), rule.afterDays, calendar), timeZone);
  return Math.max(byWorkingDays, finishedAt + rule.phoneRatingHours * 3_600_000);
}

export function isDefaultRatingDue(finishedAt: number, now: number, rule: DefaultRatingRule, calendar: HallCalendar, timeZone: string): boolean {
  const dueAt = defaultRatingDueAt(finishedAt, rule, calendar, timeZone);
  return dueAt !== undefined && now >= dueAt;
}

/**
 * The system's rating of a finished visit nobody rated. Refused when the visit has a rating (一次一评: the
 * visitor's own one always wins, and a default is never made twice) or is not finished.
 */
export function defaultRating(ticket: Ticket, existing: Rating | undefined, input: { id: string; score: RatingScore; now: number }): Decision<Rating> {
  if (existing) return refuse('already-rated', `${ticket.number} has already been rated. Each visit is rated once.`);
  if (ticket.status !== 'done' || ticket.windowId === undefined || ticket.finishedAt === undefined) return refuse('ticket-not-finished', `${ticket.number} is not finished.`);
  return accept({
    id: input.id, ticketId: ticket.id, serviceId: ticket.serviceId, windowId: ticket.windowId, staffId: ticket.staffId,
    score: input.score, tags: [], channel: 'system', finishedAt: ticket.finishedAt, ratedAt: input.now,
  });
}
