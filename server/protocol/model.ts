/**
 * The shapes the hub shows to clients: TypeBox schemas (runtime validation + OpenAPI) and their static
 * types. Browser-safe: the UIs import these. Public shapes carry no personal data by construction.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ServiceGuide } from './layout';

export const Languages = ['zh-CN', 'en'] as const;
export const Language = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export type Language = Static<typeof Language>;

export const PRIORITIES = ['normal', 'green', 'appointment'] as const;
export const Priority = Type.Union(PRIORITIES.map((p) => Type.Literal(p)));
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'parked', 'done', 'no-show', 'transferred', 'cancelled'] as const;
export const TicketStatus = Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s)));
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const WINDOW_STATES = ['closed', 'open', 'paused', 'serving'] as const;
export const WindowState = Type.Union(WINDOW_STATES.map((s) => Type.Literal(s)));
export type WindowState = (typeof WINDOW_STATES)[number];

export const PAUSE_REASONS = ['break', 'meeting', 'consulting', 'paperwork', 'system', 'other'] as const;
export const PauseReason = Type.Union(PAUSE_REASONS.map((s) => Type.Literal(s)));
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const ROLES = ['kiosk', 'display', 'clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const StaffRole = Type.Union([Type.Literal('clerk'), Type.Literal('manager'), Type.Literal('admin')]);
export type StaffRole = Static<typeof StaffRole>;

/** National five levels (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意; 2 and 1 are 差评. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export const RatingScore = Type.Integer({ minimum: 1, maximum: 5 });
export type RatingScore = 1 | 2 | 3 | 4 | 5;
/** 'system': the province's default rating of a visit left unrated (docs/province.md `rules.defaultRatingAfterDays`). */
export const RATING_CHANNELS = ['keypad', 'pad', 'phone', 'system'] as const;
export const RatingChannel = Type.Union(RATING_CHANNELS.map((c) => Type.Literal(c)));
export type RatingChannel = (typeof RATING_CHANNELS)[number];
/** Reason codes offered with a 差评 (configurable per hall in later versions; these are the defaults). */
export const RATING_TAGS = ['slow', 'attitude', 'unclear-guidance', 'repeated-visits', 'long-wait', 'process', 'other'] as const;
export const RatingTag = Type.Union(RATING_TAGS.map((t) => Type.Literal(t)));
export type RatingTag = (typeof RATING_TAGS)[number];

export const ServiceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  prefix: Type.String(),
  waiting: Type.Integer(),
  estimatedWaitMinutes: Type.Integer(),
  /** No open window serves this service now (lunch, absence, none configured): no time is promised. The hub always sets it. */
  isUnstaffed: Type.Optional(Type.Boolean()),
  /** The figure is a guess (few of today's visits timed): pages say 「约」. The hub always sets it. */
  isGuess: Type.Optional(Type.Boolean()),
  /** Whether a ticket can be taken right now, and if not why ('outside-hours' | 'daily-cap-reached' | 'no-numbers-left' | 'storage-unavailable'). */
  isAvailable: Type.Boolean(),
  unavailableReason: Type.Optional(Type.String()),
  /**
   * Not available: when tickets can be taken again (later today, or from the first range of the next working day in
   * the hall's holiday calendar), for the kiosk's next step in words. `isTomorrow`: the page says 「明天」, else the date.
   */
  nextOpening: Type.Optional(
    Type.Object({
      isToday: Type.Boolean(),
      day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'hall-local day, YYYY-MM-DD' }),
      isTomorrow: Type.Boolean(),
      from: Type.Optional(Type.String({ description: "'HH:MM'" })),
    }),
  ),
  issuedToday: Type.Integer(),
  dailyCap: Type.Optional(Type.Integer()),
  hours: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  waitLimitMinutes: Type.Integer(),
  serviceLimitMinutes: Type.Integer(),
});
export type ServiceView = Static<typeof ServiceView>;

export const WindowServiceView = Type.Object({ serviceId: Type.String(), weight: Type.Number() });

/** A window as everyone may see it: no clerk name on public payloads, only `hasClerk`. */
export const WindowView = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  area: Type.Optional(Type.String()),
  services: Type.Array(Type.String(), { description: 'service ids in priority order' }),
  weights: Type.Array(WindowServiceView),
  state: WindowState,
  pauseReason: Type.Optional(PauseReason),
  since: Type.Integer({ description: 'epoch ms when the current state began' }),
  isAutoCall: Type.Boolean(),
  current: Type.Optional(Type.Object({ ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), calledAt: Type.Integer() })),
});
export type WindowView = Static<typeof WindowView>;

/**
 * A ticket as staff see it. The only personal data is masked (`personMasked`, `nameMasked`). It never holds
 * the visitor's track token: that token alone rates the visit (好差评), so only the issuing kiosk's reply
 * (`IssuedTicket`), the printer and the phone page know it.
 */
export const TicketView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  day: Type.String(),
  status: TicketStatus,
  priority: Priority,
  priorityReason: Type.Optional(Type.String()),
  arrivedAt: Type.Integer(),
  issuedAt: Type.Integer(),
  dueAt: Type.Optional(Type.Integer()),
  windowId: Type.Optional(Type.String()),
  staffId: Type.Optional(Type.String()),
  targetWindowId: Type.Optional(Type.String()),
  calledAt: Type.Optional(Type.Integer()),
  firstCalledAt: Type.Optional(Type.Integer()),
  callCount: Type.Integer(),
  finishedAt: Type.Optional(Type.Integer()),
  parkedUntil: Type.Optional(Type.Integer()),
  closeReason: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  personMasked: Type.Optional(Type.String()),
  nameMasked: Type.Optional(Type.String()),
  waitingAhead: Type.Integer(),
  estimatedWaitMinutes: Type.Integer(),
});
/**
 * `trackToken?: never` makes a domain `Ticket` (which has the token) or a kiosk's `IssuedTicket` fail to
 * type-check where a staff view is expected: build one with `toTicketView` instead.
 */
export type TicketView = Static<typeof TicketView> & { readonly trackToken?: never };

/** What the visitor's phone sees at /t/<trackToken>: no personal data. */
export const TrackView = Type.Object({
  number: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  serviceNameEn: Type.String(),
  status: TicketStatus,
  waitingAhead: Type.Integer(),
  estimatedWaitMinutes: Type.Integer(),
  /** As on ServiceView: no open window serves the ticket's service now; the figure is a guess. */
  isUnstaffed: Type.Optional(Type.Boolean()),
  isGuess: Type.Optional(Type.Boolean()),
  /** The window that called the ticket, set it aside (挂起) or marked it 过号. */
  windowNumber: Type.Optional(Type.Integer()),
  calledAt: Type.Optional(Type.Integer()),
  /** Waiting with policy.phoneNoticeAhead people or fewer ahead: the phone says 「快轮到您了」. Absent from an older hub. */
  isNearTurn: Type.Optional(Type.Boolean()),
  /** After 过号: minutes in which the clerk can still put the visitor back (撤销过号); absent when that is over. */
  undoMinutesLeft: Type.Optional(Type.Integer({ minimum: 1 })),
  canRate: Type.Boolean(),
  rating: Type.Optional(RatingScore),
  hallName: Type.String(),
  /** 一次性告知 of the ticket's service: the full list of materials, basis, 承诺时限 and fees. */
  guide: Type.Optional(ServiceGuide),
});
export type TrackView = Static<typeof TrackView>;

/** One call as displays show it. */
export const CallView = Type.Object({
  seq: Type.Integer(),
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  windowId: Type.String(),
  windowNumber: Type.Integer(),
  isRecall: Type.Boolean(),
  callCount: Type.Integer(),
  at: Type.Integer(),
});
export type CallView = Static<typeof CallView>;

export const RatingView = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  windowId: Type.String(),
  staffId: Type.Optional(Type.String()),
  score: RatingScore,
  tags: Type.Array(Type.String()),
  channel: RatingChannel,
  finishedAt: Type.Integer(),
  ratedAt: Type.Integer(),
});
export type RatingView = Static<typeof RatingView>;

export const DeviceHealthView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('error')]),
  code: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  since: Type.Integer(),
  owner: Type.Optional(Type.String({ description: 'kiosk or window the device belongs to' })),
});
export type DeviceHealthView = Static<typeof DeviceHealthView>;

/** Why the hub's database cannot be written (server/app/storage-health.ts): full, failing, read-only, unopenable. */
export const STORAGE_FAULT_KINDS = ['full', 'io', 'readonly', 'cantopen'] as const;
export type StorageFaultKind = (typeof STORAGE_FAULT_KINDS)[number];
export const StorageFaultView = Type.Object({
  kind: Type.Union(STORAGE_FAULT_KINDS.map((k) => Type.Literal(k))),
  /** SQLite's own code (SQLITE_FULL, SQLITE_IOERR_WRITE, …), for the administrator. */
  code: Type.String(),
  since: Type.Integer(),
});
export type StorageFaultView = Static<typeof StorageFaultView>;

export const UserView = Type.Object({
  username: Type.String(),
  name: Type.String(),
  role: StaffRole,
});
export type UserView = Static<typeof UserView>;

/** The whole hall at one sequence number: what a display or a reconnecting client starts from. */
export const HallSnapshot = Type.Object({
  seq: Type.Integer(),
  day: Type.String(),
  now: Type.Integer(),
  hall: Type.Object({ name: Type.String(), timeZone: Type.String(), language: Language }),
  services: Type.Array(ServiceView),
  windows: Type.Array(WindowView),
  recentCalls: Type.Array(CallView),
  notices: Type.Array(Type.String()),
});
export type HallSnapshot = Static<typeof HallSnapshot>;

/** Staff see the active tickets too (to pick one, see the queue) and the devices' health. */
export const StaffSnapshot = Type.Composite([
  HallSnapshot,
  Type.Object({
    tickets: Type.Array(TicketView),
    devices: Type.Array(DeviceHealthView),
  }),
]);
export type StaffSnapshot = Static<typeof StaffSnapshot>;
