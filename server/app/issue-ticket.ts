/** Issuing a ticket: numbering, per-person limit and the wait estimate, in one transaction. */
import type { IssueTicketBody } from '../protocol/http';
import type { Priority, TicketView } from '../protocol/model';
import type { Ticket } from '../domain/types';
import { allocateSeq, formatNumber } from '../domain/numbering';
import { minuteOfDay } from '../domain/calendar';
import { effectiveWindows, estimateMinutes, meanServiceMinutes, peopleAhead } from '../domain/wait-estimate';
import type { HubCore, Tx } from './core';
import { HubError, must } from './errors';
import { actorLabel, isStaff, type Actor } from './actor';
import { commitOnce, commitOnceBatched } from './idempotency';
import { toTicketView } from './views';

/** What the kiosk adds when a visitor identifies with an ID card or an appointment. Never the raw ID number. */
export interface IssueExtras {
  readonly person?: { readonly hash: string; readonly masked: string; readonly nameMasked?: string };
  readonly dueAt?: number;
  /** Decided by the kiosk rules (green channel by age, appointment check-in); wins over the body's priority. */
  readonly priority?: Priority;
  readonly priorityReason?: string;
  /** An appointment check-in: the service's daily cap (walk-in tickets) does not apply to it. */
  readonly isBooked?: boolean;
  /** Runs inside the issuing transaction after the ticket is saved (marks an appointment used); a throw refuses the issue. */
  readonly onIssued?: (ticket: TicketView, tx: Tx) => void;
}

export function issueTicket(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras = {}, idempotencyKey?: string): TicketView {
  const plan = planIssue(core, actor, body, extras, idempotencyKey);
  return commitOnce(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

/**
 * `issueTicket` through the group commit: kiosks pressing at the same moment share one fsync. Resolves
 * only once the ticket is durable; a refusal rejects with the same HubError.
 */
export async function issueTicketBatched(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras = {}, idempotencyKey?: string): Promise<TicketView> {
  const plan = planIssue(core, actor, body, extras, idempotencyKey);
  return commitOnceBatched(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

interface IssuePlan {
  readonly scope: string;
  readonly key: string | undefined;
  readonly request: unknown;
  readonly work: (tx: Tx) => TicketView;
}

/** Checks what can be checked before the transaction, and builds the transaction's work. */
function planIssue(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras, idempotencyKey: string | undefined): IssuePlan {
  if (actor.kind !== 'kiosk' && !isStaff(actor)) throw new HubError('forbidden', 'Only a kiosk or a signed-in staff member can issue tickets.');
  const service = core.service(body.serviceId);
  const key = idempotencyKey ?? body.idempotencyKey;
  // A typed ID number must not reach the stored request hash (enumerable); the keyed person hash stands for it.
  const request = { ...body, idempotencyKey: undefined, idNumber: undefined, person: extras.person?.hash, dueAt: extras.dueAt };
  const priority = extras.priority ?? body.priority ?? 'normal';
  const work = (tx: Tx): TicketView => {
    const counter = core.tickets.dayCounter(tx.day, service.id);
    const seq = must(allocateSeq(service, counter, minuteOfDay(tx.now, core.config.hall.timeZone), extras.isBooked === true));
    if (extras.person && core.tickets.countForPerson(extras.person.hash, tx.day, service.id) >= core.config.policy.perPersonDailyLimit) {
      throw new HubError(
        'person-limit-reached',
        `This ID card already has ${core.config.policy.perPersonDailyLimit} tickets for ${service.name} today. Please ask the help desk if you need another.`,
      );
    }
    const draft: Ticket = {
      id: core.deps.newId(),
      day: tx.day,
      serviceId: service.id,
      seq,
      number: formatNumber(service.prefix, seq, service.rangeEnd),
      priority,
      priorityReason: priority === 'green' ? (extras.priorityReason ?? body.priorityReason ?? 'other') : undefined,
      status: 'waiting',
      trackToken: core.deps.newTrackToken(),
      arrivedAt: tx.now,
      issuedAt: tx.now,
      dueAt: extras.dueAt,
      isReturn: false,
      callCount: 0,
      personHash: extras.person?.hash,
      personMasked: extras.person?.masked,
      nameMasked: extras.person?.nameMasked,
      kioskId: actor.kind === 'kiosk' ? actor.kioskId : undefined,
      waitingAhead: 0,
      estimatedWaitMinutes: 0,
    };
    const ahead = peopleAhead(draft, core.tickets.listWaiting(service.id), core.config.policy, tx.now);
    const mean = meanServiceMinutes(service, core.tickets.serviceMinutesToday(tx.day, service.id));
    const windows = effectiveWindows(service.id, [...core.windows.values()], core.hall.windowStatuses());
    const ticket: Ticket = { ...draft, waitingAhead: ahead, estimatedWaitMinutes: estimateMinutes(ahead, mean, windows) };
    core.tickets.insert(ticket);
    const view = toTicketView(ticket);
    extras.onIssued?.(view, tx);
    tx.emit('ticket:issued', { ticket: view });
    return view;
  };
  return { scope: `issue:${actorLabel(actor)}`, key, request, work };
}
