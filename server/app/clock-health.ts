/**
 * What the hall clock's steps (app/hall-clock.ts) tell people: every step is logged, a large one as a
 * warning, and a large one is also the hub's own "device" `hub-clock` in error, which the alert rules
 * (domain/alert-rules.ts, kind 'clock-step') raise once for managers. Nothing here decides time.
 */
import type { DeviceHealthView } from '../protocol/model';
import { CLOCK_DEFAULTS, type ClockStep, type HallClock } from './hall-clock';
import type { DeviceHealth } from './ports';

export const CLOCK_DEVICE_ID = 'hub-clock';
/** How long a step that is over at once (forward, undone) keeps the clock in error: long enough for the alert sweep. */
export const CLOCK_ALERT_HOLD_MS = 60_000;

export interface ClockLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

const minutes = (ms: number): string => (ms >= 90 * 60_000 ? `${(ms / 3600_000).toFixed(1)} h` : ms >= 90_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** The sentence logged and shown as the clock's device reason; English, as the log is. */
export function describeStep(step: ClockStep, slowdown: number = CLOCK_DEFAULTS.slowdown): string {
  const catchUp = minutes(step.sizeMs / (1 - slowdown));
  switch (step.kind) {
    case 'back':
      return `The system clock was set back by ${minutes(step.sizeMs)}. The hub keeps its own time (events stay in order) and runs ${Math.round((1 - slowdown) * 100)}% slow until the system clock catches up, in about ${catchUp}. Check the time source (NTP) of this PC.`;
    case 'behind-at-start':
      return `The system clock is ${minutes(step.sizeMs)} behind the last stored event. The hub continues from that event's time and runs ${Math.round((1 - slowdown) * 100)}% slow until the system clock catches up, in about ${catchUp}. Check the time and the clock battery of this PC.`;
    case 'forward':
      return `The system clock jumped forward by ${minutes(step.sizeMs)} and stayed there for 5 minutes: the hub has followed it. If that time is wrong, correct the time source (NTP) of this PC.`;
    case 'forward-undone':
      return `The system clock jumped forward by ${minutes(step.sizeMs)} and came back within 5 minutes: the hub ignored it. Check the time source (NTP) of this PC.`;
    case 'caught-up':
      return 'The system clock has caught up with the hub clock again.';
  }
}

export interface WatchOptions {
  readonly warnMs?: number;
  /** Runs `fn` later (tests: never, or at once). */
  readonly later?: (fn: () => void, ms: number) => void;
}

/** Logs the clock's steps and reports large ones as the `hub-clock` device; returns the unsubscribe. */
export function watchClock(clock: HallClock, devices: DeviceHealth, log: ClockLog, options: WatchOptions = {}): () => void {
  const warnMs = options.warnMs ?? CLOCK_DEFAULTS.warnMs;
  const later = options.later ?? ((fn, ms) => void setTimeout(fn, ms).unref());
  let isInError = false;
  // Each step in error is an episode: a delayed recovery must not end a later one.
  let episode = 0;
  const report = (health: DeviceHealthView): void => {
    // Told from inside clock.now(), which may run at the start of a commit: report once the caller is done.
    queueMicrotask(() => devices.reportDevice(health));
  };
  const recover = (at: number): void => {
    if (!isInError) return;
    isInError = false;
    report({ id: CLOCK_DEVICE_ID, kind: 'clock', status: 'online', since: at });
  };
  return clock.onStep((step) => {
    const text = describeStep(step);
    const at = Math.floor(step.at);
    const fields = { clockStep: step.kind, sizeMs: Math.round(step.sizeMs) };
    if (step.kind === 'caught-up') {
      log.info(fields, text);
      recover(at);
      return;
    }
    if (step.sizeMs < warnMs) {
      log.info(fields, text);
      return;
    }
    log.warn(fields, text);
    isInError = true;
    const mine = ++episode;
    report({ id: CLOCK_DEVICE_ID, kind: 'clock', status: 'error', code: 'clock-step', reason: text, since: at });
    // A step back lasts until the wall catches up ('caught-up'); the others are over once they happened.
    if (step.kind === 'forward' || step.kind === 'forward-undone') later(() => mine === episode && recover(at + CLOCK_ALERT_HOLD_MS), CLOCK_ALERT_HOLD_MS);
  });
}
