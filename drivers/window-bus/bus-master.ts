import type { ByteLink, DeviceHealth, Unsubscribe } from '../device';
import { Listeners } from '../listeners';
import type { BackoffOptions } from '../backoff';
import type { BusEvent } from './bus-driver';
import { HealthBoard } from './health-board';
import { LinkSupervisor } from './link-supervisor';
import { systemTimers, type Timers } from '../timers';
import { WindowBusError } from './types';

/** What every bus master is configured with, whatever the wire protocol. */
export interface BusMasterOptions {
  readonly link: ByteLink;
  /** Every address to talk to, each once. */
  readonly addresses: readonly number[];
  /** Pause between two idle requests (QLP poll, FF68 heartbeat). Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Per-attempt reply deadline. Default 100 ms. */
  readonly replyTimeoutMs?: number;
  /** Re-sends after the first attempt before a device is marked offline. Default 2. */
  readonly retries?: number;
  readonly backoff?: BackoffOptions;
  readonly timers?: Timers;
}

/** One queued request; what else it carries (bytes, verb) is the protocol's business. */
export interface BusJob<Reply> {
  readonly address: number;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: WindowBusError) => void;
}

/** How {@link BusMaster.transact} sends one request and decides it is answered. */
export interface TransactOptions<Answer> {
  /** 1 + retries, or fewer where the protocol says so. */
  readonly attempts: number;
  /** True for the answer to this request (not a late answer to another, not a device's own frame). */
  readonly matches: (answer: Answer) => boolean;
  /** True for an answer that proves the device is there but asks for a re-send (QLP NAK crc/busy). */
  readonly isRetryable?: (answer: Answer) => boolean;
  /** Ends "device N … after K attempts", e.g. 'did not echo'. */
  readonly failure: string;
}

interface Waiter<Answer> {
  readonly matches: (answer: Answer) => boolean;
  readonly settle: (result: Answer | 'timeout' | 'down') => void;
}

/**
 * What QLP/1 and FF68 masters share: the only talker on a half-duplex bus, so one request is
 * outstanding at a time; commands go before idle traffic; idle time is spent on one request per
 * address round-robin; a silent device is retried, then marked offline; a lost port fails every
 * queued command at once and is re-opened with back-off. Subclasses own the bytes: how a job is
 * encoded, how many attempts it gets, which frames answer it, and what device frames mean.
 */
export abstract class BusMaster<Job extends BusJob<Reply>, Reply, Answer> {
  protected readonly link: ByteLink;
  protected readonly addresses: readonly number[];
  protected readonly timers: Timers;
  protected readonly board: HealthBoard;
  protected readonly retries: number;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly supervisor: LinkSupervisor;
  private readonly eventListeners = new Listeners<[address: number, event: BusEvent]>();
  private commands: Job[] = [];
  private waiter: Waiter<Answer> | undefined;
  private busy = false;
  private running = false;
  private idleDue = false;
  private idleIndex = 0;
  private cancelIdle: (() => void) | undefined;
  private unsubscribeData: Unsubscribe | undefined;

  constructor(options: BusMasterOptions) {
    this.link = options.link;
    this.addresses = options.addresses;
    this.timers = options.timers ?? systemTimers;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 100;
    this.retries = options.retries ?? 2;
    this.board = new HealthBoard(options.addresses, this.timers.now);
    this.supervisor = new LinkSupervisor(
      options.link,
      { onUp: () => this.handleUp(), onDown: () => this.handleDown() },
      { backoff: options.backoff, timers: this.timers },
    );
  }

  /** Runs one job to its reply, usually through {@link transact}. */
  protected abstract execute(job: Job): Promise<Reply>;
  /** The idle request to `address` (poll, heartbeat); it must call `done` once it settles. */
  protected abstract idleJob(address: number, done: () => void): Job;
  /** The request sent to every address when the link comes up, so health turns online quickly. */
  protected abstract greetJob(address: number): Job;
  /** Bytes from the link; answers go to {@link offer}. */
  protected abstract handleData(chunk: Buffer): void;
  /** Forgets a half-received frame: the link was re-opened. */
  protected abstract resetDecoder(): void;
  /** Names a job in the error of a dropped one, e.g. 'request PING to device 3'. */
  protected abstract describe(job: Job): string;

  async open(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribeData = this.link.onData((chunk) => this.handleData(chunk));
    await this.supervisor.start();
  }

  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cancelIdle?.();
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
    return this.eventListeners.add(listener);
  }

  protected emit(address: number, event: BusEvent): void {
    this.eventListeners.emit(address, event);
  }

  /** Throws unless the bus is open and its link is up. */
  protected assertUp(): void {
    const refusal = this.refusal();
    if (refusal) throw refusal;
  }

  /** Queues a job ahead of idle traffic; rejects at once if the bus is closed or its link is down. */
  protected enqueue(build: (settle: Pick<Job, 'resolve' | 'reject'>) => Job): Promise<Reply> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    return new Promise((resolve, reject) => {
      this.commands.push(build({ resolve, reject }));
      this.pump();
    });
  }

  /**
   * Sends `bytes` up to `attempts` times until a matching, non-retryable answer arrives, keeping
   * the address's health: online on any answer, offline ('no-answer') when attempts run out.
   */
  protected async transact(address: number, bytes: Buffer, options: TransactOptions<Answer>): Promise<Answer> {
    for (let attempt = 0; attempt < options.attempts; attempt += 1) {
      const answer = await this.exchange(bytes, options.matches);
      if (answer === 'down') throw new WindowBusError('offline', `${this.link.description} went away`);
      if (answer === 'timeout') continue;
      this.board.markOnline(address);
      if (!options.isRetryable?.(answer)) return answer;
    }
    this.board.markOffline(address, 'no-answer');
    throw new WindowBusError('no-answer', `device ${address} ${options.failure} after ${options.attempts} attempts`);
  }

  /** Hands a decoded frame to the request waiting for it; false if nothing was waiting for this one. */
  protected offer(answer: Answer): boolean {
    if (!this.waiter?.matches(answer)) return false;
    this.waiter.settle(answer);
    return true;
  }

  private refusal(): WindowBusError | undefined {
    if (!this.running) return new WindowBusError('closed', 'window bus is closed');
    if (!this.supervisor.isUp()) return new WindowBusError('offline', `${this.link.description} is not open`);
    return undefined;
  }

  private pump(): void {
    if (this.busy || !this.running || !this.supervisor.isUp()) return;
    const job = this.commands.shift() ?? this.takeIdle();
    if (!job) return;
    this.busy = true;
    void this.execute(job)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private takeIdle(): Job | undefined {
    const addresses = this.addresses;
    if (!this.idleDue || addresses.length === 0) return undefined;
    this.idleDue = false;
    const address = addresses[this.idleIndex % addresses.length] ?? 0;
    this.idleIndex += 1;
    return this.idleJob(address, () => this.scheduleIdle());
  }

  private scheduleIdle(): void {
    this.cancelIdle?.();
    if (!this.running) return;
    this.cancelIdle = this.timers.schedule(() => {
      this.cancelIdle = undefined;
      this.idleDue = true;
      this.pump();
    }, this.pollIntervalMs);
  }

  private exchange(bytes: Buffer, matches: (answer: Answer) => boolean): Promise<Answer | 'timeout' | 'down'> {
    return new Promise((resolve) => {
      let cancelTimer: () => void = () => undefined;
      const waiter: Waiter<Answer> = {
        matches,
        settle: (result) => {
          if (this.waiter !== waiter) return;
          this.waiter = undefined;
          cancelTimer();
          resolve(result);
        },
      };
      this.waiter = waiter;
      cancelTimer = this.timers.schedule(() => waiter.settle('timeout'), this.replyTimeoutMs);
      this.link.write(bytes).catch(() => waiter.settle('down'));
    });
  }

  private handleUp(): void {
    this.resetDecoder();
    for (const address of this.addresses) this.commands.push(this.greetJob(address));
    this.scheduleIdle();
    this.pump();
  }

  private handleDown(): void {
    this.board.markAllOffline('port-missing');
    this.failQueued('offline');
    this.waiter?.settle('down');
  }

  private failQueued(code: 'offline' | 'closed'): void {
    const queued = this.commands;
    this.commands = [];
    for (const job of queued) job.reject(new WindowBusError(code, `${this.describe(job)} dropped: ${code}`));
  }
}
