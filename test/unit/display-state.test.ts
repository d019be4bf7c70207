import { describe, expect, it } from 'vitest';
import type { PublicEvent } from '../../server/protocol/events';
import type { CallView, HallSnapshot, WindowView } from '../../server/protocol/model';
import { applyEvent, fromSnapshot, isFreshCall, nowCalling, RECENT_LIMIT, type DisplayState } from '../../display-ui/display/state';
import type { DisplayFilter } from '../../display-ui/display/filters';

const NOW = 1_800_000_000_000;
const none: DisplayFilter = {};

function win(id: string, number: number, area = '一楼', services = ['A']): WindowView {
  return { id, number, name: `${number}号窗口`, area, services, weights: [], state: 'open', since: 0, isAutoCall: false };
}
function call(seq: number, number: string, windowNumber = 1, extra: Partial<CallView> = {}): CallView {
  return { seq, ticketId: `t-${number}`, number, serviceId: number[0] ?? 'A', windowId: `w${windowNumber}`, windowNumber, isRecall: false, callCount: 1, at: NOW - 1000, ...extra };
}
function snapshot(recentCalls: CallView[] = [], seq = 10): HallSnapshot {
  return {
    seq, day: '2026-11-27', now: NOW,
    hall: { name: '示范区政务服务中心', timeZone: 'Asia/Shanghai', language: 'zh-CN' },
    services: [], windows: [win('w1', 1), win('w2', 2, '二楼', ['B'])], recentCalls, notices: ['请携带身份证'],
  };
}
function called(c: CallView): PublicEvent {
  return { seq: c.seq, at: c.at, type: 'ticket:called', data: { call: c } };
}

describe('display state reducer', () => {
  it('builds from a snapshot newest first, one row per ticket, filtered', () => {
    const state = fromSnapshot(snapshot([call(3, 'A001'), call(5, 'B001', 2), call(7, 'A001', 1, { isRecall: true })]), none);
    expect(state.recent.map((c) => [c.number, c.isRecall])).toEqual([['A001', true], ['B001', false]]);
    const upstairs = fromSnapshot(snapshot([call(3, 'A001'), call(5, 'B001', 2)]), { areas: new Set(['二楼']) });
    expect(upstairs.recent.map((c) => c.number)).toEqual(['B001']);
  });

  it('adds calls, moves a recall back to the top, and reports each call to announce', () => {
    let state: DisplayState = fromSnapshot(snapshot(), none);
    const steps = [call(11, 'A001'), call(12, 'B001', 2), call(13, 'A001', 1, { isRecall: true })];
    const announced: string[] = [];
    for (const c of steps) {
      const r = applyEvent(state, called(c), none);
      state = r.state;
      announced.push(...r.calls.map((x) => `${x.number}${x.isRecall ? '!' : ''}`));
    }
    expect(announced).toEqual(['A001', 'B001', 'A001!']);
    expect(state.recent.map((c) => c.number)).toEqual(['A001', 'B001']);
    expect(state.seq).toBe(13);
  });

  it('ignores facts it already has and calls other screens show', () => {
    const state = fromSnapshot(snapshot([], 20), none);
    expect(applyEvent(state, called(call(20, 'A001')), none).calls).toEqual([]);
    const filtered = applyEvent(state, called(call(21, 'A001')), { services: new Set(['B']) });
    expect(filtered.calls).toEqual([]);
    expect(filtered.state.recent).toEqual([]);
    expect(filtered.state.seq).toBe(21);
  });

  it('keeps at most RECENT_LIMIT calls however many arrive', () => {
    let state = fromSnapshot(snapshot([], 0), none);
    for (let i = 1; i <= 5000; i++) state = applyEvent(state, called(call(i, `A${String(i % 1000).padStart(3, '0')}`, 1, { ticketId: `t${i}` })), none).state;
    expect(state.recent).toHaveLength(RECENT_LIMIT);
    expect(state.recent[0]?.seq).toBe(5000);
  });

  it('updates notices and windows, and clears the list when the day rolls', () => {
    let state = fromSnapshot(snapshot([call(3, 'A001')]), none);
    state = applyEvent(state, { seq: 11, at: NOW, type: 'notices:updated', data: { notices: ['新公告'] } }, none).state;
    expect(state.notices).toEqual(['新公告']);
    state = applyEvent(state, { seq: 12, at: NOW, type: 'window:updated', data: { window: win('w1', 1, '三楼') } }, none).state;
    expect(state.windows.get('w1')?.area).toBe('三楼');
    state = applyEvent(state, { seq: 13, at: NOW, type: 'day:rolled', data: { day: '2026-11-28' } }, none).state;
    expect(state.recent).toEqual([]);
    expect(state.day).toBe('2026-11-28');
  });

  it('shows "now calling" only for recent calls, and none while offline', () => {
    const state = fromSnapshot(snapshot([call(1, 'A001', 1, { at: NOW - 60_000 }), call(2, 'A002', 1, { at: NOW - 2000 }), call(3, 'B001', 2, { at: NOW - 1000 })]), none);
    expect(nowCalling(state, NOW, 10_000, 3, true).map((c) => c.number)).toEqual(['B001', 'A002']);
    expect(nowCalling(state, NOW, 10_000, 1, true).map((c) => c.number)).toEqual(['B001']);
    expect(nowCalling(state, NOW, 10_000, 3, false)).toEqual([]);
  });

  it('announces a replayed call only while it is still recent', () => {
    expect(isFreshCall(call(1, 'A001', 1, { at: NOW - 30_000 }), NOW, 120_000)).toBe(true);
    expect(isFreshCall(call(1, 'A001', 1, { at: NOW - 10 * 60_000 }), NOW, 120_000)).toBe(false);
  });
});
