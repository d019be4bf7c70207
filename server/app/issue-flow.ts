/**
 * The whole of taking a ticket, as both transports offer it: the kiosk's extras (ID card, typed ID number,
 * appointment), the durable issue, then the printout. HTTP and socket.io call this one function, so a kiosk
 * gets the same ticket whichever way it asks.
 */
import type { IssueTicketBody, IssuedTicket } from '../protocol/http';
import type { TicketView } from '../protocol/model';
import type { Actor } from './actor';
import type { Hub } from './hub';
import type { IssueExtras } from './issue-ticket';

/** Set by the kiosk part of the hub (server/kiosk): what it adds before and after the issue. */
export interface IssueHooks {
  readonly issueExtras?: (body: Record<string, unknown>) => IssueExtras | undefined;
  /** Prints the ticket; never fails the issue because of the printer. */
  readonly afterIssue?: (ticket: TicketView, kioskId: string | undefined, trackUrl: string) => Promise<{ printed?: boolean; printProblem?: string }>;
}

export async function takeTicket(
  hub: Hub,
  hooks: IssueHooks,
  actor: Actor,
  body: IssueTicketBody,
  options: { idempotencyKey?: string; trackBase: string },
): Promise<IssuedTicket> {
  const extras = hooks.issueExtras?.(body as Record<string, unknown>);
  const ticket = await hub.issueTicketBatched(actor, body, extras, options.idempotencyKey);
  // The view has no track token (staff views never do): read from the ticket's row, for this reply only.
  const trackToken = trackTokenOf(hub, ticket.id);
  // The phone page opens in the language the visitor chose at the kiosk.
  const trackUrl = `${options.trackBase}/t/${trackToken}${body.language === 'en' ? '?lang=en' : ''}`;
  const printing = hooks.afterIssue ? await hooks.afterIssue(ticket, actor.kind === 'kiosk' ? actor.kioskId : undefined, trackUrl) : {};
  // Only the kiosk shows the QR code. A staff member who issues gets no token: with it they could rate the visit.
  return actor.kind === 'kiosk' ? { ...ticket, ...printing, trackToken, trackUrl } : { ...ticket, ...printing };
}

function trackTokenOf(hub: Hub, ticketId: string): string {
  const token = hub.core.tickets.get(ticketId)?.trackToken;
  if (token === undefined) throw new Error(`ticket ${ticketId} was issued but cannot be read back`);
  return token;
}
