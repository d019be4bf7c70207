/**
 * The kiosk extension's running state: held cards, the appointments repository, each kiosk's devices,
 * and printing after issue. Printing never fails an issue: a fault is reported as `printProblem`.
 */
import type { HubCore } from '../app/core';
import type { TicketView } from '../protocol/model';
import type { IdCardData } from '../../drivers/idcard';
import type { PrintableTicket } from '../../drivers/printer';
import { PendingCards } from './pending-cards';
import { AppointmentsRepo } from './appointments-repo';
import { isGreenChannelAge, personFromIdNumber } from './identity-policy';
import { demoAppointments, seedDemoAppointments, type DemoAppointment } from './demo';
import type { KioskDevices } from './kiosk-devices';

const NOTES = {
  'zh-CN': '请留意叫号。过号请到服务台咨询。扫描二维码可随时查看排队进度。',
  en: 'Please listen for your number. If you miss it, ask at the help desk. Scan the QR code to follow the queue.',
} as const;

/** How long the demo waits for a laid card to be read before answering anyway. */
const DEMO_READ_WAIT_MS = 3000;
/** Long enough for the simulated reader (200 ms polls) to notice the previous card was lifted. */
const DEMO_LIFT_MS = 700;

export class KioskRuntime {
  readonly cards: PendingCards;
  readonly appointments: AppointmentsRepo;
  readonly devices = new Map<string, KioskDevices>();
  private readonly languages = new Map<string, 'zh-CN' | 'en'>();
  private readonly printed = new Set<string>();
  private readonly cardWaiters = new Map<string, () => void>();

  constructor(readonly core: HubCore) {
    this.cards = new PendingCards(() => core.now());
    this.appointments = new AppointmentsRepo(core.deps.db);
  }

  rememberLanguage(ticketId: string, language: 'zh-CN' | 'en'): void {
    if (this.languages.size > 1000) this.languages.clear();
    this.languages.set(ticketId, language);
  }

  /** A card was read on a kiosk's reader: keep only the masked person, the hash and the flag. */
  acceptCard(kioskId: string, card: IdCardData): void {
    const person = personFromIdNumber(card.idNumber, card.name, this.core.config.idHashKey);
    if (person.ok) {
      const isGreen = isGreenChannelAge(card.birthDate, this.core.today(), this.core.config.policy.greenChannelAge);
      this.cards.hold(kioskId, person.person, isGreen);
    }
    this.cardWaiters.get(kioskId)?.();
  }

  async insertDemoCard(kioskId: string, card: IdCardData): Promise<void> {
    const simulator = this.devices.get(kioskId)?.readerSimulator;
    if (!simulator) return;
    simulator.removeCard();
    await delay(DEMO_LIFT_MS);
    const read = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DEMO_READ_WAIT_MS);
      this.cardWaiters.set(kioskId, () => {
        clearTimeout(timer);
        this.cardWaiters.delete(kioskId);
        resolve();
      });
    });
    simulator.insertCard(card);
    await read;
  }

  seedDemo(): DemoAppointment[] {
    const list = demoAppointments(this.core.now(), this.core.config.hall.timeZone, [...this.core.services.keys()]);
    seedDemoAppointments(this.appointments, list, this.core.now());
    return list;
  }

  async print(ticket: TicketView, kioskId: string | undefined, trackUrl: string): Promise<{ printed?: boolean; printProblem?: string }> {
    if (kioskId === undefined) return {};
    const printer = this.devices.get(kioskId)?.printer;
    if (!printer) return { printed: false, printProblem: 'no-printer' };
    // A retried request (same idempotency key) answers the same ticket: do not print it twice.
    if (this.printed.has(ticket.id)) return { printed: true };
    const language = this.languages.get(ticket.id) ?? this.core.config.hall.language;
    const service = this.core.services.get(ticket.serviceId);
    const printable: PrintableTicket = {
      hallName: this.core.config.hall.name,
      serviceName: (language === 'en' ? service?.nameEn : service?.name) ?? ticket.serviceId,
      number: ticket.number,
      waitingAhead: ticket.waitingAhead,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      issuedAt: ticket.issuedAt,
      timeZone: this.core.config.hall.timeZone,
      trackUrl,
      note: NOTES[language],
      language,
    };
    try {
      const outcome = await printer.print(printable);
      if (!outcome.printed) return { printed: false, printProblem: outcome.code };
      if (this.printed.size > 5000) this.printed.clear();
      this.printed.add(ticket.id);
      return { printed: true };
    } catch {
      return { printed: false, printProblem: 'error' };
    }
  }

  async closeDevices(): Promise<void> {
    for (const devices of this.devices.values()) await devices.close();
    this.devices.clear();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
