/**
 * Turns the kiosk fields of an issue request (card handle, typed ID number, appointment code) into the
 * IssueExtras the hub stores: masked person + keyed hash, whether the person has the green-channel age, the
 * appointment's due time. The priority itself is decided with the ticket (domain/issue-priority.ts).
 * Runs synchronously right before the issuing transaction; the appointment is marked used inside it.
 */
import type { IssueTicketBody } from '../protocol/http';
import { checkIn } from '../domain/appointment-timing';
import { personForCheckIn, type PersonRecord } from '../domain/identity-policy';
import type { AppointmentsRepo } from '../storage/appointments-repo';
import type { HubPorts } from './ports';
import type { IssueExtras } from './issue-ticket';
import { HubError, must } from './errors';
import { isGreenChannelIdNumber, personFromIdNumber } from './kiosk-identity';
import type { PendingCards } from './kiosk-pending-cards';

export interface IssueContext {
  readonly ports: Pick<HubPorts, 'time' | 'layout' | 'config'>;
  readonly cards: PendingCards;
  readonly appointments: AppointmentsRepo;
}

export function kioskIssueExtras(context: IssueContext, body: IssueTicketBody): IssueExtras {
  const { ports, cards, appointments } = context;
  const now = ports.time.now();
  const policy = ports.config.policy;
  let person: PersonRecord | undefined;
  let isGreenByAge = false;

  if (body.identity === 'card') {
    const card = body.cardHandle ? cards.resolve(body.cardHandle, body.idempotencyKey) : undefined;
    if (!card) throw new HubError('invalid-request', 'The ID card reading has expired. Please place your ID card on the reader again.');
    person = card.person;
    isGreenByAge = card.isGreenChannel;
  } else if (body.idNumber !== undefined) {
    const typed = personFromIdNumber(body.idNumber, undefined, ports.config.idHashKey);
    if (!typed.ok) throw new HubError('invalid-request', typed.message);
    person = typed.person;
    isGreenByAge = isGreenChannelIdNumber(body.idNumber, ports.time.today(now), policy.greenChannelAge);
  }

  let dueAt: number | undefined;
  const code = body.appointmentCode;
  if (code !== undefined) {
    const appointment = appointments.get(code);
    if (!appointment) throw new HubError('unknown-appointment', 'We cannot find this appointment code. Please check it, or take a normal ticket.');
    const booked = ports.layout.service(appointment.serviceId);
    dueAt = must(checkIn(appointment, { serviceId: body.serviceId, bookedServiceName: booked.name }, now, ports.config.hall.timeZone, policy)).dueAt;
    person = must(personForCheckIn(person, appointment));
  }

  const cardHandle = body.identity === 'card' ? body.cardHandle : undefined;
  return {
    ...(person ? { person } : {}),
    ...(isGreenByAge ? { isGreenByAge } : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    ...(code !== undefined ? { isBooked: true } : {}),
    onIssued: (ticket) => {
      if (code !== undefined && !appointments.use(code, ticket.id)) {
        throw new HubError('appointment-used', 'This appointment has already been used to take a ticket. Please ask at the help desk if this is wrong.');
      }
      if (cardHandle) cards.markUsed(cardHandle, body.idempotencyKey);
    },
  };
}
