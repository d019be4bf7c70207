/**
 * Narrow ports onto the hub's single writer and its read side. HubCore (server/app/core.ts) is private to
 * app/: a wing (kiosk, manager, window devices, the city uplink) is handed only the ports it uses, as
 * tldraw's room is handed a socket adapter and never a server. compose.ts hands them out from `hub.ports`.
 */
import type { Config } from '../config';
import type { DepartmentConfig } from '../protocol/layout';
import type { KioskOffers, KioskSubset } from '../domain/kiosk-menu';
import type { Service, Ticket, Window, WindowStatus } from '../domain/types';
import type { CallView, DeviceHealthView, ServiceView, WindowView } from '../protocol/model';
import type { TicketsRepo } from '../storage/tickets-repo';
import type { HallRepo } from '../storage/hall-repo';
import type { AuthRepo } from '../storage/auth-repo';
import type { Db } from '../storage/db';
import type { Actor } from './actor';
import type { Bus } from './bus';
import type { SignInGuard } from './sign-in-guard';
import type { PasswordWork } from './password-work';
import type { Tx } from './core';
import type { StorageHealth } from './storage-health';
import type { TerminalRecord } from '../domain/terminal-rules';

export type { Clock, Tx } from './core';

/** The one way to change state: one transaction, facts logged inside it, announced after commit. */
export interface Writer {
  commit<T>(actor: Actor, work: (tx: Tx) => T): T;
  /** `commit` sharing one fsync with the other changes of this event-loop turn (server/app/group-commit.ts). */
  commitBatched<T>(actor: Actor, work: (tx: Tx) => T): Promise<T>;
}

/** The hall's clock and calendar: the time every rule is asked at. */
export interface HallTime {
  /** Hall time, epoch ms: never runs backwards, even when the system clock is stepped (app/hall-clock.ts). */
  now(): number;
  /** Monotonic ms with an arbitrary origin, for measuring intervals (rate windows): untouched by any clock step. */
  elapsed(): number;
  /** The hall-local day (YYYY-MM-DD) of `at`. */
  today(at?: number): string;
}

/** Services and windows as they are now (from the file, or as an admin last edited them). */
export interface Layout {
  readonly services: ReadonlyMap<string, Service>;
  readonly windows: ReadonlyMap<string, Window>;
  service(id: string): Service;
  window(id: string): Window;
  windowStatus(id: string, statuses?: ReadonlyMap<string, WindowStatus>): WindowStatus;
  /** The hall's departments in kiosk order (hallq.yaml's, or as an admin last edited them). */
  readonly departments: readonly DepartmentConfig[];
  /** What a kiosk offers (its services / departments subset; undefined: every service). */
  kioskOffer(kioskId: string): KioskSubset | undefined;
  /** Call last inside `commit`, after the edit is saved, and emit 'config:updated'. */
  replaceLayout(services: readonly Service[], windows: readonly Window[], offers: KioskOffers): void;
}

/** The read side: repositories for queries, and the views every client is sent. */
export interface ReadModel {
  readonly tickets: TicketsRepo;
  readonly hall: HallRepo;
  activeTickets(): Ticket[];
  serviceViews(statuses?: ReadonlyMap<string, WindowStatus>): ServiceView[];
  windowViews(statuses?: ReadonlyMap<string, WindowStatus>): WindowView[];
  recentCalls(limit?: number): CallView[];
}

/** Staff accounts and sessions (storage/auth-repo.ts), for the admin use cases. */
export interface Accounts {
  readonly auth: AuthRepo;
  /** Sign-in locks, which a password reset lifts (server/app/sign-in-guard.ts). */
  readonly signIn: SignInGuard;
  /** scrypt, bounded globally (server/app/password-work.ts). */
  readonly passwords: PasswordWork;
}

/** Device health as staff pages and snapshots see it. */
export interface DeviceHealth {
  readonly devices: ReadonlyMap<string, DeviceHealthView>;
  reportDevice(health: DeviceHealthView): void;
}

/** The hall pages' presence (app/terminals.ts), as the alert rules read it. */
export interface TerminalPresence {
  all(): readonly TerminalRecord[];
  /** When the registry began watching (the hub's start): the grace of a terminal dark since before counts from here. */
  readonly watchingSince: number;
}

/** The hall's notices (公告) shown on displays and kiosks. */
export interface Notices {
  notices: readonly string[];
}

/**
 * The hall database, for the repositories a wing opens on it (storage/*-repo.ts) and for backups. Only
 * storage/ code prepares statements on it; changes still go through the Writer.
 */
export interface HallDatabase {
  readonly db: Db;
}

/** Everything a wing may be handed; each takes a `Pick` of it. */
export interface HubPorts {
  readonly writer: Writer;
  readonly time: HallTime;
  readonly layout: Layout;
  readonly read: ReadModel;
  readonly accounts: Accounts;
  readonly devices: DeviceHealth;
  readonly notices: Notices;
  readonly bus: Bus;
  readonly config: Config;
  readonly database: HallDatabase;
  /** Whether the database can be written (a full disk makes the hub read-only until space returns). */
  readonly storage: StorageHealth;
  /** Wall displays, kiosk pages, rating pads and clerk PCs: online or dark since when. */
  readonly terminals: TerminalPresence;
}
