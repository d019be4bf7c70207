/**
 * Web Speech (`speechSynthesis`) player: the fallback when no clip pack can be played, or the
 * main mode on displays (Windows, ChromeOS) that have an installed Mandarin voice.
 *
 * Not the default because on Linux Chromium `getVoices()` is often empty and Google's voices are
 * network voices (hardware-and-standards §5.3). Only local voices are chosen here, so the hall's
 * offline LAN never depends on them. A watchdog ends an utterance whose `end` event never comes
 * (Chromium's long-utterance cut-off bug would otherwise stall the queue).
 */
import type { VoiceLanguage } from './announcement';
import type { Clock } from './audio-types';
import { CancellableSleep } from './cancellable-sleep';
import type { Player, Utterance } from './player';

/** Dependencies of {@link SpeechPlayer}. */
export interface SpeechPlayerOptions {
  readonly synth: SpeechSynthesis;
  /** One local voice per language; a language without one is reported as a failure. */
  readonly voices: Partial<Record<VoiceLanguage, SpeechSynthesisVoice>>;
  readonly clock: Clock;
  /** Plays the chime clip (clip ids starting with "chime"); usually the clip player. */
  readonly chimePlayer?: Player;
  /** Speaking rate; slightly slow reads better in a noisy hall. Default 0.9. */
  readonly rate?: number;
}

/** Generous upper bound for one utterance: the watchdog fires after this. */
function watchdogMs(text: string): number {
  return 5000 + text.length * 400;
}

/** The Web Speech {@link Player}. */
export class SpeechPlayer implements Player {
  private volume = 1;
  private readonly sleeper: CancellableSleep;

  constructor(private readonly options: SpeechPlayerOptions) {
    this.sleeper = new CancellableSleep(options.clock);
  }

  async play(utterance: Utterance): Promise<void> {
    const voice = this.options.voices[utterance.language];
    if (voice === undefined) throw new Error(`no local speech voice for ${utterance.language}`);
    const chime = this.options.chimePlayer;
    if (chime !== undefined && utterance.clipIds[0] === 'chime') {
      await chime.play({ ...utterance, clipIds: ['chime'] }).catch(() => undefined);
    }
    await this.speak(utterance.text, voice);
  }

  stop(): void {
    this.options.chimePlayer?.stop();
    this.options.synth.cancel();
    this.sleeper.wake();
  }

  setVolume(volume: number): void {
    this.volume = volume;
    this.options.chimePlayer?.setVolume(volume);
  }

  isBlocked(): boolean {
    return this.options.chimePlayer?.isBlocked() ?? false;
  }

  async unlock(): Promise<boolean> {
    return (await this.options.chimePlayer?.unlock()) ?? true;
  }

  dispose(): void {
    this.stop();
    this.options.chimePlayer?.dispose();
  }

  private speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
    const spoken = new SpeechSynthesisUtterance(text);
    spoken.voice = voice;
    spoken.lang = voice.lang;
    spoken.volume = this.volume;
    spoken.rate = this.options.rate ?? 0.9;
    const finished = new Promise<void>((resolve, reject) => {
      spoken.onend = () => resolve();
      spoken.onerror = (event) => {
        // "interrupted"/"canceled" come from our own stop(): not a failure.
        if (event.error === 'interrupted' || event.error === 'canceled') resolve();
        else reject(new Error(`speech synthesis failed: ${event.error}`));
      };
    });
    this.options.synth.speak(spoken);
    return Promise.race([finished, this.sleeper.sleep(watchdogMs(text))]).finally(() => {
      spoken.onend = null;
      spoken.onerror = null;
    });
  }
}

/** Lowercase BCP 47 with "-" ("zh_CN" → "zh-cn"), since engines report either form. */
function normaliseLang(lang: string): string {
  return lang.replace(/_/g, '-').toLowerCase();
}

/**
 * Finds a local (offline) voice for the language, waiting for `voiceschanged` up to `timeoutMs`
 * because Chromium fills the voice list asynchronously (first `getVoices()` is often empty).
 */
export async function findLocalVoice(
  synth: SpeechSynthesis,
  language: VoiceLanguage,
  clock: Clock,
  timeoutMs = 2000,
): Promise<SpeechSynthesisVoice | undefined> {
  const pick = (): SpeechSynthesisVoice | undefined => {
    const wanted = normaliseLang(language);
    const local = synth.getVoices().filter((voice) => voice.localService);
    return (
      local.find((voice) => normaliseLang(voice.lang) === wanted) ??
      local.find((voice) => normaliseLang(voice.lang).startsWith(wanted.split('-')[0] ?? wanted))
    );
  };
  const now = pick();
  if (now !== undefined) return now;
  await Promise.race([
    new Promise<void>((resolve) => synth.addEventListener('voiceschanged', () => resolve(), { once: true })),
    clock.sleep(timeoutMs),
  ]);
  return pick();
}
