/**
 * The terminal registry (issue 19, item 5): which hall pages are online, which are dark and since when. A page
 * says hello on its socket; the socket is its presence (socket.io's ping drops a dead one within ~20 s); it
 * reports its own faults. Kept in memory, stored through the writer (storage/terminals-repo.ts) so a restart
 * still knows which screen was dark and since when. Grades and alerts: domain/terminal-rules.ts, app/alerts.ts.
 */
import type { TerminalFault, TerminalHello, TerminalHelloReply, TerminalList, TerminalView } from '../protocol/terminals';
import { darkGrade, faultGrade, isEveryKioskDark, type TerminalRecord } from '../domain/terminal-rules';
import type { TerminalsRepo } from '../storage/terminals-repo';
import { isStaff, type Actor } from './actor';
import { HubError } from './errors';
import type { HubPorts } from './ports';

export type TerminalPorts = Pick<HubPorts, 'writer' | 'time' | 'bus' | 'config' | 'layout'>;

/** A LAN neighbour could say hello as many displays as it likes: the registry holds at most this many. */
export const MAX_TERMINALS = 500;

const SYSTEM = { kind: 'system' } as const;

export class Terminals {
  private readonly records = new Map<string, TerminalRecord>();
  /** Socket id → terminal id: one terminal per socket. */
  private readonly sockets = new Map<string, string>();
  /** When this registry began watching: a terminal dark since before had no chance to come back yet. */
  readonly watchingSince: number;
  private isChangePending = false;

  constructor(
    private readonly ports: TerminalPorts,
    private readonly repo: TerminalsRepo,
    private readonly hubVersion: string,
  ) {
    this.watchingSince = ports.time.now();
    for (const stored of repo.all()) {
      // Stored online: the hub stopped without seeing it leave (a crash). Nobody is connected to a hub that is just
      // starting, so it is dark from now on, until it says hello again; a terminal stored dark keeps its time.
      // Stored so too: a second restart before it returns must not move its "dark since" (nor re-key its alert).
      if (stored.isOnline) this.save({ ...stored, isOnline: false, since: this.watchingSince });
      else this.records.set(stored.id, stored);
    }
  }

  /** Every terminal, as the alert rules read them. */
  all(): readonly TerminalRecord[] {
    return [...this.records.values()];
  }

  /**
   * A page says what it is. The credential decides what it may claim: a kiosk page needs the kiosk's token and a
   * pad the pad's (both named by the token, not by the page), a clerk PC a staff session; a display is public.
   */
  hello(socketId: string, actor: Actor, hello: TerminalHello): TerminalHelloReply {
    const { id, name } = this.identify(actor, hello);
    const known = this.records.get(id);
    if (!known && this.records.size >= MAX_TERMINALS) throw new HubError('rate-limited', `The hub already watches ${MAX_TERMINALS} terminals.`);
    const previous = this.sockets.get(socketId);
    this.sockets.set(socketId, id);
    if (previous !== undefined && previous !== id) this.markDarkIfUnwatched(previous);
    const now = this.ports.time.now();
    this.save({ ...known, id, kind: hello.kind, name, pageVersion: hello.pageVersion, isOnline: true, hasLeft: false, since: known?.isOnline ? known.since : now });
    return { terminalId: id, hubVersion: this.hubVersion };
  }

  /** A fault the page itself found (or that ended); ignored from a socket that never said hello. */
  fault(socketId: string, fault: TerminalFault): void {
    const id = this.sockets.get(socketId);
    const known = id === undefined ? undefined : this.records.get(id);
    if (!known) throw new HubError('invalid-request', 'Say terminal:hello before reporting a fault.');
    const last = known.lastFault;
    // An end report of another fault than the last one leaves the last one as it is.
    if (!fault.isActive && last && last.code !== fault.code) return;
    if (last && last.code === fault.code && last.isActive === fault.isActive) return;
    this.save({ ...known, lastFault: { code: fault.code, isActive: fault.isActive, at: this.ports.time.now() } });
  }

  /**
   * The socket closed: the terminal is dark unless another of its sockets is still open (a second tab).
   * `isOnPurpose`: the page closed it or the hub ended its session (a clerk signed out), not a lost screen.
   */
  left(socketId: string, isOnPurpose = false): void {
    const id = this.sockets.get(socketId);
    if (id === undefined) return;
    this.sockets.delete(socketId);
    this.markDarkIfUnwatched(id, isOnPurpose);
  }

  /** The 终端 tab: every terminal with its state, page version and last fault, darkest first. */
  list(actor: Actor): TerminalList {
    if (!isStaff(actor, 'manager', 'admin')) throw new HubError('forbidden', 'Only a manager sees the terminals.');
    return { hubVersion: this.hubVersion, terminals: this.views(), faultResponse: this.ports.config.policy.faultResponse };
  }

  views(): TerminalView[] {
    const records = this.all();
    const allKiosks = isEveryKioskDark(records);
    return records
      .map((t): TerminalView => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        isOnline: t.isOnline,
        hasLeft: t.hasLeft,
        since: t.since,
        pageVersion: t.pageVersion,
        isVersionDifferent: t.pageVersion !== this.hubVersion,
        ...(t.isOnline ? {} : { darkGrade: darkGrade(t, allKiosks) }),
        ...(t.lastFault ? { lastFault: { ...t.lastFault, grade: faultGrade(t.lastFault.code) } } : {}),
      }))
      .sort((a, b) => Number(a.isOnline) - Number(b.isOnline) || a.since - b.since || a.id.localeCompare(b.id));
  }

  /** 「刷新页面」: audited, then only that terminal's sockets are told (transport/realtime/gateway.ts). */
  requestReload(actor: Actor, terminalId: string): TerminalView {
    if (!isStaff(actor, 'manager', 'admin')) throw new HubError('forbidden', 'Only a manager may reload a terminal.');
    const t = this.records.get(terminalId);
    if (!t) throw new HubError('not-found', `There is no terminal ${terminalId}.`);
    if (!t.isOnline) throw new HubError('terminal-dark', `${t.name} is dark: it cannot be asked to reload until it is back.`);
    this.ports.writer.commit(actor, (tx) => tx.emit('terminal:reload-requested', { terminalId: t.id, kind: t.kind, name: t.name, by: actor.username }));
    this.ports.bus.emit('terminal:reload', { terminalId: t.id });
    return this.views().find((v) => v.id === t.id) as TerminalView;
  }

  /**
   * 「移除」: forget a dark terminal (a replaced screen, a page whose storage was wiped and came back under a new
   * id), so it leaves the list and its dark alert clears (the alert rules read this registry). One that is online
   * cannot be forgotten: it would say hello again at once. A later hello from the same id simply registers it anew.
   * Memory first, then the stored copy and the audit fact through the group commit, queued after any save of this
   * terminal still pending, so a stored copy cannot outlive the removal.
   */
  async forget(actor: Actor, terminalId: string): Promise<TerminalList> {
    if (!isStaff(actor, 'manager', 'admin')) throw new HubError('forbidden', 'Only a manager may remove a terminal.');
    const t = this.records.get(terminalId);
    if (!t) throw new HubError('not-found', `There is no terminal ${terminalId}.`);
    if (t.isOnline) throw new HubError('terminal-online', `${t.name} is online: close the page first; a page that is on cannot be forgotten.`);
    this.records.delete(t.id);
    try {
      await this.ports.writer.commitBatched(actor, (tx) => {
        this.repo.remove(t.id);
        tx.emit('terminal:forgotten', { terminalId: t.id, kind: t.kind, name: t.name, by: actor.username });
      });
    } catch (error) {
      // Nothing was removed on disk: keep showing it, unless it said hello again meanwhile.
      if (!this.records.has(t.id)) this.records.set(t.id, t);
      throw error;
    }
    this.announce();
    return { hubVersion: this.hubVersion, terminals: this.views(), faultResponse: this.ports.config.policy.faultResponse };
  }

  private identify(actor: Actor, hello: TerminalHello): { id: string; name: string } {
    switch (hello.kind) {
      case 'kiosk': {
        if (actor.kind !== 'kiosk') throw new HubError('forbidden', 'Only a kiosk (its device token) may say it is a kiosk page.');
        const kiosk = this.ports.config.kiosks.find((k) => k.id === actor.kioskId);
        return { id: `kiosk:${actor.kioskId}`, name: kiosk?.name ?? actor.kioskId };
      }
      case 'pad': {
        if (actor.kind !== 'device' || actor.device !== 'pad') throw new HubError('forbidden', 'Only a rating pad (its device token) may say it is a rating pad.');
        const window = this.ports.layout.windows.get(actor.windowId);
        return { id: `pad:${actor.deviceId}`, name: window ? `${window.name} · ${actor.deviceId}` : actor.deviceId };
      }
      case 'clerk':
        if (!isStaff(actor)) throw new HubError('forbidden', 'Only a signed-in staff page may say it is a clerk PC.');
        return this.pageIdentity('clerk', hello);
      case 'display':
        return this.pageIdentity('display', hello);
    }
  }

  private pageIdentity(kind: 'clerk' | 'display', hello: TerminalHello): { id: string; name: string } {
    if (hello.id === undefined) throw new HubError('invalid-request', `A ${kind} page must give its id.`);
    return { id: `${kind}:${hello.id}`, name: hello.name ?? hello.id };
  }

  private markDarkIfUnwatched(id: string, isOnPurpose = false): void {
    if ([...this.sockets.values()].includes(id)) return;
    const known = this.records.get(id);
    if (known?.isOnline) this.save({ ...known, isOnline: false, hasLeft: isOnPurpose, since: this.ports.time.now() });
  }

  /**
   * Memory first (presence must not wait for a disk), then the stored copy through the group commit: a full
   * disk loses only the copy, never the live state.
   */
  private save(record: TerminalRecord): void {
    this.records.set(record.id, record);
    this.ports.writer.commitBatched(SYSTEM, () => this.repo.save(record)).catch(() => undefined);
    this.announce();
  }

  /** One 'terminals' announcement per event-loop turn: a hub restart brings every page back at once. */
  private announce(): void {
    if (this.isChangePending) return;
    this.isChangePending = true;
    setImmediate(() => {
      this.isChangePending = false;
      this.ports.bus.emit('terminals', this.views());
    });
  }
}
