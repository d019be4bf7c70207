/**
 * The grid's state, pure: rebuilt from the halls snapshot on every (re)connect, then kept by the live
 * stream's `hall` glances. A glance older than the one held (an event that crossed a fresh snapshot) is
 * dropped: a hall's last contact and acknowledged sequence only move forward.
 */
import type { HallGlance, HallsGlanceReply } from '../server/protocol/centre';
import type { HallLevel } from '../server/protocol/uplink';

export interface GridState {
  /** Centre clock − page clock at the last snapshot, so ages are the centre's. */
  readonly offsetMs: number;
  readonly halls: ReadonlyMap<string, HallGlance>;
}

export const EMPTY_GRID: GridState = { offsetMs: 0, halls: new Map() };

export function fromSnapshot(reply: HallsGlanceReply, pageNow: number): GridState {
  const halls = new Map<string, HallGlance>();
  for (const group of reply.levels) for (const hall of group.halls) halls.set(hall.code, hall);
  return { offsetMs: reply.now - pageNow, halls };
}

const freshness = (g: HallGlance): [number, number] => [g.link.lastContactAt ?? 0, g.link.ackedSeq];

export function isNewer(incoming: HallGlance, held: HallGlance | undefined): boolean {
  if (!held) return true;
  const [a, b] = [freshness(incoming), freshness(held)];
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
}

export function withGlance(state: GridState, glance: HallGlance): GridState {
  if (!isNewer(glance, state.halls.get(glance.code))) return state;
  const halls = new Map(state.halls);
  halls.set(glance.code, glance);
  return { ...state, halls };
}

const LEVELS: readonly HallLevel[] = ['district', 'town', 'village'];

/** District, then town, then village; halls by code; levels without a hall left out. */
export function byLevel(state: GridState): { level: HallLevel; halls: HallGlance[] }[] {
  const all = [...state.halls.values()];
  return LEVELS.map((level) => ({ level, halls: all.filter((h) => h.level === level).sort((a, b) => (a.code < b.code ? -1 : 1)) })).filter((g) => g.halls.length > 0);
}

/** A hall whose uplink is not live right now (offline, or never connected). */
export const isLinkDown = (g: HallGlance): boolean => g.link.state === 'offline' || g.link.state === 'never';
