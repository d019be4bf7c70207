/**
 * The realtime contract: facts the hub broadcasts (each with the hub's sequence number) and the commands
 * clients send with an ack. Shared by the hub and all UIs.
 */
import type { ErrorBody } from './errors';
import type { CallView, DeviceHealthView, HallSnapshot, RatingView, ServiceView, StaffRole, StaffSnapshot, TicketView, WindowView } from './model';
import { Type, type Static } from '@sinclair/typebox';
import type { IssueTicketBody, IssuedTicket, RatingBody, WindowCommandReply, WindowVerb, WindowVerbBody } from './http';

export type { WindowCommandReply } from './http';
import type { AlertView, BackupFile, FollowupView, StaffAction } from './manager-model';
import type { DaySummary, SupervisionNote } from './uplink';
import type { SessionEnded } from './sessions';
import type { TerminalFault, TerminalHello, TerminalHelloReply, TerminalKind, TerminalReload, TerminalView } from './terminals';

/** Bumped when a payload changes incompatibly; sent in the handshake. */
export const PROTOCOL_VERSION = 1;

/** Facts, by name → payload. Public clients receive only the PublicFactPayloads, with public payloads. */
export interface FactPayloads {
  'ticket:issued': { ticket: TicketView };
  /** `isChosen`: called out of order by a clerk's choice (指定叫号), kept in the audit log. */
  'ticket:called': { call: CallView; ticket: TicketView; isChosen?: boolean };
  'ticket:updated': { ticket: TicketView; reason: 'finished' | 'no-show' | 'no-show-undone' | 'parked' | 'returned' | 'transferred' | 'cancelled' | 'day-closed' | 'moved' | 'released' | 'green-channel' };
  'window:updated': { window: WindowView };
  /**
   * A manager released a window left open (强制关窗): who did it (`by`), which window, the clerk it was held
   * by, and the ticket number sent back to the queue (`ticketId` is the new waiting segment). Staff only.
   */
  'window:released': { windowId: string; windowNumber: number; by: string; clerk?: string; ticketId?: string; number?: string };
  'rating:recorded': { rating: RatingView };
  'notices:updated': { notices: string[] };
  'day:rolled': { day: string };
  /** Services or windows were edited by an admin and applied live (server/manager). */
  'config:updated': { services: ServiceView[]; windows: WindowView[] };
  /** 电子监察 alerts (server/manager): raised by a rule, cleared when the condition ends, acknowledged by a manager. */
  'alert:raised': { alert: AlertView };
  'alert:cleared': { alert: AlertView };
  'alert:acknowledged': { alert: AlertView };
  /** A 差评 follow-up was opened or changed (call-back, remedy, feedback, appeal). */
  'followup:updated': { followup: FollowupView };
  /** An admin edit with no live view of its own (staff, holidays, settings, backups): kept for the audit log. */
  'admin:changed': {
    area: 'staff' | 'holidays' | 'settings' | 'backup' | 'appointments';
    summary: string;
    /** For area 'staff': which account and what was done to it, so the audit log can say it in words. Never password data. */
    account?: { username: string; name: string; role: StaffRole; actions: StaffAction[] };
  };
  /** The closing figures of the day just ended, logged by the day rollover before 'day:rolled' (the city centre's daily reports). */
  'day:summary': { summary: DaySummary };
  /** A device's health changed; logged (debounced) by the city uplink so the centre sees it (server/app/uplink-wing.ts). */
  'device:changed': { device: DeviceHealthView };
  /** A 办件编号 was attached to a ticket (docs/province.md); staff only, it does not leave for the centre. */
  'province:case-attached': { ticketId: string; number: string; caseNumber: string; by: string };
  /** A province record was corrected and queued again by a manager. */
  'province:record-corrected': { recordId: string; caseNumber?: string; fields: string[] };
  /** A supervision note (督办) from the city centre about a 差评 follow-up: staff only, never shipped back. */
  'supervision:noted': { note: SupervisionNote };
  /** A manager asked a hall page to reload itself (「刷新页面」, protocol/terminals.ts): kept for the audit log. */
  'terminal:reload-requested': { terminalId: string; kind: TerminalKind; name: string; by: string };
  /** A manager forgot (「移除」) a dark terminal: a replaced screen, or a page whose storage was wiped (a new id). */
  'terminal:forgotten': { terminalId: string; kind: TerminalKind; name: string; by: string };
}
export type FactName = keyof FactPayloads;

/** What a public client (wall display, phone) receives for a fact: never a TicketView (it can hold masked personal data). */
export interface PublicFactPayloads {
  'ticket:called': { call: CallView };
  'window:updated': { window: WindowView };
  'notices:updated': { notices: string[] };
  'day:rolled': { day: string };
  'config:updated': { services: ServiceView[]; windows: WindowView[] };
}
export type PublicFactName = keyof PublicFactPayloads;

/** Every broadcast fact is wrapped with the hub's log sequence number and time. */
export interface Envelope<N extends string, P> {
  seq: number;
  at: number;
  type: N;
  data: P;
}
export type StaffEvent = { [N in FactName]: Envelope<N, FactPayloads[N]> }[FactName];
export type PublicEvent = { [N in PublicFactName]: Envelope<N, PublicFactPayloads[N]> }[PublicFactName];

/** Waiting counts after a change: derived, not logged; a snapshot always carries them too. */
export interface QueuesPayload {
  seq: number;
  services: ServiceView[];
}

export type Ack<T> = (result: { ok: true; data: T } | { ok: false; error: ErrorBody }) => void;
export type AckResult<T> = Parameters<Ack<T>>[0];

/** The answer to `hall:sync`: the missed events if the hub still has them, else a fresh snapshot. */
/** `now` is the hub's clock at the reply, so clients can keep their idea of "recent" in step with it. */
export type SyncReply<S, E> = { mode: 'replay'; events: E[]; seq: number; services: ServiceView[]; now: number } | { mode: 'snapshot'; snapshot: S };
export type PublicSyncReply = SyncReply<HallSnapshot, PublicEvent>;
export type StaffSyncReply = SyncReply<StaffSnapshot, StaffEvent>;

export interface ServerToClientEvents {
  /**
   * Staff clients get every fact, the facts of one commit in one message, in sequence order: with 50
   * windows calling at once, a message per fact cost each clerk's page (and the hub) hundreds of frames.
   */
  'hub:events': (events: StaffEvent[]) => void;
  /** Public clients get the public projection, likewise one message per commit (never empty). */
  'hub:public-events': (events: PublicEvent[]) => void;
  'queues:updated': (payload: QueuesPayload) => void;
  'devices:updated': (devices: DeviceHealthView[]) => void;
  /** The hub is shutting down gracefully: reconnect in a moment. */
  'hub:closing': () => void;
  /** This socket's staff session ended (schema: SessionEnded in protocol/sessions.ts); the hub disconnects it right after. */
  'session:ended': (payload: SessionEnded) => void;
  /** Sent only to the page a manager asked to reload (protocol/terminals.ts): it calls location.reload(). */
  'terminal:reload': (payload: TerminalReload) => void;
  /** Managers' sockets: the hall's terminals (online or dark since when), whole list, whenever one changes. */
  'terminals:updated': (terminals: TerminalView[]) => void;
  /**
   * Managers' sockets: the hub's scheduled daily backup wrote this file (server/app/backup-schedule.ts). Not a
   * logged fact: no staff action, nothing changed in the hall; an open backups card re-reads its list.
   */
  'backup:written': (file: BackupFile) => void;
}

export interface ClientToServerEvents {
  /** Send the last seq you saw (or none) to get what you missed. */
  'hall:sync': (request: { lastSeq?: number }, ack: Ack<PublicSyncReply | StaffSyncReply>) => void;
  'ticket:issue': (request: IssueTicketBody, ack: Ack<IssuedTicket>) => void;
  /** `body` is validated against WindowVerbBodies[verb] by the hub. call-next answers null when nobody waits. */
  'window:command': (
    request: { windowId: string; verb: WindowVerb; body?: Partial<WindowVerbBody<WindowVerb>> },
    ack: Ack<WindowCommandReply | null>,
  ) => void;
  'ticket:rate': (request: { trackToken: string } & RatingBody, ack: Ack<RatingView>) => void;
  /** A hall page says what it is on every (re)connect (protocol/terminals.ts); its socket is then its presence. */
  'terminal:hello': (request: TerminalHello, ack: Ack<TerminalHelloReply>) => void;
  /** A page reports one of its own faults beginning or ending (after its hello). */
  'terminal:fault': (request: TerminalFault, ack?: Ack<null>) => void;
}

/**
 * Sent in the socket.io handshake `auth`, checked by the hub: a page built for another protocol version is
 * refused with `protocol-outdated` and reloads itself (ui-client/hub-client.ts).
 */
export const HandshakeAuth = Type.Object(
  {
    protocol: Type.Integer({ minimum: 0 }),
    /** Staff session token or kiosk device token; absent for public clients. */
    token: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type HandshakeAuth = Static<typeof HandshakeAuth>;
