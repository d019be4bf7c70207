/**
 * What leaves the hall for the city centre (docs/uplink.md, "What leaves the hall"): each logged fact is
 * rebuilt from an explicit allow-list, per fact type and per field, with a sanitizer for every field that
 * passes. Anything not named here stays in the hall: masked ID numbers and names, person hashes, staff's
 * notes about a visit, track tokens, staff display names, password data, admin summaries — and whatever
 * field a later version adds to a fact, until someone adds it here on purpose.
 *
 * The input is the stored log row (`data: unknown`), not the typed fact: rows written by earlier versions
 * carry fields the types no longer have (a track token in a ticket), and they leave through the same gate.
 * Pure: no I/O, no clock.
 */
import { PAUSE_REASONS, PRIORITIES, RATING_CHANNELS, RATING_TAGS, TICKET_STATUSES, WINDOW_STATES } from '../protocol/model';
import { ALERT_KINDS, APPEAL_STATUSES, FOLLOWUP_STATUSES } from '../protocol/manager-model';
import type { UplinkEvent } from '../protocol/uplink';

export interface ProjectionContext {
  /** Staff display names (王芳): dropped wherever they turn up, as a whole value or inside free text. */
  readonly staffNames: ReadonlySet<string>;
}

/** A logged fact as storage hands it over. */
export interface LoggedFact {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly data: unknown;
}

type Field = (value: unknown, ctx: ProjectionContext) => unknown;
type Shape = { readonly [key: string]: Field };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whole values that are personal whatever field they sit in: a mobile number, an ID-card number (15 or 18),
 * a masked one, a hash (a keyed person hash, a token hash). Ids the hub mints are UUIDs or config ids.
 */
function looksPersonal(value: string): boolean {
  return /^(\+?86)?1[3-9]\d{9}$/.test(value) || /^\d{15}$|^\d{17}[\dXx]$/.test(value) || /^[0-9a-f]{32,}$/i.test(value);
}

const isStaffName = (value: string, ctx: ProjectionContext): boolean => ctx.staffNames.has(value) || [...ctx.staffNames].some((n) => n.toLowerCase() === value.toLowerCase());

/** An identifier: a UUID the hub minted or an id from the configuration (letters, digits, _ . : -). */
const id: Field = (value, ctx) =>
  typeof value === 'string' && value.length <= 64 && /^[A-Za-z0-9_.:-]+$/.test(value) && !looksPersonal(value) && !isStaffName(value, ctx) ? value : undefined;

/** A staff account name (`clerk1`), never the person's display name. */
const username: Field = (value, ctx) => (typeof value === 'string' && value.length <= 32 ? id(value, ctx) : undefined);

const ticketNumber: Field = (value) => (typeof value === 'string' && /^[A-Z]{1,2}\d{1,5}$/.test(value) ? value : undefined);
const day: Field = (value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const hourMinute: Field = (value) => (typeof value === 'string' && /^\d{1,2}:\d{2}$/.test(value) ? value : undefined);
const int: Field = (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const num: Field = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const bool: Field = (value) => (typeof value === 'boolean' ? value : undefined);
const oneOf =
  (allowed: readonly string[]): Field =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? value : undefined;

/**
 * Free text that may leave (a visitor's rating comment, a window's name): with anything that looks like a
 * phone or ID number, a mask, an e-mail address, a token or hash, and staff display names cut out. A visitor
 * who writes their own name in a comment cannot be caught by a pattern; docs/uplink.md says so.
 */
export function scrubText(text: string, ctx: ProjectionContext): string {
  let out = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '…')
    .replace(/scrypt\$\S*/gi, '…')
    .replace(/[A-Za-z0-9_$+/=-]{20,}/g, '…')
    .replace(/[\p{L}\p{N}]{0,8}[*＊]+[\p{L}\p{N}*＊]{0,8}/gu, '…')
    .replace(/[0-9０-９](?:[\s\-.()（）]*[0-9０-９xX]){4,}/g, '…');
  for (const name of ctx.staffNames) {
    if (name.length < 2) continue;
    out = out.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), '…');
  }
  return out;
}

const text =
  (max: number): Field =>
  (value, ctx) => {
    if (typeof value !== 'string') return undefined;
    const clean = scrubText(value, ctx).trim().slice(0, max);
    return clean === '' ? undefined : clean;
  };

const arrayOf =
  (item: Field, max = 1000): Field =>
  (value, ctx) =>
    Array.isArray(value) ? value.slice(0, max).map((v) => item(v, ctx)).filter((v) => v !== undefined) : undefined;

/** An object rebuilt from its allow-listed fields only; every other key stays behind. */
const object =
  (shape: Shape): Field =>
  (value, ctx) => {
    if (!isRecord(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      if (!Object.hasOwn(value, key)) continue;
      const projected = field(value[key], ctx);
      if (projected !== undefined) out[key] = projected;
    }
    return out;
  };

/** How a ticket ended: the hub's own codes only (a free-text reason would stay). */
const CLOSE_REASONS = ['no-show', 'recall-limit', 'transferred', 'window-released', 'day-closed', 'cancelled'] as const;
const UPDATE_REASONS = ['finished', 'no-show', 'parked', 'returned', 'transferred', 'cancelled', 'day-closed', 'moved', 'released'] as const;
const ADMIN_AREAS = ['staff', 'holidays', 'settings', 'backup', 'appointments'] as const;

/** Not leaving: note, personMasked, nameMasked, priorityReason (it describes the visitor), any token. */
const ticket = object({
  id, number: ticketNumber, serviceId: id, day, status: oneOf(TICKET_STATUSES), priority: oneOf(PRIORITIES),
  arrivedAt: int, issuedAt: int, dueAt: int, windowId: id, staffId: username, targetWindowId: id,
  calledAt: int, firstCalledAt: int, callCount: int, finishedAt: int, parkedUntil: int,
  closeReason: oneOf(CLOSE_REASONS), waitingAhead: int, estimatedWaitMinutes: int,
});

const call = object({ seq: int, ticketId: id, number: ticketNumber, serviceId: id, windowId: id, windowNumber: int, isRecall: bool, callCount: int, at: int });

/** A window as displays show it (no clerk on it); the pause note stays in the hall. */
const window = object({
  id, number: int, name: text(60), area: text(40), services: arrayOf(id), weights: arrayOf(object({ serviceId: id, weight: num })),
  state: oneOf(WINDOW_STATES), pauseReason: oneOf(PAUSE_REASONS), since: int, isAutoCall: bool,
  current: object({ ticketId: id, number: ticketNumber, serviceId: id, calledAt: int }),
});

const service = object({
  id, name: text(60), nameEn: text(60), prefix: (v) => (typeof v === 'string' && /^[A-Z]{1,2}$/.test(v) ? v : undefined),
  waiting: int, estimatedWaitMinutes: int, isAvailable: bool, issuedToday: int, dailyCap: int,
  hours: arrayOf(object({ from: hourMinute, to: hourMinute })), waitLimitMinutes: int, serviceLimitMinutes: int,
});

const rating = object({
  id, ticketId: id, number: ticketNumber, serviceId: id, windowId: id, staffId: username,
  score: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : undefined),
  tags: arrayOf(oneOf(RATING_TAGS), 20), channel: oneOf(RATING_CHANNELS), finishedAt: int, ratedAt: int,
});

/** The acknowledging manager's note stays in the hall. */
const alert = object({
  id, kind: oneOf(ALERT_KINDS), subjectId: id, subject: text(60), serviceId: id, windowId: id, limitMinutes: int,
  since: int, raisedAt: int, clearedAt: int, acknowledgedAt: int, acknowledgedBy: username,
});

/** The 差评 and its steps' dates and statuses; what staff wrote (call-back, remedy, feedback, appeal notes) stays. */
const followup = object({
  id, ratingId: id, ticketId: id, number: ticketNumber, serviceId: id, windowId: id, assignee: username,
  score: int, tags: arrayOf(oneOf(RATING_TAGS), 20), comment: text(500), ratedAt: int, dueAt: int,
  status: oneOf(FOLLOWUP_STATUSES), isOverdue: bool, callbackAt: int, remedyAt: int, feedbackAt: int, closedAt: int,
  appealStatus: oneOf(APPEAL_STATUSES), appealBy: username, appealAt: int, appealDecidedBy: username, appealDecidedAt: int,
});

const figures: Shape = {
  issued: int, served: int, noShows: int, transferred: int, cancelled: int,
  waitP50Seconds: int, waitP90Seconds: int, serviceP50Seconds: int, serviceP90Seconds: int, ratings: int, satisfied: int, bad: int,
};
const summary = object({
  day, totals: object(figures), services: arrayOf(object({ serviceId: id, ...figures })),
  windows: arrayOf(object({ windowId: id, ...figures })), clerks: arrayOf(object({ staffId: username, ...figures })),
});

/** A device's state and fault code; the driver's free-text reason stays. */
const device = object({ id, kind: id, status: oneOf(['online', 'offline', 'error']), code: id, since: int, owner: id });

/**
 * The allow-list. Facts absent here never leave: 'notices:updated' (hall notices), 'supervision:noted'
 * (it came from the centre).
 */
export const UPLINK_FACTS: Readonly<Record<string, Shape>> = {
  'ticket:issued': { ticket },
  'ticket:called': { call, ticket, isChosen: bool },
  'ticket:updated': { ticket, reason: oneOf(UPDATE_REASONS) },
  'window:updated': { window },
  'window:released': { windowId: id, windowNumber: int, by: username, clerk: username, ticketId: id, number: ticketNumber },
  'rating:recorded': { rating },
  'day:rolled': { day },
  'day:summary': { summary },
  'config:updated': { services: arrayOf(service, 500), windows: arrayOf(window, 500) },
  'alert:raised': { alert },
  'alert:cleared': { alert },
  'alert:acknowledged': { alert },
  'followup:updated': { followup },
  /** That an admin changed something, not what: the summary can name people. */
  'admin:changed': { area: oneOf(ADMIN_AREAS) },
  'device:changed': { device },
};

/** The fact as it leaves the hall, or undefined when this kind of fact does not leave. */
export function projectForUplink(fact: LoggedFact, ctx: ProjectionContext): UplinkEvent | undefined {
  const shape = Object.hasOwn(UPLINK_FACTS, fact.type) ? UPLINK_FACTS[fact.type] : undefined;
  if (!shape) return undefined;
  const data = object(shape)(fact.data, ctx) as Record<string, unknown> | undefined;
  return { seq: fact.seq, at: fact.at, type: fact.type, data: data ?? {} };
}
