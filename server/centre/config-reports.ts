/**
 * The `reports` section of the centre's configuration (server/centre/config.ts): how often the rollup
 * catches up, the longest range a report covers, and the ranking's weights (domain/report-ranking.ts).
 * Every field has a default, so a configuration without the section is complete.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_RANKING } from './domain/report-ranking';

const Weight = (value: number, what: string) => Type.Number({ minimum: 0, maximum: 100, default: value, description: what });

export const CentreReportsSettings = Type.Object(
  {
    /** The rollup runs this often, and before a report when it is older than this. */
    refreshSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
    /** The longest range one report covers (days). */
    maxDays: Type.Integer({ minimum: 1, maximum: 36_600, default: 3660 }),
    ranking: Type.Object(
      {
        weights: Type.Object(
          {
            satisfaction: Weight(DEFAULT_RANKING.weights.satisfaction, '满意率 (levels 3–5 of all ratings)'),
            volume: Weight(DEFAULT_RANKING.weights.volume, 'served, relative to the most served candidate'),
            waitWithinLimit: Weight(DEFAULT_RANKING.weights.waitWithinLimit, "share of waits within the service's limit"),
          },
          { additionalProperties: false, default: {} },
        ),
        minRatings: Type.Integer({ minimum: 0, maximum: 100_000, default: DEFAULT_RANKING.minRatings }),
        top: Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_RANKING.top }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);
export type CentreReportsSettings = Static<typeof CentreReportsSettings>;

export const DEFAULT_REPORTS_SETTINGS: CentreReportsSettings = { refreshSeconds: 30, maxDays: 3660, ranking: DEFAULT_RANKING };
