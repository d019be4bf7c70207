/**
 * Turns the kiosk fields of an issue request (card handle, typed ID number, appointment code) into the
 * IssueExtras the hub stores: masked person + keyed hash, green channel by age, appointment priority.
 * Runs synchronously right before the issuing transaction; the appointment is marked used inside it.
 */
import type { IssueTicketBody } from '../protocol/http';
import type { Priority } from '../protocol/model';
import type { HubCore } from '../app/core';
import type { IssueExtras } from '../app/issue-ticket';
import { HubError } from '../app/errors';
import { birthDateFromIdNumber } from '../../drivers/identity';
import { checkInTiming, isGreenChannelAge, personFromIdNumber, type PersonRecord } from './identity-policy';
import type { PendingCards } from './pending-cards';
import type { AppointmentsRepo } from './appointments-repo';

export interface IssueContext {
  readonly core: HubCore;
  readonly cards: PendingCards;
  readonly appointments: AppointmentsRepo;
  /** Remembers the ticket's language for printing (the print hook only sees the ticket). */
  readonly rememberLanguage: (ticketId: string, language: 'zh-CN' | 'en') => void;
}

export function kioskIssueExtras(context: IssueContext, body: IssueTicketBody): IssueExtras {
  const { core, cards, appointments } = context;
  const now = core.now();
  const today = core.today(now);
  const policy = core.config.policy;
  let person: PersonRecord | undefined;
  let isGreen = false;

  if (body.identity === 'card') {
    const card = body.cardHandle ? cards.resolve(body.cardHandle, body.idempotencyKey) : undefined;
    if (!card) throw new HubError('invalid-request', 'The ID card reading has expired. Please place your ID card on the reader again.');
    person = card.person;
    isGreen = card.isGreenChannel;
  } else if (body.idNumber !== undefined) {
    const typed = personFromIdNumber(body.idNumber, undefined, core.config.idHashKey);
    if (!typed.ok) throw new HubError('invalid-request', typed.message);
    person = typed.person;
    isGreen = isGreenChannelAge(birthDateFromIdNumber(body.idNumber.replace(/\s+/g, '')), today, policy.greenChannelAge);
  }

  let priority: Priority | undefined;
  let dueAt: number | undefined;
  const code = body.appointmentCode;
  if (code !== undefined) {
    const appointment = appointments.get(code);
    if (!appointment) throw new HubError('unknown-appointment', 'We cannot find this appointment code. Please check it, or take a normal ticket.');
    const service = core.service(appointment.serviceId);
    if (appointment.serviceId !== body.serviceId) throw new HubError('invalid-request', `This appointment is for ${service.name}.`);
    // A used appointment is refused inside the transaction (below), so that a retried request still gets its ticket back.
    if (!appointment.ticketId && core.today(appointment.slotStart) !== today) {
      throw new HubError('appointment-not-today', `This appointment is for ${core.today(appointment.slotStart)}, not today. Please come on that day.`);
    }
    if (checkInTiming(now, appointment, policy) !== 'late') {
      priority = 'appointment';
      dueAt = appointment.slotStart;
    }
    // An appointment booked with an ID number is that person's: another card (or typed number) cannot use it.
    // The code alone still checks in, as it was given to the person who booked.
    if (person && appointment.personHash && person.hash !== appointment.personHash) {
      throw new HubError(
        'appointment-other-person',
        'This appointment was booked with a different ID card. Please show the ID card it was booked with, or take a normal ticket.',
      );
    }
    // A typed number carries no name; the booking's masked name is the same person's.
    if (person && !person.nameMasked && appointment.personHash && appointment.nameMasked) person = { ...person, nameMasked: appointment.nameMasked };
    if (!person && appointment.personHash && appointment.personMasked) {
      person = { hash: appointment.personHash, masked: appointment.personMasked, ...(appointment.nameMasked ? { nameMasked: appointment.nameMasked } : {}) };
    }
  }
  if (isGreen) priority = 'green';
  else if (body.priority === 'green') priority = undefined; // a green channel chosen at the kiosk (assisted, pregnant) stands

  const cardHandle = body.identity === 'card' ? body.cardHandle : undefined;
  return {
    ...(person ? { person } : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    ...(priority ? { priority } : {}),
    ...(isGreen ? { priorityReason: 'elderly' } : {}),
    ...(code !== undefined ? { isBooked: true } : {}),
    onIssued: (ticket) => {
      if (code !== undefined && !appointments.use(code, ticket.id)) {
        throw new HubError('appointment-used', 'This appointment has already been used to take a ticket. Please ask at the help desk if this is wrong.');
      }
      if (cardHandle) cards.markUsed(cardHandle, body.idempotencyKey);
      if (body.language) context.rememberLanguage(ticket.id, body.language);
    },
  };
}
