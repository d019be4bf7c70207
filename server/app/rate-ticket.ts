/** Recording a rating: one per finished visit, tied to its ticket, window, clerk and service. */
import type { RatingBody } from '../protocol/http';
import type { RatingChannel, RatingScore, RatingView } from '../protocol/model';
import { rateTicket } from '../domain/ratings';
import type { Rating } from '../domain/types';
import type { HubCore } from './core';
import { HubError, must } from './errors';
import type { Actor } from './actor';
import { commitOnce } from './idempotency';
import { enqueueProvinceRecords } from './province-outbox';

export function toRatingView(r: Rating, number: string): RatingView {
  return {
    id: r.id,
    ticketId: r.ticketId,
    number,
    serviceId: r.serviceId,
    windowId: r.windowId,
    staffId: r.staffId,
    score: r.score,
    tags: [...r.tags],
    channel: r.channel,
    finishedAt: r.finishedAt,
    ratedAt: r.ratedAt,
  };
}

/**
 * Rates a ticket by id (keypad and rating pad: the hub armed them for that ticket) or, for the phone,
 * the latest finished segment behind a track token.
 */
export function recordRating(
  core: HubCore,
  actor: Actor,
  target: { ticketId: string } | { trackToken: string },
  body: RatingBody,
  channel: RatingChannel,
  idempotencyKey?: string,
): RatingView {
  const key = idempotencyKey ?? body.idempotencyKey;
  const scope = 'trackToken' in target ? `rate:track:${target.trackToken}` : `rate:ticket:${target.ticketId}`;
  return commitOnce(core, actor, scope, key, { target, body: { ...body, idempotencyKey: undefined }, channel }, (tx) => {
    const ticket = 'ticketId' in target ? core.tickets.get(target.ticketId) : core.tickets.findByTrackToken(target.trackToken);
    if (!ticket) throw new HubError('unknown-ticket', 'No such ticket. Check the number on your ticket.');
    if (actor.kind === 'device' && ticket.windowId !== actor.windowId) {
      throw new HubError('forbidden', `${ticket.number} was not served at this window; its rating pad cannot rate it.`);
    }
    const rating = must(
      rateTicket(
        ticket,
        core.hall.ratingForTicket(ticket.id),
        { id: core.deps.newId(), score: body.score as RatingScore, tags: body.tags ?? [], comment: body.comment, channel, now: tx.now },
        core.config.policy,
      ),
    );
    core.hall.insertRating(rating);
    // The province record commits with the rating: a crash cannot keep one without the other.
    enqueueProvinceRecords(core.deps.db, core.config, rating, 'rating', tx.now);
    const view = toRatingView(rating, ticket.number);
    tx.emit('rating:recorded', { rating: view });
    return view;
  });
}
