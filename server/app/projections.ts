/** What each kind of client may see of a fact. Public clients never get a TicketView. */
import type { PublicEvent, StaffEvent, WindowCommandReply } from '../protocol/events';
import { TicketView, type RatingView } from '../protocol/model';

const TICKET_VIEW_KEYS = Object.keys(TicketView.properties) as (keyof TicketView)[];

/**
 * A ticket view with only the fields the protocol names. Facts in the audit log and stored idempotent
 * replies written by earlier versions of the hub also carry the visitor's track token (and a cast could add it
 * again): whatever reaches staff passes through here.
 */
export function toStaffTicketView(ticket: TicketView): TicketView {
  const view: Record<string, unknown> = {};
  for (const key of TICKET_VIEW_KEYS) if (ticket[key] !== undefined) view[key] = ticket[key];
  return view as TicketView;
}

/** A fact as staff (and the audit log) may hold it: ticket payloads rebuilt from their typed fields. */
export function toStaffEvent(event: StaffEvent): StaffEvent {
  switch (event.type) {
    case 'ticket:issued':
    case 'ticket:called':
    case 'ticket:updated':
      return { ...event, data: { ...event.data, ticket: toStaffTicketView(event.data.ticket) } } as StaffEvent;
    default:
      return event;
  }
}

/** A window command's answer (possibly a stored one, replayed for a retry) as staff may see it. */
export function toStaffReply(reply: WindowCommandReply | null): WindowCommandReply | null {
  return reply?.ticket ? { ...reply, ticket: toStaffTicketView(reply.ticket) } : reply;
}

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
