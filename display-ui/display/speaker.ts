/**
 * Glue between the display and the voice module: turns calls into announcements in the configured
 * languages, keeps the last few requests for the read-only debug hook, and keeps the page working
 * (silently) when the browser has no audio at all.
 */
import type { CallView } from '../../server/protocol/model';
import { createBrowserAnnouncer, type Announcer, type VoiceLanguage } from '../voice';

/** How many announcement requests the debug hook remembers. */
export const ANNOUNCED_MEMORY = 50;

export interface AnnouncedRecord {
  readonly seq: number;
  readonly number: string;
  readonly windowNumber: number;
  readonly isRecall: boolean;
  readonly language: VoiceLanguage;
  /** False when the announcer refused it (muted) or could not be created. */
  readonly isQueued: boolean;
}

export interface SpeakerOptions {
  readonly repeat: number;
  readonly volume: number;
  readonly withChime: boolean;
  readonly isMuted: boolean;
  readonly languages: readonly VoiceLanguage[];
}

export class CallSpeaker {
  private announcer: Announcer | undefined;
  private isUnavailable = false;
  /** Calls that arrived while the announcer was starting (fetching its voice pack); bounded like its queue. */
  private early: CallView[] = [];
  private readonly records: AnnouncedRecord[] = [];
  private readonly spokenList: string[] = [];

  constructor(private readonly options: SpeakerOptions) {
    createBrowserAnnouncer({
      repeat: options.repeat,
      volume: options.volume,
      withChime: options.withChime,
      muted: options.isMuted,
      preload: options.languages,
    })
      .then((announcer) => {
        this.announcer = announcer;
        announcer.onEnd((a, outcome) => {
          if (outcome !== 'spoken') return;
          this.spokenList.push(`${a.call.ticketNumber}@${a.call.windowNumber}${a.call.isRecall ? '!' : ''}`);
          if (this.spokenList.length > ANNOUNCED_MEMORY) this.spokenList.shift();
        });
        const early = this.early;
        this.early = [];
        for (const call of early) this.say(call);
      })
      .catch(() => {
        // No Web Audio (or it threw): the screen still shows every call; the hook reports isQueued false.
        this.isUnavailable = true;
        this.early = [];
      });
  }

  say(call: CallView): void {
    if (!this.announcer && !this.isUnavailable) {
      this.early.push(call);
      if (this.early.length > 20) this.early.shift();
      return;
    }
    for (const language of this.options.languages) {
      let isQueued = false;
      try {
        isQueued = this.announcer?.enqueue({ ticketNumber: call.number, windowNumber: call.windowNumber, isRecall: call.isRecall, language }) != null;
      } catch {
        // A number the voice pack cannot read (RangeError): still shown on screen.
      }
      this.records.push({ seq: call.seq, number: call.number, windowNumber: call.windowNumber, isRecall: call.isRecall, language, isQueued });
      if (this.records.length > ANNOUNCED_MEMORY) this.records.shift();
    }
  }

  isBlocked(): boolean {
    return this.announcer?.isBlocked() ?? false;
  }

  isMuted(): boolean {
    return this.announcer?.isMuted() ?? this.options.isMuted;
  }

  unlock(): void {
    void this.announcer?.unlock();
  }

  announced(): AnnouncedRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  spoken(): string[] {
    return [...this.spokenList];
  }

  pending(): number {
    return (this.announcer?.pending().length ?? 0) + (this.announcer?.current() ? 1 : 0) + this.early.length;
  }
}
