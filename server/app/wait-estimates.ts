/**
 * The wait estimate, assembled in one place for every figure a visitor sees: the service list (kiosk,
 * displays), the printed ticket and the phone page. The formula is domain/wait-estimate.ts; this file
 * only decides which facts go into it, so the three can never drift apart.
 */
import type { HallPolicy, Service, Ticket, Window, WindowStatus } from '../domain/types';
import { estimateWait, peopleAhead, type WaitEstimate } from '../domain/wait-estimate';
import type { TicketsRepo } from '../storage/tickets-repo';
import type { HallRepo } from '../storage/hall-repo';

/** What the estimate is made of. */
export interface WaitFacts {
  readonly service: Service;
  /** People ahead of the visitor asked about; for someone about to take a ticket, everyone waiting. */
  readonly ahead: number;
  /** Today's observed service times of the service, in minutes. */
  readonly observedMinutes: readonly number[];
  readonly windows: readonly Window[];
  readonly statuses: ReadonlyMap<string, WindowStatus>;
}

export function estimateWaitFor(facts: WaitFacts): WaitEstimate {
  return estimateWait(facts.ahead, facts.service, facts.observedMinutes, facts.windows, facts.statuses);
}

/** Where those facts are read (the hub's core satisfies it). */
export interface WaitSource {
  readonly tickets: Pick<TicketsRepo, 'listWaiting' | 'serviceMinutesToday'>;
  readonly hall: Pick<HallRepo, 'windowStatuses'>;
  readonly windows: ReadonlyMap<string, Window>;
  readonly config: { readonly policy: HallPolicy };
}

export interface TicketWait {
  readonly waitingAhead: number;
  readonly estimatedWaitMinutes: number;
  /** What the figure means: no open window serves the service, or the figure is a guess. */
  readonly notice: WaitNotice;
}

/** The two words beside a figure, as the views carry them. */
export interface WaitNotice {
  readonly isUnstaffed: boolean;
  readonly isGuess: boolean;
}

/** A ticket's place in its service's queue and its estimate (on issue, and on the visitor's phone). */
export function ticketWait(source: WaitSource, ticket: Ticket, service: Service, now: number): TicketWait {
  const ahead = peopleAhead(ticket, source.tickets.listWaiting(service.id), source.config.policy, now);
  const wait = estimateWaitFor({
    service,
    ahead,
    observedMinutes: source.tickets.serviceMinutesToday(ticket.day, service.id),
    windows: [...source.windows.values()],
    statuses: source.hall.windowStatuses(),
  });
  return { waitingAhead: ahead, estimatedWaitMinutes: wait.minutes, notice: { isUnstaffed: wait.isUnstaffed, isGuess: wait.isGuess } };
}
