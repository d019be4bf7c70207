import type { ByteLink, DeviceHealth, Unsubscribe } from '../../device';
import type { BackoffOptions } from '../backoff';
import type { BusDriver, BusEvent } from '../bus-driver';
import { HealthBoard } from '../health-board';
import { LinkSupervisor } from '../link-supervisor';
import { realTimers, type Timers } from '../timers';
import { WindowBusError, type ArmRequest, type ShowOptions } from '../types';
import { QLP_MAX_LINE, encodeQlp, qlpEncodedLength, type QlpFrame } from './codec';
import { evalStartArgs, qlpReplyToEvent, showArgs } from './events';
import { QlpLineDecoder } from './line-decoder';

export interface QlpMasterOptions {
  readonly link: ByteLink;
  /** Every address to poll, 0x01–0xF7, each once. */
  readonly addresses: readonly number[];
  readonly pollIntervalMs?: number;
  readonly replyTimeoutMs?: number;
  readonly retries?: number;
  readonly backoff?: BackoffOptions;
  readonly timers?: Timers;
}

interface Job {
  readonly address: number;
  readonly verb: string;
  readonly args: Record<string, string>;
  readonly resolve: (reply: QlpFrame) => void;
  readonly reject: (error: WindowBusError) => void;
}

interface Waiter {
  readonly address: number;
  readonly seq: number;
  readonly settle: (reply: QlpFrame | 'timeout' | 'down') => void;
}

/** Line-level counters, for diagnostics and tests. */
export interface QlpMasterStats {
  lineFaults: number;
  strayFrames: number;
}

/**
 * The QLP/1 bus master: the only talker on the bus. One request is outstanding at a time;
 * commands (SHOW, EVAL.START…) go before polls; idle time is spent polling every address
 * round-robin with POLL. A request is sent up to 1 + retries times with the same SEQ, so a
 * device that already executed it answers from its reply cache instead of executing twice.
 */
export class QlpMaster implements BusDriver {
  readonly stats: QlpMasterStats = { lineFaults: 0, strayFrames: 0 };
  private readonly timers: Timers;
  private readonly supervisor: LinkSupervisor;
  private readonly decoder = new QlpLineDecoder();
  private readonly board: HealthBoard;
  private readonly seqs = new Map<number, number>();
  private readonly eventListeners = new Set<(address: number, event: BusEvent) => void>();
  private commands: Job[] = [];
  private waiter: Waiter | undefined;
  private busy = false;
  private running = false;
  private pollDue = false;
  private pollIndex = 0;
  private cancelPoll: (() => void) | undefined;
  private unsubscribeData: Unsubscribe | undefined;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly retries: number;

  constructor(private readonly options: QlpMasterOptions) {
    this.timers = options.timers ?? realTimers;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 100;
    this.retries = options.retries ?? 2;
    this.board = new HealthBoard(options.addresses, this.timers.now);
    this.supervisor = new LinkSupervisor(
      options.link,
      { onUp: () => this.handleUp(), onDown: () => this.handleDown() },
      { backoff: options.backoff, timers: this.timers },
    );
    // SEQ starts from the clock, not 0: after a hub restart the first request must not match the
    // SEQ a device still has cached, or it would get a stale reply.
    const base = this.timers.now() & 0xff;
    for (const address of options.addresses) this.seqs.set(address, base);
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
    this.cancelPoll?.();
    this.failQueued('closed');
    this.waiter?.settle('down');
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

  async armKeypad(address: number, request: ArmRequest): Promise<void> {
    await this.command(address, 'EVAL.START', evalStartArgs(request));
  }

  async disarmKeypad(address: number): Promise<void> {
    await this.command(address, 'EVAL.CANCEL', {});
  }

  async show(address: number, text: string, options: ShowOptions): Promise<void> {
    const args = showArgs(text, options);
    const length = qlpEncodedLength({ address, seq: 0, verb: 'SHOW', args });
    if (length > QLP_MAX_LINE) throw new WindowBusError('too-long', `SHOW needs ${length} bytes, QLP/1 allows ${QLP_MAX_LINE}`);
    await this.command(address, 'SHOW', args);
  }

  async clear(address: number): Promise<void> {
    await this.command(address, 'CLR', {});
  }

  /** Sends one request and resolves with the device's reply (ACK/HELLO/IDLE/EVAL/KEY/NAK…). */
  request(address: number, verb: string, args: Record<string, string> = {}): Promise<QlpFrame> {
    if (!this.running) return Promise.reject(new WindowBusError('closed', 'window bus is closed'));
    if (!this.supervisor.isUp()) return Promise.reject(new WindowBusError('offline', `${this.options.link.description} is not open`));
    return new Promise((resolve, reject) => {
      this.commands.push({ address, verb, args, resolve, reject });
      this.pump();
    });
  }

  private async command(address: number, verb: string, args: Record<string, string>): Promise<void> {
    const reply = await this.request(address, verb, args);
    if (reply.verb === 'ACK' || reply.verb === 'HELLO') return;
    const code = reply.verb === 'NAK' ? (reply.args.code ?? 'unknown') : `unexpected ${reply.verb}`;
    throw new WindowBusError('nak', `device ${address} refused ${verb}: ${code}`);
  }

  private pump(): void {
    if (this.busy || !this.running || !this.supervisor.isUp()) return;
    const job = this.commands.shift() ?? this.takePoll();
    if (!job) return;
    this.busy = true;
    void this.execute(job)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private takePoll(): Job | undefined {
    const addresses = this.options.addresses;
    if (!this.pollDue || addresses.length === 0) return undefined;
    this.pollDue = false;
    const address = addresses[this.pollIndex % addresses.length] ?? 0;
    this.pollIndex += 1;
    const done = (): void => this.schedulePoll();
    return {
      address,
      verb: 'POLL',
      args: {},
      resolve: (reply) => {
        const event = qlpReplyToEvent(reply);
        if (event) this.emit(address, event);
        done();
      },
      reject: done,
    };
  }

  private schedulePoll(): void {
    this.cancelPoll?.();
    if (!this.running) return;
    this.cancelPoll = this.timers.after(this.pollIntervalMs, () => {
      this.cancelPoll = undefined;
      this.pollDue = true;
      this.pump();
    });
  }

  private async execute(job: Job): Promise<QlpFrame> {
    const seq = ((this.seqs.get(job.address) ?? 0) + 1) & 0xff;
    this.seqs.set(job.address, seq);
    const bytes = encodeQlp({ address: job.address, seq, verb: job.verb, args: job.args });
    // An offline device is only probed once per poll: three timeouts per round would starve the rest.
    const attempts = job.verb === 'POLL' && !this.board.isOnline(job.address) ? 1 : 1 + this.retries;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const reply = await this.exchange(job.address, seq, bytes);
      if (reply === 'down') throw new WindowBusError('offline', `${this.options.link.description} went away`);
      if (reply === 'timeout') continue;
      this.board.markOnline(job.address);
      // HELLO can answer any request (the first after power-up): the device forgot its state.
      if (reply.verb === 'HELLO') this.emit(job.address, { type: 'hello' });
      const retryable = reply.verb === 'NAK' && (reply.args.code === 'crc' || reply.args.code === 'busy');
      if (!retryable) return reply;
    }
    this.board.markOffline(job.address, 'no-answer');
    throw new WindowBusError('no-answer', `device ${job.address} did not answer ${job.verb} after ${attempts} attempts`);
  }

  private exchange(address: number, seq: number, bytes: Buffer): Promise<QlpFrame | 'timeout' | 'down'> {
    return new Promise((resolve) => {
      let cancelTimer: () => void = () => undefined;
      const settle = (result: QlpFrame | 'timeout' | 'down'): void => {
        if (this.waiter !== waiter) return;
        this.waiter = undefined;
        cancelTimer();
        resolve(result);
      };
      const waiter: Waiter = { address, seq, settle };
      this.waiter = waiter;
      cancelTimer = this.timers.after(this.replyTimeoutMs, () => settle('timeout'));
      this.options.link.write(bytes).catch(() => settle('down'));
    });
  }

  private handleData(chunk: Buffer): void {
    for (const result of this.decoder.feed(chunk)) {
      if (!result.ok) {
        this.stats.lineFaults += 1;
        continue;
      }
      const { frame } = result;
      // Same address and SEQ: a late answer to an earlier attempt is as good as this one's.
      if (this.waiter && frame.address === this.waiter.address && frame.seq === this.waiter.seq) this.waiter.settle(frame);
      else this.stats.strayFrames += 1;
    }
  }

  private handleUp(): void {
    this.decoder.reset();
    // Greet everyone at once so health turns online without waiting a full poll round.
    for (const address of this.options.addresses) {
      this.commands.push({ address, verb: 'PING', args: {}, resolve: () => undefined, reject: () => undefined });
    }
    this.schedulePoll();
    this.pump();
  }

  private emit(address: number, event: BusEvent): void {
    for (const listener of this.eventListeners) listener(address, event);
  }

  private handleDown(): void {
    this.board.markAllOffline('port-missing');
    this.failQueued('offline');
    this.waiter?.settle('down');
  }

  private failQueued(code: 'offline' | 'closed'): void {
    const queued = this.commands;
    this.commands = [];
    for (const job of queued) job.reject(new WindowBusError(code, `request ${job.verb} to device ${job.address} dropped: ${code}`));
  }
}
