/**
 * The "now calling" (正在呼叫) rule: which calls the wall display shows large, in which order, and which one
 * is being announced. Pure: the calls, the hub's clock and the voice's progress come in as arguments.
 *
 * Why the voice takes part: in a busy hall the announcement queue runs 10–30 s behind the calls, and a
 * panel that only looked at the clock emptied before a number was said (visitors heard numbers that were no
 * longer on it). So a call stays until its announcement has ended, plus the usual highlight time.
 */
import type { CallView } from '../../server/protocol/model';

/** Where the voice is with one ticket (its latest announcements; a recall counts as a new one). */
export type TicketVoice =
  /** One of its announcements is being said now; `text` is that sentence as the screen writes it. */
  | { readonly phase: 'speaking'; readonly text: string }
  /** Queued; `position` orders the waiting ones as the voice will say them (smaller = sooner). */
  | { readonly phase: 'waiting'; readonly position: number }
  /** The voice is done with it (spoken, or given up: skipped, failed) at hub time `at`. */
  | { readonly phase: 'done'; readonly at: number };

/** The announcer's progress as the display sees it. */
export interface VoiceProgress {
  /**
   * False when this screen has no working voice (muted, no Web Audio, sound blocked by the autoplay policy):
   * then "now calling" is the time rule alone, as it was before the voice took part.
   */
  readonly isActive: boolean;
  /** By ticket id. A ticket the voice never queued (a snapshot, a stale replay) is absent. */
  readonly tickets: ReadonlyMap<string, TicketVoice>;
}

export const NO_VOICE: VoiceProgress = Object.freeze({ isActive: false, tickets: new Map<string, TicketVoice>() });

/** How a "now calling" card relates to the voice: what the screen marks. */
export type HeroVoice = 'speaking' | 'waiting' | 'done' | 'none';

export interface HeroCall {
  readonly call: CallView;
  readonly voice: HeroVoice;
  /** The sentence being spoken for this card (only while `voice` is 'speaking'), for hard-of-hearing visitors. */
  readonly caption: string;
}

export interface NowCallingOptions {
  /** How long a call stays after it was made (no voice) or after its announcement ended. */
  readonly highlightMs: number;
  /** Cards that fit on the panel. */
  readonly max: number;
  readonly isOnline: boolean;
}

/**
 * The calls to show large, at most `max`, in this order:
 *
 * 1. the call being announced (marked 'speaking'), so the top card is always the number the hall hears;
 * 2. calls waiting for the voice, in the order it will say them ("next");
 * 3. calls the voice is done with, for `highlightMs` after their announcement ended, and calls it never
 *    queued, for `highlightMs` after they were made; the most recent first.
 *
 * A call waiting for or being announced is never dropped for age, only for room; each reaches the top card
 * when the voice gets to it. Without an active voice only rule 3 applies (the time rule). While offline only
 * rules 1–2 apply: the voice is still saying calls that were made, but nothing else is claimed to be "now".
 *
 * @param calls the screen's calls, newest first, one per ticket (`DisplayState.recent`).
 */
export function heroCalls(calls: readonly CallView[], hubNow: number, voice: VoiceProgress, options: NowCallingOptions): HeroCall[] {
  const ranked: { hero: HeroCall; rank: number; key: number }[] = [];
  for (const call of calls) {
    const progress = voice.isActive ? voice.tickets.get(call.ticketId) : undefined;
    if (progress?.phase === 'speaking') {
      ranked.push({ hero: { call, voice: 'speaking', caption: progress.text }, rank: 0, key: 0 });
    } else if (progress?.phase === 'waiting') {
      ranked.push({ hero: { call, voice: 'waiting', caption: '' }, rank: 1, key: progress.position });
    } else if (options.isOnline) {
      const since = progress === undefined ? call.at : Math.max(call.at, progress.at);
      if (hubNow - since < options.highlightMs) {
        ranked.push({ hero: { call, voice: progress === undefined ? 'none' : 'done', caption: '' }, rank: 2, key: -since });
      }
    }
  }
  // Stable sort: equal keys keep the newest-first order of `calls`.
  ranked.sort((a, b) => a.rank - b.rank || a.key - b.key);
  return ranked.slice(0, Math.max(0, options.max)).map((r) => r.hero);
}
