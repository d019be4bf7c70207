import type { VoiceLanguage } from './announcement';

/** One pass of an announcement, in both forms a player may need. */
export interface Utterance {
  /** Clip ids from `buildAnnouncement`, possibly starting with the chime. */
  readonly clipIds: readonly string[];
  /** Same phrase for a speech engine, from `buildSpeechText`. */
  readonly text: string;
  readonly language: VoiceLanguage;
}

/**
 * Something that can say an utterance: the clip player (Web Audio) or the speech player (Web
 * Speech). The announcer owns queueing; a player only ever plays one utterance at a time.
 */
export interface Player {
  /** Resolves when the utterance has finished sounding, or soon after {@link stop}. */
  play(utterance: Utterance): Promise<void>;
  /** Silences the utterance in progress and makes its `play` resolve. */
  stop(): void;
  /** 0..1, applied immediately, including to an utterance in progress where possible. */
  setVolume(volume: number): void;
  /** True while the browser's autoplay policy keeps audio from starting (needs a user gesture). */
  isBlocked(): boolean;
  /** Tries to start audio; call from a user gesture handler. Resolves to `!isBlocked()`. */
  unlock(): Promise<boolean>;
  dispose(): void;
}
