/**
 * The city console's pure parts: the grid rebuilt from a snapshot and kept by live glances (an older glance
 * never replaces a newer one), grouping by level, and reading the centre's Server-Sent Events blocks.
 */
import { describe, expect, it } from 'vitest';
import type { HallGlance } from '../../server/protocol/centre';
import { byLevel, fromSnapshot, isLinkDown, withGlance } from '../../city-ui/state';
import { parseBlock } from '../../city-ui/live';

function glance(code: string, level: HallGlance['level'], lastContactAt: number | undefined, ackedSeq: number, waiting = 0): HallGlance {
  return {
    code, name: code, level, waiting, openWindows: 1, servingWindows: 0, pausedWindows: 0, totalWindows: 2,
    satisfaction: { ratings: 0, satisfied: 0 }, openAlerts: 0,
    link: { state: lastContactAt === undefined ? 'never' : 'live', lastContactAt, backlog: 0, ackedSeq },
  };
}

describe('grid state', () => {
  it('is rebuilt from a snapshot, with the centre clock offset', () => {
    const state = fromSnapshot({ now: 10_000, levels: [{ level: 'town', halls: [glance('T1', 'town', 5, 3)] }] }, 4_000);
    expect(state.offsetMs).toBe(6_000);
    expect([...state.halls.keys()]).toEqual(['T1']);
  });

  it('takes a newer glance and drops an older one (an event that crossed a fresh snapshot)', () => {
    let state = fromSnapshot({ now: 0, levels: [{ level: 'town', halls: [glance('T1', 'town', 100, 7, 1)] }] }, 0);
    state = withGlance(state, glance('T1', 'town', 90, 9, 5));
    expect(state.halls.get('T1')?.waiting).toBe(1);
    state = withGlance(state, glance('T1', 'town', 100, 8, 2));
    expect(state.halls.get('T1')?.waiting).toBe(2);
    state = withGlance(state, glance('T1', 'town', 120, 8, 3));
    expect(state.halls.get('T1')?.waiting).toBe(3);
  });

  it('groups district, town, village, halls by code, and marks a hall that never connected as down', () => {
    let state = fromSnapshot({ now: 0, levels: [] }, 0);
    for (const g of [glance('V1', 'village', undefined, 0), glance('T2', 'town', 1, 1), glance('D1', 'district', 1, 1), glance('T1', 'town', 1, 1)]) state = withGlance(state, g);
    expect(byLevel(state).map((g) => [g.level, g.halls.map((h) => h.code)])).toEqual([['district', ['D1']], ['town', ['T1', 'T2']], ['village', ['V1']]]);
    expect(isLinkDown(state.halls.get('V1') as HallGlance)).toBe(true);
    expect(isLinkDown(state.halls.get('D1') as HallGlance)).toBe(false);
  });
});

describe('live stream blocks', () => {
  it('reads events, skips comments and unknown events', () => {
    expect(parseBlock('event: ready\ndata: {"now":5}')).toEqual({ event: 'ready', data: { now: 5 } });
    expect(parseBlock(': ping')).toBeUndefined();
    expect(parseBlock('event: other\ndata: {}')).toBeUndefined();
    expect(parseBlock('event: hall\ndata: {"code":')).toBeUndefined();
    expect(parseBlock('event: session-ended\ndata: {}')).toEqual({ event: 'session-ended', data: {} });
  });
});
