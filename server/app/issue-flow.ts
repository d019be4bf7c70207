/**
 * The whole of taking a ticket, as both transports offer it: the kiosk's extras (ID card, typed ID number,
 * appointment), the durable issue, then the printout. HTTP and socket.io call this one function, so a kiosk
 * gets the same ticket whichever way it asks.
 */
import type { IssueTicketBody, IssuedTicket } from '../protocol/http';
import type { Language, TicketView } from '../protocol/model';
import type { Actor } from './actor';
import type { Hub } from './hub';
import type { IssueExtras } from './issue-ticket';

/** What the printer is given: the ticket, its track link for the QR code, and the visitor's language. */
export interface Printout {
  readonly ticket: TicketView;
  /** The kiosk that issued it; undefined when a clerk did (nothing is printed then). */
  readonly kioskId: string | undefined;
  readonly trackUrl: string;
  /** As chosen at the kiosk; the hall's language when none was. */
  readonly language: Language | undefined;
  /** No open window serves the service (the paper says so instead of a time); the estimate is a guess. */
  readonly isUnstaffed?: boolean;
  readonly isGuess?: boolean;
}

export interface PrintOutcome {
  readonly printed?: boolean;
  readonly printProblem?: string;
}

/** Set by the kiosk wing (server/wings/kiosk.ts): what it adds before and after the issue. */
export interface IssueHooks {
  /** Also refuses a kiosk a service outside its subset (the actor says which kiosk asks). */
  readonly issueExtras?: (body: IssueTicketBody, actor: Actor) => IssueExtras | undefined;
  /** Prints the ticket; never fails the issue because of the printer. */
  readonly afterIssue?: (printout: Printout) => Promise<PrintOutcome>;
}

export async function takeTicket(
  hub: Hub,
  hooks: IssueHooks,
  actor: Actor,
  body: IssueTicketBody,
  options: { idempotencyKey?: string; trackBase: string },
): Promise<IssuedTicket> {
  const extras = hooks.issueExtras?.(body, actor);
  // The use case answers what it made: the staff view, and the track token beside it (never inside it).
  const { ticket, trackToken, notice } = await hub.issueWithToken(actor, body, extras, options.idempotencyKey);
  const words = notice ? { isUnstaffed: notice.isUnstaffed, isGuess: notice.isGuess } : {};
  // The phone page opens in the language the visitor chose at the kiosk.
  const trackUrl = `${options.trackBase}/t/${trackToken}${body.language === 'en' ? '?lang=en' : ''}`;
  const kioskId = actor.kind === 'kiosk' ? actor.kioskId : undefined;
  const printing = hooks.afterIssue ? await hooks.afterIssue({ ticket, kioskId, trackUrl, language: body.language, ...words }) : {};
  // Only the kiosk shows the QR code. A staff member who issues gets no token: with it they could rate the visit.
  return actor.kind === 'kiosk' ? { ...ticket, ...words, ...printing, trackToken, trackUrl } : { ...ticket, ...words, ...printing };
}
