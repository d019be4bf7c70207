/**
 * Pure rules of the visitor's phone page: which screen a TrackView means, how often to poll, when to
 * alert the visitor (vibration, a short tone) and the rating choices. No DOM, so the unit tests check them directly.
 */
import type { TrackView } from '../../server/protocol/model';

export type TrackPhase = 'waiting' | 'parked' | 'called' | 'rate' | 'rated' | 'done' | 'no-show' | 'transferred' | 'cancelled';

export function trackPhase(track: TrackView): TrackPhase {
  switch (track.status) {
    case 'waiting':
    case 'parked':
    case 'called':
    case 'no-show':
    case 'transferred':
    case 'cancelled':
      return track.status;
    case 'done':
      if (track.rating !== undefined) return 'rated';
      return track.canRate ? 'rate' : 'done';
  }
}

/**
 * Milliseconds to the next GET. Every few seconds while something can still happen soon (a call, a
 * parked ticket coming back, a 过号 the clerk may undo, a rating made on the pad that must take the form
 * away); rarely once little can change; backing off while the hub does not answer so a phone in a lift
 * does not hammer it when it comes back. 0: stop.
 */
export function nextPollDelay(track: TrackView | undefined, failures: number): number {
  if (failures > 0) return Math.min(30_000, 3_000 * 2 ** Math.min(failures - 1, 4));
  const phase = track ? trackPhase(track) : undefined;
  switch (phase) {
    case undefined:
    case 'waiting':
    case 'parked':
    case 'called':
    case 'rate':
      return 3_000;
    case 'no-show':
      return track?.undoMinutesLeft !== undefined ? 3_000 : 0;
    case 'done':
    case 'transferred':
      return 15_000;
    default:
      return 0; // rated or cancelled: nothing more will happen
  }
}

/**
 * What deserves a vibration and a tone: the turn coming near in each queue (a visitor sent on to another
 * service waits, and comes near, again), and each call (a recall is a new one).
 */
export type TrackAlert = { readonly kind: 'near' | 'called'; readonly key: string };

/** The alert this view asks for, unless one with the same key was given already (the caller remembers keys). */
export function dueAlert(track: TrackView, given: ReadonlySet<string>): TrackAlert | undefined {
  const alert: TrackAlert | undefined =
    track.status === 'called' ? { kind: 'called', key: `called:${track.calledAt ?? 0}` } : track.isNearTurn === true ? { kind: 'near', key: `near:${track.serviceId}` } : undefined;
  return alert && !given.has(alert.key) ? alert : undefined;
}

/**
 * Whether a refused GET says something about the link itself (400, 404: not valid). Anything else keeps the last
 * known state on screen: 429 (too many requests from one address, e.g. phones behind one guest Wi-Fi) once
 * replaced the number with an empty page, until the next poll.
 */
export function isLinkAnswer(status: number): boolean {
  return status === 400 || status === 404;
}

/** Why the page hears nothing: the phone itself is offline, or the hall's system does not answer. */
export type ConnectionState = 'ok' | 'phone-offline' | 'hub-unreachable';

export function connectionState(failures: number, isBrowserOnline: boolean): ConnectionState {
  if (failures === 0) return 'ok';
  return isBrowserOnline ? 'hub-unreachable' : 'phone-offline';
}

/**
 * The five levels, the reasons and when to ask for them: the rating pad's, from the shared words module
 * (server/protocol/rating-words.ts, no TypeBox at run time), re-exported under the names the page uses.
 */
export { RATING_LEVEL_CHOICES as RATING_CHOICES, RATING_TAG_CHOICES, asksForReasons } from '../../server/protocol/rating-words';
