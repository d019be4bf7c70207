/**
 * Composition root for the display page: wires the real AudioContext, fetch, timers and
 * speechSynthesis into an {@link Announcer}. Tests build an Announcer with fakes instead.
 */
import { VOICE_LANGUAGES, type VoiceLanguage } from './announcement';
import { Announcer, type AnnouncerSettings } from './announcer';
import type { AudioContextLike, Clock } from './audio-types';
import { ClipPlayer } from './clip-player';
import type { Player } from './player';
import { findLocalVoice, SpeechPlayer } from './speech-player';

/** Options of {@link createBrowserAnnouncer}. */
export interface BrowserAnnouncerOptions extends AnnouncerSettings {
  /**
   * "clips" (default): the voice pack, with Web Speech as fallback for a call the pack cannot play.
   * "speech": Web Speech first (if a local voice exists), the pack as fallback.
   */
  readonly mode?: 'clips' | 'speech';
  /** Where the packs are served; `<baseUrl>/<language>/manifest.json`. Default "/voice". */
  readonly baseUrl?: string;
  /** Packs to fetch and decode up front (about 0.6 MB for zh-CN). Default ["zh-CN"]. */
  readonly preload?: readonly VoiceLanguage[];
}

/** Wall-clock {@link Clock} on `performance.now()` and `setTimeout`. */
export const browserClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Creates the display's announcer. Async only because finding a Web Speech voice may wait for
 * the browser's voice list.
 */
export async function createBrowserAnnouncer(options: BrowserAnnouncerOptions = {}): Promise<Announcer> {
  const clock = browserClock;
  const clips = new ClipPlayer({
    createContext: (): AudioContextLike => new AudioContext({ latencyHint: 'playback' }),
    fetch: (url) => fetch(url),
    clock,
    baseUrl: options.baseUrl ?? '/voice',
  });
  for (const language of options.preload ?? ['zh-CN']) {
    // A failed preload is retried clip by clip on the first call, which reports it via onError.
    void clips.preload(language).catch(() => undefined);
  }
  const speech = await createSpeechPlayer(clock, new ClipPlayerChime(clips));
  const speechFirst = options.mode === 'speech' && speech !== undefined;
  const player: Player = speechFirst ? speech : clips;
  const fallbackPlayer: Player | undefined = speechFirst ? clips : speech;
  return new Announcer({ ...options, player, fallbackPlayer, clock });
}

async function createSpeechPlayer(clock: Clock, chimePlayer: Player): Promise<SpeechPlayer | undefined> {
  if (typeof speechSynthesis === 'undefined') return undefined;
  const voices: Partial<Record<VoiceLanguage, SpeechSynthesisVoice>> = {};
  for (const language of VOICE_LANGUAGES) {
    const voice = await findLocalVoice(speechSynthesis, language, clock);
    if (voice !== undefined) voices[language] = voice;
  }
  if (voices['zh-CN'] === undefined) return undefined;
  return new SpeechPlayer({ synth: speechSynthesis, voices, clock, chimePlayer });
}

/**
 * The clip player as seen by the speech player: it only plays the chime, and disposing the
 * speech player must not close the context the clip player still uses.
 */
class ClipPlayerChime implements Player {
  constructor(private readonly clips: ClipPlayer) {}
  play: Player['play'] = (utterance) => this.clips.play(utterance);
  stop(): void {
    this.clips.stop();
  }
  setVolume(volume: number): void {
    this.clips.setVolume(volume);
  }
  isBlocked(): boolean {
    return this.clips.isBlocked();
  }
  unlock(): Promise<boolean> {
    return this.clips.unlock();
  }
  dispose(): void {
    // Owned by the announcer, which disposes the clip player itself.
  }
}
