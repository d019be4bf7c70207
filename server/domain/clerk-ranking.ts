/**
 * The quarterly 红旗窗口 (windows) and 服务明星 (clerks): a score out of 100 from four factors the hall weights
 * (hallq.yaml `policy.ranking`), each factor first turned into points out of 100 among the candidates that
 * qualify (served at least `minServed`). Pure; the figures come from the per-clerk day digests.
 *
 * Points: satisfaction = the satisfaction rate × 100; served = served / the most served × 100; handling =
 * the shortest handling p50 / own p50 × 100 (quicker is better; none measured = 0); no-show rate =
 * (1 − rate) × 100. Score = Σ weight × points / Σ weights, rounded to 0.1.
 */

export const RANKING_FACTORS = ['satisfaction', 'served', 'handling', 'noShowRate'] as const;
export type RankingFactor = (typeof RANKING_FACTORS)[number];

export interface RankingWeights {
  readonly satisfaction: number;
  readonly served: number;
  readonly handling: number;
  readonly noShowRate: number;
  /** Served in the quarter to be ranked at all: a window open for two days is not a 红旗窗口. */
  readonly minServed: number;
}

/** The weighting when the hall sets none: satisfaction first, as the 好差评 rules ask. */
export const DEFAULT_RANKING_WEIGHTS: RankingWeights = { satisfaction: 40, served: 30, handling: 15, noShowRate: 15, minServed: 30 };

export interface Candidate {
  readonly key: string;
  readonly served: number;
  readonly rate: number | undefined;
  readonly handlingP50Seconds: number | undefined;
  readonly noShowRate: number | undefined;
}

export interface FactorScore {
  readonly factor: RankingFactor;
  /** The candidate's figure the points come from (a rate, a count or seconds); absent when not measured. */
  readonly value?: number;
  readonly points: number;
  readonly weight: number;
  /** weight × points / Σ weights: the factor's share of the score. */
  readonly weighted: number;
}

export interface Ranked {
  readonly key: string;
  readonly rank: number;
  readonly score: number;
  readonly factors: readonly FactorScore[];
}

export interface Ranking {
  readonly ranked: readonly Ranked[];
  /** Candidates below `minServed`, by key. */
  readonly notQualified: readonly string[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function rankCandidates(candidates: readonly Candidate[], weights: RankingWeights): Ranking {
  const qualified = candidates.filter((c) => c.served >= weights.minServed && c.served > 0);
  const notQualified = candidates.filter((c) => !qualified.includes(c)).map((c) => c.key);
  const mostServed = Math.max(0, ...qualified.map((c) => c.served));
  const quickest = Math.min(Infinity, ...qualified.flatMap((c) => (c.handlingP50Seconds !== undefined && c.handlingP50Seconds > 0 ? [c.handlingP50Seconds] : [])));
  const total = RANKING_FACTORS.reduce((s, f) => s + Math.max(0, weights[f]), 0);
  const pointsOf = (c: Candidate): Record<RankingFactor, { value?: number; points: number }> => ({
    satisfaction: c.rate === undefined ? { points: 0 } : { value: c.rate, points: c.rate * 100 },
    served: { value: c.served, points: mostServed > 0 ? (c.served / mostServed) * 100 : 0 },
    handling:
      c.handlingP50Seconds === undefined
        ? { points: 0 }
        : { value: c.handlingP50Seconds, points: c.handlingP50Seconds > 0 && Number.isFinite(quickest) ? (quickest / c.handlingP50Seconds) * 100 : 100 },
    noShowRate: c.noShowRate === undefined ? { value: 0, points: 100 } : { value: c.noShowRate, points: (1 - c.noShowRate) * 100 },
  });
  const scored = qualified.map((c) => {
    const points = pointsOf(c);
    const factors = RANKING_FACTORS.map((factor): FactorScore => {
      const weight = Math.max(0, weights[factor]);
      const p = points[factor];
      return { factor, ...(p.value !== undefined ? { value: p.value } : {}), points: round1(p.points), weight, weighted: total > 0 ? round1((weight * p.points) / total) : 0 };
    });
    const score = total > 0 ? round1(RANKING_FACTORS.reduce((s, f) => s + Math.max(0, weights[f]) * points[f].points, 0) / total) : 0;
    return { candidate: c, score, factors };
  });
  scored.sort((a, b) => b.score - a.score || b.candidate.served - a.candidate.served || a.candidate.key.localeCompare(b.candidate.key));
  return { ranked: scored.map((s, i) => ({ key: s.candidate.key, rank: i + 1, score: s.score, factors: s.factors })), notQualified };
}
