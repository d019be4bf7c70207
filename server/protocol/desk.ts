/**
 * The front desk (导办台 / 咨询台, desk-ui/): staff issue a ticket on a visitor's behalf, grant or upgrade the
 * 绿色通道 with a reason from the hall's list, print on a chosen kiosk's printer, and look a ticket up by its
 * number to answer "how long still?". Browser-safe: the page and the hub share these schemas.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ConfigId } from './layout';
import { TicketView } from './model';

/** One reason the hall accepts for the green channel, as `policy.greenReasons` in hallq.yaml lists it. */
export const GreenReason = Type.Object(
  {
    id: ConfigId,
    name: Type.String({ minLength: 1, maxLength: 20, description: 'as staff and the audit log read it, e.g. 老年人' }),
    nameEn: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type GreenReason = Static<typeof GreenReason>;

/**
 * Without `policy.greenReasons`: the groups the 政务服务 documents name. The ids of the kiosk's own green
 * requests (elderly, assisted, pregnant, other) are kept, so one reason reads the same whoever granted it.
 */
export const DEFAULT_GREEN_REASONS: readonly GreenReason[] = Object.freeze([
  { id: 'elderly', name: '老年人', nameEn: 'Elderly' },
  { id: 'pregnant', name: '孕妇', nameEn: 'Pregnant' },
  { id: 'disability', name: '残疾人', nameEn: 'Disability' },
  { id: 'military', name: '军人', nameEn: 'Military' },
  { id: 'assisted', name: '帮办代办', nameEn: 'Assisted / on behalf' },
  { id: 'other', name: '其他', nameEn: 'Other' },
]);

/** The reason's words, from the hall's list, else the defaults, else the id itself (an old or removed reason). */
export function greenReasonName(id: string | undefined, reasons: readonly GreenReason[], language: 'zh-CN' | 'en'): string {
  if (id === undefined) return '';
  const reason = reasons.find((r) => r.id === id) ?? DEFAULT_GREEN_REASONS.find((r) => r.id === id);
  if (!reason) return id;
  return language === 'en' ? (reason.nameEn ?? reason.name) : reason.name;
}

/**
 * A kiosk whose printer the desk may print on (a desk printer is configured as a kiosk with only a printer).
 * `name` is what the desk shows: the kiosk's name in hallq.yaml, its id only when it has none.
 */
export const DeskPrinter = Type.Object({ kioskId: Type.String(), name: Type.String(), status: Type.String(), code: Type.Optional(Type.String()) });
export type DeskPrinter = Static<typeof DeskPrinter>;

/** What the desk page needs besides the live queue: the reasons it may choose and the printers it may use. */
export const DeskConfig = Type.Object({
  hallName: Type.String(),
  language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
  timeZone: Type.String(),
  greenReasons: Type.Array(GreenReason),
  printers: Type.Array(DeskPrinter),
});
export type DeskConfig = Static<typeof DeskConfig>;

const Note = Type.String({ minLength: 1, maxLength: 60, description: '代办 note for the clerk, e.g. 家属代办; never an ID number or phone number' });

export const DeskIssueBody = Type.Object(
  {
    serviceId: ConfigId,
    /** Grant the green channel at once, for this reason (one of the hall's `policy.greenReasons`). */
    greenReason: Type.Optional(ConfigId),
    note: Type.Optional(Note),
    /** Print on this kiosk's printer; absent: not printed (the visitor reads the number off the desk screen). */
    printAt: Type.Optional(ConfigId),
    language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type DeskIssueBody = Static<typeof DeskIssueBody>;

/** The issued ticket as staff see it (never its track token), and how printing went. */
export const DeskIssued = Type.Object({
  ticket: TicketView,
  printed: Type.Optional(Type.Boolean()),
  printProblem: Type.Optional(Type.String()),
});
export type DeskIssued = Static<typeof DeskIssued>;

export const GreenChannelBody = Type.Object({ reason: ConfigId }, { additionalProperties: false });
export type GreenChannelBody = Static<typeof GreenChannelBody>;

export const DeskTicketParams = Type.Object({ ticketId: Type.String({ minLength: 1, maxLength: 64 }) });
export const TicketNumberParams = Type.Object({ number: Type.String({ minLength: 2, maxLength: 8, pattern: '^[A-Za-z]{1,2}[0-9]{1,4}$' }) });

/** "How long still?": today's ticket of that number, its place and the hub's estimate. */
export const TicketLookup = Type.Object({
  ticket: TicketView,
  waitingAhead: Type.Integer(),
  estimatedWaitMinutes: Type.Integer(),
  /** No open window serves its service now: the figure means nothing until one opens. */
  isUnstaffed: Type.Boolean(),
  /** The estimate rests on defaults, not on today's observed service times. */
  isGuess: Type.Boolean(),
  windowNumber: Type.Optional(Type.Integer()),
});
export type TicketLookup = Static<typeof TicketLookup>;
