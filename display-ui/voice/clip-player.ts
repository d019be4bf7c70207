/**
 * Plays an utterance by scheduling its clips back to back on one AudioContext.
 *
 * Scheduling on the audio clock (not chaining `onended` callbacks or `<audio>` elements) is what
 * makes the joins gapless and glitch-free; QSystem's author reports that overlapping many small
 * files glitches playback. The end is found by watching `currentTime`, so an announcement queued
 * while autoplay keeps the context suspended waits for it instead of being counted as heard.
 */
import type { VoiceLanguage } from './announcement';
import type { AudioBufferSourceLike, AudioContextLike, Clock, FetchLike, GainNodeLike } from './audio-types';
import { CancellableSleep } from './cancellable-sleep';
import type { Player, Utterance } from './player';
import { VoicePack } from './voice-pack';

/** Dependencies and tuning of {@link ClipPlayer}. */
export interface ClipPlayerOptions {
  /** Creates the AudioContext on first use (e.g. `() => new AudioContext()`). */
  readonly createContext: () => AudioContextLike;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  /** Folder holding one sub-folder per language, e.g. "/voice". */
  readonly baseUrl: string;
  /** Pause between words, ms. espeak clips are trimmed tight, so a little air helps. Default 40. */
  readonly wordGapMs?: number;
}

/** Seconds between "now" and the first clip, so the first start time is never in the past. */
const START_LEAD_S = 0.05;
/** Longest single wait while watching the audio clock; bounds polling of a suspended context. */
const MAX_POLL_MS = 1000;

/** The Web Audio {@link Player}. */
export class ClipPlayer implements Player {
  private context: AudioContextLike | null = null;
  private gain: GainNodeLike | null = null;
  private volume = 1;
  private readonly packs = new Map<VoiceLanguage, VoicePack>();
  private readonly sleeper: CancellableSleep;
  private active: AudioBufferSourceLike[] = [];
  /** Bumped by stop(): a play() that sees a newer generation gives up. */
  private generation = 0;
  private readonly wordGapS: number;

  constructor(private readonly options: ClipPlayerOptions) {
    this.sleeper = new CancellableSleep(options.clock);
    this.wordGapS = (options.wordGapMs ?? 40) / 1000;
  }

  /**
   * Fetches and decodes clips (default: the whole pack) ahead of the first call, so it starts
   * without a network delay. Decoding works while autoplay still keeps the context suspended.
   */
  async preload(language: VoiceLanguage, clipIds?: readonly string[]): Promise<void> {
    const pack = this.pack(language);
    await pack.loadClips(clipIds ?? Object.keys((await pack.loadManifest()).clips));
  }

  async play(utterance: Utterance): Promise<void> {
    const generation = ++this.generation;
    const { context, gain } = this.audio();
    if (context.state === 'suspended') void this.unlock();
    const buffers = await this.pack(utterance.language).loadClips(utterance.clipIds);
    if (generation !== this.generation) return;

    let at = context.currentTime + START_LEAD_S;
    const sources: AudioBufferSourceLike[] = [];
    for (const buffer of buffers) {
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      source.start(at);
      sources.push(source);
      at += buffer.duration + this.wordGapS;
    }
    const end = at - this.wordGapS;
    this.active = sources;
    try {
      while (generation === this.generation && context.currentTime < end) {
        const remainingMs = (end - context.currentTime) * 1000;
        await this.sleeper.sleep(Math.min(Math.max(remainingMs, 1), MAX_POLL_MS));
      }
    } finally {
      if (this.active === sources) this.active = [];
      for (const source of sources) source.disconnect();
    }
  }

  stop(): void {
    this.generation += 1;
    for (const source of this.active) {
      try {
        source.stop();
      } catch {
        // A source that never started (context suspended) may refuse stop(); it is discarded anyway.
      }
    }
    this.active = [];
    this.sleeper.wake();
  }

  setVolume(volume: number): void {
    this.volume = volume;
    if (this.gain !== null) this.gain.gain.value = volume;
  }

  isBlocked(): boolean {
    return this.context !== null && this.context.state === 'suspended';
  }

  async unlock(): Promise<boolean> {
    const { context } = this.audio();
    try {
      await context.resume();
    } catch {
      // Without a user gesture Chromium leaves the context suspended; isBlocked() reports that.
    }
    return !this.isBlocked();
  }

  dispose(): void {
    this.stop();
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.gain = null;
  }

  private audio(): { context: AudioContextLike; gain: GainNodeLike } {
    if (this.context === null || this.gain === null) {
      const context = this.options.createContext();
      const gain = context.createGain();
      gain.gain.value = this.volume;
      gain.connect(context.destination);
      this.context = context;
      this.gain = gain;
    }
    return { context: this.context, gain: this.gain };
  }

  private pack(language: VoiceLanguage): VoicePack {
    let pack = this.packs.get(language);
    if (pack === undefined) {
      pack = new VoicePack(`${this.options.baseUrl}/${language}`, this.options.fetch, (data) =>
        this.audio().context.decodeAudioData(data),
      );
      this.packs.set(language, pack);
    }
    return pack;
  }
}
