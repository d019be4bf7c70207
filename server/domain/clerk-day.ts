/**
 * A hall day's 考核 figures per clerk and per window (issue 19): served, handling times, no-shows, recalls,
 * transfers, ratings, and the window's time — on duty, serving, idle, paused by reason — from its state
 * changes in the event log. Pure: storage hands over the day's rows; the digest is stored once per closed day
 * (storage/clerk-days-repo.ts) so a year's report adds up stored digests and never reads a ticket.
 *
 * Definitions (docs/manager.md, 人员考核): on duty = the window is not closed (a clerk signed in there), which
 * is serving + idle + paused; idle = open with nobody at the counter; handling = finish − the call that
 * brought the visitor (a recall restarts it); a transfer counts for the clerk who passed the visitor on.
 */
import type { PauseReason, TicketStatus, WindowState } from '../protocol/model';
import { addRatings, emptySatisfaction, percentile, type Satisfaction } from './report-figures';

/** One `window:updated` fact of the day: the window's new state, and the staff member who caused it, if any. */
export interface WindowStateRow {
  readonly at: number;
  readonly windowId: string;
  readonly state: WindowState;
  readonly pauseReason?: PauseReason;
  readonly actorStaff?: string;
}

/** A ticket segment of the day that a clerk handled (it has a staff id). */
export interface HandledRow {
  readonly staffId: string;
  readonly windowId?: string;
  readonly status: TicketStatus;
  readonly calledAt?: number;
  readonly finishedAt?: number;
}

export interface CountRow {
  readonly staffId: string | null;
  readonly windowId: string;
  readonly n: number;
}

export interface ScoreRow extends CountRow {
  readonly score: number;
}

export interface ClerkDayInput {
  /** The day's first instant and the end of what is known: the next midnight, or now for today. */
  readonly start: number;
  readonly end: number;
  readonly windowStates: readonly WindowStateRow[];
  readonly handled: readonly HandledRow[];
  readonly recalls: readonly CountRow[];
  /** Rating counts by level, ratings overturned on appeal left out (as every report). */
  readonly ratings: readonly ScoreRow[];
}

/** One clerk's or window's day (or days, once combined). Times in ms; `handling` in whole seconds, sorted. */
export interface DutyLine {
  served: number;
  handling: number[];
  noShows: number;
  recalls: number;
  transfers: number;
  pauseMs: Partial<Record<PauseReason, number>>;
  onDutyMs: number;
  servingMs: number;
  idleMs: number;
  /** Ratings by level 1–5 (index 0 is level 1). */
  levels: [number, number, number, number, number];
}

export interface ClerkDayDigest {
  clerks: Record<string, DutyLine>;
  windows: Record<string, DutyLine>;
}

export function emptyLine(): DutyLine {
  return { served: 0, handling: [], noShows: 0, recalls: 0, transfers: 0, pauseMs: {}, onDutyMs: 0, servingMs: 0, idleMs: 0, levels: [0, 0, 0, 0, 0] };
}

function lineOf(map: Record<string, DutyLine>, key: string): DutyLine {
  return (map[key] ??= emptyLine());
}

/** Adds a window's time in one state to a line. */
function addTime(line: DutyLine, state: WindowState, reason: PauseReason | undefined, ms: number): void {
  if (ms <= 0 || state === 'closed') return;
  line.onDutyMs += ms;
  if (state === 'serving') line.servingMs += ms;
  else if (state === 'open') line.idleMs += ms;
  else {
    const r = reason ?? 'other';
    line.pauseMs[r] = (line.pauseMs[r] ?? 0) + ms;
  }
}

/**
 * Every window begins the day closed: the day rollover closes them all at midnight (`closeForNewDay`). The
 * clerk of a window is the staff member who opened it; device actions after that (a hardware caller) count
 * for that clerk until the window closes.
 */
function addWindowTime(digest: ClerkDayDigest, input: ClerkDayInput): void {
  interface Held { state: WindowState; reason?: PauseReason; since: number; clerk?: string }
  const held = new Map<string, Held>();
  const credit = (windowId: string, h: Held, until: number): void => {
    const from = Math.max(h.since, input.start);
    const to = Math.min(until, input.end);
    addTime(lineOf(digest.windows, windowId), h.state, h.reason, to - from);
    if (h.clerk !== undefined) addTime(lineOf(digest.clerks, h.clerk), h.state, h.reason, to - from);
  };
  const rows = [...input.windowStates].sort((a, b) => a.at - b.at);
  for (const row of rows) {
    const h = held.get(row.windowId) ?? { state: 'closed', since: input.start };
    credit(row.windowId, h, row.at);
    const clerk = row.state === 'closed' ? undefined : h.state === 'closed' ? row.actorStaff : (h.clerk ?? row.actorStaff);
    held.set(row.windowId, { state: row.state, ...(row.pauseReason ? { reason: row.pauseReason } : {}), since: row.at, ...(clerk ? { clerk } : {}) });
  }
  for (const [windowId, h] of held) credit(windowId, h, input.end);
}

export function digestClerkDay(input: ClerkDayInput): ClerkDayDigest {
  const digest: ClerkDayDigest = { clerks: {}, windows: {} };
  addWindowTime(digest, input);
  for (const t of input.handled) {
    const lines = [lineOf(digest.clerks, t.staffId), ...(t.windowId ? [lineOf(digest.windows, t.windowId)] : [])];
    for (const line of lines) {
      if (t.status === 'done') {
        line.served += 1;
        if (t.calledAt !== undefined && t.finishedAt !== undefined && t.finishedAt >= t.calledAt) line.handling.push(Math.round((t.finishedAt - t.calledAt) / 1000));
      } else if (t.status === 'no-show') line.noShows += 1;
      else if (t.status === 'transferred') line.transfers += 1;
    }
  }
  const targets = (r: CountRow): DutyLine[] => [...(r.staffId !== null ? [lineOf(digest.clerks, r.staffId)] : []), lineOf(digest.windows, r.windowId)];
  for (const r of input.recalls) for (const line of targets(r)) line.recalls += r.n;
  for (const r of input.ratings) {
    if (!Number.isInteger(r.score) || r.score < 1 || r.score > 5) continue;
    for (const line of targets(r)) line.levels[r.score - 1] = (line.levels[r.score - 1] ?? 0) + r.n;
  }
  for (const line of [...Object.values(digest.clerks), ...Object.values(digest.windows)]) line.handling.sort((a, b) => a - b);
  return digest;
}

/** Adds `from` into `into` (handling times stay sorted). */
export function addLine(into: DutyLine, from: DutyLine): void {
  into.served += from.served;
  into.noShows += from.noShows;
  into.recalls += from.recalls;
  into.transfers += from.transfers;
  into.onDutyMs += from.onDutyMs;
  into.servingMs += from.servingMs;
  into.idleMs += from.idleMs;
  for (const [reason, ms] of Object.entries(from.pauseMs) as [PauseReason, number][]) into.pauseMs[reason] = (into.pauseMs[reason] ?? 0) + ms;
  from.levels.forEach((n, i) => (into.levels[i] = (into.levels[i] ?? 0) + n));
  if (from.handling.length > 0) into.handling = mergeSorted(into.handling, from.handling);
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

/** The figures a manager reads, in seconds. */
export interface DutyFigures extends Satisfaction {
  served: number;
  handlingP50Seconds: number | undefined;
  handlingP90Seconds: number | undefined;
  noShows: number;
  noShowRate: number | undefined;
  recalls: number;
  transfers: number;
  pauseSeconds: Partial<Record<PauseReason, number>>;
  pauseTotalSeconds: number;
  onDutySeconds: number;
  servingSeconds: number;
  idleSeconds: number;
}

const seconds = (ms: number): number => Math.round(ms / 1000);

export function dutyFigures(line: DutyLine): DutyFigures {
  const satisfaction = emptySatisfaction();
  line.levels.forEach((n, i) => n > 0 && addRatings(satisfaction, i + 1, n));
  const pauseSeconds: Partial<Record<PauseReason, number>> = {};
  let pauseMs = 0;
  for (const [reason, ms] of Object.entries(line.pauseMs) as [PauseReason, number][]) {
    pauseSeconds[reason] = seconds(ms);
    pauseMs += ms;
  }
  const called = line.served + line.noShows;
  return {
    served: line.served,
    handlingP50Seconds: percentile(line.handling, 50),
    handlingP90Seconds: percentile(line.handling, 90),
    noShows: line.noShows,
    noShowRate: called === 0 ? undefined : line.noShows / called,
    recalls: line.recalls,
    transfers: line.transfers,
    pauseSeconds,
    pauseTotalSeconds: seconds(pauseMs),
    onDutySeconds: seconds(line.onDutyMs),
    servingSeconds: seconds(line.servingMs),
    idleSeconds: seconds(line.idleMs),
    ...satisfaction,
  };
}
