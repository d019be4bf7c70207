/**
 * The hall clock: the one time every event, duration, waiting order and day is reckoned in
 * (docs/reliability.md, "Clock steps"). It starts at the wall clock (or at the last stored event, if the
 * wall is behind it) and then advances by a monotonic source, so it never runs backwards:
 *
 * - the wall a little ahead (NTP's small corrections, up to `followMs`): followed at once;
 * - the wall far ahead (a step forward): followed only once the wall has held it for `confirmMs` of
 *   monotonic time, so a step across midnight that is undone within that time never reaches the hall;
 * - the wall behind (a step back): never followed; the hall clock runs `slowdown` × real speed until the
 *   wall has caught up, so a wrong earlier time is absorbed without any event going back in time.
 *
 * Steps larger than `warnMs` are reported to `onStep` listeners (logged as warnings, and a manager alert:
 * app/clock-health.ts). Pure apart from its two injected sources: tests step a fake wall and advance a
 * fake monotonic clock.
 */
import type { Clock } from './core';

export interface ClockSources {
  /** The system's wall clock, epoch ms: NTP or a person may step it either way. */
  wall(): number;
  /** A monotonic ms count with an arbitrary origin (performance.now): never steps, keeps running. */
  monotonic(): number;
}

export const systemClockSources: ClockSources = { wall: () => Date.now(), monotonic: () => performance.now() };

export type ClockStepKind =
  /** The wall jumped ahead and held it: the hall clock has jumped with it. */
  | 'forward'
  /** The wall jumped ahead and came back before `confirmMs`: ignored. */
  | 'forward-undone'
  /** The wall jumped back: the hall clock keeps its time and runs slow until the wall catches up. */
  | 'back'
  /** At start the wall was behind the last stored event: the hall clock starts at that event. */
  | 'behind-at-start'
  /** After a step back (or a start behind), the wall has caught up again. */
  | 'caught-up';

export interface ClockStep {
  readonly kind: ClockStepKind;
  /** How far the wall moved against the hall clock, ms (positive). */
  readonly sizeMs: number;
  /** Hall time when it was noticed. */
  readonly at: number;
}

export interface HallClockOptions {
  /** The last stored event's time: the clock never starts before it (a restart with the wall behind). */
  readonly floor?: number;
  readonly followMs?: number;
  readonly confirmMs?: number;
  /** Speed of the hall clock, relative to real time, while it is ahead of the wall. */
  readonly slowdown?: number;
  /** Steps at least this large are warnings and a manager alert; smaller ones are only noted in the log. */
  readonly warnMs?: number;
}

export const CLOCK_DEFAULTS = { followMs: 2_000, confirmMs: 5 * 60_000, slowdown: 0.9, warnMs: 2 * 60_000 } as const;

export class HallClock implements Clock {
  private hall: number;
  private lastMonotonic: number;
  /** Wall minus hall at the last reading: a step shows as a jump of this offset. */
  private lastOffset: number;
  /** A forward step waiting to be confirmed: since when (monotonic) and how large it was. */
  private pending: { readonly since: number; readonly sizeMs: number } | undefined;
  /** Started behind the event log and not caught up yet: a forward step is then the awaited correction. */
  private isStartedBehind: boolean;
  /** A step back (or a start behind) was reported: 'caught-up' is told when the wall reaches the hall. */
  private isReportedBehind: boolean;
  private readonly listeners: Array<(step: ClockStep) => void> = [];
  private readonly settings: Required<Omit<HallClockOptions, 'floor'>>;
  private readonly origin: number;
  /** Told to the first listener: a start behind the last event happens before anyone could subscribe. */
  private startStep: ClockStep | undefined;

  constructor(
    private readonly sources: ClockSources,
    options: HallClockOptions = {},
  ) {
    this.settings = { ...CLOCK_DEFAULTS, ...options };
    const wall = sources.wall();
    this.lastMonotonic = sources.monotonic();
    this.origin = this.lastMonotonic;
    this.hall = Math.max(wall, options.floor ?? -Infinity);
    this.lastOffset = wall - this.hall;
    this.isStartedBehind = -this.lastOffset > this.settings.followMs;
    this.isReportedBehind = this.isStartedBehind;
    this.startStep = this.isStartedBehind ? { kind: 'behind-at-start', sizeMs: -this.lastOffset, at: this.hall } : undefined;
  }

  onStep(listener: (step: ClockStep) => void): () => void {
    this.listeners.push(listener);
    if (this.startStep) {
      listener(this.startStep);
      this.startStep = undefined;
    }
    return () => void this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }

  /** Monotonic ms since the clock was made: for rate windows and other intervals, untouched by any step. */
  elapsed(): number {
    return this.sources.monotonic() - this.origin;
  }

  /** How far the hall clock is ahead of the wall now (0 when they agree or the wall is ahead). */
  aheadOfWall(): number {
    return Math.max(0, this.now() - this.sources.wall());
  }

  now(): number {
    const { followMs, confirmMs, slowdown } = this.settings;
    const monotonic = this.sources.monotonic();
    const wall = this.sources.wall();
    const dt = Math.max(0, monotonic - this.lastMonotonic);
    this.lastMonotonic = monotonic;
    // Behind the hall the wall is never followed: the hall runs slow until the wall has caught up (from the
    // reading that saw the wall behind: when within the last interval it stepped is not known).
    const projected = this.hall + dt * (this.lastOffset < 0 ? slowdown : 1);
    const gap = wall - projected;
    // How far the wall moved beyond the real time that passed since the last reading.
    const jump = wall - (this.hall + this.lastOffset) - dt;
    const steps: ClockStep[] = [];
    let next = projected;
    if (gap > followMs) {
      this.pending ??= { since: monotonic, sizeMs: gap };
      if (this.isStartedBehind || monotonic - this.pending.since >= confirmMs) {
        if (this.isReportedBehind) steps.push({ kind: 'caught-up', sizeMs: 0, at: wall });
        steps.push({ kind: 'forward', sizeMs: gap, at: wall });
        next = wall;
        this.pending = undefined;
        this.isStartedBehind = false;
        this.isReportedBehind = false;
      }
    } else {
      if (this.pending) steps.push({ kind: 'forward-undone', sizeMs: this.pending.sizeMs, at: projected });
      this.pending = undefined;
      if (gap >= 0) {
        next = wall;
        if (this.isReportedBehind) steps.push({ kind: 'caught-up', sizeMs: 0, at: wall });
        this.isStartedBehind = false;
        this.isReportedBehind = false;
      } else if (-gap > followMs && -jump > followMs) {
        // Only the part of the jump that put the wall behind the hall (a step undone is not a step back).
        steps.push({ kind: 'back', sizeMs: Math.min(-jump, -gap), at: projected });
        this.isReportedBehind = true;
      }
    }
    this.hall = Math.max(this.hall, next);
    this.lastOffset = wall - this.hall;
    for (const step of steps) this.tell(step);
    return Math.floor(this.hall);
  }

  private tell(step: ClockStep): void {
    for (const listener of [...this.listeners]) listener(step);
  }
}
