/**
 * The kiosk wing's use cases (issue #3), built in server/wings/kiosk.ts from the hub's ports: the page's
 * configuration and its own devices, ID cards held for a kiosk, appointments, the issue hooks (identity and
 * appointment before the issue, printing after) and, in the demo hall, demo cards and appointments.
 * Printing never fails an issue: a fault is reported as `printProblem`.
 */
import type { GreenReason } from '../protocol/desk';
import type { Language, TicketView } from '../protocol/model';
import type { AppointmentsImportReply, AppointmentView, KioskConfig, KioskDevicesReport, KioskMenu, OwnDevice } from '../protocol/kiosk';
import type { IssueTicketBody } from '../protocol/http';
import { isOffered, kioskMenu } from '../domain/kiosk-menu';
import type { IdCardData } from '../../drivers/idcard';
import type { PrintableTicket } from '../../drivers/printer';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { AppointmentsRepo } from '../storage/appointments-repo';
import type { HubPorts } from './ports';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { IssueHooks, PrintOutcome, Printout } from './issue-flow';
import { PendingCards } from './kiosk-pending-cards';
import { guideReminder } from '../domain/service-guide';
import { greenReasonsOf } from '../domain/green-channel';
import { greenReasonName } from '../protocol/desk';
import { kioskIssueExtras } from './kiosk-issue-extras';
import { isGreenChannelAge, personFromIdNumber } from './kiosk-identity';
import { createAppointment, findAppointment, importAppointments, type NewAppointment } from './appointments';
import { DEMO_PEOPLE, demoAppointments, demoPeople, type DemoAppointment } from './kiosk-demo';

/** What the kiosk wing is handed: it commits appointments, reads the clock, services, device health and config. */
export type KioskPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'devices' | 'config'>;

const NOTES = {
  'zh-CN': '请留意叫号。过号请到服务台咨询。扫描二维码可随时查看排队进度。',
  en: 'Please listen for your number. If you miss it, ask at the help desk. Scan the QR code to follow the queue.',
} as const;

/** How long the demo waits for a laid card to be read before answering anyway. */
const DEMO_READ_WAIT_MS = 3000;
/** Long enough for the simulated reader (200 ms polls) to notice the previous card was lifted. */
const DEMO_LIFT_MS = 700;

export class KioskService {
  readonly cards: PendingCards;
  /** Each kiosk's printer and reader, opened by server/devices/kiosk-devices.ts when the hub starts. */
  readonly devices = new Map<string, KioskDevices>();
  private readonly printed = new Set<string>();
  private readonly cardWaiters = new Map<string, () => void>();

  constructor(
    private readonly ports: KioskPorts,
    readonly appointments: AppointmentsRepo,
  ) {
    this.cards = new PendingCards(() => ports.time.now());
  }

  /** The kiosk's side of the issue path (app/issue-flow.ts), for HTTP and socket alike. */
  issueHooks(): Required<IssueHooks> {
    return {
      issueExtras: (body, actor) => {
        if (actor.kind === 'kiosk') this.refuseUnoffered(actor.kioskId, body);
        return kioskIssueExtras({ ports: this.ports, cards: this.cards, appointments: this.appointments }, body);
      },
      afterIssue: (printout) => this.print(printout),
    };
  }

  /** What the kiosk page needs of its hall; in the demo hall, today's demo appointments are seeded on the way. */
  config(): KioskConfig {
    const config = this.ports.config;
    const demo = config.isDemo ? this.seedDemo() : [];
    return {
      hallName: config.hall.name,
      language: config.hall.language,
      timeZone: config.hall.timeZone,
      isDemo: config.isDemo,
      greenChannelAge: config.policy.greenChannelAge ?? null,
      perPersonDailyLimit: config.policy.perPersonDailyLimit,
      // From the live layout, so an admin's edit in the console reaches the next page load.
      guides: Object.fromEntries([...this.ports.layout.services.values()].flatMap((s) => (s.guide ? [[s.id, s.guide]] : []))),
      ...(config.isDemo
        ? {
            demo: {
              people: demoPeople(this.ports.time.today(), config.policy.greenChannelAge),
              appointments: demo.map((a) => ({ code: a.code, serviceId: a.serviceId, slotStart: a.slotStart, what: a.what })),
              kiosks: config.kiosks.filter((k) => k.idReader?.type === 'simulator').map((k) => k.id),
            },
          }
        : {}),
    };
  }

  /** What this kiosk offers, from the live layout (an admin's edit reaches the next refresh) and its config subset. */
  menu(kioskId: string): KioskMenu {
    const menu = kioskMenu(this.ports.layout.kioskOffer(kioskId), [...this.ports.layout.services.values()], this.ports.layout.departments);
    return { serviceIds: [...menu.serviceIds], isTwoLevel: menu.isTwoLevel, departments: menu.departments.map((d) => ({ ...d, serviceIds: [...d.serviceIds] })) };
  }

  /** A 公安 kiosk cannot issue a 社保 ticket: the hub decides, whatever the page sends. */
  private refuseUnoffered(kioskId: string, body: IssueTicketBody): void {
    const service = this.ports.layout.services.get(body.serviceId);
    if (!service) return; // the issue itself says the service is unknown
    if (!isOffered(this.ports.layout.kioskOffer(kioskId), service)) {
      throw new HubError('forbidden', `This kiosk does not issue tickets for ${service.name} (${service.nameEn}); please use a kiosk in that service's area, or ask at the help desk.`);
    }
  }

  /** A kiosk's own printer and reader as its page words them (by code); null for one not configured. */
  ownDevices(kioskId: string): KioskDevicesReport {
    const kiosk = this.ports.config.kiosks.find((k) => k.id === kioskId);
    const own = (id: string, isConfigured: boolean): OwnDevice => {
      if (!isConfigured) return null;
      // Not reported yet: the device is still opening, so not ready.
      const health = this.ports.devices.devices.get(id) ?? { status: 'offline', code: 'offline' };
      return { status: health.status, ...(health.code ? { code: health.code } : {}) };
    };
    return { printer: own(`${kioskId}-printer`, kiosk?.printer !== undefined), idReader: own(`${kioskId}-id-reader`, kiosk?.idReader !== undefined) };
  }

  findAppointment(code: string): AppointmentView {
    return findAppointment(this.ports, this.appointments, code);
  }

  createAppointment(actor: Actor, input: NewAppointment): AppointmentView {
    return createAppointment(this.ports, actor, this.appointments, input);
  }

  importAppointments(actor: Actor, csv: string): AppointmentsImportReply {
    return importAppointments(this.ports, actor, this.appointments, csv);
  }

  /** A card was read on a kiosk's reader: keep only the masked person, the hash and the flag. */
  acceptCard(kioskId: string, card: IdCardData): void {
    const config = this.ports.config;
    const person = personFromIdNumber(card.idNumber, card.name, config.idHashKey);
    if (person.ok) {
      const isGreen = isGreenChannelAge(card.birthDate, this.ports.time.today(), config.policy.greenChannelAge);
      this.cards.hold(kioskId, person.person, isGreen);
    }
    this.cardWaiters.get(kioskId)?.();
  }

  /** The demo hall: lays one of the made-up people's cards on a kiosk's simulated reader and waits for the read. */
  async insertDemoCard(kioskId: string, personKey: string): Promise<void> {
    const person = DEMO_PEOPLE[personKey];
    if (!person) throw new HubError('invalid-request', `Choose one of the demo people: ${Object.keys(DEMO_PEOPLE).join(', ')}.`);
    const simulator = this.devices.get(kioskId)?.readerSimulator;
    if (!simulator) throw new HubError('not-found', `Kiosk ${kioskId} has no simulated ID card reader.`);
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
    simulator.insertCard(person.card);
    await read;
  }

  /** Seeds today's demo appointments (idempotent: an existing code keeps its state). */
  seedDemo(): DemoAppointment[] {
    const now = this.ports.time.now();
    const list = demoAppointments(now, this.ports.config.hall.timeZone, [...this.ports.layout.services.keys()]);
    // Through the writer like any change, but with no fact: demo data is not hall history. Nothing to save
    // is no write at all: the kiosk page asks for this on every load, also while the disk is full.
    const missing = list.filter((a) => !this.appointments.get(a.code));
    if (missing.length === 0) return list;
    try {
      this.ports.writer.commit({ kind: 'system' }, () => {
        for (const a of missing) this.appointments.save({ code: a.code, serviceId: a.serviceId, slotStart: a.slotStart, slotEnd: a.slotStart + 30 * 60_000, createdAt: now });
      });
    } catch (error) {
      // A demo hall on a full disk still starts and shows its kiosk; the codes work once space returns.
      if (!(error instanceof HubError && error.code === 'storage-unavailable')) throw error;
    }
    return list;
  }

  async print({ ticket, kioskId, trackUrl, language: chosen, isUnstaffed, isGuess }: Printout): Promise<PrintOutcome> {
    if (kioskId === undefined) return {};
    const printer = this.devices.get(kioskId)?.printer;
    if (!printer) return { printed: false, printProblem: 'no-printer' };
    // A retried request (same idempotency key) answers the same ticket: do not print it twice.
    if (this.printed.has(ticket.id)) return { printed: true };
    const config = this.ports.config;
    const language = chosen ?? config.hall.language;
    const service = this.ports.layout.services.get(ticket.serviceId);
    const printable: PrintableTicket = {
      hallName: config.hall.name,
      serviceName: (language === 'en' ? service?.nameEn : service?.name) ?? ticket.serviceId,
      number: ticket.number,
      waitingAhead: ticket.waitingAhead,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      ...(isUnstaffed !== undefined ? { isUnstaffed } : {}),
      ...(isGuess !== undefined ? { isGuess } : {}),
      issuedAt: ticket.issuedAt,
      timeZone: config.hall.timeZone,
      trackUrl,
      ...(priorityOnPaper(ticket, greenReasonsOf(config.policy), language) ?? {}),
      // 一次性告知: the first materials, so a visitor sees what is missing before the wait, not at the window.
      note: [guideReminder(service?.guide, language), NOTES[language]].filter((x) => x !== undefined).join('\n'),
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

/** 绿色通道 (with its reason's words) or 预约 on the paper: what an elderly visitor shows staff. */
function priorityOnPaper(ticket: TicketView, reasons: readonly GreenReason[], language: Language): Pick<PrintableTicket, 'priority'> | undefined {
  if (ticket.priority === 'appointment') return { priority: { kind: 'appointment' } };
  if (ticket.priority !== 'green') return undefined;
  const reason = greenReasonName(ticket.priorityReason, reasons, language);
  return { priority: { kind: 'green', ...(reason ? { greenReason: reason } : {}) } };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
