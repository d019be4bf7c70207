/** The pure 电子监察 rules and working-day arithmetic: limits on both sides, one alert per occurrence. */
import { describe, expect, it } from 'vitest';
import { DEVICE_OFFLINE_GRACE_MS, overdueConditions, planAlerts, type AlertFacts } from '../../server/domain/alert-rules';
import { addWorkingDays, endOfDay } from '../../server/domain/working-days';
import { percentile } from '../../server/domain/report-figures';
import type { Service, Ticket, Window } from '../../server/domain/types';

const MIN = 60_000;
const service: Service = { id: 'A', name: 'A', nameEn: 'A', prefix: 'A', rangeStart: 1, rangeEnd: 999, defaultServiceMinutes: 5, waitLimitMinutes: 30, serviceLimitMinutes: 15, hours: [] };
const window: Window = { id: 'w1', number: 1, name: '1号窗口', serves: [{ serviceId: 'A', weight: 1 }] };
const ticket = (over: Partial<Ticket>): Ticket => ({
  id: 't1', day: '2026-11-27', serviceId: 'A', number: 'A001', priority: 'normal', status: 'waiting', trackToken: 'x', arrivedAt: 0, issuedAt: 0,
  isReturn: false, callCount: 0, waitingAhead: 0, estimatedWaitMinutes: 0, ...over,
});
const facts = (over: Partial<AlertFacts>): AlertFacts => ({
  now: 0, tickets: [], services: new Map([['A', service]]), windows: new Map([['w1', window]]), statuses: new Map(), devices: [], pauseLimitMinutes: 10, ...over,
});

describe('overdueConditions', () => {
  it('raises a wait alert only strictly past the limit', () => {
    expect(overdueConditions(facts({ now: 30 * MIN, tickets: [ticket({})] }))).toEqual([]);
    expect(overdueConditions(facts({ now: 30 * MIN + 1, tickets: [ticket({})] }))).toEqual([
      expect.objectContaining({ kind: 'wait-overdue', key: 'wait-overdue:t1:0', subject: 'A001', limitMinutes: 30 }),
    ]);
  });

  it('times service from the first call, pauses from the pause; paper-out at once, other outages after a grace', () => {
    const called = ticket({ status: 'called', firstCalledAt: 10 * MIN, calledAt: 20 * MIN, windowId: 'w1' });
    expect(overdueConditions(facts({ now: 25 * MIN + 1, tickets: [called] })).map((c) => c.kind)).toEqual(['service-overdue']);
    const paused = new Map([['w1', { windowId: 'w1', state: 'paused' as const, since: 0, isAutoCall: false }]]);
    expect(overdueConditions(facts({ now: 10 * MIN, statuses: paused }))).toEqual([]);
    expect(overdueConditions(facts({ now: 10 * MIN + 1, statuses: paused })).map((c) => c.kind)).toEqual(['pause-overdue']);
    const devices = [
      { id: 'p', kind: 'printer', status: 'offline' as const, code: 'paper-out', since: 5 },
      { id: 'k', kind: 'keypad', status: 'error' as const, since: 6 },
      { id: 'ok', kind: 'printer', status: 'online' as const, code: 'paper-near-end', since: 7 },
    ];
    expect(overdueConditions(facts({ now: 6 + DEVICE_OFFLINE_GRACE_MS - 1, devices })).map((c) => c.key)).toEqual(['paper-out:p:5']);
    expect(overdueConditions(facts({ now: 6 + DEVICE_OFFLINE_GRACE_MS, devices })).map((c) => c.key)).toEqual(['paper-out:p:5', 'device-offline:k:6']);
  });
});

describe('planAlerts', () => {
  it('raises unseen conditions once and clears ended ones', () => {
    const [c] = overdueConditions(facts({ now: 31 * MIN, tickets: [ticket({})] }));
    if (!c) throw new Error('no condition');
    expect(planAlerts([c], [], new Set())).toEqual({ raise: [c], clear: [] });
    expect(planAlerts([c], [{ id: 'a1', key: c.key }], new Set([c.key]))).toEqual({ raise: [], clear: [] });
    expect(planAlerts([], [{ id: 'a1', key: c.key }], new Set([c.key]))).toEqual({ raise: [], clear: ['a1'] });
  });
});

describe('working days', () => {
  const none = { holidays: new Set<string>(), workdays: new Set<string>() };
  it('skips weekends and holidays and counts 调休 weekend days', () => {
    expect(addWorkingDays('2026-11-27', 5, none)).toBe('2026-12-04');
    expect(addWorkingDays('2026-11-27', 5, { holidays: new Set(['2026-12-01']), workdays: new Set() })).toBe('2026-12-07');
    expect(addWorkingDays('2026-11-27', 1, { holidays: new Set(), workdays: new Set(['2026-11-28']) })).toBe('2026-11-28');
    expect(addWorkingDays('2026-09-30', 15, { holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']), workdays: new Set(['2026-10-10']) })).toBe('2026-10-27');
  });

  it('ends a day at the hall’s local midnight', () => {
    expect(endOfDay('2026-12-07', 'Asia/Shanghai')).toBe(Date.parse('2026-12-08T00:00:00+08:00'));
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
  });
});
