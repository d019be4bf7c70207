/** Issuing a ticket: numbering, per-person limit, priority and the wait estimate, in one transaction. */
import type { IssueTicketBody } from '../protocol/http';
import type { TicketView } from '../protocol/model';
import type { Ticket } from '../domain/types';
import type { PersonRecord } from '../domain/identity-policy';
import { allocateSeq, formatNumber } from '../domain/numbering';
import { minuteOfDay } from '../domain/calendar';
import { decideIssuePriority } from '../domain/issue-priority';
import { checkGreenReason, greenReasonsOf } from '../domain/green-channel';
import type { HubCore, Tx } from './core';
import { HubError, must } from './errors';
import { actorLabel, isStaff, type Actor } from './actor';
import { commitOnce, commitOnceBatched } from './idempotency';
import { toTicketView } from './views';
import { ticketWait, type WaitNotice } from './wait-estimates';
import { callAtIdleWindows } from './auto-call';

/**
 * What the kiosk adds when a visitor identifies with an ID card or an appointment: facts, not a priority
 * (domain/issue-priority.ts decides that). Never the raw ID number.
 */
export interface IssueExtras {
  readonly person?: PersonRecord;
  /** The person has reached the hall's green-channel age today: the green channel, whatever was asked. */
  readonly isGreenByAge?: boolean;
  /** An appointment checked in on time (or early): its slot start. Its presence gives appointment priority. */
  readonly dueAt?: number;
  /** An appointment check-in: the service's daily cap (walk-in tickets) does not apply to it. */
  readonly isBooked?: boolean;
  /** Runs inside the issuing transaction after the ticket is saved (marks an appointment used); a throw refuses the issue. */
  readonly onIssued?: (ticket: TicketView, tx: Tx) => void;
}

/**
 * What issuing made, as it is answered and stored for a retry: the ticket as staff may see it, and the
 * visitor's track token beside it (it alone rates the visit), for the issuing kiosk's reply and printout only.
 */
export interface NewTicket {
  readonly ticket: TicketView;
  readonly trackToken: string;
  /** What the estimate meant at issue (no open window, a guess); absent in replies stored by older hubs. */
  readonly notice?: WaitNotice;
}

export function issueTicket(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras = {}, idempotencyKey?: string): NewTicket {
  const plan = planIssue(core, actor, body, extras, idempotencyKey);
  return fromStoredReply(core, commitOnce(core, actor, plan.scope, plan.key, plan.request, plan.work));
}

/**
 * `issueTicket` through the group commit: kiosks pressing at the same moment share one fsync. Resolves
 * only once the ticket is durable; a refusal rejects with the same HubError.
 */
export async function issueTicketBatched(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras = {}, idempotencyKey?: string): Promise<NewTicket> {
  const plan = planIssue(core, actor, body, extras, idempotencyKey);
  return fromStoredReply(core, await commitOnceBatched(core, actor, plan.scope, plan.key, plan.request, plan.work));
}

interface IssuePlan {
  readonly scope: string;
  readonly key: string | undefined;
  readonly request: unknown;
  readonly work: (tx: Tx) => NewTicket;
}

/** Checks what can be checked before the transaction, and builds the transaction's work. */
function planIssue(core: HubCore, actor: Actor, body: IssueTicketBody, extras: IssueExtras, idempotencyKey: string | undefined): IssuePlan {
  if (actor.kind !== 'kiosk' && !isStaff(actor)) throw new HubError('forbidden', 'Only a kiosk or a signed-in staff member can issue tickets.');
  const service = core.service(body.serviceId);
  const key = idempotencyKey ?? body.idempotencyKey;
  // A typed ID number must not reach the stored request hash (enumerable); the keyed person hash stands for it.
  const request = { ...body, idempotencyKey: undefined, idNumber: undefined, person: extras.person?.hash, dueAt: extras.dueAt };
  // 导办台 (server/protocol/desk.ts): a green reason from the hall's own list and a 代办 note, from staff only.
  if ((body.greenReason !== undefined || body.note !== undefined) && !isStaff(actor)) {
    throw new HubError('forbidden', 'Only staff at the front desk can give a green-channel reason or a note. Please ask at the help desk (导办台).');
  }
  if (body.greenReason !== undefined) must(checkGreenReason(body.greenReason, greenReasonsOf(core.config.policy)));
  // The hub decides: a priority the facts do not support is refused before anything is written.
  const { priority, priorityReason } = must(decideIssuePriority({
    requested: body.greenReason !== undefined ? 'green' : body.priority,
    requestedReason: body.greenReason ?? body.priorityReason,
    isStaff: isStaff(actor),
    isGreenByAge: extras.isGreenByAge === true,
    isAppointmentOnTime: extras.dueAt !== undefined,
  }));
  const work = (tx: Tx): NewTicket => {
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
      priorityReason,
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
      note: body.note,
      waitingAhead: 0,
      estimatedWaitMinutes: 0,
    };
    const { notice, ...wait } = ticketWait(core, draft, service, tx.now);
    const ticket: Ticket = { ...draft, ...wait };
    core.tickets.insert(ticket);
    const view = toTicketView(ticket);
    extras.onIssued?.(view, tx);
    tx.emit('ticket:issued', { ticket: view });
    // An idle window with auto-call on calls the new visitor in this same transaction (docs/call-policy.md).
    callAtIdleWindows(core, tx);
    return { ticket: view, trackToken: ticket.trackToken, notice };
  };
  return { scope: `issue:${actorLabel(actor)}`, key, request, work };
}

/**
 * A reply stored by an earlier version of the hub (a retry after an upgrade) was the ticket view itself,
 * with the token inside it or, later, without: only for those is the token read back from the ticket's row.
 */
function fromStoredReply(core: HubCore, reply: NewTicket): NewTicket {
  if ('ticket' in reply && typeof reply.trackToken === 'string') return reply;
  const legacy = reply as unknown as { readonly id: string; readonly trackToken?: unknown };
  const trackToken = typeof legacy.trackToken === 'string' ? legacy.trackToken : core.tickets.get(legacy.id)?.trackToken;
  if (trackToken === undefined) throw new HubError('internal', 'This ticket was issued but cannot be read back. Please ask at the help desk.');
  // The view is rebuilt from its typed fields where it reaches staff (Hub, toStaffTicketView): the token goes then.
  return { ticket: reply as unknown as TicketView, trackToken };
}
