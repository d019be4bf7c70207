import { Backoff } from '../backoff';
import type { ByteLink, Device, DeviceHealth, Unsubscribe } from '../device';
import { Listeners } from '../listeners';
import { systemTimers, type CancelTimer, type Timers } from '../timers';
import { type PrinterFaultCode, parseRealtimeStatus, statusFault, type PrinterStatus } from './printer-status';
import { StatusReader } from './status-reader';
import { encodeTicket } from './ticket-encoder';
import type { EncodeTicketOptions, PrintableTicket } from './ticket-types';

/** The result of one print request. Hardware faults are values, never exceptions. */
export type PrintOutcome =
  | { readonly printed: true }
  | { readonly printed: false; readonly code: PrinterFaultCode; readonly reason: string };

/** Construction options of {@link EscPosPrinter}. */
export interface EscPosPrinterOptions {
  readonly id: string;
  /** TCP 9100 (TcpLink), serial (SerialLink), a USB device file (FileLink) or a MemoryLink. */
  readonly link: ByteLink;
  readonly encode?: EncodeTicketOptions;
  /**
   * 'realtime' (default): DLE EOT before every ticket and on every poll; needs a link that reads.
   * 'none': for write-only links (a raw /dev/usb/lp0 that returns nothing): health only reflects
   * the link, and tickets are sent blind.
   */
  readonly statusMode?: 'realtime' | 'none';
  /** Health poll period; 0 disables polling. Default 5000. */
  readonly pollIntervalMs?: number;
  /** Wait per DLE EOT reply. Default 500 (the printer answers within a few ms). */
  readonly statusTimeoutMs?: number;
  /** Reconnect back-off: first delay, doubling up to max. Defaults 500 and 30000. */
  readonly reconnectDelayMs?: { readonly initial: number; readonly max: number };
  readonly timers?: Timers;
}

type HealthState = Omit<DeviceHealth, 'since'>;

/**
 * A kiosk ticket printer speaking ESC/POS over any ByteLink. `open()` never rejects: a missing
 * printer is an 'offline' health state and the link is retried with back-off.
 */
export class EscPosPrinter implements Device {
  readonly id: string;
  readonly kind = 'printer' as const;
  private readonly link: ByteLink;
  private readonly timers: Timers;
  private readonly reader: StatusReader;
  private current: DeviceHealth;
  private readonly listeners = new Listeners<[health: DeviceHealth]>();
  private chain: Promise<unknown> = Promise.resolve();
  private isClosing = true;
  private cancelPoll: CancelTimer | null = null;
  private cancelReconnect: CancelTimer | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly options: EscPosPrinterOptions) {
    this.id = options.id;
    this.link = options.link;
    this.timers = options.timers ?? systemTimers;
    this.reader = new StatusReader(this.link, this.timers, options.statusTimeoutMs ?? 500);
    const delays = options.reconnectDelayMs ?? { initial: 500, max: 30_000 };
    this.backoff = new Backoff({ initialMs: delays.initial, maxMs: delays.max });
    this.current = { status: 'offline', code: 'offline', reason: 'not opened yet', since: this.timers.now() };
    // Subscriptions live as long as the printer object, so close() followed by open() works.
    this.link.onState((state, error) => {
      if (state !== 'closed' || this.isClosing) return;
      this.setHealth({ status: 'offline', code: 'offline', reason: `link lost: ${error?.message ?? 'closed'}` });
      this.scheduleReconnect();
    });
  }

  async open(): Promise<void> {
    this.isClosing = false;
    await this.connect();
    this.schedulePoll();
  }

  async close(): Promise<void> {
    this.isClosing = true;
    this.cancelPoll?.();
    this.cancelReconnect?.();
    this.cancelPoll = this.cancelReconnect = null;
    await this.exclusive(async () => {
      await this.link.close().catch(() => undefined);
    });
  }

  health(): DeviceHealth {
    return this.current;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  /** Checks status, then sends the ticket. Never rejects. */
  print(ticket: PrintableTicket): Promise<PrintOutcome> {
    return this.exclusive(async () => {
      if (!this.link.isOpen()) return refuse('offline', 'printer link is down');
      if (this.options.statusMode !== 'none') {
        const fault = await this.refreshStatus();
        if (fault) return refuse(fault.code, fault.reason);
      }
      let bytes: Buffer;
      try {
        bytes = encodeTicket(ticket, this.options.encode);
      } catch (error) {
        return refuse('error', `ticket could not be encoded: ${messageOf(error)}`);
      }
      try {
        await this.link.write(bytes);
      } catch (error) {
        this.setHealth({ status: 'offline', code: 'offline', reason: `write failed: ${messageOf(error)}` });
        return refuse('offline', `write failed: ${messageOf(error)}`);
      }
      return { printed: true } as const;
    }).catch((error: unknown) => refuse('error', `unexpected driver failure: ${messageOf(error)}`));
  }

  /** Polls status now (also what the interval does). Resolves to the new health. */
  async checkHealth(): Promise<DeviceHealth> {
    await this.exclusive(async () => {
      if (!this.link.isOpen()) return;
      if (this.options.statusMode === 'none') this.setHealth({ status: 'online' });
      else await this.refreshStatus();
    });
    return this.current;
  }

  /** Must run inside exclusive(): queries all four status bytes and updates health. */
  private async refreshStatus(): Promise<{ code: PrinterFaultCode; reason: string } | null> {
    const replies = await this.reader.readAll();
    if (!replies) {
      const fault = { code: 'offline', reason: 'printer did not answer the status query' } as const;
      this.setHealth({ status: 'offline', ...fault });
      return fault;
    }
    const status = parseRealtimeStatus(replies);
    const fault = statusFault(status);
    this.setHealth(healthOf(status, fault));
    return fault;
  }

  private async connect(): Promise<void> {
    try {
      await this.link.open();
      this.backoff.reset();
      await this.checkHealth();
    } catch (error) {
      this.setHealth({ status: 'offline', code: 'offline', reason: `cannot connect: ${messageOf(error)}` });
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.isClosing || this.cancelReconnect) return;
    const delay = this.backoff.nextDelay();
    this.cancelReconnect = this.timers.schedule(() => {
      this.cancelReconnect = null;
      if (!this.isClosing && !this.link.isOpen()) void this.connect().catch(() => this.scheduleReconnect());
    }, delay);
  }

  private schedulePoll(): void {
    const every = this.options.pollIntervalMs ?? 5000;
    if (this.isClosing || every <= 0 || this.cancelPoll) return;
    this.cancelPoll = this.timers.schedule(() => {
      this.cancelPoll = null;
      // A failed poll is a health state already set; its rejection must not reach the process.
      void this.checkHealth()
        .catch(() => undefined)
        .finally(() => this.schedulePoll());
    }, every);
  }

  /** One conversation with the printer at a time: status bytes must not interleave with a job. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private setHealth(next: HealthState): void {
    const prev = this.current;
    if (prev.status === next.status && prev.code === next.code) return;
    this.current = { ...next, since: this.timers.now() };
    this.listeners.emit(this.current);
  }
}

function healthOf(status: PrinterStatus, fault: { code: PrinterFaultCode; reason: string } | null): HealthState {
  if (fault) return { status: fault.code === 'offline' ? 'offline' : 'error', ...fault };
  if (status.paperNearEnd) return { status: 'online', code: 'paper-near-end', reason: 'paper roll is nearly empty' };
  return { status: 'online' };
}

function refuse(code: PrinterFaultCode, reason: string): PrintOutcome {
  return { printed: false, code, reason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
