/** What each kind of client may see of a fact. Public clients never get a TicketView. */
import type { PublicEvent, StaffEvent } from '../protocol/events';
import type { RatingView } from '../protocol/model';

export function toPublicEvent(event: StaffEvent): PublicEvent | undefined {
  switch (event.type) {
    case 'ticket:called':
      return { seq: event.seq, at: event.at, type: 'ticket:called', data: { call: event.data.call } };
    case 'window:updated':
      return { seq: event.seq, at: event.at, type: 'window:updated', data: event.data };
    case 'notices:updated':
      return { seq: event.seq, at: event.at, type: 'notices:updated', data: event.data };
    case 'day:rolled':
      return { seq: event.seq, at: event.at, type: 'day:rolled', data: event.data };
    case 'config:updated':
      return { seq: event.seq, at: event.at, type: 'config:updated', data: event.data };
    default:
      return undefined;
  }
}

/** What a visitor's phone gets back after rating: the clerk's account name stays with staff. */
export function toPublicRating(rating: RatingView): RatingView {
  const { staffId: _hidden, ...rest } = rating;
  return rest;
}
