/** 红旗窗口 / 服务明星 scoring (domain/clerk-ranking.ts) and the day digest's window time (domain/clerk-day.ts). */
import { describe, expect, it } from 'vitest';
import { rankCandidates, type Candidate, type RankingWeights } from '../../server/domain/clerk-ranking';
import { addLine, digestClerkDay, dutyFigures, emptyLine } from '../../server/domain/clerk-day';

const quick: Candidate = { key: 'quick', served: 120, rate: 0.9, handlingP50Seconds: 240, noShowRate: 0.1 };
const liked: Candidate = { key: 'liked', served: 60, rate: 1, handlingP50Seconds: 480, noShowRate: 0.05 };
const newcomer: Candidate = { key: 'newcomer', served: 5, rate: 1, handlingP50Seconds: 100, noShowRate: 0 };
const weights = (w: Partial<RankingWeights>): RankingWeights => ({ satisfaction: 0, served: 0, handling: 0, noShowRate: 0, minServed: 30, ...w });

describe('the quarterly ranking', () => {
  it('puts the busiest first when served counts, the best-liked first when satisfaction does', () => {
    expect(rankCandidates([quick, liked], weights({ served: 1 })).ranked.map((r) => r.key)).toEqual(['quick', 'liked']);
    expect(rankCandidates([quick, liked], weights({ satisfaction: 1 })).ranked.map((r) => r.key)).toEqual(['liked', 'quick']);
    expect(rankCandidates([quick, liked], weights({ handling: 1 })).ranked.map((r) => r.key)).toEqual(['quick', 'liked']);
  });

  it('leaves out whoever served fewer than the minimum, and breaks the score down by factor', () => {
    const ranking = rankCandidates([quick, liked, newcomer], weights({ satisfaction: 40, served: 30, handling: 15, noShowRate: 15 }));
    expect(ranking.notQualified).toEqual(['newcomer']);
    const [first] = ranking.ranked;
    // quick: 90 × 40 + 100 × 30 + 100 × 15 + 90 × 15 = 9450 / 100
    expect(first).toMatchObject({ key: 'quick', rank: 1, score: 94.5 });
    expect(first?.factors.map((f) => [f.factor, f.points, f.weighted])).toEqual([
      ['satisfaction', 90, 36], ['served', 100, 30], ['handling', 100, 15], ['noShowRate', 90, 13.5],
    ]);
    expect(first?.factors.reduce((s, f) => s + f.weighted, 0)).toBeCloseTo(94.5);
  });
});

describe('a day of window time', () => {
  const start = Date.parse('2026-11-26T16:00:00Z');
  const min = 60_000;

  it('credits the clerk who opened the window, also for a hardware caller’s calls, and cuts at the end of what is known', () => {
    const digest = digestClerkDay({
      start,
      end: start + 60 * min,
      windowStates: [
        { at: start + 10 * min, windowId: 'w1', state: 'open', actorStaff: 'clerk1' },
        { at: start + 20 * min, windowId: 'w1', state: 'serving' }, // the caller on the desk: no staff actor
        { at: start + 25 * min, windowId: 'w1', state: 'open' },
        { at: start + 30 * min, windowId: 'w1', state: 'paused', pauseReason: 'system', actorStaff: 'clerk1' },
        { at: start + 40 * min, windowId: 'w1', state: 'closed', actorStaff: 'manager' }, // released by a manager
        { at: start + 50 * min, windowId: 'w1', state: 'open', actorStaff: 'clerk2' },
      ],
      handled: [],
      recalls: [],
      ratings: [{ staffId: 'clerk1', windowId: 'w1', score: 4, n: 3 }],
    });
    const one = dutyFigures(digest.clerks.clerk1 ?? emptyLine());
    expect(one).toMatchObject({ onDutySeconds: 30 * 60, servingSeconds: 5 * 60, idleSeconds: 15 * 60, pauseSeconds: { system: 10 * 60 }, ratings: 3, rate: 1 });
    expect(digest.clerks.manager).toBeUndefined();
    expect(dutyFigures(digest.clerks.clerk2 ?? emptyLine()).onDutySeconds).toBe(10 * 60);
    expect(dutyFigures(digest.windows.w1 ?? emptyLine()).onDutySeconds).toBe(40 * 60);
  });

  it('adds days up with exact percentiles', () => {
    const a = { ...emptyLine(), served: 2, handling: [100, 300] };
    const b = { ...emptyLine(), served: 3, handling: [50, 200, 400] };
    const sum = emptyLine();
    addLine(sum, a);
    addLine(sum, b);
    expect(sum.handling).toEqual([50, 100, 200, 300, 400]);
    expect(dutyFigures(sum)).toMatchObject({ served: 5, handlingP50Seconds: 200, handlingP90Seconds: 400 });
  });
});
