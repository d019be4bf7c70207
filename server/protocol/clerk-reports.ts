/**
 * 人员考核 (issue 19): per-clerk and per-window figures for a date range (GET /api/reports/clerks) and the
 * quarter's 红旗窗口 and 服务明星 (GET /api/reports/honours). Definitions: server/domain/clerk-day.ts and
 * server/domain/clerk-ranking.ts; docs/manager.md. Times in seconds; satisfaction as every report.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PAUSE_REASONS } from './model';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Count = Type.Integer({ minimum: 0 });

/** `period`: one line per clerk per day, month or quarter, or one for the whole range. */
export const ClerkReportQuery = Type.Object(
  {
    from: Day,
    to: Day,
    period: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('quarter'), Type.Literal('range')])),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
  },
  { additionalProperties: false },
);
export type ClerkReportQuery = Static<typeof ClerkReportQuery>;

export const HonoursQuery = Type.Object(
  { quarter: Type.String({ pattern: '^\\d{4}-Q[1-4]$' }), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])) },
  { additionalProperties: false },
);
export type HonoursQuery = Static<typeof HonoursQuery>;

const PauseSeconds = Type.Object(Object.fromEntries(PAUSE_REASONS.map((r) => [r, Type.Optional(Count)])), { additionalProperties: false });

/** One clerk (key = username, label = the staff member's name) or window in one period. */
export const DutyLine = Type.Object({
  period: Type.String(),
  key: Type.String(),
  label: Type.String(),
  served: Count,
  handlingP50Seconds: Type.Optional(Type.Number()),
  handlingP90Seconds: Type.Optional(Type.Number()),
  noShows: Count,
  noShowRate: Type.Optional(Type.Number()),
  recalls: Count,
  transfers: Count,
  pauseSeconds: PauseSeconds,
  pauseTotalSeconds: Count,
  /** The window not closed with this clerk signed in: serving + idle + paused. */
  onDutySeconds: Count,
  servingSeconds: Count,
  idleSeconds: Count,
  ratings: Count,
  satisfied: Count,
  bad: Count,
  rate: Type.Optional(Type.Number()),
  byLevel: Type.Object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }),
});
export type DutyLine = Static<typeof DutyLine>;

export const ClerkReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  period: Type.String(),
  clerks: Type.Array(DutyLine),
  windows: Type.Array(DutyLine),
});
export type ClerkReport = Static<typeof ClerkReport>;

export const RankingFactor = Type.Union([Type.Literal('satisfaction'), Type.Literal('served'), Type.Literal('handling'), Type.Literal('noShowRate')]);

export const HonourRow = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  key: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  served: Count,
  factors: Type.Array(
    Type.Object({
      factor: RankingFactor,
      value: Type.Optional(Type.Number()),
      points: Type.Number(),
      weight: Type.Number(),
      weighted: Type.Number(),
    }),
  ),
});
export type HonourRow = Static<typeof HonourRow>;

export const RankingWeightsView = Type.Object({
  satisfaction: Type.Number(),
  served: Type.Number(),
  handling: Type.Number(),
  noShowRate: Type.Number(),
  minServed: Count,
});

/** 红旗窗口 (windows) and 服务明星 (clerks) of a quarter, with the weighting used and who did not qualify. */
export const Honours = Type.Object({
  quarter: Type.String(),
  from: Type.String(),
  to: Type.String(),
  weights: RankingWeightsView,
  windows: Type.Array(HonourRow),
  clerks: Type.Array(HonourRow),
  notQualified: Type.Object({ windows: Type.Array(Type.String()), clerks: Type.Array(Type.String()) }),
});
export type Honours = Static<typeof Honours>;
