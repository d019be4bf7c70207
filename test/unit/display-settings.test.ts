import { describe, expect, it } from 'vitest';
import { parseDisplaySettings } from '../../display-ui/display/settings';
import { callMatches, visibleServices } from '../../display-ui/display/filters';
import { asksForReasons, connectionState, dueAlert, nextPollDelay, RATING_CHOICES, RATING_TAG_CHOICES, trackPhase } from '../../display-ui/track/phase';
import type { CallView, ServiceView, TrackView, WindowView } from '../../server/protocol/model';
import { trackTexts } from '../../display-ui/track/i18n';
import { RATING_LEVELS, RATING_TAGS } from '../../server/protocol/model';

describe('display URL settings', () => {
  it('reads filters, voice and layout parameters', () => {
    const s = parseDisplaySettings('?service=A,B&area=一楼&windows=1,2&mute=1&repeat=3&lang=zh-CN,en&volume=0.5&chime=0&rows=6');
    expect([...(s.filter.services ?? [])]).toEqual(['A', 'B']);
    expect([...(s.filter.areas ?? [])]).toEqual(['一楼']);
    expect([...(s.filter.windowNumbers ?? [])]).toEqual([1, 2]);
    expect(s).toMatchObject({ isMuted: true, repeat: 3, language: 'zh-CN', voiceLanguages: ['zh-CN', 'en'], volume: 0.5, withChime: false, rows: 6 });
  });

  it('falls back to defaults on an empty or malformed query, so a typo never blanks a screen', () => {
    const s = parseDisplaySettings('?repeat=lots&volume=9&windows=x,0&lang=fr&rows=500');
    expect(s).toMatchObject({ isMuted: false, repeat: 2, volume: 1, withChime: true, language: undefined, voiceLanguages: undefined, rows: 20 });
    expect(s.filter.windowNumbers).toBeUndefined();
    expect(parseDisplaySettings('').filter).toEqual({ services: undefined, areas: undefined, windowNumbers: undefined });
  });
});

describe('display filters', () => {
  const windows = new Map<string, WindowView>([
    ['w1', { id: 'w1', number: 1, name: '1', area: '一楼', services: ['A'], weights: [], state: 'open', since: 0, isAutoCall: false }],
    ['w7', { id: 'w7', number: 7, name: '7', area: '二楼', services: ['C'], weights: [], state: 'open', since: 0, isAutoCall: false }],
  ]);
  const call = (windowId: string, windowNumber: number, serviceId: string): CallView => ({ seq: 1, ticketId: 't', number: `${serviceId}001`, serviceId, windowId, windowNumber, isRecall: false, callCount: 1, at: 0 });
  const service = (id: string) => ({ id, name: id, nameEn: id, prefix: id, waiting: 0, estimatedWaitMinutes: 0, isAvailable: true, issuedToday: 0, hours: [], waitLimitMinutes: 30, serviceLimitMinutes: 15 }) satisfies ServiceView;

  it('passes a call only when its service and window pass every filter given', () => {
    expect(callMatches({}, call('w7', 7, 'C'), windows)).toBe(true);
    expect(callMatches({ areas: new Set(['一楼']) }, call('w7', 7, 'C'), windows)).toBe(false);
    expect(callMatches({ windowNumbers: new Set([7]), services: new Set(['C']) }, call('w7', 7, 'C'), windows)).toBe(true);
    expect(callMatches({ windowNumbers: new Set([7]), services: new Set(['A']) }, call('w7', 7, 'C'), windows)).toBe(false);
  });

  it('shows the queues of the services the filtered windows serve', () => {
    const services = [service('A'), service('B'), service('C')];
    expect(visibleServices({ areas: new Set(['二楼']) }, services, windows).map((s) => s.id)).toEqual(['C']);
    expect(visibleServices({ services: new Set(['B']) }, services, windows).map((s) => s.id)).toEqual(['B']);
    expect(visibleServices({}, services, windows)).toHaveLength(3);
  });
});

describe('phone page rules', () => {
  const track = (extra: Partial<TrackView>): TrackView => ({ number: 'A001', serviceId: 'A', serviceName: '综合受理', serviceNameEn: 'General', status: 'waiting', waitingAhead: 0, estimatedWaitMinutes: 0, canRate: false, hallName: 'h', ...extra });

  it('maps a ticket to its screen', () => {
    // A parked ticket has its own screen: it used to read as waiting, with 「即将叫号」.
    expect(trackPhase(track({ status: 'parked' }))).toBe('parked');
    expect(trackPhase(track({ status: 'called', windowNumber: 3 }))).toBe('called');
    expect(trackPhase(track({ status: 'done', canRate: true }))).toBe('rate');
    expect(trackPhase(track({ status: 'done', canRate: true, rating: 4 }))).toBe('rated');
    expect(trackPhase(track({ status: 'done' }))).toBe('done');
    expect(trackPhase(track({ status: 'no-show' }))).toBe('no-show');
    expect(trackPhase(track({ status: 'cancelled' }))).toBe('cancelled');
  });

  it('polls often while it matters, backs off on failures, stops when nothing can change', () => {
    expect(nextPollDelay(track({ status: 'waiting' }), 0)).toBe(3000);
    expect(nextPollDelay(track({ status: 'parked' }), 0)).toBe(3000);
    expect(nextPollDelay(track({ status: 'called' }), 0)).toBe(3000);
    expect(nextPollDelay(track({ status: 'done', canRate: true }), 0)).toBe(3000);
    expect(nextPollDelay(track({ status: 'waiting' }), 1)).toBe(3000);
    expect(nextPollDelay(track({ status: 'waiting' }), 3)).toBe(12_000);
    expect(nextPollDelay(track({ status: 'waiting' }), 50)).toBe(30_000);
    expect(nextPollDelay(track({ status: 'done', rating: 5 }), 0)).toBe(0);
    // A 过号 the clerk can still undo may turn into a call again: keep looking until the undo time is over.
    expect(nextPollDelay(track({ status: 'no-show', undoMinutesLeft: 2 }), 0)).toBe(3000);
    expect(nextPollDelay(track({ status: 'no-show' }), 0)).toBe(0);
  });

  it('alerts once when the turn comes near and once per call, never on every poll', () => {
    const given = new Set<string>();
    expect(dueAlert(track({ isNearTurn: false, waitingAhead: 5 }), given)).toBeUndefined();
    const near = dueAlert(track({ isNearTurn: true, waitingAhead: 3 }), given);
    expect(near?.kind).toBe('near');
    given.add(near!.key);
    expect(dueAlert(track({ isNearTurn: true, waitingAhead: 2 }), given)).toBeUndefined();
    const call = dueAlert(track({ status: 'called', calledAt: 1000 }), given);
    expect(call?.kind).toBe('called');
    given.add(call!.key);
    expect(dueAlert(track({ status: 'called', calledAt: 1000 }), given)).toBeUndefined();
    expect(dueAlert(track({ status: 'called', calledAt: 9000 }), given)?.kind).toBe('called'); // a recall
  });

  // Review: the near alert was keyed 'near' for the whole visit, so a visitor transferred to another service
  // (a new queue, often straight to its front) got the banner but no vibration there.
  it('alerts again when the turn comes near in the queue of the service the visitor was sent on to', () => {
    const given = new Set<string>();
    const first = dueAlert(track({ serviceId: 'A', isNearTurn: true, waitingAhead: 1 }), given);
    given.add(first!.key);
    expect(dueAlert(track({ serviceId: 'A', isNearTurn: true, waitingAhead: 0 }), given)).toBeUndefined();
    expect(dueAlert(track({ serviceId: 'B', isNearTurn: true, waitingAhead: 0 }), given)?.kind).toBe('near');
  });

  it('says 挂起, 过号 and a lost connection in words, never codes, in both languages', () => {
    const zh = trackTexts('zh-CN');
    const en = trackTexts('en');
    const zhLines = [zh.nearText(3), zh.parkedHint(2), zh.noShowHint(2, 1), zh.noShowHint(undefined, 1), zh.transferred, zh.cancelled, zh.hubUnreachable, zh.phoneOffline];
    for (const line of zhLines) expect(line).not.toMatch(/[A-Za-z]/);
    expect(zh.hubUnreachable).toBe('系统连接中断，正在重新连接…');
    expect(zh.noShowHint(2, 1)).toContain('工作人员可为您恢复号码');
    expect(zh.noShowHint(undefined, 1)).toContain('重新取号');
    expect(en.noShowHint(2, 1)).toContain('within 2 min');
    expect(en.hubUnreachable).not.toMatch(/your (network|connection)/i);
  });

  it('tells a phone without network from a hall system that does not answer', () => {
    expect(connectionState(0, false)).toBe('ok');
    expect(connectionState(1, false)).toBe('phone-offline');
    expect(connectionState(2, true)).toBe('hub-unreachable');
  });

  it('offers the national five levels and every reason tag, asking reasons for 2 and 1 only', () => {
    expect(RATING_CHOICES).toEqual([...RATING_LEVELS]);
    expect([...RATING_TAG_CHOICES]).toEqual([...RATING_TAGS]);
    expect(RATING_CHOICES.filter(asksForReasons)).toEqual([2, 1]);
  });
});
