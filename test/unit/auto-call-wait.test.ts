/**
 * The pure halves of two issue-18 rules: who an idle auto-call window calls (domain/auto-call.ts), and what a
 * wait estimate says when no open window serves the service or too few visits were timed (domain/wait-estimate.ts).
 */
import { describe, expect, it } from 'vitest';
import { planAutoCalls } from '../../server/domain/auto-call';
import { estimateWait, GUESS_BELOW_SAMPLES } from '../../server/domain/wait-estimate';
import type { WindowStatus } from '../../server/domain/types';
import { MIN, T0, openStatus, policy, service, ticket, window } from '../support/domain';

const auto = (id: string, since = T0, extra: Partial<WindowStatus> = {}): WindowStatus => ({ ...openStatus(id, `clerk-${id}`, since), isAutoCall: true, ...extra });

describe('auto-call plan', () => {
  const w1 = window('w1', [['A', 1]]);
  const w2 = window('w2', [['A', 1], ['B', 1]]);

  it('gives one ticket to one window only: the one idle longest', () => {
    const only = ticket({ serviceId: 'A' });
    const plan = planAutoCalls([{ window: w1, status: auto('w1', T0 + MIN) }, { window: w2, status: auto('w2', T0) }], [only], policy, T0 + 2 * MIN);
    expect(plan.map((c) => [c.window.id, c.ticket.id])).toEqual([['w2', only.id]]);
  });

  it('gives two tickets to two windows, never the same one twice', () => {
    const [a, b] = [ticket({ arrivedAt: T0 }), ticket({ arrivedAt: T0 + MIN })];
    const plan = planAutoCalls([{ window: w1, status: auto('w1') }, { window: w2, status: auto('w2') }], [a, b], policy, T0 + 2 * MIN);
    expect(new Set(plan.map((c) => c.ticket.id))).toEqual(new Set([a.id, b.id]));
    expect(new Set(plan.map((c) => c.window.id))).toEqual(new Set(['w1', 'w2']));
  });

  it('skips paused, busy, closed and manual windows', () => {
    const waiting = ticket();
    const statuses: WindowStatus[] = [
      auto('w1', T0, { state: 'paused' }),
      auto('w2', T0, { state: 'serving', currentTicketId: 'x' }),
      { ...auto('w1'), state: 'closed' },
      { ...auto('w2'), isAutoCall: false },
    ];
    for (const status of statuses) expect(planAutoCalls([{ window: status.windowId === 'w1' ? w1 : w2, status }], [waiting], policy, T0)).toEqual([]);
  });
});

describe('wait estimate words', () => {
  const a = service({ id: 'A', defaultServiceMinutes: 10 });
  const w1 = window('w1', [['A', 1]]);
  const w4 = window('w4', [['D', 1]]);

  it('promises no time when no open window serves the service (none open, one open for another service, paused)', () => {
    expect(estimateWait(3, a, [], [w1], new Map())).toEqual({ minutes: 0, isUnstaffed: true, isGuess: true });
    expect(estimateWait(3, a, [], [w1, w4], new Map([['w4', openStatus('w4')]]))).toMatchObject({ minutes: 0, isUnstaffed: true });
    expect(estimateWait(3, a, [], [w1], new Map([['w1', { ...openStatus('w1'), state: 'paused' as const }]]))).toMatchObject({ isUnstaffed: true });
    expect(estimateWait(3, a, [], [], new Map())).toMatchObject({ isUnstaffed: true });
  });

  it('gives a figure with an open window, a guess until enough visits were timed', () => {
    const open = new Map([['w1', openStatus('w1')]]);
    expect(estimateWait(3, a, [], [w1], open)).toEqual({ minutes: 30, isUnstaffed: false, isGuess: true });
    const few = Array.from({ length: GUESS_BELOW_SAMPLES - 1 }, () => 10);
    expect(estimateWait(3, a, few, [w1], open).isGuess).toBe(true);
    // A stepped-back clock's negative time is no observation.
    expect(estimateWait(3, a, [...few, -29], [w1], open).isGuess).toBe(true);
    expect(estimateWait(3, a, [...few, 10], [w1], open)).toEqual({ minutes: 30, isUnstaffed: false, isGuess: false });
    expect(estimateWait(0, a, [], [w1], new Map([['w1', { ...openStatus('w1'), state: 'serving' as const }]]))).toMatchObject({ minutes: 0, isUnstaffed: false });
  });
});
