/**
 * Terminal health rules (故障分级响应): the grade of each fault a page reports or of a page gone dark, whether
 * the hall is open, and which dark terminals are 电子监察 alerts. Pure — the registry's records, the clock and
 * the hours and the hall's response targets come in; grades and alert conditions go out (app/terminals.ts keeps the records, app/alerts.ts
 * raises and clears).
 */
import type { FaultGrade, FaultResponseTarget, FaultResponseTargets, TerminalFaultCode, TerminalKind } from '../protocol/terminals';
import type { AlertCondition } from './alert-rules';
import { dayOf, isWithinHours, localParts, minuteOfDay, parseHourMinute } from './calendar';
import { addWorkingDays, endOfDay, isWorkingDay, type HallCalendar } from './working-days';

/** One terminal as the registry knows it (stored in `terminals`, storage/terminals-repo.ts). */
export interface TerminalRecord {
  /** `<kind>:<id>`. */
  readonly id: string;
  readonly kind: TerminalKind;
  readonly name: string;
  readonly isOnline: boolean;
  /** Online since, or dark since. */
  readonly since: number;
  readonly pageVersion: string;
  /** Dark on purpose: its page closed the connection or its staff session ended (a clerk signed out). Never an alert. */
  readonly hasLeft: boolean;
  readonly lastFault?: { readonly code: TerminalFaultCode; readonly isActive: boolean; readonly at: number };
}

/**
 * A terminal must stay dark this long during opening hours before it is an alert: a page reloading, a
 * Wi-Fi hiccup or the hub's own restart reconnect well within it.
 */
export const TERMINAL_DARK_GRACE_MS = 60_000;

/**
 * What each fault a page reports costs the hall. A kiosk that cannot reach its printer issues no paper ticket
 * (B); a display without speech or with sound blocked still shows every call, an ID reader can be replaced by
 * typing the number, a page error is a bug to look at (C).
 */
export function faultGrade(code: TerminalFaultCode): FaultGrade {
  switch (code) {
    case 'printer-unreachable':
      return 'B';
    case 'speech-unavailable':
    case 'sound-blocked':
    case 'id-reader-unreachable':
    case 'page-error':
    // A code this version does not know (a stored row from another version): graded, never a sweep that throws.
    default:
      return 'C';
  }
}

/**
 * The grade of a terminal being dark: every kiosk dark means no visitor can take a number (A); one display,
 * kiosk or clerk PC dark leaves the hall working around it (B); a rating pad dark only loses ratings, which the
 * keypad or the phone still take (C).
 */
export function darkGrade(terminal: Pick<TerminalRecord, 'kind'>, isEveryKioskDark: boolean): FaultGrade {
  if (terminal.kind === 'kiosk') return isEveryKioskDark ? 'A' : 'B';
  return terminal.kind === 'pad' ? 'C' : 'B';
}

/** Whether at least one kiosk is known and none is online. */
export function isEveryKioskDark(terminals: readonly TerminalRecord[]): boolean {
  const kiosks = terminals.filter((t) => t.kind === 'kiosk');
  return kiosks.length > 0 && kiosks.every((t) => !t.isOnline);
}

/** The response target of a grade in minutes, when the hall sets it in minutes (C is usually working days). */
export function targetMinutes(grade: FaultGrade, targets: FaultResponseTargets): number | undefined {
  return targets[grade].minutes;
}

/**
 * When a response is due (epoch ms), counted from `from`: so many minutes later, or the end of the hall's
 * `workingDays`th working day after that day (a fault on Friday with one working day is due by Monday evening).
 */
export function responseDueAt(from: number, target: FaultResponseTarget, timeZone: string, calendar: HallCalendar): number {
  if (target.workingDays !== undefined) return endOfDay(addWorkingDays(dayOf(from, timeZone), target.workingDays, calendar), timeZone);
  return from + (target.minutes ?? 0) * 60_000;
}

/** The hall is open when it is a working day and some service takes tickets at this minute (a service without hours: always). */
export function isHallOpen(now: number, hours: readonly (readonly { from: string; to: string }[])[], timeZone: string, calendar?: HallCalendar): boolean {
  if (calendar && !isWorkingDay(dayOf(now, timeZone), calendar)) return false;
  const minute = minuteOfDay(now, timeZone);
  return hours.some((h) => isWithinHours(minute, h));
}

/**
 * When the hall's current open stretch began today (hub clock, epoch ms): the earliest start of the service
 * hours that run without a gap up to `now` (a service without hours: local midnight). Undefined while closed.
 */
export function hallOpenedAt(now: number, hours: readonly (readonly { from: string; to: string }[])[], timeZone: string): number | undefined {
  const minute = minuteOfDay(now, timeZone);
  const ranges = hours.flatMap((h) => (h.length === 0 ? [{ from: 0, to: 24 * 60 }] : h.map((r) => ({ from: parseHourMinute(r.from), to: parseHourMinute(r.to) }))));
  if (!ranges.some((r) => minute >= r.from && minute < r.to)) return undefined;
  let start = minute;
  // Walk back over ranges that touch or overlap the stretch (08:30–12:00 and 12:00–17:00 are one stretch).
  for (let earlier = ranges.filter((r) => r.from < start && r.to >= start); earlier.length > 0; earlier = ranges.filter((r) => r.from < start && r.to >= start)) {
    start = Math.min(...earlier.map((r) => r.from));
  }
  return now - localParts(now, timeZone).second * 1000 - (now % 1000) - (minute - start) * 60_000;
}

export interface DarkFacts {
  readonly now: number;
  readonly terminals: readonly TerminalRecord[];
  readonly isOpen: boolean;
  /** When the registry began watching (the hub's start): a terminal dark since before has had no chance to return yet. */
  readonly watchingSince: number;
  /**
   * When the current open stretch began (hallOpenedAt): a screen switched off overnight or over lunch has the
   * grace from the opening to come back, not an alarm in the opening minute.
   */
  readonly openedAt?: number;
  /** Keys of the dark alerts raised and not cleared: an outage raised before the lunch break or the evening holds until the terminal returns. */
  readonly raisedKeys?: ReadonlySet<string>;
  readonly graceMs?: number;
  /** The hall's response targets (policy.faultResponse): each alert's limit. */
  readonly targets: FaultResponseTargets;
}

/**
 * The dark terminals that are alerts now: raised only while the hall is open, only once dark past the grace
 * (counted from the hub's start for those dark already, and from the opening for those dark before it), one
 * alert per outage (the key holds `since`). An outage once raised holds while the hall is closed too, until the
 * terminal is back: a lunch break neither clears it (the screen is still dark) nor hides it afterwards. A clerk
 * PC is an alert only when it drops while the hall is open. Every kiosk dark is one more alert of its own, graded A.
 */
export function darkTerminalConditions(facts: DarkFacts): AlertCondition[] {
  const grace = facts.graceMs ?? TERMINAL_DARK_GRACE_MS;
  const raised = facts.raisedKeys ?? new Set<string>();
  const isAlert = (key: string, since: number): boolean =>
    raised.has(key) || (facts.isOpen && facts.now - Math.max(since, facts.watchingSince, facts.openedAt ?? -Infinity) >= grace);
  const allKiosks = isEveryKioskDark(facts.terminals);
  const found: AlertCondition[] = [];
  for (const t of facts.terminals) {
    const key = `terminal-dark:${t.id}:${t.since}`;
    if (t.isOnline || t.hasLeft || !isAlert(key, t.since)) continue;
    // A clerk PC dark since before the opening was closed for the night or lunch with nobody at it (a window not
    // staffed today): only one that drops while the hall is open is an outage. Hall equipment must be up by then.
    if (t.kind === 'clerk' && !raised.has(key) && facts.openedAt !== undefined && t.since < facts.openedAt) continue;
    const limitMinutes = targetMinutes(darkGrade(t, false), facts.targets);
    found.push({ key, kind: 'terminal-dark', subjectId: t.id, subject: t.name, since: t.since, ...(limitMinutes === undefined ? {} : { limitMinutes }) });
  }
  if (allKiosks) {
    // Since the last kiosk went dark: that is when the hall stopped issuing.
    const kiosks = facts.terminals.filter((t) => t.kind === 'kiosk');
    const since = Math.max(...kiosks.map((t) => t.since));
    const subject = kiosks.map((t) => t.name).join(', ').slice(0, 60);
    const key = `kiosks-dark:kiosks:${since}`;
    if (isAlert(key, since)) found.push({ key, kind: 'kiosks-dark', subjectId: 'kiosks', subject, since, limitMinutes: targetMinutes('A', facts.targets) });
  }
  return found;
}

export interface FaultFacts {
  readonly terminals: readonly TerminalRecord[];
  readonly isOpen: boolean;
  /** When the current open stretch began: a fault reported overnight is due counted from the opening. */
  readonly openedAt?: number;
  /** Keys of the fault alerts raised and not cleared: raised ones hold over the lunch break and the evening. */
  readonly raisedKeys?: ReadonlySet<string>;
  readonly targets: FaultResponseTargets;
  readonly timeZone: string;
  readonly calendar: HallCalendar;
}

/**
 * The faults pages report about themselves that are alerts now (terminal-fault): the terminal's last fault while
 * it is active, raised only while the hall is open (as a dark terminal), held once raised until the page reports
 * it ended, reports another fault instead, or the terminal is forgotten. One alert per occurrence: the key holds
 * when the page reported it, and the registry ignores a repeated report of an active fault, so it keeps that time.
 * The deadline is the grade's target from the report, or from the opening for a report made while closed.
 */
export function faultTerminalConditions(facts: FaultFacts): AlertCondition[] {
  const raised = facts.raisedKeys ?? new Set<string>();
  const found: AlertCondition[] = [];
  for (const t of facts.terminals) {
    const fault = t.lastFault;
    if (!fault?.isActive) continue;
    const key = `terminal-fault:${t.id}:${fault.code}:${fault.at}`;
    if (!raised.has(key) && !facts.isOpen) continue;
    const target = facts.targets[faultGrade(fault.code)];
    const from = Math.max(fault.at, facts.openedAt ?? -Infinity);
    found.push({
      key, kind: 'terminal-fault', subjectId: t.id, subject: t.name, since: fault.at, faultCode: fault.code,
      dueAt: responseDueAt(from, target, facts.timeZone, facts.calendar),
      ...(target.minutes === undefined ? {} : { limitMinutes: target.minutes }),
    });
  }
  return found;
}
