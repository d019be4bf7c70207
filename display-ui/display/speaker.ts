/**
 * Glue between the display and the voice module: turns calls into announcements in the configured
 * languages, keeps the last few requests for the read-only debug hook, and keeps the page working
 * (silently) when the browser has no audio at all. It also tells the "now calling" rule where the voice
 * is with each ticket ({@link CallSpeaker.progress}).
 */
import type { CallView } from '../../server/protocol/model';
import {
  buildAnnouncementText,
  createBrowserAnnouncer,
  type Announcer,
  type BrowserAnnouncerOptions,
  type QueuedAnnouncement,
  type VoiceLanguage,
} from '../voice';
import type { TicketVoice, VoiceProgress } from './now-calling';

/** How many announcement requests the debug hook remembers. */
export const ANNOUNCED_MEMORY = 50;
/** Tickets whose announcement end time is remembered: more than the recent list holds (30). */
const ENDED_MEMORY = 50;

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
  /** The hub's clock: when an announcement ended, in the time the "now calling" rule uses. */
  readonly now: () => number;
  /** Called when an announcement starts, ends or is skipped, so the screen re-renders at once. */
  readonly onChange: () => void;
  /** Builds the announcer; the browser's by default, an Announcer over fakes in unit tests. */
  readonly createAnnouncer?: (options: BrowserAnnouncerOptions) => Promise<Announcer>;
}

export class CallSpeaker {
  private announcer: Announcer | undefined;
  private isUnavailable = false;
  /** Calls that arrived while the announcer was starting (fetching its voice pack); bounded like its queue. */
  private early: CallView[] = [];
  private readonly records: AnnouncedRecord[] = [];
  private readonly spokenList: string[] = [];
  /** Ticket id of each announcement queued or being spoken (by announcement id); pruned as they leave. */
  private readonly ticketOf = new Map<number, string>();
  /** Ticket id -> hub time its latest announcement ended (spoken, stopped, failed or skipped); bounded. */
  private readonly endedAt = new Map<string, number>();

  constructor(private readonly options: SpeakerOptions) {
    (options.createAnnouncer ?? createBrowserAnnouncer)({
      repeat: options.repeat,
      volume: options.volume,
      withChime: options.withChime,
      muted: options.isMuted,
      preload: options.languages,
    })
      .then((announcer) => {
        this.announcer = announcer;
        announcer.onStart(() => options.onChange());
        announcer.onEnd((a, outcome) => {
          // Recorded before the change is reported: the re-render must already see it as ended.
          if (outcome === 'spoken') {
            this.spokenList.push(describe(a));
            if (this.spokenList.length > ANNOUNCED_MEMORY) this.spokenList.shift();
          }
          this.finish(a);
          options.onChange();
        });
        announcer.onSkip((skipped) => {
          for (const s of skipped) this.finish(s.announcement);
          options.onChange();
        });
        const early = this.early;
        this.early = [];
        for (const call of early) this.say(call);
      })
      .catch(() => {
        // No Web Audio (or it threw): the screen still shows every call; the hook reports isQueued false.
        this.isUnavailable = true;
        this.early = [];
        options.onChange();
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
        const entry = this.announcer?.enqueue({ ticketNumber: call.number, windowNumber: call.windowNumber, isRecall: call.isRecall, language });
        if (entry) this.ticketOf.set(entry.id, call.ticketId);
        isQueued = entry != null;
      } catch {
        // A number the voice pack cannot read (RangeError): still shown on screen.
      }
      this.records.push({ seq: call.seq, number: call.number, windowNumber: call.windowNumber, isRecall: call.isRecall, language, isQueued });
      if (this.records.length > ANNOUNCED_MEMORY) this.records.shift();
    }
    this.pruneReplaced();
  }

  /**
   * Where the voice is with each ticket, for the "now calling" rule. Inactive while muted, without audio or
   * while the autoplay policy blocks sound: then nothing is being heard, and the time rule applies.
   */
  progress(): VoiceProgress {
    const tickets = new Map<string, TicketVoice>();
    const isActive = !this.isUnavailable && !this.isMuted() && !this.isBlocked();
    if (!isActive) return { isActive, tickets };
    for (const [ticketId, at] of this.endedAt) tickets.set(ticketId, { phase: 'done', at });
    // Later entries override earlier ones: waiting over done, speaking over both.
    const waiting = [...(this.announcer?.pending() ?? []).map((a) => this.ticketOf.get(a.id)), ...this.early.map((c) => c.ticketId)];
    for (let position = waiting.length - 1; position >= 0; position--) {
      const ticketId = waiting[position];
      if (ticketId !== undefined) tickets.set(ticketId, { phase: 'waiting', position });
    }
    const current = this.announcer?.current();
    const speakingTicket = current ? this.ticketOf.get(current.id) : undefined;
    if (current && speakingTicket !== undefined) tickets.set(speakingTicket, { phase: 'speaking', text: buildAnnouncementText(current.call) });
    return { isActive, tickets };
  }

  /** The announcement being spoken, as "A012@3" ("!" marks a recall), or null. */
  speaking(): string | null {
    const current = this.announcer?.current();
    return current ? describe(current) : null;
  }

  /**
   * Where the voice stands: 'starting' while the announcer looks for voices (up to 2 s per language in a
   * browser without any), then 'ready', or 'unavailable' without audio. Tests wait on it, not on time.
   */
  voiceState(): 'starting' | 'ready' | 'unavailable' {
    return this.announcer ? 'ready' : this.isUnavailable ? 'unavailable' : 'starting';
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

  private finish(announcement: QueuedAnnouncement): void {
    const ticketId = this.ticketOf.get(announcement.id);
    this.ticketOf.delete(announcement.id);
    if (ticketId === undefined) return;
    this.endedAt.delete(ticketId); // re-inserted last: the map's order is oldest-ended first
    this.endedAt.set(ticketId, this.options.now());
    if (this.endedAt.size > ENDED_MEMORY) {
      const oldest = this.endedAt.keys().next();
      if (oldest.done !== true) this.endedAt.delete(oldest.value);
    }
  }

  /** A call for a ticket still waiting replaces its queue entry in place: forget the replaced entry's id. */
  private pruneReplaced(): void {
    const live = new Set((this.announcer?.pending() ?? []).map((a) => a.id));
    const current = this.announcer?.current();
    if (current) live.add(current.id);
    for (const id of this.ticketOf.keys()) if (!live.has(id)) this.ticketOf.delete(id);
  }
}

function describe(a: QueuedAnnouncement): string {
  return `${a.call.ticketNumber}@${a.call.windowNumber}${a.call.isRecall ? '!' : ''}`;
}
