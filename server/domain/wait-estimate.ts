/**
 * Wait estimate printed on each ticket (docs/wait-estimate.md):
 *   minutes = people ahead × mean service minutes ÷ effective windows
 * - mean service minutes blends today's observed service times of the service with its configured
 *   default, as if the default had been seen PRIOR_WEIGHT times, so the first few visits do not swing it;
 * - effective windows counts each open window serving the service by its share of that window's
 *   weights (a 一窗通办 window serving four services equally counts ¼ for each). With no window open
 *   (before opening) one window is assumed, so the estimate is still a useful upper figure.
 */
import { isUrgent } from './call-policy';
import type { HallPolicy, Service, Ticket, Window, WindowStatus } from './types';

export const PRIOR_WEIGHT = 5;

export function meanServiceMinutes(service: Service, observedMinutes: readonly number[]): number {
  // A negative service time can only come from a clock stepped back under a wall-clock hub (before
  // app/hall-clock.ts): it is no observation, and one of −29 min used to pull the estimate to 1 min.
  let sum = 0;
  let count = 0;
  for (const m of observedMinutes) {
    if (m < 0) continue;
    sum += m;
    count++;
  }
  return (sum + PRIOR_WEIGHT * service.defaultServiceMinutes) / (count + PRIOR_WEIGHT);
}

export function effectiveWindows(serviceId: string, windows: readonly Window[], statuses: ReadonlyMap<string, WindowStatus>): number {
  let total = 0;
  for (const w of windows) {
    const state = statuses.get(w.id)?.state ?? 'closed';
    if (state !== 'open' && state !== 'serving') continue;
    const serving = w.serves.find((s) => s.serviceId === serviceId);
    if (!serving) continue;
    const weights = w.serves.reduce((a, s) => a + s.weight, 0);
    total += weights > 0 ? serving.weight / weights : 0;
  }
  return total;
}

export function estimateMinutes(peopleAhead: number, meanMinutes: number, windows: number): number {
  return Math.round((peopleAhead * meanMinutes) / Math.max(windows, 1));
}

/** The order of a service's queue within a class: arrival, then number. */
export function queueOrder(a: Ticket, b: Ticket): number {
  return a.arrivedAt - b.arrivedAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

/** The first index of `sorted` whose ticket is not `isBefore` (all before it are): a bisection. */
export function partitionPoint(sorted: readonly Ticket[], isBefore: (t: Ticket) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(sorted[mid] as Ticket)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How many waiting tickets of the same service are ahead of `ticket`: those in a better class, and
 * those in the same class that arrived earlier. Window-specific weights are ignored: this is the
 * service's own queue as a visitor understands it.
 *
 * `waitingInService` holds the service's WAITING tickets in `queueOrder` (`ticket` itself may be among
 * them). The earlier ones are then found by bisection, and urgency is asked only where it decides: an
 * earlier ticket is ahead of a plain one whatever its class, a later one only if urgent. A new plain
 * ticket (the usual issue) costs a few comparisons however long the queue.
 */
export function peopleAhead(ticket: Ticket, waitingInService: readonly Ticket[], policy: HallPolicy, now: number): number {
  // `ticket` is never strictly earlier than itself, so it is not among these.
  const earlier = partitionPoint(waitingInService, (other) => queueOrder(other, ticket) < 0);
  let ahead = 0;
  if (isUrgent(ticket, policy, now)) {
    for (let i = 0; i < earlier; i++) if (isUrgent(waitingInService[i] as Ticket, policy, now)) ahead++;
    return ahead;
  }
  // `ticket` is plain here, so the urgent later ones cannot include it.
  ahead = earlier;
  for (let i = earlier; i < waitingInService.length; i++) if (isUrgent(waitingInService[i] as Ticket, policy, now)) ahead++;
  return ahead;
}
