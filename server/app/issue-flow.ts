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
  // The phone page opens in the language the visitor chose at the kiosk.
  const trackUrl = `${options.trackBase}/t/${ticket.trackToken}${body.language === 'en' ? '?lang=en' : ''}`;
  const printing = hooks.afterIssue ? await hooks.afterIssue(ticket, actor.kind === 'kiosk' ? actor.kioskId : undefined, trackUrl) : {};
  return { ...ticket, ...printing, trackUrl };
}
