/**
 * The front desk's use cases (导办台 / 咨询台, desk-ui/): issue on a visitor's behalf (through the one issue
 * path, so numbering, caps and the priority rules are the same as at a kiosk), grant the 绿色通道 to a ticket
 * already waiting (one transaction, one 'ticket:updated' fact: the audit log's entry), print on a kiosk's
 * printer, and answer "how long still?" for a ticket number with the hub's own estimate.
 */
import type { DeskConfig, DeskIssueBody, DeskIssued, TicketLookup } from '../protocol/desk';
import type { IssueTicketBody } from '../protocol/http';
import type { TicketView } from '../protocol/model';
import type { Ticket } from '../domain/types';
import { greenReasonsOf, upgradeToGreen } from '../domain/green-channel';
import type { HubPorts } from './ports';
import { isStaff, type Actor } from './actor';
import { HubError, must } from './errors';
import type { NewTicket } from './issue-ticket';
import type { PrintOutcome, Printout } from './issue-flow';
import { toTicketView } from './views';
import { ticketWait, type WaitSource } from './wait-estimates';

export type DeskPorts = Pick<HubPorts, 'writer' | 'read' | 'layout' | 'config' | 'time' | 'devices'>;

/** The one issue path (Hub.issueWithToken), handed in so the desk never builds a ticket itself. */
export type IssueWithToken = (actor: Actor, body: IssueTicketBody, idempotencyKey?: string) => Promise<NewTicket>;
/** A kiosk's printer (the kiosk wing's KioskService.print): never fails, reports a problem instead. */
export type TicketPrinter = (printout: Printout) => Promise<PrintOutcome>;

export class DeskService {
  constructor(
    private readonly ports: DeskPorts,
    private readonly issueWithToken: IssueWithToken,
    private readonly printTicket: TicketPrinter,
  ) {}

  /** Staff only: the printers' health is staff information. */
  config(actor: Actor): DeskConfig {
    requireDesk(actor);
    const { config, devices } = this.ports;
    return {
      hallName: config.hall.name,
      language: config.hall.language,
      timeZone: config.hall.timeZone,
      greenReasons: [...greenReasonsOf(config.policy)],
      printers: config.kiosks.filter((k) => k.printer !== undefined).map((k) => {
        const health = devices.devices.get(`${k.id}-printer`);
        return { kioskId: k.id, name: k.name ?? k.id, status: health?.status ?? 'offline', ...(health?.code ? { code: health.code } : {}) };
      }),
    };
  }

  /** Issues for the visitor, then prints at the chosen kiosk: the ticket stands even if the printer fails. */
  async issue(actor: Actor, body: DeskIssueBody, trackBase: string, idempotencyKey?: string): Promise<DeskIssued> {
    requireDesk(actor);
    if (body.printAt !== undefined) this.requirePrinter(body.printAt);
    const { ticket, trackToken } = await this.issueWithToken(
      actor,
      {
        serviceId: body.serviceId,
        ...(body.greenReason !== undefined ? { greenReason: body.greenReason } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
      },
      idempotencyKey,
    );
    if (body.printAt === undefined) return { ticket };
    // The printer gets the track link for the QR code; the desk's reply never does (it alone rates the visit).
    const trackUrl = `${trackBase}/t/${trackToken}${body.language === 'en' ? '?lang=en' : ''}`;
    const printing = await this.printTicket({ ticket, kioskId: body.printAt, trackUrl, language: body.language });
    return { ticket, ...printing };
  }

  /** 绿色通道 for a ticket already in the queue, in one transaction; a retry of the same grant changes nothing. */
  grantGreen(actor: Actor, ticketId: string, reasonId: string): TicketView {
    requireDesk(actor);
    const { writer, read, config } = this.ports;
    return writer.commit(actor, (tx) => {
      const ticket = read.tickets.get(ticketId);
      if (!ticket || ticket.day !== tx.day) throw new HubError('unknown-ticket', 'There is no such ticket today. Look the number up again.');
      const next = must(upgradeToGreen(ticket, reasonId, greenReasonsOf(config.policy)));
      if (next === ticket) return toTicketView(ticket);
      // Its place moves up: the stored figures are the ones the window and the phone then read.
      const { waitingAhead, estimatedWaitMinutes } = ticketWait(this.waitSource(), next, this.ports.layout.service(next.serviceId), tx.now);
      const moved: Ticket = { ...next, waitingAhead, estimatedWaitMinutes };
      read.tickets.update(moved);
      const view = toTicketView(moved);
      tx.emit('ticket:updated', { ticket: view, reason: 'green-channel' });
      return view;
    });
  }

  /** Today's ticket with that number: where it stands and the hub's estimate, as the visitor's phone shows it. */
  lookup(actor: Actor, number: string): TicketLookup {
    requireDesk(actor);
    const wanted = number.toUpperCase();
    const today = this.ports.time.today();
    const ticket = this.ports.read.activeTickets().find((t) => t.number === wanted && t.day === today);
    if (!ticket) throw new HubError('unknown-ticket', `${wanted} is not in today's queue: it may have been served already, or not issued yet. Check the number on the ticket.`);
    const isWaiting = ticket.status === 'waiting' || ticket.status === 'parked';
    const wait = isWaiting
      ? ticketWait(this.waitSource(), ticket, this.ports.layout.service(ticket.serviceId), this.ports.time.now())
      : { waitingAhead: 0, estimatedWaitMinutes: 0, notice: { isUnstaffed: false, isGuess: false } };
    const windowNumber = ticket.status === 'called' && ticket.windowId ? this.ports.layout.windows.get(ticket.windowId)?.number : undefined;
    return {
      ticket: toTicketView(ticket),
      waitingAhead: wait.waitingAhead,
      estimatedWaitMinutes: wait.estimatedWaitMinutes,
      isUnstaffed: wait.notice.isUnstaffed,
      isGuess: wait.notice.isGuess,
      ...(windowNumber !== undefined ? { windowNumber } : {}),
    };
  }

  private waitSource(): WaitSource {
    const { read, layout, config } = this.ports;
    return { tickets: read.tickets, hall: read.hall, windows: layout.windows, config };
  }

  private requirePrinter(kioskId: string): void {
    const kiosk = this.ports.config.kiosks.find((k) => k.id === kioskId);
    if (!kiosk?.printer) throw new HubError('not-found', `Kiosk ${kioskId} has no printer. Choose one of the printers the desk page lists.`);
  }
}

function requireDesk(actor: Actor): void {
  if (!isStaff(actor)) throw new HubError('unauthenticated', 'Sign in as staff at the front desk first.');
}
