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
  const sum = observedMinutes.reduce((a, b) => a + b, 0);
  return (sum + PRIOR_WEIGHT * service.defaultServiceMinutes) / (observedMinutes.length + PRIOR_WEIGHT);
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

/**
 * How many waiting tickets of the same service are ahead of `ticket`: those in a better class, and
 * those in the same class that arrived earlier. Window-specific weights are ignored: this is the
 * service's own queue as a visitor understands it.
 */
export function peopleAhead(ticket: Ticket, waitingInService: readonly Ticket[], policy: HallPolicy, now: number): number {
  const mine = isUrgent(ticket, policy, now);
  let ahead = 0;
  for (const other of waitingInService) {
    if (other.id === ticket.id || other.status !== 'waiting') continue;
    const theirs = isUrgent(other, policy, now);
    if (theirs && !mine) ahead++;
    else if (theirs === mine && (other.arrivedAt < ticket.arrivedAt || (other.arrivedAt === ticket.arrivedAt && other.number < ticket.number))) ahead++;
  }
  return ahead;
}
