/**
 * Clock sources for the hall clock (server/app/hall-clock.ts) that a test drives: `pass` lets real time go by
 * (both clocks move), `step` moves only the wall, as NTP or a person setting the PC's clock does.
 */
import type { ClockSources } from '../../server/app/hall-clock';

export class SteppingSources implements ClockSources {
  private monotonicMs = 1_000;

  constructor(private wallMs: number) {}

  wall = (): number => this.wallMs;
  monotonic = (): number => this.monotonicMs;

  /** Real time passes: both clocks advance. */
  pass(ms: number): void {
    this.wallMs += ms;
    this.monotonicMs += ms;
  }

  /** The system clock is set: only the wall moves (either way). */
  step(ms: number): void {
    this.wallMs += ms;
  }
}
