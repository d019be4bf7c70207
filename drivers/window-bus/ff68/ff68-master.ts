import type { ByteLink, DeviceHealth, Unsubscribe } from '../../device';
import type { BackoffOptions } from '../backoff';
import type { BusDriver, BusEvent } from '../bus-driver';
import { HealthBoard } from '../health-board';
import { LinkSupervisor } from '../link-supervisor';
import { realTimers, type Timers } from '../timers';
import { WindowBusError, type ArmRequest, type ShowOptions } from '../types';
import { FF68, FF68_LEVELS, Ff68Decoder, encodeDisplayDigits, encodeFf68, ff68Key, stripDigits, type Ff68Frame } from './codec';

export interface Ff68MasterOptions {
  readonly link: ByteLink;
  readonly addresses: readonly number[];
  /** Pause between heartbeats (display refreshes). Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** How long to wait for the device's echo of a host frame. Default 100 ms. */
  readonly replyTimeoutMs?: number;
  readonly retries?: number;
  /** A device frame identical to the previous one within this window is a retransmission (our echo was lost). Default 300 ms. */
  readonly duplicateWindowMs?: number;
  readonly backoff?: BackoffOptions;
  readonly timers?: Timers;
}

interface Job {
  readonly address: number;
  readonly bytes: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: WindowBusError) => void;
}

/**
 * Driver for the vendor FF68 bus. Devices talk when a key is pressed and the host echoes each
 * frame as its ACK; host frames (func 02 display, 03 beep) are, by our assumption, echoed back by
 * the device the same way. There is no poll verb, so liveness comes from a heartbeat that
 * re-sends each address's current display (idempotent), round-robin, when the bus is idle.
 */
export class Ff68Master implements BusDriver {
  readonly stats = { lineFaults: 0, duplicates: 0, unmappedKeys: 0 };
  private readonly timers: Timers;
  private readonly supervisor: LinkSupervisor;
  private readonly decoder = new Ff68Decoder();
  private readonly board: HealthBoard;
  private readonly displays = new Map<number, number[]>();
  private readonly lastFrame = new Map<number, { hex: string; at: number }>();
  private readonly eventListeners = new Set<(address: number, event: BusEvent) => void>();
  private commands: Job[] = [];
  private waiting: { bytes: Buffer; settle: (result: 'echo' | 'timeout' | 'down') => void } | undefined;
  private busy = false;
  private running = false;
  private heartbeatDue = false;
  private heartbeatIndex = 0;
  private cancelHeartbeat: (() => void) | undefined;
  private unsubscribeData: Unsubscribe | undefined;

  constructor(private readonly options: Ff68MasterOptions) {
    this.timers = options.timers ?? realTimers;
    this.board = new HealthBoard(options.addresses, this.timers.now);
    for (const address of options.addresses) this.displays.set(address, encodeDisplayDigits(undefined, undefined));
    this.supervisor = new LinkSupervisor(
      options.link,
      { onUp: () => this.handleUp(), onDown: () => this.handleDown() },
      { backoff: options.backoff, timers: this.timers },
    );
  }

  async open(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribeData = this.options.link.onData((chunk) => this.handleData(chunk));
    await this.supervisor.start();
  }

  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cancelHeartbeat?.();
    this.failQueued('closed');
    this.waiting?.settle('down');
    await this.supervisor.stop();
    this.unsubscribeData?.();
    this.board.markAllOffline('closed');
  }

  health(address: number): DeviceHealth {
    return this.board.get(address);
  }

  onHealth(address: number, listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.board.subscribe(address, listener);
  }

  onEvent(listener: (address: number, event: BusEvent) => void): Unsubscribe {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** The bus has no arm command: arming is local (the keypad class filters presses). */
  async armKeypad(_address: number, _request: ArmRequest): Promise<void> {
    this.assertUp();
  }

  async disarmKeypad(_address: number): Promise<void> {}

  /** Shows the first number's last three digits; letters, Chinese, colour and blink are not supported by func 02. */
  async show(address: number, text: string, _options: ShowOptions): Promise<void> {
    await this.display(address, encodeDisplayDigits(undefined, stripDigits(text)));
  }

  async clear(address: number): Promise<void> {
    await this.display(address, encodeDisplayDigits(undefined, undefined));
  }

  /** Sends a func 03 beep (not part of the device interfaces; for a caller's "your turn" cue). */
  async beep(address: number): Promise<void> {
    await this.send(address, { address, func: FF68.funcBeep, data: [] });
  }

  private async display(address: number, digits: number[]): Promise<void> {
    await this.send(address, { address, func: FF68.funcShow, data: digits });
    // Only what the device confirmed is redrawn by heartbeats and after a re-plug.
    this.displays.set(address, digits);
  }

  private send(address: number, frame: Ff68Frame): Promise<void> {
    this.assertUp();
    return new Promise((resolve, reject) => {
      this.commands.push({ address, bytes: encodeFf68(frame), resolve, reject });
      this.pump();
    });
  }

  private assertUp(): void {
    if (!this.running) throw new WindowBusError('closed', 'window bus is closed');
    if (!this.supervisor.isUp()) throw new WindowBusError('offline', `${this.options.link.description} is not open`);
  }

  private pump(): void {
    if (this.busy || !this.running || !this.supervisor.isUp()) return;
    const job = this.commands.shift() ?? this.takeHeartbeat();
    if (!job) return;
    this.busy = true;
    void this.execute(job)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private takeHeartbeat(): Job | undefined {
    const addresses = this.options.addresses;
    if (!this.heartbeatDue || addresses.length === 0) return undefined;
    this.heartbeatDue = false;
    const address = addresses[this.heartbeatIndex % addresses.length] ?? 0;
    this.heartbeatIndex += 1;
    const bytes = encodeFf68({ address, func: FF68.funcShow, data: this.displays.get(address) ?? [] });
    const done = (): void => this.scheduleHeartbeat();
    return { address, bytes, resolve: done, reject: done };
  }

  private scheduleHeartbeat(): void {
    this.cancelHeartbeat?.();
    if (!this.running) return;
    this.cancelHeartbeat = this.timers.after(this.options.pollIntervalMs ?? 50, () => {
      this.cancelHeartbeat = undefined;
      this.heartbeatDue = true;
      this.pump();
    });
  }

  private async execute(job: Job): Promise<void> {
    const attempts = 1 + (this.board.isOnline(job.address) ? (this.options.retries ?? 2) : 0);
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const result = await this.exchange(job.bytes);
      if (result === 'down') throw new WindowBusError('offline', `${this.options.link.description} went away`);
      if (result === 'echo') {
        this.board.markOnline(job.address);
        return;
      }
    }
    this.board.markOffline(job.address, 'no-answer');
    throw new WindowBusError('no-answer', `device ${job.address} did not echo after ${attempts} attempts`);
  }

  private exchange(bytes: Buffer): Promise<'echo' | 'timeout' | 'down'> {
    return new Promise((resolve) => {
      let cancelTimer: () => void = () => undefined;
      const waiting = {
        bytes,
        settle: (result: 'echo' | 'timeout' | 'down'): void => {
          if (this.waiting !== waiting) return;
          this.waiting = undefined;
          cancelTimer();
          resolve(result);
        },
      };
      this.waiting = waiting;
      cancelTimer = this.timers.after(this.options.replyTimeoutMs ?? 100, () => waiting.settle('timeout'));
      this.options.link.write(bytes).catch(() => waiting.settle('down'));
    });
  }

  private handleData(chunk: Buffer): void {
    for (const decoded of this.decoder.feed(chunk)) {
      if (!decoded.ok) {
        this.stats.lineFaults += 1;
        continue;
      }
      if (this.waiting?.bytes.equals(decoded.raw)) {
        this.waiting.settle('echo');
        continue;
      }
      const { frame } = decoded;
      // Host-direction frames we did not wait for: a late echo or our own transmission looped back.
      if (frame.func === FF68.funcShow || frame.func === FF68.funcBeep) continue;
      // Frames from addresses we were not configured for belong to someone else's setup: no echo.
      if (this.displays.has(frame.address)) this.deviceFrame(frame, decoded.raw);
    }
  }

  private deviceFrame(frame: Ff68Frame, raw: Buffer): void {
    // The echo is the device's ACK; send it before anything else so it stops retransmitting.
    this.options.link.write(raw).catch(() => undefined);
    this.board.markOnline(frame.address);
    const hex = raw.toString('hex');
    const now = this.timers.now();
    const previous = this.lastFrame.get(frame.address);
    this.lastFrame.set(frame.address, { hex, at: now });
    const windowMs = this.options.duplicateWindowMs ?? 300;
    if (previous && previous.hex === hex && now - previous.at < windowMs) {
      this.stats.duplicates += 1;
      return;
    }
    const event = this.toEvent(frame);
    if (!event) {
      this.stats.unmappedKeys += 1;
      return;
    }
    for (const listener of this.eventListeners) listener(frame.address, event);
  }

  private toEvent(frame: Ff68Frame): BusEvent | undefined {
    if (frame.func === FF68.funcEvaluation) {
      const level = FF68_LEVELS[frame.data[0] ?? 0];
      return level ? { type: 'rating', ticketNumber: undefined, level, reasons: [] } : undefined;
    }
    const key = ff68Key(frame.data);
    return key ? { type: 'key', key } : undefined;
  }

  private handleUp(): void {
    this.decoder.reset();
    // Push every display once: it re-draws strips after a power cut and finds who is there.
    for (const address of this.options.addresses) {
      const bytes = encodeFf68({ address, func: FF68.funcShow, data: this.displays.get(address) ?? [] });
      this.commands.push({ address, bytes, resolve: () => undefined, reject: () => undefined });
    }
    this.scheduleHeartbeat();
    this.pump();
  }

  private handleDown(): void {
    this.board.markAllOffline('port-missing');
    this.failQueued('offline');
    this.waiting?.settle('down');
  }

  private failQueued(code: 'offline' | 'closed'): void {
    const queued = this.commands;
    this.commands = [];
    for (const job of queued) job.reject(new WindowBusError(code, `frame to device ${job.address} dropped: ${code}`));
  }
}
