/**
 * The socket.io contract described for integrators: every fact, server event and client command of the typed
 * event map (events.ts) with a sentence, who receives it and a TypeBox schema of its payload. The tables are
 * mapped over the map's own keys, so a new event without an entry fails to compile, and each fact's schema
 * is checked against its TypeScript payload (`FactSchemaMatches` below). `scripts/event-docs.ts` renders
 * docs/api/events.md from here; test/unit/event-docs.test.ts fails when an entry has no description or the
 * document is stale. Browser-safe: schemas and types only.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ClientToServerEvents, FactName, FactPayloads, PublicFactName, PublicFactPayloads, ServerToClientEvents } from './events';
import { CallView, DeviceHealthView, HallSnapshot, RatingView, ServiceView, StaffRole, StaffSnapshot, TicketView, WindowView } from './model';
import { AlertView, BackupFile, FollowupView } from './manager-model';
import { DaySummary, SupervisionNote } from './uplink';
import { SessionEnded } from './sessions';
import { TERMINAL_KINDS, TerminalFault, TerminalHello, TerminalHelloReply, TerminalReload, TerminalView } from './terminals';
import { STAFF_ACTIONS } from './audit-words';
import { IssueTicketBody, IssuedTicket, RatingBody, WindowCommandReply, WINDOW_VERBS } from './http';
import { ErrorReply } from './http';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const TICKET_UPDATE_REASONS = ['finished', 'no-show', 'no-show-undone', 'parked', 'returned', 'transferred', 'cancelled', 'day-closed', 'moved', 'released', 'green-channel'] as const;

/** The payload schema of each fact, the same shape as FactPayloads. */
export const FACT_SCHEMAS = {
  'ticket:issued': Type.Object({ ticket: TicketView }),
  'ticket:called': Type.Object({ call: CallView, ticket: TicketView, isChosen: Type.Optional(Type.Boolean()) }),
  'ticket:updated': Type.Object({ ticket: TicketView, reason: literals(TICKET_UPDATE_REASONS) }),
  'window:updated': Type.Object({ window: WindowView }),
  'window:released': Type.Object({
    windowId: Type.String(), windowNumber: Type.Integer(), by: Type.String(), clerk: Type.Optional(Type.String()), ticketId: Type.Optional(Type.String()), number: Type.Optional(Type.String()),
  }),
  'rating:recorded': Type.Object({ rating: RatingView }),
  'notices:updated': Type.Object({ notices: Type.Array(Type.String()) }),
  'day:rolled': Type.Object({ day: Type.String() }),
  'config:updated': Type.Object({ services: Type.Array(ServiceView), windows: Type.Array(WindowView) }),
  'alert:raised': Type.Object({ alert: AlertView }),
  'alert:cleared': Type.Object({ alert: AlertView }),
  'alert:acknowledged': Type.Object({ alert: AlertView }),
  'followup:updated': Type.Object({ followup: FollowupView }),
  'admin:changed': Type.Object({
    area: literals(['staff', 'holidays', 'settings', 'backup', 'appointments'] as const),
    summary: Type.String(),
    account: Type.Optional(Type.Object({ username: Type.String(), name: Type.String(), role: StaffRole, actions: Type.Array(literals(STAFF_ACTIONS)) })),
  }),
  'day:summary': Type.Object({ summary: DaySummary }),
  'device:changed': Type.Object({ device: DeviceHealthView }),
  'province:case-attached': Type.Object({ ticketId: Type.String(), number: Type.String(), caseNumber: Type.String(), by: Type.String() }),
  'province:record-corrected': Type.Object({ recordId: Type.String(), caseNumber: Type.Optional(Type.String()), fields: Type.Array(Type.String()) }),
  'supervision:noted': Type.Object({ note: SupervisionNote }),
  'terminal:reload-requested': Type.Object({ terminalId: Type.String(), kind: literals(TERMINAL_KINDS), name: Type.String(), by: Type.String() }),
  'terminal:forgotten': Type.Object({ terminalId: Type.String(), kind: literals(TERMINAL_KINDS), name: Type.String(), by: Type.String() }),
} satisfies { readonly [N in FactName]: TSchema };

export const PUBLIC_FACT_SCHEMAS = {
  'ticket:called': Type.Object({ call: CallView }),
  'window:updated': FACT_SCHEMAS['window:updated'],
  'notices:updated': FACT_SCHEMAS['notices:updated'],
  'day:rolled': FACT_SCHEMAS['day:rolled'],
  'config:updated': FACT_SCHEMAS['config:updated'],
} satisfies { readonly [N in PublicFactName]: TSchema };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Each schema describes exactly its payload type: a field added to FactPayloads but not here fails to compile. */
type FactSchemaMatches = { [N in FactName]: Same<Static<(typeof FACT_SCHEMAS)[N]>, FactPayloads[N]> };
type PublicSchemaMatches = { [N in PublicFactName]: Same<Static<(typeof PUBLIC_FACT_SCHEMAS)[N]>, PublicFactPayloads[N]> };
const factSchemasMatch: { [N in FactName]: true } = {} as FactSchemaMatches;
const publicSchemasMatch: { [N in PublicFactName]: true } = {} as PublicSchemaMatches;
void factSchemasMatch;
void publicSchemasMatch;

export type Audience = 'staff' | 'public and staff' | 'managers' | 'one terminal';

export interface FactDoc {
  readonly description: string;
}

/** What each fact means. Public ones are also sent, projected (PUBLIC_FACT_SCHEMAS), to displays and phones. */
export const FACT_DOCS: { readonly [N in FactName]: FactDoc } = {
  'ticket:issued': { description: 'A ticket was taken (kiosk, staff desk or appointment check-in).' },
  'ticket:called': { description: 'A window called a ticket (叫号), in order or chosen by the clerk (`isChosen`, 指定叫号); also a recall. Public clients get only the `call`.' },
  'ticket:updated': { description: 'A ticket changed state or hands, `reason` says why: finished, no-show (过号) and its undo, parked, returned, transferred, cancelled, closed at day end, moved to another window, sent back by a release, or given the green channel (绿色通道) by staff.' },
  'window:updated': { description: 'A window opened, closed, paused (with its reason), resumed or started serving.' },
  'window:released': { description: 'A manager released a window left open (强制关窗): who, which window, the clerk it was held by and the ticket sent back to the queue.' },
  'rating:recorded': { description: 'A visit was rated (好差评) on the keypad, the rating pad or the phone, or by the default after the rating window.' },
  'notices:updated': { description: 'The notices (公告) changed; displays and kiosks show the new list.' },
  'day:rolled': { description: 'The business day changed (the hub closed the old day); clients re-sync.' },
  'config:updated': { description: 'An admin changed the services or windows in the console; applied live. Replace your lists with these.' },
  'alert:raised': { description: 'An 电子监察 rule raised an alert (wait, service or pause overdue, device offline, paper out, clock step, follow-up overdue, disk fault).' },
  'alert:cleared': { description: 'The condition of an alert ended.' },
  'alert:acknowledged': { description: 'A manager acknowledged an alert, with a note.' },
  'followup:updated': { description: 'A 差评 follow-up was opened or changed (call-back, remedy, feedback, appeal and its decision).' },
  'admin:changed': { description: 'An admin edit with no live view of its own (staff accounts, holidays, settings, backups, appointments), for the audit log. Never password data.' },
  'day:summary': { description: "The closing figures of the day just ended, sent before 'day:rolled'. Services, windows and usernames only." },
  'device:changed': { description: "A device's health changed (printer, ID reader, keypad, strip, caller, disk)." },
  'province:case-attached': { description: 'A 办件编号 was attached to a ticket, by the clerk or the business system (POST /api/province/cases).' },
  'province:record-corrected': { description: 'A manager corrected a held or rejected 好差评 record and queued it again.' },
  'supervision:noted': { description: 'A supervision note (督办) from the city centre about a 差评 follow-up.' },
  'terminal:reload-requested': { description: 'A manager asked one hall page (display, kiosk page, rating pad, clerk PC) to reload itself; `by` is the username.' },
  'terminal:forgotten': { description: 'A manager removed a dark terminal from the registry (a replaced screen, or a page with a new id); its dark alert clears. A later hello registers it again.' },
};

export interface ServerEventDoc {
  readonly description: string;
  readonly audience: Audience;
  readonly payload: TSchema;
}

const Envelope = (data: TSchema) =>
  Type.Object({ seq: Type.Integer({ description: "the hub's log sequence number" }), at: Type.Integer({ description: 'hub time, ms since epoch' }), type: Type.String(), data });

export const SERVER_EVENT_DOCS: { readonly [N in keyof ServerToClientEvents]: ServerEventDoc } = {
  'hub:events': {
    audience: 'staff',
    description: 'Every fact of one commit, in sequence order, each in an envelope `{ seq, at, type, data }` whose `data` is the fact payload below. Keep the last `seq`: send it with `hall:sync` after a reconnect.',
    payload: Type.Array(Envelope(Type.Unknown({ description: 'the payload of the fact named by `type` (Facts, below)' }))),
  },
  'hub:public-events': {
    audience: 'public and staff',
    description: 'The public projection of a commit\'s facts (displays, phones): only the public facts below, with their public payloads. Never a ticket, so never masked personal data.',
    payload: Type.Array(Envelope(Type.Unknown({ description: 'the public payload of the fact named by `type` (Public facts, below)' }))),
  },
  'queues:updated': {
    audience: 'public and staff',
    description: 'Waiting counts and estimates after a change; derived, not logged (a snapshot carries them too).',
    payload: Type.Object({ seq: Type.Integer(), services: Type.Array(ServiceView) }),
  },
  'devices:updated': { audience: 'staff', description: "The devices' health, whole list, whenever one changes.", payload: Type.Array(DeviceHealthView) },
  'hub:closing': { audience: 'public and staff', description: 'The hub is shutting down gracefully: reconnect in a moment (socket.io does), then `hall:sync`.', payload: Type.Null() },
  'terminal:reload': { audience: 'one terminal', description: 'A manager asked this page to reload (「刷新页面」): it calls location.reload(). Only the sockets of that terminal receive it.', payload: TerminalReload },
  'terminals:updated': { audience: 'managers', description: "The hall's terminals (wall displays, kiosk pages, rating pads, clerk PCs): online or dark since when, page version, last fault with its grade. Whole list, whenever one changes.", payload: Type.Array(TerminalView) },
  'backup:written': { audience: 'managers', description: "The hub's scheduled daily backup wrote this file (`hallq-YYYY-MM-DD.db` in the backup folder). Not a logged fact; a console showing the backups re-reads them (GET /api/admin/backups). A backup made from a console is announced by the fact `admin:changed` (area `backup`) instead.", payload: BackupFile },
  'session:ended': { audience: 'staff', description: "This socket's staff session ended (signed out, expired, disabled, password reset, role changed); the hub disconnects right after. Sign in again.", payload: SessionEnded },
};

export interface ClientCommandDoc {
  readonly description: string;
  readonly who: string;
  readonly request: TSchema;
  readonly reply: TSchema;
}

const Ack = (data: TSchema) => Type.Union([Type.Object({ ok: Type.Literal(true), data }), Type.Object({ ok: Type.Literal(false), error: ErrorReply })]);

export const CLIENT_COMMAND_DOCS: { readonly [N in keyof ClientToServerEvents]: ClientCommandDoc } = {
  'hall:sync': {
    who: 'anyone connected',
    description: 'Send the last `seq` you saw (or none) after every (re)connect: the hub answers the events you missed if it still has them (`replay`), else a fresh snapshot (staff: StaffSnapshot, others: HallSnapshot).',
    request: Type.Object({ lastSeq: Type.Optional(Type.Integer()) }),
    reply: Ack(Type.Union([
      Type.Object({ mode: Type.Literal('replay'), events: Type.Array(Envelope(Type.Unknown())), seq: Type.Integer(), services: Type.Array(ServiceView), now: Type.Integer() }),
      Type.Object({ mode: Type.Literal('snapshot'), snapshot: Type.Union([StaffSnapshot, HallSnapshot]) }),
    ])),
  },
  'ticket:issue': { who: 'a kiosk (device token) or staff', description: 'Take a ticket, as POST /api/tickets.', request: IssueTicketBody, reply: Ack(IssuedTicket) },
  'window:command': {
    who: 'the clerk at the window',
    description: `A window verb (${WINDOW_VERBS.join(', ')}) with its body, as POST /api/windows/{windowId}/{verb}; call-next answers null when nobody waits.`,
    request: Type.Object({ windowId: Type.String(), verb: literals(WINDOW_VERBS), body: Type.Optional(Type.Object({}, { description: 'the verb\'s body (see the HTTP route of the verb)' })) }),
    reply: Ack(Type.Union([WindowCommandReply, Type.Null()])),
  },
  'terminal:hello': {
    who: 'a hall page: display (anyone), kiosk page (kiosk token), rating pad (pad token), clerk PC (staff)',
    description: 'Say what this page is, on every (re)connect: kind, its own id and label (display, clerk PC; a kiosk and a pad are named by their token), the release it was built from. The socket is then the terminal\'s presence: when it drops, the terminal is dark. One terminal per socket; a kind the credential does not allow is `forbidden`.',
    request: TerminalHello,
    reply: Ack(TerminalHelloReply),
  },
  'terminal:fault': { who: 'a page after its hello', description: 'Report one of the page\'s own faults beginning (`isActive: true`) or ending: speech or sound unavailable, printer or ID reader unreachable from the kiosk page, a page error. Codes only, never text.', request: TerminalFault, reply: Ack(Type.Null()) },
  'ticket:rate': { who: "the visitor's phone (track token)", description: 'Rate the visit, as POST /api/track/{trackToken}/rating.', request: Type.Composite([Type.Object({ trackToken: Type.String() }), RatingBody]), reply: Ack(RatingView) },
};

/** Shared shapes the document names instead of repeating them, listed once under "Types". */
export const NAMED_SCHEMAS: Readonly<Record<string, TSchema>> = {
  TicketView, CallView, WindowView, ServiceView, RatingView, DeviceHealthView, AlertView, FollowupView, DaySummary, SupervisionNote, SessionEnded, HallSnapshot, StaffSnapshot,
  IssueTicketBody, IssuedTicket, RatingBody, WindowCommandReply, ErrorReply, TerminalView,
};
