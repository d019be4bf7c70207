/**
 * The in-process fan-out of committed facts. The app publishes only after commit; the realtime gateway
 * and device adapters subscribe. It never imports a socket library.
 */
import type { DeviceHealthView, ServiceView } from '../protocol/model';
import type { StaffEvent } from '../protocol/events';
import type { SessionEndReason } from '../protocol/sessions';
import type { TerminalReload, TerminalView } from '../protocol/terminals';
import type { BackupFile } from '../protocol/manager-model';

/** Staff sessions that ended: by id (sign-out, expiry) or every session of one account (disable, role, password). */
export interface SessionsEnded {
  readonly reason: SessionEndReason;
  readonly sessionIds?: readonly string[];
  readonly username?: string;
}

export interface BusListeners {
  /** The facts of one commit, in sequence order (never empty). */
  facts: (events: readonly StaffEvent[]) => void;
  queues: (payload: { seq: number; services: ServiceView[] }) => void;
  devices: (devices: DeviceHealthView[]) => void;
  /** The gateway disconnects these sessions' sockets (server/app/sessions.ts decides). */
  'session:ended': (ended: SessionsEnded) => void;
  /** The hall's terminals changed (app/terminals.ts): managers' consoles get the whole list. */
  terminals: (terminals: TerminalView[]) => void;
  /** A manager asked one terminal to reload: the gateway tells only that terminal's sockets. */
  'terminal:reload': (request: TerminalReload) => void;
  /** The scheduled daily backup wrote a file (app/backup-schedule.ts): managers' consoles re-read the list. */
  'backup:written': (file: BackupFile) => void;
}

export class Bus {
  private readonly listeners: { [K in keyof BusListeners]: Set<BusListeners[K]> } = {
    facts: new Set(),
    queues: new Set(),
    devices: new Set(),
    'session:ended': new Set(),
    terminals: new Set(),
    'terminal:reload': new Set(),
    'backup:written': new Set(),
  };

  on<K extends keyof BusListeners>(name: K, listener: BusListeners[K]): () => void {
    this.listeners[name].add(listener);
    return () => this.listeners[name].delete(listener);
  }

  emit<K extends keyof BusListeners>(name: K, ...args: Parameters<BusListeners[K]>): void {
    for (const listener of this.listeners[name]) {
      // A failing subscriber (a device adapter, a socket) must not stop the others or the hub.
      try {
        (listener as (...a: Parameters<BusListeners[K]>) => void)(...args);
      } catch {
        // Subscribers log their own failures.
      }
    }
  }
}
