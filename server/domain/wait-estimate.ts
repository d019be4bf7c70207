/**
 * Wait estimate printed on each ticket (docs/wait-estimate.md):
 *   minutes = people ahead × mean service minutes ÷ effective windows
 * - mean service minutes blends today's observed service times of the service with its configured
 *   default, as if the default had been seen PRIOR_WEIGHT times, so the first few visits do not swing it;
 * - effective windows counts each open window serving the service by its share of that window's
 *   weights (a 一窗通办 window serving four services equally counts ¼ for each). Only OPEN windows count
 *   (open or serving a visitor): a paused window has no known end (a lunch break is a pause), so it is
 *   not counted as coming back.
 * With no open window serving the service (before opening, lunch, an absence, none configured) there is
 * no time to promise: the estimate says so (`isUnstaffed`), and the pages say 「该业务窗口暂未开放，开放后按
 * 顺序叫号」 instead of a figure. With fewer than GUESS_BELOW_SAMPLES timed visits today the figure leans
 * on the configured default: it is marked `isGuess`, and the pages say 「约」.
 */
import { isUrgent } from './call-policy';
import type { HallPolicy, Service, Ticket, Window, WindowStatus } from './types';

export const PRIOR_WEIGHT = 5;
/** Below this many timed visits of the service today, the estimate is a guess. */
export const GUESS_BELOW_SAMPLES = 3;

/** A wait as a visitor is told it. */
export interface WaitEstimate {
  /** 0 when nobody is ahead, and when `isUnstaffed` (no figure is promised then). */
  readonly minutes: number;
  /** No open window serves the service right now: visitors are told so, not a time. */
  readonly isUnstaffed: boolean;
  /** Too few of today's visits were timed: the figure is mostly the configured default. */
  readonly isGuess: boolean;
}

/**
 * A negative service time can only come from a clock stepped back under a wall-clock hub (before
 * app/hall-clock.ts): it is no observation, and one of −29 min used to pull the estimate to 1 min.
 */
function observations(observedMinutes: readonly number[]): number[] {
  return observedMinutes.filter((m) => m >= 0);
}

export function meanServiceMinutes(service: Service, observedMinutes: readonly number[]): number {
  const seen = observations(observedMinutes);
  const sum = seen.reduce((a, m) => a + m, 0);
  return (sum + PRIOR_WEIGHT * service.defaultServiceMinutes) / (seen.length + PRIOR_WEIGHT);
}

/** Whether any open window (open, or serving a visitor; not paused, not closed) lists the service. */
export function hasOpenWindow(serviceId: string, windows: readonly Window[], statuses: ReadonlyMap<string, WindowStatus>): boolean {
  return windows.some((w) => isOpen(statuses.get(w.id)) && w.serves.some((s) => s.serviceId === serviceId));
}

function isOpen(status: WindowStatus | undefined): boolean {
  return status?.state === 'open' || status?.state === 'serving';
}

/** The one estimate behind every figure a visitor sees (kiosk, ticket, phone, display). */
export function estimateWait(
  ahead: number,
  service: Service,
  observedMinutes: readonly number[],
  windows: readonly Window[],
  statuses: ReadonlyMap<string, WindowStatus>,
): WaitEstimate {
  const isGuess = observations(observedMinutes).length < GUESS_BELOW_SAMPLES;
  if (!hasOpenWindow(service.id, windows, statuses)) return { minutes: 0, isUnstaffed: true, isGuess };
  const minutes = estimateMinutes(ahead, meanServiceMinutes(service, observedMinutes), effectiveWindows(service.id, windows, statuses));
  return { minutes, isUnstaffed: false, isGuess };
}

export function effectiveWindows(serviceId: string, windows: readonly Window[], statuses: ReadonlyMap<string, WindowStatus>): number {
  let total = 0;
  for (const w of windows) {
    if (!isOpen(statuses.get(w.id))) continue;
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
