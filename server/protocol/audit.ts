/**
 * The audit log (电子监察) as managers read it: a search over the hub's append-only event log by time, actor,
 * window, ticket number and kind, newest first, paged by the entry's id (its sequence number). An entry
 * carries only what its words need (who, when, which window, which ticket number, what happened): never a
 * visitor's masked ID or name, never a track token. Words: audit-words.ts. Browser-safe.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FactName } from './events';
import { StaffRole } from './model';

/** Every fact the hub logs, in the order the console's kind filter lists them. */
export const AUDIT_KINDS = [
  'ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated', 'window:released', 'rating:recorded', 'followup:updated',
  'alert:raised', 'alert:cleared', 'alert:acknowledged', 'admin:changed', 'config:updated', 'notices:updated',
  'province:case-attached', 'province:record-corrected', 'supervision:noted', 'device:changed', 'day:summary', 'day:rolled',
  'terminal:reload-requested', 'terminal:forgotten',
] as const satisfies readonly FactName[];
export type AuditKind = (typeof AUDIT_KINDS)[number];
type UnlistedKind = Exclude<FactName, AuditKind>;
/** A compile error here means events.ts gained a fact the audit search does not list (and has no words for). */
export const ALL_FACTS_LISTED: UnlistedKind extends never ? true : never = true;

/** `2026-11-27` (the whole hall-local day) or `2026-11-27T09:30` (that hall-local minute). */
const LocalTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?$', description: 'hall-local day YYYY-MM-DD or minute YYYY-MM-DDTHH:MM' });

/** Query strings are text (the hub never coerces types), so numbers are checked as digits. */
export const AuditQuery = Type.Object(
  {
    from: LocalTime,
    to: LocalTime,
    /** A username, or `system`, `kiosk:<id>`, `device:<id>`. */
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
    windowId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
    /** A ticket number as printed (A042); any case. */
    number: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,3}[0-9]{1,5}$' })),
    kind: Type.Optional(Type.Union(AUDIT_KINDS.map((k) => Type.Literal(k)))),
    /** The `next` of the previous page: entries older than this id. */
    before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,14}$' })),
    limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: 'entries per page, 1–200 (default 50)' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditActor = Type.Object({
  kind: Type.Union([Type.Literal('staff'), Type.Literal('kiosk'), Type.Literal('device'), Type.Literal('public'), Type.Literal('system')]),
  /** Username, kiosk id or device id. */
  id: Type.Optional(Type.String()),
  /** The staff member's name (王芳), when the account exists. */
  name: Type.Optional(Type.String()),
  role: Type.Optional(StaffRole),
});
export type AuditActor = Static<typeof AuditActor>;

export const AuditEntry = Type.Object({
  id: Type.Integer({ description: 'the sequence number in the log' }),
  at: Type.Integer(),
  kind: Type.Union(AUDIT_KINDS.map((k) => Type.Literal(k))),
  actor: AuditActor,
  windowId: Type.Optional(Type.String()),
  windowNumber: Type.Optional(Type.Integer()),
  /** The ticket number (A042). */
  number: Type.Optional(Type.String()),
  serviceId: Type.Optional(Type.String()),
  /**
   * The kind's own code: why a ticket changed (`finished`), a window's state, an alert's kind, the area of
   * an admin edit, a follow-up's status, a device's status.
   */
  detail: Type.Optional(Type.String()),
  /** A second code: a pause reason, a device kind, an appeal state. */
  detail2: Type.Optional(Type.String()),
  /** The rating's level (1–5), or a count (notices, services). */
  value: Type.Optional(Type.Integer()),
  /** Rating reasons (codes), fields of a corrected record. */
  tags: Type.Optional(Type.Array(Type.String())),
  /** Staff-written text kept with the entry: an admin edit's summary, an acknowledgement note. Never visitor data. */
  text: Type.Optional(Type.String()),
  /** Someone the entry is about besides the actor: the clerk a window was released from, a staff account edited. */
  subject: Type.Optional(Type.String()),
  subjectName: Type.Optional(Type.String()),
  isChosen: Type.Optional(Type.Boolean()),
  isRecall: Type.Optional(Type.Boolean()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next: Type.Optional(Type.Integer()),
  timeZone: Type.String(),
});
export type AuditPage = Static<typeof AuditPage>;
