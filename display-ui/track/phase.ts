/**
 * Pure rules of the visitor's phone page: which screen a TrackView means, how often to poll, and the
 * rating choices. No DOM, so the unit tests check them directly.
 */
import type { TrackView } from '../../server/protocol/model';

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
  // While the form shows, look often: a rating made on the pad must take the form away within seconds.
  if (phase === 'rate') return 3_000;
  if (phase === 'done') return 15_000;
  return 0; // rated or closed: stop polling
}

/**
 * The five levels, the reasons and when to ask for them: the rating pad's, from the shared words module
 * (server/protocol/rating-words.ts, no TypeBox at run time), re-exported under the names the page uses.
 */
export { RATING_LEVEL_CHOICES as RATING_CHOICES, RATING_TAG_CHOICES, asksForReasons } from '../../server/protocol/rating-words';
