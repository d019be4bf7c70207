/** Types of the `Announcer`'s options, queue entries and hooks. */
import type { CallToAnnounce } from './announcement';
import type { Clock } from './audio-types';
import type { Player } from './player';

/** Tunables of the announcer; all optional. */
export interface AnnouncerSettings {
  /** Times each phrase is said. Default 2 (common hall practice). */
  readonly repeat?: number;
  /** Silence between repeats, ms. Default 1000. */
  readonly repeatGapMs?: number;
  /** Silence between two announcements, ms. Default 1200. */
  readonly gapMs?: number;
  /** Play the chime before each announcement (once, not per repeat). Default true. */
  readonly withChime?: boolean;
  /** Most announcements kept waiting; older ones beyond this are skipped. Default 20. */
  readonly maxPending?: number;
  /** Waiting announcements at which each is said only once, to catch up. Default 5. */
  readonly condenseAt?: number;
  /** Initial volume 0..1. Default 1. */
  readonly volume?: number;
  /** Start muted. Default false. */
  readonly muted?: boolean;
}

/** Dependencies and settings of the `Announcer`. */
export interface AnnouncerOptions extends AnnouncerSettings {
  readonly player: Player;
  /** Used for an announcement the main player fails on (e.g. a clip missing from a hall's pack). */
  readonly fallbackPlayer?: Player;
  readonly clock: Clock;
}

/** A call accepted into the queue. */
export interface QueuedAnnouncement {
  /** Increasing per announcer; lets the display match start/end/skip events. */
  readonly id: number;
  readonly call: CallToAnnounce;
  /** `clock.now()` when enqueued. */
  readonly enqueuedAt: number;
}

/** Why an announcement was not (fully) spoken. */
export type SkipReason = 'overflow' | 'muted' | 'disposed';

/** An announcement that was not spoken, for the display to list ("also called: …"). */
export interface SkippedAnnouncement {
  readonly announcement: QueuedAnnouncement;
  readonly reason: SkipReason;
  readonly at: number;
}

/** How an announcement that started ended. */
export type AnnouncementOutcome = 'spoken' | 'stopped' | 'failed';

export type StartListener = (announcement: QueuedAnnouncement, repeats: number) => void;
export type EndListener = (announcement: QueuedAnnouncement, outcome: AnnouncementOutcome) => void;
export type SkipListener = (skipped: readonly SkippedAnnouncement[]) => void;
export type ErrorListener = (error: unknown, announcement: QueuedAnnouncement) => void;
