/**
 * The hall's single announcement queue (hardware-and-standards §5.3: "one global announcement
 * queue so calls never overlap").
 *
 * - One announcement at a time; a new call never cuts off the one being spoken.
 * - Each announcement: chime (optional), then the phrase `repeat` times with `repeatGapMs` between.
 * - Bounded: a ticket already waiting is updated in place, not queued twice; beyond `maxPending`
 *   the oldest waiting announcements are skipped and reported (never silently dropped); once the
 *   backlog reaches `condenseAt`, announcements are said once instead of `repeat` times.
 */
import { buildAnnouncement, buildSpeechText, type CallToAnnounce } from './announcement';
import type {
  AnnouncementOutcome,
  AnnouncerOptions,
  AnnouncerSettings,
  EndListener,
  ErrorListener,
  QueuedAnnouncement,
  SkipListener,
  SkippedAnnouncement,
  SkipReason,
  StartListener,
} from './announcer-types';
import { CancellableSleep } from './cancellable-sleep';

export type * from './announcer-types';

/** How many skipped announcements {@link Announcer.skipped} remembers. */
const SKIPPED_MEMORY = 100;

/** Queues calls and speaks them one at a time through a {@link Player}. */
export class Announcer {
  private readonly queue: QueuedAnnouncement[] = [];
  private readonly skippedList: SkippedAnnouncement[] = [];
  private speaking: QueuedAnnouncement | null = null;
  private isRunning = false;
  private isDisposed = false;
  private isMutedNow: boolean;
  private volumeNow: number;
  private nextId = 1;
  private idleWaiters: (() => void)[] = [];
  private readonly sleeper: CancellableSleep;
  private readonly settings: Required<AnnouncerSettings>;
  private readonly listeners = {
    start: new Set<StartListener>(),
    end: new Set<EndListener>(),
    skip: new Set<SkipListener>(),
    error: new Set<ErrorListener>(),
  };

  constructor(private readonly options: AnnouncerOptions) {
    this.settings = {
      repeat: Math.max(1, Math.floor(options.repeat ?? 2)),
      repeatGapMs: options.repeatGapMs ?? 1000,
      gapMs: options.gapMs ?? 1200,
      withChime: options.withChime ?? true,
      maxPending: Math.max(1, options.maxPending ?? 20),
      condenseAt: Math.max(1, options.condenseAt ?? 5),
      volume: clampVolume(options.volume ?? 1),
      muted: options.muted ?? false,
    };
    this.isMutedNow = this.settings.muted;
    this.volumeNow = this.settings.volume;
    this.sleeper = new CancellableSleep(options.clock);
    this.applyVolume();
  }

  /**
   * Queues a call. A recall of a ticket that is being spoken is queued as a new announcement.
   * A call for a ticket that is still waiting updates that entry in place (its window may have
   * changed) instead of queueing it twice, and keeps its place and its recall flag.
   * @returns the queued entry, or null when muted or disposed (reported through onSkip).
   * @throws RangeError for a malformed ticket or window number, before anything is queued.
   */
  enqueue(call: CallToAnnounce): QueuedAnnouncement | null {
    buildAnnouncement(call);
    const entry: QueuedAnnouncement = { id: this.nextId++, call, enqueuedAt: this.options.clock.now() };
    if (this.isDisposed || this.isMutedNow) {
      this.skip([entry], this.isDisposed ? 'disposed' : 'muted');
      return null;
    }
    const waiting = this.queue.findIndex(
      (queued) => sameTicket(queued.call, call) && queued.call.language === call.language,
    );
    if (waiting >= 0) {
      const previous = this.queue[waiting];
      const merged: QueuedAnnouncement = {
        ...entry,
        call: { ...call, isRecall: previous?.call.isRecall ?? call.isRecall },
      };
      this.queue[waiting] = merged;
      return merged;
    }
    this.queue.push(entry);
    const overflow = this.queue.length - this.settings.maxPending;
    if (overflow > 0) this.skip(this.queue.splice(0, overflow), 'overflow');
    void this.run();
    return entry;
  }

  /** Announcements waiting to be spoken, oldest first (not including the one being spoken). */
  pending(): readonly QueuedAnnouncement[] {
    return [...this.queue];
  }

  /** The announcement being spoken, if any. */
  current(): QueuedAnnouncement | null {
    return this.speaking;
  }

  /** Announcements that were not spoken, oldest first (the last 100). */
  skipped(): readonly SkippedAnnouncement[] {
    return [...this.skippedList];
  }

  clearSkipped(): void {
    this.skippedList.length = 0;
  }

  /** Listen for an announcement starting. Returns an unsubscribe function. */
  onStart(listener: StartListener): () => void {
    return subscribe(this.listeners.start, listener);
  }

  /** Listen for an announcement ending. Returns an unsubscribe function. */
  onEnd(listener: EndListener): () => void {
    return subscribe(this.listeners.end, listener);
  }

  /** Listen for announcements that will not be spoken. Returns an unsubscribe function. */
  onSkip(listener: SkipListener): () => void {
    return subscribe(this.listeners.skip, listener);
  }

  /** Listen for playback failures (e.g. a missing clip). Returns an unsubscribe function. */
  onError(listener: ErrorListener): () => void {
    return subscribe(this.listeners.error, listener);
  }

  /**
   * Muting stops the announcement being spoken and skips everything waiting ('muted'): on unmute
   * the hall should not hear a backlog of stale calls. Calls made while muted are skipped too.
   */
  setMuted(muted: boolean): void {
    if (muted === this.isMutedNow) return;
    this.isMutedNow = muted;
    if (muted) this.silence('muted');
  }

  isMuted(): boolean {
    return this.isMutedNow;
  }

  /** 0..1; applies immediately, also to the announcement being spoken. */
  setVolume(volume: number): void {
    this.volumeNow = clampVolume(volume);
    this.applyVolume();
  }

  volume(): number {
    return this.volumeNow;
  }

  /** True while the browser blocks audio until a user gesture; show a "tap to enable sound" hint. */
  isBlocked(): boolean {
    return this.options.player.isBlocked();
  }

  /** Call from a click/keydown handler to satisfy the autoplay policy. */
  unlock(): Promise<boolean> {
    return this.options.player.unlock();
  }

  /** Resolves when nothing is being spoken and nothing is waiting. */
  idle(): Promise<void> {
    if (!this.isRunning) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops speaking, skips what is waiting ('disposed') and releases the audio context. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.silence('disposed');
    this.options.player.dispose();
    this.options.fallbackPlayer?.dispose();
  }

  private async run(): Promise<void> {
    if (this.isRunning) return;
    this.isRunning = true;
    try {
      for (let entry = this.queue.shift(); entry !== undefined; entry = this.queue.shift()) {
        await this.speak(entry);
        if (this.queue.length > 0) await this.sleeper.sleep(this.settings.gapMs);
      }
    } finally {
      this.isRunning = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async speak(entry: QueuedAnnouncement): Promise<void> {
    this.speaking = entry;
    const repeats = this.queue.length >= this.settings.condenseAt ? 1 : this.settings.repeat;
    for (const listener of this.listeners.start) listener(entry, repeats);
    let outcome: AnnouncementOutcome = 'spoken';
    // `speaking` is cleared by mute/dispose: stop between passes as well as during one.
    for (let pass = 0; pass < repeats && this.speaking === entry; pass += 1) {
      if (pass > 0) await this.sleeper.sleep(this.settings.repeatGapMs);
      if (this.speaking !== entry) break;
      const isSpoken = await this.playOnce(entry, pass === 0 && this.settings.withChime);
      if (!isSpoken) {
        outcome = 'failed';
        break;
      }
    }
    if (this.speaking !== entry) outcome = 'stopped';
    this.speaking = null;
    for (const listener of this.listeners.end) listener(entry, outcome);
  }

  /** Plays one pass; falls back to the fallback player on failure. Returns false if both fail. */
  private async playOnce(entry: QueuedAnnouncement, withChime: boolean): Promise<boolean> {
    const utterance = {
      clipIds: buildAnnouncement(entry.call, { withChime }),
      text: buildSpeechText(entry.call),
      language: entry.call.language,
    };
    const players = [this.options.player, this.options.fallbackPlayer];
    for (const player of players) {
      if (player === undefined) continue;
      try {
        await player.play(utterance);
        return true;
      } catch (error) {
        for (const listener of this.listeners.error) listener(error, entry);
      }
    }
    return false;
  }

  /** Stops the current announcement and skips the waiting ones. */
  private silence(reason: SkipReason): void {
    this.speaking = null;
    this.options.player.stop();
    this.options.fallbackPlayer?.stop();
    this.sleeper.wake();
    const dropped = this.queue.splice(0, this.queue.length);
    if (dropped.length > 0) this.skip(dropped, reason);
  }

  private skip(entries: readonly QueuedAnnouncement[], reason: SkipReason): void {
    const at = this.options.clock.now();
    const records = entries.map((announcement) => ({ announcement, reason, at }));
    this.skippedList.push(...records);
    if (this.skippedList.length > SKIPPED_MEMORY) {
      this.skippedList.splice(0, this.skippedList.length - SKIPPED_MEMORY);
    }
    for (const listener of this.listeners.skip) listener(records);
  }

  private applyVolume(): void {
    this.options.player.setVolume(this.volumeNow);
    this.options.fallbackPlayer?.setVolume(this.volumeNow);
  }
}

function sameTicket(a: CallToAnnounce, b: CallToAnnounce): boolean {
  return a.ticketNumber.trim().toUpperCase() === b.ticketNumber.trim().toUpperCase();
}

function clampVolume(volume: number): number {
  return Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1;
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
