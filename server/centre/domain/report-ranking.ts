/**
 * 红旗窗口 (windows) and 服务明星 (clerks): a stated, configurable score over a range, pure.
 *
 *   score = 100 × (wS × 满意率 + wV × served ÷ most served among the candidates + wW × share of waits within the limit) ÷ (wS + wV + wW)
 *
 * Only candidates with at least `minRatings` ratings and one visit served are ranked, so one happy visitor
 * does not make a star. Ties: more ratings, then more served, then the key (stable across runs).
 */
import type { Figures } from './report-figures';

export interface RankingWeights {
  readonly satisfaction: number;
  readonly volume: number;
  readonly waitWithinLimit: number;
}

export interface RankingPolicy {
  readonly weights: RankingWeights;
  readonly minRatings: number;
  readonly top: number;
}

export const DEFAULT_RANKING: RankingPolicy = { weights: { satisfaction: 0.5, volume: 0.2, waitWithinLimit: 0.3 }, minRatings: 10, top: 10 };

export interface Candidate<K> {
  readonly key: K;
  /** Stable tie-break text (hall code + window or clerk). */
  readonly sortKey: string;
  readonly figures: Figures;
}

export interface Ranked<K> {
  readonly key: K;
  readonly rank: number;
  readonly score: number;
  readonly volumeShare: number;
  readonly figures: Figures;
}

export interface RankingResult<K> {
  readonly entries: Ranked<K>[];
  /** Candidates left out for too few ratings (or nothing served). */
  readonly unranked: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function rank<K>(candidates: readonly Candidate<K>[], policy: RankingPolicy): RankingResult<K> {
  const eligible = candidates.filter((c) => c.figures.ratings >= policy.minRatings && c.figures.served > 0);
  const mostServed = Math.max(1, ...eligible.map((c) => c.figures.served));
  const { satisfaction: wS, volume: wV, waitWithinLimit: wW } = policy.weights;
  const weightSum = wS + wV + wW;
  const scored = eligible.map((c) => {
    const volumeShare = c.figures.served / mostServed;
    const raw = wS * (c.figures.satisfactionRate ?? 0) + wV * volumeShare + wW * (c.figures.waitWithinLimitRate ?? 0);
    return { c, volumeShare, score: weightSum > 0 ? round1((100 * raw) / weightSum) : 0 };
  });
  scored.sort(
    (a, b) => b.score - a.score || b.c.figures.ratings - a.c.figures.ratings || b.c.figures.served - a.c.figures.served || (a.c.sortKey < b.c.sortKey ? -1 : a.c.sortKey > b.c.sortKey ? 1 : 0),
  );
  return {
    entries: scored.slice(0, policy.top).map((s, i) => ({ key: s.c.key, rank: i + 1, score: s.score, volumeShare: s.volumeShare, figures: s.c.figures })),
    unranked: candidates.length - eligible.length,
  };
}
