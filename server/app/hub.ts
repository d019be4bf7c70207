/**
 * The hub's application API: what HTTP routes, socket handlers, device adapters and tests call.
 * Each method authorizes, runs one use case through the single writer, and answers a protocol view.
 */
import type { IssueTicketBody, LoginReply, RatingBody, WindowVerb, WindowVerbBodyMap } from '../protocol/http';
import type { HallSnapshot, RatingChannel, RatingView, StaffSnapshot, TicketView, TrackView } from '../protocol/model';
import type { PublicSyncReply, StaffEvent, StaffSyncReply, WindowCommandReply } from '../protocol/events';
import { ratingDeadline } from '../domain/ratings';
import { isNearTurn, noShowUndoMinutesLeft } from '../domain/visitor-notice';
import type { Config } from '../config';
import { HubCore, type HubDeps } from './core';
import type { HubPorts } from './ports';
import { HubError } from './errors';
import { isStaff, type Actor } from './actor';
import { issueTicket, issueTicketBatched, type IssueExtras, type NewTicket } from './issue-ticket';
import { runWindowVerb, runWindowVerbBatched } from './window-commands';
import { releaseWindow } from './release-window';
import { recordRating } from './rate-ticket';
import { returnParkedTickets, rollDayIfNeeded } from './housekeeping';
import { purgeOldReplies } from './idempotency';
import { authenticate, authenticateSession, login, logout, sessionPorts } from './auth';
import { recheckSession, sweepExpiredSessions, type LiveSession } from './sessions';
import { clearSignInLock, listSignInLocks } from './sign-in-locks';
import type { SignInLockView } from '../protocol/sessions';
import { toPublicEvent, toPublicRating, toStaffEvent, toStaffReply, toStaffTicketView } from './projections';
import { toTicketView, toTrackView } from './views';
import { ticketWait } from './wait-estimates';
import { nextMidnight } from '../domain/calendar';
import { guardedInterval, guardedTimeout, JobGuard, type JobLog } from './guarded-job';
import { Terminals } from './terminals';
import { TerminalsRepo } from '../storage/terminals-repo';

/** A client further behind than this gets a fresh snapshot instead of a replay. */
export const MAX_REPLAY = 500;
const HOUSEKEEPING_MS = 5_000;
/** A session that expires while its socket is open is cut within this (issue 21: within a second). */
const SESSION_SWEEP_MS = 1_000;
const PURGE_REPLIES_MS = 10 * 60_000;
/** How often a hub that cannot write tries again (one small write; nothing while the disk is fine). */
export const STORAGE_PROBE_MS = 2_000;

export class Hub {
  private readonly core: HubCore;
  /** The narrow ports wings are handed (server/app/ports.ts); HubCore itself never leaves app/. */
  readonly ports: HubPorts;
  /** Which hall pages are online or dark (app/terminals.ts): the gateway reports to it, managers read it. */
  readonly terminals: Terminals;
  private timers: NodeJS.Timeout[] = [];
  private lastPurgeAt = -Infinity;
  private log: JobLog | undefined;
  private readonly housekeepingJob: JobGuard;
  private readonly probeJob: JobGuard;

  constructor(deps: HubDeps) {
    this.core = new HubCore(deps);
    const core = this.core;
    this.terminals = new Terminals({ writer: core, time: core, bus: core.bus, config: core.config, layout: core }, new TerminalsRepo(deps.db), deps.hubVersion ?? 'unknown');
    this.ports = { writer: core, time: core, layout: core, read: core, accounts: core, devices: core, notices: core, bus: core.bus, config: core.config, database: { db: deps.db }, storage: core.storage, terminals: this.terminals };
    const guard = { log: () => this.log, storage: core.storage };
    this.housekeepingJob = new JobGuard('housekeeping', guard);
    this.probeJob = new JobGuard('storage probe', guard);
    core.background = new JobGuard('queue figures', guard);
    core.storage.onChange((fault) => {
      if (fault) this.log?.error({ kind: fault.kind, code: fault.code }, 'storage: the database cannot be written; the hub serves reads and refuses changes until it can (docs/reliability.md, "Full disk")');
      else this.log?.info({}, 'storage: the database can be written again; changes are accepted');
    });
    try {
      deps.db.transaction(() => {
        for (const s of deps.config.staff) this.core.auth.seedStaff(s);
      })();
    } catch (error) {
      // On a full disk the hub starts read-only rather than not at all: the staff rows are there already.
      if (core.storage.noteFailure(error) === error) throw error;
    }
  }

  get bus() {
    return this.core.bus;
  }

  /** The hall's policy figures the transports need (rate limits), read from the configuration. */
  get policy(): Config['policy'] {
    return this.core.config.policy;
  }

  /** Whether the database can be written; a full disk makes the hub read-only until the probe can write. */
  get isWritable(): boolean {
    return this.core.storage.isWritable;
  }

  /**
   * The storage probe (app/storage-health.ts, `probe`): run at start and every STORAGE_PROBE_MS, and directly
   * by tests. Once writing resumes, the housekeeping missed meanwhile (a rollover, parked tickets) runs at once.
   */
  probeStorage(): boolean {
    const wasWritable = this.core.storage.isWritable;
    const isWritable = this.core.storage.probe(() => this.core.probeWrite());
    if (isWritable && !wasWritable) this.housekeepingJob.run(() => this.housekeeping());
    return isWritable;
  }

  /** Runs the clock-driven work now (startup after a crash or downtime over midnight) and then on timers. */
  start(log?: JobLog): void {
    this.log = log;
    this.probeJob.run(() => void this.probeStorage());
    const fault = this.core.storage.fault;
    if (fault) log?.error({ kind: fault.kind, code: fault.code }, 'storage: started READ-ONLY, the database cannot be written; changes resume by themselves when it can');
    this.housekeepingJob.run(() => this.housekeeping());
    this.timers.push(guardedInterval(this.housekeepingJob, HOUSEKEEPING_MS, () => this.housekeeping()));
    this.timers.push(guardedInterval(this.probeJob, STORAGE_PROBE_MS, () => void this.probeStorage()));
    const sessionSweep = setInterval(() => this.sweepSessions(), SESSION_SWEEP_MS);
    sessionSweep.unref();
    this.timers.push(sessionSweep);
    this.scheduleMidnight();
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  housekeeping(): void {
    rollDayIfNeeded(this.core);
    returnParkedTickets(this.core);
    // Purging scans the whole reply table (it has no time index, which would cost a page on every commit):
    // a day's replies are kept anyway, so once every few minutes is plenty.
    const now = this.core.now();
    if (now - this.lastPurgeAt >= PURGE_REPLIES_MS || now < this.lastPurgeAt) {
      purgeOldReplies(this.core);
      this.lastPurgeAt = now;
    }
  }

  private scheduleMidnight(): void {
    const now = this.core.now();
    const delay = Math.min(nextMidnight(now, this.core.config.hall.timeZone) - now + 50, 2 ** 31 - 1);
    // Rescheduled whatever the housekeeping did: a failed rollover is retried by the 5-second timer.
    const timer = guardedTimeout(this.housekeepingJob, delay, () => {
      this.scheduleMidnight();
      this.housekeeping();
    });
    this.timers.push(timer);
  }

  /** `address`: the client's (the socket's, or the proxy's forwarded one if the config trusts a proxy). */
  login(username: string, password: string, address: string): Promise<LoginReply> {
    return login(this.core, username, password, address);
  }

  /** Ends sessions whose time is up; a timer's work must never take the hub down. */
  sweepSessions(): void {
    try {
      sweepExpiredSessions(sessionPorts(this.core));
    } catch {
      // The database is failing (a full disk): expired sessions are refused by time anyway; next second again.
    }
  }

  /** `authenticate`, with the staff session's id for sockets that re-check it on every command. */
  authenticateSession(token: string | undefined): { actor: Actor; sessionId?: string } {
    return authenticateSession(this.core, token);
  }

  /** Whether a socket's staff session still holds, and for whom (server/app/sessions.ts). */
  recheckSession(sessionId: string, handshake: Extract<Actor, { kind: 'staff' }>): LiveSession {
    return recheckSession(sessionPorts(this.core), sessionId, handshake);
  }

  signInLocks(actor: Actor): SignInLockView[] {
    return listSignInLocks({ guard: this.core.signIn, auth: this.core.auth, writer: this.core }, actor);
  }

  clearSignInLock(actor: Actor, username: string, address: string): void {
    clearSignInLock({ guard: this.core.signIn, auth: this.core.auth, writer: this.core }, actor, username, address);
  }

  logout(token: string): void {
    logout(this.core, token);
  }

  authenticate(token: string | undefined): Actor {
    return authenticate(this.core, token);
  }

  issueTicket(actor: Actor, body: IssueTicketBody, extras?: IssueExtras, idempotencyKey?: string): TicketView {
    return toStaffTicketView(issueTicket(this.core, actor, body, extras, idempotencyKey).ticket);
  }

  /** `issueTicket` through the group commit, so concurrent kiosks share an fsync: the staff view only. */
  issueTicketBatched(actor: Actor, body: IssueTicketBody, extras?: IssueExtras, idempotencyKey?: string): Promise<TicketView> {
    return this.issueWithToken(actor, body, extras, idempotencyKey).then((issued) => issued.ticket);
  }

  /**
   * What the issue path (app/issue-flow.ts) uses: the ticket through the group commit, resolved once it is
   * durable and announced, with the visitor's track token beside the view for the kiosk's reply and printout.
   */
  issueWithToken(actor: Actor, body: IssueTicketBody, extras?: IssueExtras, idempotencyKey?: string): Promise<NewTicket> {
    // A retry may answer a reply stored by an earlier version, with the track token in its view: rebuilt here.
    return issueTicketBatched(this.core, actor, body, extras, idempotencyKey).then((issued) => ({ ...issued, ticket: toStaffTicketView(issued.ticket) }));
  }

  /** A window verb, synchronously: for tests and the bench that drive the hub directly; the transports and the caller use `windowCommandBatched`. */
  windowCommand<V extends WindowVerb>(actor: Actor, windowId: string, verb: V, body: WindowVerbBodyMap[V], idempotencyKey?: string): WindowCommandReply | null {
    return toStaffReply(runWindowVerb(this.core, actor, windowId, verb, body, idempotencyKey));
  }

  /**
   * A window verb through the group commit: concurrent windows share an fsync. The one write path of the
   * clerk's page (HTTP and socket) and of the window's hardware caller; who may do what is decided inside
   * (server/app/window-access.ts).
   */
  windowCommandBatched<V extends WindowVerb>(actor: Actor, windowId: string, verb: V, body: WindowVerbBodyMap[V], idempotencyKey?: string): Promise<WindowCommandReply | null> {
    // As for issuing: a stored reply replayed for a retry may come from an earlier version.
    return runWindowVerbBatched(this.core, actor, windowId, verb, body, idempotencyKey).then(toStaffReply);
  }

  /** 强制关窗: a manager closes a window left open by another clerk (server/app/release-window.ts). */
  releaseWindow(actor: Actor, windowId: string, idempotencyKey?: string): WindowCommandReply {
    return releaseWindow(this.core, actor, windowId, idempotencyKey);
  }

  rateByTrackToken(trackToken: string, body: RatingBody, idempotencyKey?: string): RatingView {
    return toPublicRating(recordRating(this.core, { kind: 'public' }, { trackToken }, body, 'phone', idempotencyKey));
  }

  /** Keypads and rating pads rate the ticket the hub armed them for. */
  rateTicket(actor: Actor, ticketId: string, body: RatingBody, channel: Exclude<RatingChannel, 'phone'>): RatingView {
    return recordRating(this.core, actor, { ticketId }, body, channel);
  }

  getTicket(actor: Actor, id: string): TicketView {
    if (!isStaff(actor)) throw new HubError('forbidden', 'Only staff can look up tickets by id.');
    const ticket = this.core.tickets.get(id);
    if (!ticket) throw new HubError('unknown-ticket', `There is no ticket with id ${id}.`);
    return toTicketView(ticket);
  }

  /** The visitor's phone view: live position and estimate, the window when called, whether they can rate. */
  track(trackToken: string): TrackView {
    const core = this.core;
    const ticket = core.tickets.findByTrackToken(trackToken);
    if (!ticket) throw new HubError('unknown-ticket', 'This ticket link is not valid. Check the QR code on your ticket.');
    const service = core.service(ticket.serviceId);
    const now = core.now();
    const isInQueue = ticket.status === 'waiting' || ticket.status === 'parked';
    // Only a ticket still in the queue has a wait (and the words beside it); a called or finished one has none.
    const { waitingAhead, estimatedWaitMinutes, notice } = isInQueue ? ticketWait(core, ticket, service, now) : { waitingAhead: 0, estimatedWaitMinutes: 0, notice: undefined };
    const rating = core.hall.ratingForTicket(ticket.id);
    const deadline = ratingDeadline(ticket, 'phone', core.config.policy);
    // The window to name: the one calling, or the one that set the visitor aside (挂起) or marked them 过号.
    const windowId = ticket.status === 'parked' ? ticket.targetWindowId : ticket.status === 'called' || ticket.status === 'no-show' ? ticket.windowId : undefined;
    const policy = core.config.policy;
    return toTrackView(ticket, service, core.config.hall.name, {
      waitingAhead,
      estimatedWaitMinutes,
      notice,
      windowNumber: windowId ? core.windows.get(windowId)?.number : undefined,
      isNearTurn: isNearTurn(ticket, waitingAhead, policy.phoneNoticeAhead, notice?.isUnstaffed ?? false),
      undoMinutesLeft: noShowUndoMinutesLeft(ticket, policy.noShowUndoMinutes, now),
      canRate: ticket.status === 'done' && !rating && deadline !== undefined && now <= deadline,
      rating: rating?.score,
    });
  }

  snapshot(): HallSnapshot {
    const core = this.core;
    const statuses = core.hall.windowStatuses();
    // One synchronous read: nothing can commit between these lines (single writer, same tick).
    return {
      seq: core.hall.lastSeq(),
      day: core.today(),
      now: core.now(),
      hall: { name: core.config.hall.name, timeZone: core.config.hall.timeZone, language: core.config.hall.language },
      services: core.serviceViews(statuses),
      windows: core.windowViews(statuses),
      recentCalls: core.recentCalls(),
      notices: [...core.notices],
    };
  }

  staffSnapshot(): StaffSnapshot {
    return {
      ...this.snapshot(),
      tickets: this.core.activeTickets().map(toTicketView),
      devices: [...this.core.devices.values()],
    };
  }

  /** Everything after `lastSeq`, or a snapshot when the client is too far behind or ahead of this hub. */
  staffSync(lastSeq: number | undefined): StaffSyncReply {
    const events = this.missedEvents(lastSeq);
    return events ? { mode: 'replay', events, seq: this.core.hall.lastSeq(), services: this.core.serviceViews(), now: this.core.now() } : { mode: 'snapshot', snapshot: this.staffSnapshot() };
  }

  publicSync(lastSeq: number | undefined): PublicSyncReply {
    const events = this.missedEvents(lastSeq);
    if (!events) return { mode: 'snapshot', snapshot: this.snapshot() };
    return { mode: 'replay', events: events.flatMap((e) => toPublicEvent(e) ?? []), seq: this.core.hall.lastSeq(), services: this.core.serviceViews(), now: this.core.now() };
  }

  private missedEvents(lastSeq: number | undefined): StaffEvent[] | undefined {
    const head = this.core.hall.lastSeq();
    if (lastSeq === undefined || lastSeq > head || head - lastSeq > MAX_REPLAY) return undefined;
    // Facts logged by earlier versions hold the visitor's track token in their ticket: rebuilt without it.
    return this.core.hall.eventsAfter(lastSeq, MAX_REPLAY).map((e) => toStaffEvent({ seq: e.seq, at: e.at, type: e.type, data: e.data } as StaffEvent));
  }
}
