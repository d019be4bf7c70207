/**
 * When the kiosk gives up on a visitor who walked away. Pure: the time of the last touch and "now" come in
 * as arguments, so the rules are unit-tested with a made-up clock; main.ts only ticks and dispatches 'reset'.
 *
 * Rule: any screen that holds something of one visitor (a typed or card person, an appointment, a keypad,
 * an error, a ticket, another language, large text) goes back to the clean start after a while without a
 * touch; the clean start itself never times out. The last `warnMs` are shown as a countdown that a touch
 * cancels.
 */
import type { KioskState } from './state';

export interface KioskTimings {
  /** Untouched time before a visitor's screen (home with a person, keypads, appointment, error) resets. */
  readonly idleMs: number;
  /** The countdown notice shows for this long before the reset. */
  readonly warnMs: number;
  /** The ticket screen, when the ticket was printed. */
  readonly resultMs: number;
  /** The same in large-text mode: elderly visitors read more slowly. */
  readonly resultElderlyMs: number;
  /** The ticket screen when the ticket was NOT printed: the visitor taps 完成 after noting the number. */
  readonly unprintedResultMs: number;
}

export const DEFAULT_TIMINGS: KioskTimings = Object.freeze({ idleMs: 60_000, warnMs: 10_000, resultMs: 20_000, resultElderlyMs: 30_000, unprintedResultMs: 120_000 });

/**
 * Reads the timings from the page's URL (`/kiosk?idle=60&warn=10&result=20&unprinted=120`, seconds), the
 * way the display reads its settings. Malformed values fall back to the defaults; large text gets 1.5× the
 * ticket screen's time.
 */
export function parseKioskTimings(search: string): KioskTimings {
  const params = new URLSearchParams(search);
  const idleMs = seconds(params.get('idle'), 2, 600, DEFAULT_TIMINGS.idleMs);
  const resultMs = seconds(params.get('result'), 2, 300, DEFAULT_TIMINGS.resultMs);
  return Object.freeze({
    idleMs,
    // The notice never covers the whole idle time: a visitor must get a quiet moment after each touch.
    warnMs: Math.min(seconds(params.get('warn'), 1, 60, DEFAULT_TIMINGS.warnMs), Math.floor(idleMs / 2)),
    resultMs,
    resultElderlyMs: params.get('result') === null ? DEFAULT_TIMINGS.resultElderlyMs : Math.round(resultMs * 1.5),
    unprintedResultMs: seconds(params.get('unprinted'), 5, 900, DEFAULT_TIMINGS.unprintedResultMs),
  });
}

function seconds(value: string | null, min: number, max: number, fallbackMs: number): number {
  if (value === null || value.trim() === '') return fallbackMs;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(Math.min(max, Math.max(min, n)) * 1000) : fallbackMs;
}

/** True when the start screen shows nothing of a previous visitor: nobody held, the top of the menu, hall language, normal text. */
export function isCleanStart(state: KioskState): boolean {
  return (
    state.screen.name === 'home' && state.identity === undefined && state.department === undefined && !(state.menuPage ?? 0) &&
    !state.isElderly && state.language === (state.config?.language ?? 'zh-CN')
  );
}

/** How long the current state may stay untouched before it is reset; undefined = it never is. */
export function idleLimitMs(state: KioskState, timings: KioskTimings): number | undefined {
  const screen = state.screen;
  switch (screen.name) {
    case 'issuing':
      // The hub answers (or the request fails) on its own; the result screen then starts its own clock.
      return undefined;
    case 'result':
      if (screen.ticket.printed === false) return timings.unprintedResultMs;
      return state.isElderly ? timings.resultElderlyMs : timings.resultMs;
    case 'home':
      return isCleanStart(state) ? undefined : timings.idleMs;
    default:
      return timings.idleMs;
  }
}

export type IdleStatus =
  | { readonly kind: 'none' }
  /** `isWarning`: inside the last `warnMs`, the countdown notice is shown. */
  | { readonly kind: 'counting'; readonly secondsLeft: number; readonly isWarning: boolean }
  | { readonly kind: 'expired' };

/** Where the idle clock stands at `now` when the visitor last touched (or the screen last changed) at `lastTouchAt`. */
export function idleStatus(state: KioskState, lastTouchAt: number, now: number, timings: KioskTimings): IdleStatus {
  const limit = idleLimitMs(state, timings);
  if (limit === undefined) return { kind: 'none' };
  const left = lastTouchAt + limit - now;
  if (left <= 0) return { kind: 'expired' };
  return { kind: 'counting', secondsLeft: Math.ceil(left / 1000), isWarning: left <= timings.warnMs };
}

/**
 * Whether an action's outcome is the visitor doing something (restarts the idle clock): a new screen, a
 * person read or typed, a language or text-size switch. Queue figures and connection changes are not.
 */
export function isVisitorChange(before: KioskState, after: KioskState): boolean {
  return (
    before.screen !== after.screen || before.identity !== after.identity || before.language !== after.language || before.isElderly !== after.isElderly ||
    before.department !== after.department || before.menuPage !== after.menuPage
  );
}
