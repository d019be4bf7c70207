import { Backoff } from '../backoff';
import type { ByteLink, Device, DeviceHealth, Unsubscribe } from '../device';
import { Listeners } from '../listeners';
import { systemTimers, type Timers } from '../timers';
import { decodeBaseInfo } from './base-info';
import { encodeRequest, toResponse, type IdCardCommand, type ResponseFrame } from './frame';
import { FrameParser } from './frame-parser';
import type { IdCardData } from './id-card-data';
import {
  emptyStats,
  type CardFailure,
  type IdCardReaderOptions,
  type IdCardReaderStats,
} from './reader-options';
import { decodeStatus, STATUS_DESCRIPTIONS } from './status';

type Answer =
  | { readonly ok: true; readonly response: ResponseFrame }
  | { readonly ok: false; readonly reason: 'timeout' | 'checksum' | 'link-closed' | 'write-failed' | 'closed' };

/**
 * A second-generation ID card reader speaking the GA/T 467 frame protocol over any ByteLink.
 *
 * It polls find-card; when a card appears it selects and reads it, and emits `onCard` once per
 * insertion. The card stays "latched" until {@link IdCardReaderOptions.removalPolls} consecutive
 * no-card answers, which covers both reader behaviours: those that keep answering "found" while
 * the card lies there and those that answer "no card" until it is re-presented.
 *
 * Privacy: card data goes only to `onCard` listeners. It never enters an Error, a health reason,
 * a stats counter or a log line, and the photo block is never decoded.
 */
export class IdCardReader implements Device {
  readonly id: string;
  readonly kind = 'id-reader' as const;

  private readonly link: ByteLink;
  private readonly timers: Timers;
  private readonly pollIntervalMs: number;
  private readonly responseTimeoutMs: number;
  private readonly backoff: Backoff;
  private readonly removalPolls: number;
  private readonly maxReadAttempts: number;

  private readonly parser = new FrameParser();
  private readonly counters = emptyStats();
  private readonly cardListeners = new Listeners<[card: IdCardData]>();
  private readonly failureListeners = new Listeners<[failure: CardFailure]>();
  private readonly healthListeners = new Listeners<[health: DeviceHealth]>();
  private linkSubscriptions: Unsubscribe[] = [];

  private running = false;
  private busy = false;
  private pending: ((answer: Answer) => void) | undefined;
  private cancelPoll: (() => void) | undefined;
  private cancelReconnect: (() => void) | undefined;
  private latched = false;
  private noCardStreak = 0;
  private failedAttempts = 0;
  private current: DeviceHealth;

  constructor(options: IdCardReaderOptions) {
    this.id = options.id;
    this.link = options.link;
    this.timers = options.timers ?? systemTimers;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 2000;
    this.backoff = new Backoff({ initialMs: options.reconnectMinMs ?? 1000, maxMs: options.reconnectMaxMs ?? 30_000 });
    this.removalPolls = Math.max(1, options.removalPolls ?? 2);
    this.maxReadAttempts = Math.max(1, options.maxReadAttempts ?? 3);
    this.current = { status: 'offline', code: 'not-started', reason: 'reader not started', since: this.timers.now() };
  }

  /** Starts polling. Never rejects: a missing port becomes health 'port-missing' and is retried. */
  async open(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.linkSubscriptions = [
      this.link.onData((chunk) => this.handleData(chunk)),
      this.link.onState((state) => (state === 'open' ? this.handleLinkOpen() : this.handleLinkClosed())),
    ];
    if (this.link.isOpen()) this.handleLinkOpen();
    else await this.tryOpenLink();
  }

  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cancelTimers();
    this.settle({ ok: false, reason: 'closed' });
    for (const unsubscribe of this.linkSubscriptions) unsubscribe();
    this.linkSubscriptions = [];
    await this.link.close().catch(() => undefined);
    this.setHealth('offline', 'closed', 'reader closed');
  }

  health(): DeviceHealth {
    return this.current;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.healthListeners.add(listener);
  }

  /** Fires once per card insertion with the decoded fields. The listener owns the data: do not log it. */
  onCard(listener: (card: IdCardData) => void): Unsubscribe {
    return this.cardListeners.add(listener);
  }

  /** Fires when a present card could not be read (so a kiosk can say "please re-present the card"). */
  onCardFailure(listener: (failure: CardFailure) => void): Unsubscribe {
    return this.failureListeners.add(listener);
  }

  /** Counters since construction (no personal data). */
  stats(): IdCardReaderStats {
    return { ...this.counters };
  }

  private async tryOpenLink(): Promise<void> {
    try {
      await this.link.open();
      this.handleLinkOpen();
    } catch {
      this.setHealth('offline', 'port-missing', 'ID card reader port is missing');
      this.scheduleReconnect();
    }
  }

  private handleLinkOpen(): void {
    if (!this.running) return;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    this.backoff.reset();
    this.schedulePoll(0);
  }

  private handleLinkClosed(): void {
    this.settle({ ok: false, reason: 'link-closed' });
    this.parser.reset();
    this.cancelPoll?.();
    this.cancelPoll = undefined;
    if (!this.running) return;
    this.setHealth('offline', 'port-missing', 'ID card reader port is closed or unplugged');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.cancelReconnect !== undefined) return;
    const delay = this.backoff.nextDelay();
    this.cancelReconnect = this.timers.schedule(() => {
      this.cancelReconnect = undefined;
      this.counters.reconnectAttempts += 1;
      // Its own catch sets the health; this one only keeps a throwing listener from reaching the process.
      void this.tryOpenLink().catch(() => this.scheduleReconnect());
    }, delay);
  }

  private schedulePoll(ms: number): void {
    this.cancelPoll?.();
    this.cancelPoll = this.timers.schedule(() => {
      this.cancelPoll = undefined;
      // A cycle that throws ends as a missed poll (the link check reschedules); never as an unhandled rejection.
      void this.poll().catch(() => {
        if (this.running && this.link.isOpen()) this.schedulePoll(this.pollIntervalMs);
      });
    }, ms);
  }

  private async poll(): Promise<void> {
    if (!this.running || this.busy) return;
    if (!this.link.isOpen()) {
      this.handleLinkClosed();
      return;
    }
    this.busy = true;
    try {
      await this.pollCycle();
    } finally {
      this.busy = false;
      if (this.running && this.link.isOpen()) this.schedulePoll(this.pollIntervalMs);
    }
  }

  /** One find → (select → read) round. Any failed exchange just ends the round; the next poll retries. */
  private async pollCycle(): Promise<void> {
    const found = await this.request('findCard');
    if (!found.ok) return;
    const findStatus = decodeStatus(found.response);
    if (findStatus !== 'card-found') {
      if (findStatus === 'no-card') this.noteNoCard();
      return;
    }
    this.noCardStreak = 0;
    if (this.latched) return;

    const selected = await this.request('selectCard');
    if (!selected.ok) return;
    if (decodeStatus(selected.response) !== 'ok') {
      this.noteFailedAttempt('select-failed');
      return;
    }
    const read = await this.request('readBaseInfo');
    if (!read.ok) return;
    if (decodeStatus(read.response) !== 'ok') {
      this.noteFailedAttempt('read-failed');
      return;
    }
    const decoded = decodeBaseInfo(read.response.data);
    // Latch either way: re-reading a card we cannot decode would only repeat the failure.
    this.latched = true;
    this.failedAttempts = 0;
    if (!decoded.ok) {
      this.emitFailure(decoded.code);
      return;
    }
    this.counters.cardsRead += 1;
    this.counters.listenerErrors += this.cardListeners.emitIsolated(decoded.card);
  }

  private noteNoCard(): void {
    this.noCardStreak += 1;
    if (this.noCardStreak >= this.removalPolls) {
      this.latched = false;
      this.failedAttempts = 0;
    }
  }

  private noteFailedAttempt(failure: CardFailure): void {
    this.counters.readFailures += 1;
    this.failedAttempts += 1;
    if (this.failedAttempts < this.maxReadAttempts) return;
    this.latched = true;
    this.failedAttempts = 0;
    this.emitFailure(failure);
  }

  private emitFailure(failure: CardFailure): void {
    this.counters.listenerErrors += this.failureListeners.emitIsolated(failure);
  }

  private request(command: IdCardCommand): Promise<Answer> {
    return new Promise<Answer>((resolve) => {
      const cancelTimeout = this.timers.schedule(() => {
        this.counters.timeouts += 1;
        // A half-received frame would otherwise be glued to the next answer.
        this.parser.reset();
        this.setHealth('offline', 'no-answer', 'ID card reader does not answer');
        this.settle({ ok: false, reason: 'timeout' });
      }, this.responseTimeoutMs);
      this.pending = (answer) => {
        cancelTimeout();
        this.pending = undefined;
        resolve(answer);
      };
      this.link.write(encodeRequest(command)).catch(() => this.settle({ ok: false, reason: 'write-failed' }));
    });
  }

  private settle(answer: Answer): void {
    this.pending?.(answer);
  }

  private handleData(chunk: Buffer): void {
    for (const parsed of this.parser.push(chunk)) {
      if (parsed.type === 'bad-checksum') {
        this.counters.checksumErrors += 1;
        this.settle({ ok: false, reason: 'checksum' });
        continue;
      }
      const response = toResponse(parsed.body);
      if (response === undefined) continue;
      this.noteAlive(decodeStatus(response));
      if (this.pending === undefined) this.counters.strayFrames += 1;
      else this.settle({ ok: true, response });
    }
  }

  /** Any well-formed answer proves the reader is there; a few statuses mean it is there but broken. */
  private noteAlive(status: ReturnType<typeof decodeStatus>): void {
    if (status === 'self-test-failed' || status === 'not-authorised') {
      this.setHealth('error', 'reader-fault', STATUS_DESCRIPTIONS[status]);
    } else {
      this.setHealth('online');
    }
  }

  private setHealth(status: DeviceHealth['status'], code?: string, reason?: string): void {
    if (this.current.status === status && this.current.code === code) return;
    const base = { status, since: this.timers.now() };
    this.current = code === undefined ? base : { ...base, code, ...(reason === undefined ? {} : { reason }) };
    this.counters.listenerErrors += this.healthListeners.emitIsolated(this.current);
  }

  private cancelTimers(): void {
    this.cancelPoll?.();
    this.cancelPoll = undefined;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
  }
}
