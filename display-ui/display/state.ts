/**
 * The wall display's state: a pure reducer rebuilt from the hall snapshot on every resync and advanced by
 * public facts. Everything it holds is bounded (recent calls are capped; services and windows come from
 * the hall's configuration), so a display can run for months without its memory growing.
 */
import type { PublicEvent } from '../../server/protocol/events';
import type { CallView, HallSnapshot, Language, ServiceView, WindowView } from '../../server/protocol/model';
import { callMatches, type DisplayFilter } from './filters';
import { heroCalls, NO_VOICE, type VoiceProgress } from './now-calling';

/** Calls kept in memory: more than any screen lists, so a resync or filter change never leaves gaps. */
export const RECENT_LIMIT = 30;

export interface DisplayState {
  readonly seq: number;
  readonly day: string;
  readonly hallName: string;
  readonly timeZone: string;
  readonly language: Language;
  readonly services: readonly ServiceView[];
  readonly windows: ReadonlyMap<string, WindowView>;
  /** Calls for this screen, newest first, one entry per ticket (a recall moves it back to the top). */
  readonly recent: readonly CallView[];
  readonly notices: readonly string[];
}

/** What a fact asks the page to do besides re-rendering. */
export interface Reduction {
  readonly state: DisplayState;
  /** Calls (and recalls) for this screen carried by the fact, to announce if still fresh. */
  readonly calls: readonly CallView[];
}

export function fromSnapshot(snapshot: HallSnapshot, filter: DisplayFilter): DisplayState {
  const windows = new Map(snapshot.windows.map((w) => [w.id, w] as const));
  const ordered = [...snapshot.recentCalls].sort((a, b) => b.seq - a.seq);
  let recent: CallView[] = [];
  for (const call of ordered) {
    if (callMatches(filter, call, windows) && !recent.some((c) => c.ticketId === call.ticketId)) recent.push(call);
  }
  recent = recent.slice(0, RECENT_LIMIT);
  return {
    seq: snapshot.seq,
    day: snapshot.day,
    hallName: snapshot.hall.name,
    timeZone: snapshot.hall.timeZone,
    language: snapshot.hall.language,
    services: snapshot.services,
    windows,
    recent,
    notices: snapshot.notices,
  };
}

export function applyEvent(state: DisplayState, event: PublicEvent, filter: DisplayFilter): Reduction {
  // The hub client already drops duplicates; this keeps the reducer safe on its own.
  if (event.seq <= state.seq) return { state, calls: [] };
  const next = { ...state, seq: event.seq };
  switch (event.type) {
    case 'ticket:called': {
      const call = event.data.call;
      if (!callMatches(filter, call, state.windows)) return { state: next, calls: [] };
      return { state: { ...next, recent: addCall(state.recent, call) }, calls: [call] };
    }
    case 'window:updated': {
      const windows = new Map(state.windows);
      windows.set(event.data.window.id, event.data.window);
      return { state: { ...next, windows }, calls: [] };
    }
    case 'notices:updated':
      return { state: { ...next, notices: event.data.notices }, calls: [] };
    case 'day:rolled':
      // A new day starts numbering again: yesterday's A012 must not sit next to today's.
      return { state: { ...next, day: event.data.day, recent: [] }, calls: [] };
    default:
      return { state: next, calls: [] };
  }
}

export function applyQueues(state: DisplayState, services: readonly ServiceView[]): DisplayState {
  return { ...state, services };
}

function addCall(recent: readonly CallView[], call: CallView): CallView[] {
  const others = recent.filter((c) => c.ticketId !== call.ticketId);
  return [call, ...others].slice(0, RECENT_LIMIT);
}

/**
 * The calls to show large as "now calling", without the voice's marks: see {@link heroCalls} for the rule.
 * With no `voice` (or an inactive one) this is the time rule: calls made within `highlightMs` of the hub's
 * clock, newest first, at most `max`, none while offline.
 */
export function nowCalling(
  state: DisplayState,
  hubNow: number,
  highlightMs: number,
  max: number,
  isOnline: boolean,
  voice: VoiceProgress = NO_VOICE,
): CallView[] {
  return heroCalls(state.recent, hubNow, voice, { highlightMs, max, isOnline }).map((h) => h.call);
}

/** Whether a call is recent enough to announce (a replayed call from ten minutes ago is only listed). */
export function isFreshCall(call: CallView, hubNow: number, announceWithinMs: number): boolean {
  return hubNow - call.at <= announceWithinMs;
}
