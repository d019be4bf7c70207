import { describe, expect, it } from 'vitest';
import { parseDisplaySettings } from '../../display-ui/display/settings';
import { callMatches, visibleServices } from '../../display-ui/display/filters';
import { asksForReasons, nextPollDelay, RATING_CHOICES, RATING_TAG_CHOICES, trackPhase } from '../../display-ui/track/phase';
import type { CallView, ServiceView, TrackView, WindowView } from '../../server/protocol/model';
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
    expect(trackPhase(track({ status: 'parked' }))).toBe('waiting');
    expect(trackPhase(track({ status: 'called', windowNumber: 3 }))).toBe('called');
    expect(trackPhase(track({ status: 'done', canRate: true }))).toBe('rate');
    expect(trackPhase(track({ status: 'done', rating: 4 }))).toBe('rated');
    expect(trackPhase(track({ status: 'done' }))).toBe('done');
    expect(trackPhase(track({ status: 'no-show' }))).toBe('closed');
  });

  it('polls often while it matters, backs off on failures, stops when nothing can change', () => {
    expect(nextPollDelay('waiting', 0)).toBe(3000);
    expect(nextPollDelay('called', 0)).toBe(3000);
    expect(nextPollDelay('waiting', 1)).toBe(3000);
    expect(nextPollDelay('waiting', 3)).toBe(12_000);
    expect(nextPollDelay('waiting', 50)).toBe(30_000);
    expect(nextPollDelay('rated', 0)).toBe(0);
  });

  it('offers the national five levels and every reason tag, asking reasons for 2 and 1 only', () => {
    expect(RATING_CHOICES).toEqual([...RATING_LEVELS]);
    expect([...RATING_TAG_CHOICES]).toEqual([...RATING_TAGS]);
    expect(RATING_CHOICES.filter(asksForReasons)).toEqual([2, 1]);
  });
});
