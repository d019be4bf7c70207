/**
 * 好差评 rules: one rating per finished visit (一次一评), on the five national levels, within the
 * channel's time. Levels 2 and 1 (不满意, 非常不满意) are 差评 and open a follow-up.
 */
import type { RatingChannel, RatingScore } from '../protocol/model';
import { accept, refuse, type Decision } from './decision';
import type { HallPolicy, Rating, Ticket } from './types';

export function isBadRating(score: RatingScore): boolean {
  return score <= 2;
}

/** Until when a finished ticket can still be rated through a channel. */
export function ratingDeadline(ticket: Ticket, channel: RatingChannel, policy: HallPolicy): number | undefined {
  if (ticket.finishedAt === undefined) return undefined;
  const window = channel === 'phone' ? policy.phoneRatingHours * 3600_000 : policy.ratingTimeoutSeconds * 1000;
  return ticket.finishedAt + window;
}

export interface RatingInput {
  readonly id: string;
  readonly score: RatingScore;
  readonly tags: readonly string[];
  readonly comment?: string;
  readonly channel: RatingChannel;
  readonly now: number;
}

export function rateTicket(ticket: Ticket, existing: Rating | undefined, input: RatingInput, policy: HallPolicy): Decision<Rating> {
  if (existing) return refuse('already-rated', `${ticket.number} has already been rated. Each visit is rated once.`);
  if (ticket.status !== 'done' || ticket.windowId === undefined || ticket.finishedAt === undefined) {
    return refuse('ticket-not-finished', `${ticket.number} can be rated once its service is finished.`);
  }
  const deadline = ratingDeadline(ticket, input.channel, policy);
  if (deadline !== undefined && input.now > deadline) {
    return refuse('rating-closed', `The time to rate ${ticket.number} here has passed.`);
  }
  return accept({
    id: input.id,
    ticketId: ticket.id,
    serviceId: ticket.serviceId,
    windowId: ticket.windowId,
    staffId: ticket.staffId,
    score: input.score,
    tags: [...input.tags],
    comment: input.comment,
    channel: input.channel,
    finishedAt: ticket.finishedAt,
    ratedAt: input.now,
  });
}
