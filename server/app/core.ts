/**
 * The hub's single writer. Every state change runs through `commit`: one synchronous better-sqlite3
 * transaction (never an await inside), appending its facts to the audit log; only after the commit
 * returns — i.e. the change is durable (synchronous=FULL) — are the facts published on the bus.
 */
import type { Config } from '../config';
import type { FactName, FactPayloads, StaffEvent } from '../protocol/events';
import type { CallView, DeviceHealthView, ServiceView, StorageFaultView, WindowView } from '../protocol/model';
import type { Service, Ticket, Window, WindowStatus } from '../domain/types';
import { dayOf, minuteOfDay } from '../domain/calendar';
import type { Db } from '../storage/db';
import { TicketsRepo } from '../storage/tickets-repo';
import { HallRepo } from '../storage/hall-repo';
import { AuthRepo } from '../storage/auth-repo';
import { SettingsRepo } from '../storage/settings-repo';
import { Bus } from './bus';
import { GroupCommit } from './group-commit';
import { HubError } from './errors';
import { actorLabel, type Actor } from './actor';
import { toServiceView, toWindowView } from './views';
import { PasswordWork, type PasswordHasher, type PasswordWorkLimits } from './password-work';
import { SignInGuard } from './sign-in-guard';
import { StorageHealth, storageUnavailable } from './storage-health';
import { JobGuard } from './guarded-job';
import type { DepartmentConfig } from '../protocol/layout';
import type { KioskOffers, KioskSubset } from '../domain/kiosk-menu';

/** Each kiosk's subset by id; a kiosk limited to nothing is not listed (it offers every service). */
function offersOf(kiosks: readonly (KioskSubset & { id: string })[]): ReadonlyMap<string, KioskSubset> {
  return new Map(
    kiosks
      .filter((k) => k.services !== undefined || k.departments !== undefined)
      .map((k) => [k.id, { ...(k.services ? { services: [...k.services] } : {}), ...(k.departments ? { departments: [...k.departments] } : {}) }]),
  );
}

export interface Clock {
  now(): number;
  /**
   * Monotonic ms (any origin) for intervals such as rate windows: never stepped. The hall clock
   * (app/hall-clock.ts) has one; a plain test clock falls back to `now()`.
   */
  elapsed?(): number;
}

export interface HubDeps {
  readonly db: Db;
  readonly config: Config;
  readonly clock: Clock;
  /** Random identifiers (injected so tests and the crash harness can reproduce runs). */
  readonly newId: () => string;
  readonly newTrackToken: () => string;
  /** scrypt, and the bound on concurrent checks (server/app/password-work.ts); tests inject a counting hasher. */
  readonly passwordHasher?: PasswordHasher;
  readonly passwordLimits?: PasswordWorkLimits;
  /** The release this hub runs (server/version.ts): hall pages compare their own build with it (app/terminals.ts). */
  readonly hubVersion?: string;
}

export interface Tx {
  readonly now: number;
  readonly day: string;
  readonly actor: Actor;
  /** Appends a fact to the audit log (inside the transaction) and returns its sequence number. */
  emit<N extends FactName>(type: N, data: FactPayloads[N] | ((seq: number) => FactPayloads[N])): number;
}

export class HubCore {
  readonly bus = new Bus();
  readonly tickets: TicketsRepo;
  readonly hall: HallRepo;
  readonly auth: AuthRepo;
  /** Read for the holiday calendar only (the manager wing edits it): the kiosk says the next working day by date. */
  private readonly settings: SettingsRepo;
  /** Sign-in lockout state and the scrypt bound: shared by sign-in and the admin's password resets. */
  readonly signIn = new SignInGuard(() => this.now());
  readonly passwords: PasswordWork;
  private serviceMap: ReadonlyMap<string, Service>;
  private windowMap: ReadonlyMap<string, Window>;
  /** Departments and kiosk subsets: the config file's, then as an admin last edited them. */
  private departmentList: readonly DepartmentConfig[];
  private offerMap: ReadonlyMap<string, KioskSubset>;
  readonly devices = new Map<string, DeviceHealthView>();
  notices: readonly string[];
  private readonly group: GroupCommit;
  /** Whether the database can be written now (server/app/storage-health.ts): a state, not a guess per request. */
  readonly storage: StorageHealth;
  /** Guards the work core schedules itself (the queue figures after a commit); the Hub gives it its logger. */
  background: JobGuard;

  constructor(readonly deps: HubDeps) {
    this.tickets = new TicketsRepo(deps.db);
    this.hall = new HallRepo(deps.db);
    this.auth = new AuthRepo(deps.db);
    this.settings = new SettingsRepo(deps.db);
    this.passwords = new PasswordWork(deps.passwordHasher, deps.passwordLimits);
    this.storage = new StorageHealth(() => this.now(), deps.db.name);
    this.storage.onChange((fault) => this.announceStorage(fault));
    this.background = new JobGuard('queue figures', { log: () => undefined, storage: this.storage });
    this.serviceMap = new Map(deps.config.services.map((s) => [s.id, s]));
    this.windowMap = new Map(deps.config.windows.map((w) => [w.id, w]));
    this.departmentList = deps.config.departments;
    this.offerMap = offersOf(deps.config.kiosks);
    const stored = this.hall.getMeta('notices');
    this.notices = stored ? (JSON.parse(stored) as string[]) : deps.config.notices;
    this.group = new GroupCommit(deps.db, () => this.now(), (pending) => this.publish(pending), () => this.forgetCached());
  }

  /** The hall's services: from the config file, or as an admin last edited them (server/manager). */
  get services(): ReadonlyMap<string, Service> {
    return this.serviceMap;
  }

  get windows(): ReadonlyMap<string, Window> {
    return this.windowMap;
  }

  /**
   * Replaces services and windows while the hub runs (admin edits, and stored edits applied at start).
   * Call it last inside `commit`, after the edit is saved, and emit 'config:updated', so clients follow.
   */
  replaceLayout(services: readonly Service[], windows: readonly Window[], offers: KioskOffers): void {
    this.serviceMap = new Map(services.map((s) => [s.id, s]));
    this.windowMap = new Map(windows.map((w) => [w.id, w]));
    this.departmentList = offers.departments;
    this.offerMap = offersOf(offers.kiosks);
  }

  get departments(): readonly DepartmentConfig[] {
    return this.departmentList;
  }

  kioskOffer(kioskId: string): KioskSubset | undefined {
    return this.offerMap.get(kioskId);
  }

  get config(): Config {
    return this.deps.config;
  }

  now(): number {
    return this.deps.clock.now();
  }

  elapsed(): number {
    return this.deps.clock.elapsed?.() ?? this.deps.clock.now();
  }

  today(at = this.now()): string {
    return dayOf(at, this.config.hall.timeZone);
  }

  service(id: string): Service {
    const service = this.services.get(id);
    if (!service) throw new HubError('unknown-service', `There is no service "${id}". Choose one of: ${[...this.services.keys()].join(', ')}.`);
    return service;
  }

  window(id: string): Window {
    const window = this.windows.get(id);
    if (!window) throw new HubError('unknown-window', `There is no window "${id}".`);
    return window;
  }

  windowStatus(id: string, statuses = this.hall.windowStatuses()): WindowStatus {
    return statuses.get(id) ?? { windowId: id, state: 'closed', since: 0, isAutoCall: false };
  }

  /** Runs `work` as one transaction, then publishes its facts and the new queue figures. */
  commit<T>(actor: Actor, work: (tx: Tx) => T): T {
    this.storage.assertWritable();
    const now = this.now();
    const pending: StaffEvent[] = [];
    let result: T;
    try {
      result = this.deps.db.transaction(() => work(this.openTx(actor, now, pending)))();
    } catch (error) {
      // The rollback undid rows the in-memory caches may already hold.
      this.forgetCached();
      // A full or failing disk becomes the hub's read-only state and the refusal `storage-unavailable`.
      throw this.storage.noteFailure(error);
    }
    this.publish(pending);
    return result;
  }

  /**
   * Like `commit`, but shares one transaction (one fsync) with the other changes queued in the same
   * event-loop turn; each keeps its own savepoint, so a refusal undoes only that change. Resolves, and
   * publishes, only after the shared commit returned (server/app/group-commit.ts).
   */
  commitBatched<T>(actor: Actor, work: (tx: Tx) => T): Promise<T> {
    const fault = this.storage.fault;
    if (fault) return Promise.reject(storageUnavailable(fault.kind));
    return this.group.enqueue((now, pending) => work(this.openTx(actor, now, pending))).catch((error: unknown) => {
      throw this.storage.noteFailure(error);
    });
  }

  /**
   * The storage probe's write: one small row, past `commit`'s refusal, so a full disk that has space again
   * turns writing back on. Throws what SQLite throws.
   */
  probeWrite(): void {
    this.deps.db.transaction(() => this.hall.setMeta('storage-probe', String(this.now())))();
  }

  /**
   * A storage fault changes what every client is told: the services say unavailable (kiosks show 暂停取号),
   * and the 'storage' entry of the device health list reaches staff pages live, since no alert can be
   * written to a full database (the manager wing records one once space returns).
   */
  private announceStorage(fault: StorageFaultView | undefined): void {
    this.reportDevice(
      fault
        ? { id: 'storage', kind: 'storage', status: 'error', code: `storage-${fault.kind}`, reason: `${fault.code}: ${storageUnavailable(fault.kind).message}`, since: fault.since }
        : { id: 'storage', kind: 'storage', status: 'online', since: this.now() },
    );
    if (this.deps.db.open) this.bus.emit('queues', { seq: this.hall.lastSeq(), services: this.serviceViews() });
  }

  private openTx(actor: Actor, now: number, pending: StaffEvent[]): Tx {
    const label = actorLabel(actor);
    return {
      now,
      day: this.today(now),
      actor,
      emit: (type, data) => {
        // A payload that names its own sequence (a call shown on displays) is built once the log assigns it.
        const seq = this.hall.nextSeq();
        const payload = typeof data === 'function' ? data(seq) : data;
        // A fact's ticket is a TicketView, which cannot hold a visitor's track token (protocol/model.ts).
        this.hall.appendEvent(seq, now, label, type, payload);
        pending.push({ seq, at: now, type, data: payload } as StaffEvent);
        return seq;
      },
    };
  }

  /** Announces committed facts, then the queue figures once (a batch costs one serviceViews, not one per fact). */
  private isQueuesScheduled = false;

  private publish(pending: readonly StaffEvent[]): void {
    if (pending.length === 0) return;
    this.bus.emit('facts', pending);
    if (this.isQueuesScheduled) return;
    // Queue figures are derived, not facts: computed once for all the changes of this event-loop turn.
    this.isQueuesScheduled = true;
    setImmediate(() => {
      this.isQueuesScheduled = false;
      if (!this.deps.db.open) return; // the hub closed meanwhile
      // A read that fails here (a disk with I/O errors) must not escape the timer and end the process.
      this.background.run(() => this.bus.emit('queues', { seq: this.hall.lastSeq(), services: this.serviceViews() }));
    });
  }

  /** After a rollback: what the repositories keep in memory may hold rows SQLite undid. */
  forgetCached(): void {
    this.tickets.forgetCached();
    this.hall.forgetCached();
  }

  activeTickets(): Ticket[] {
    return this.tickets.listActive();
  }

  serviceViews(statuses = this.hall.windowStatuses()): ServiceView[] {
    const now = this.now();
    const day = this.today(now);
    const localMinute = minuteOfDay(now, this.config.hall.timeZone);
    const windows = [...this.windows.values()];
    const calendar = this.settings.calendar();
    const isWritable = this.storage.isWritable;
    return [...this.services.values()].map((service) => {
      const view = toServiceView(
        {
          service,
          counter: this.tickets.dayCounter(day, service.id),
          waiting: this.tickets.countWaiting(service.id),
          observedMinutes: this.tickets.serviceMinutesToday(day, service.id),
          localMinute,
          day,
          calendar,
        },
        windows,
        statuses,
      );
      // Nothing can be saved, so no ticket can be taken: said the same way as any other reason.
      return isWritable ? view : { ...view, isAvailable: false, unavailableReason: 'storage-unavailable' };
    });
  }

  windowViews(statuses = this.hall.windowStatuses()): WindowView[] {
    const now = this.now();
    return [...this.windows.values()].map((w) => {
      const status = statuses.get(w.id);
      const current = status?.currentTicketId ? this.tickets.get(status.currentTicketId) : undefined;
      return toWindowView(w, status, current, now);
    });
  }

  recentCalls(limit = 12): CallView[] {
    return this.tickets.recentCalls(this.today(), limit).map((c) => ({
      seq: c.seq,
      ticketId: c.ticketId,
      number: c.number,
      serviceId: c.serviceId,
      windowId: c.windowId,
      windowNumber: this.windows.get(c.windowId)?.number ?? 0,
      isRecall: c.isRecall,
      callCount: c.callCount,
      at: c.at,
    }));
  }

  reportDevice(health: DeviceHealthView): void {
    this.devices.set(health.id, health);
    this.bus.emit('devices', [...this.devices.values()]);
  }
}
