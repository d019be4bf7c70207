/**
 * Pure rules of the visitor's phone page: which screen a TrackView means, how often to poll, and the
 * rating choices. No DOM, so the unit tests check them directly.
 */
import type { RatingScore, RatingTag, TrackView } from '../../server/protocol/model';

export type TrackPhase = 'waiting' | 'called' | 'rate' | 'rated' | 'done' | 'closed';

export function trackPhase(track: TrackView): TrackPhase {
  switch (track.status) {
    case 'waiting':
    case 'parked':
      return 'waiting';
    case 'called':
      return 'called';
    case 'done':
      if (track.rating !== undefined) return 'rated';
      return track.canRate ? 'rate' : 'done';
    default:
      // no-show, transferred, cancelled: the visit is over here.
      return 'closed';
  }
}

/**
 * Milliseconds to the next GET. Every few seconds while the visitor waits or is called (a call must show
 * up quickly); rarely once nothing can change; backing off while the network fails so a phone in a
 * lift does not hammer the hub when it comes back.
 */
export function nextPollDelay(phase: TrackPhase | undefined, failures: number): number {
  if (failures > 0) return Math.min(30_000, 3_000 * 2 ** Math.min(failures - 1, 4));
  if (phase === 'waiting' || phase === 'called' || phase === undefined) return 3_000;
  if (phase === 'done' || phase === 'rate') return 15_000;
  return 0; // rated or closed: stop polling
}

/**
 * The national five levels, best first. Duplicated from protocol/model.ts RATING_LEVELS on purpose:
 * importing that module pulls TypeBox into the phone bundle. The types below keep the copies in step.
 */
export const RATING_CHOICES: readonly RatingScore[] = [5, 4, 3, 2, 1];

/** Reason tags offered with 2 and 1 (差评); must list every RatingTag (checked by the type below). */
export const RATING_TAG_CHOICES = ['slow', 'attitude', 'unclear-guidance', 'repeated-visits', 'long-wait', 'process', 'other'] as const satisfies readonly RatingTag[];
type MissingTag = Exclude<RatingTag, (typeof RATING_TAG_CHOICES)[number]>;
/** Compile error here means protocol/model.ts gained a tag the phone page does not offer. */
export const ALL_TAGS_OFFERED: MissingTag extends never ? true : never = true;

/** 2 and 1 are 差评: ask why. */
export function asksForReasons(score: RatingScore): boolean {
  return score <= 2;
}
