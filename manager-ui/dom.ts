/** The manager console's formats; the element builder is the shared one (ui-client/dom.ts). */
export { h, table } from '../ui-client/dom';

export function minutes(seconds: number | undefined): string {
  return seconds === undefined ? '–' : `${Math.round(seconds / 6) / 10}`;
}

/** The hall's time zone (from the snapshot): a manager's laptop may be set to anything. */
let hallTimeZone: string | undefined;

export function setHallTimeZone(timeZone: string): void {
  hallTimeZone = timeZone;
}

export function clock(at: number | undefined): string {
  return at === undefined ? '–' : new Date(at).toLocaleString('zh-CN', { hour12: false, timeZone: hallTimeZone });
}

export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: hallTimeZone });
}

export function percent(ratio: number | undefined): string {
  return ratio === undefined ? '–' : `${Math.round(ratio * 1000) / 10}%`;
}
