/**
 * A hall page's side of terminal health (server/protocol/terminals.ts): say hello on every (re)connect, report
 * the page's own faults as they begin and end (again after a reconnect, so the hub never misses one), catch the
 * page's uncaught errors, and reload when a manager asks (「刷新页面」).
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../server/protocol/events';
import type { TerminalFaultCode, TerminalHello } from '../server/protocol/terminals';
import { PAGE_VERSION } from './page-version';

type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const ID_KEY = 'hallq:terminal-id';

export class TerminalReporter {
  private readonly faults = new Map<TerminalFaultCode, boolean>();
  private isGreeted = false;

  constructor(
    private readonly socket: HubSocket,
    private readonly hello: Omit<TerminalHello, 'pageVersion'>,
    reload: () => void = () => location.reload(),
  ) {
    socket.on('connect', () => this.greet());
    socket.on('disconnect', () => (this.isGreeted = false));
    socket.on('terminal:reload', () => reload());
    if (socket.connected) this.greet();
    if (typeof window !== 'undefined') {
      window.addEventListener('error', () => this.fault('page-error', true));
      window.addEventListener('unhandledrejection', () => this.fault('page-error', true));
    }
  }

  /** A fault began (`true`) or ended; only a change is sent. */
  fault(code: TerminalFaultCode, isActive: boolean): void {
    if ((this.faults.get(code) ?? false) === isActive) return;
    this.faults.set(code, isActive);
    if (this.isGreeted) this.socket.emit('terminal:fault', { code, isActive });
  }

  private greet(): void {
    this.socket.emit('terminal:hello', { ...this.hello, pageVersion: PAGE_VERSION }, (result) => {
      if (!result.ok) return;
      this.isGreeted = true;
      for (const [code, isActive] of this.faults) if (isActive) this.socket.emit('terminal:fault', { code, isActive });
    });
  }
}

/**
 * The id a display or clerk PC gives itself: `?terminal=` on its address (an installer's name for it), else one
 * made up once and kept in localStorage, so the same screen is the same terminal after a reload.
 */
export function pageTerminalId(prefix: string): string {
  const given = new URLSearchParams(location.search).get('terminal');
  if (given && /^[A-Za-z0-9_.-]{1,40}$/.test(given)) return given;
  try {
    const stored = localStorage.getItem(ID_KEY);
    if (stored && /^[A-Za-z0-9_.-]{1,40}$/.test(stored)) return stored;
    const made = `${prefix}-${Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(ID_KEY, made);
    return made;
  } catch {
    return `${prefix}-unsaved`;
  }
}

/** `?name=` on the page's address (「一楼大屏」), if it is a plain label. */
export function pageTerminalName(): string | undefined {
  const name = new URLSearchParams(location.search).get('name')?.trim();
  return name && name.length <= 40 && !/[\u0000-\u001f\u007f]/.test(name) ? name : undefined;
}
