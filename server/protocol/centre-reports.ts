/**
 * The city centre's cross-hall reports and rankings: routes as data, query and reply shapes, and the words
 * the console page and the XLSX file use (zh-CN first). Browser-safe: TypeBox and types only.
 *
 * Days are the halls' own calendar days, `from`..`to` both included. Figures come from the centre's daily
 * and monthly rollups (docs/centre.md, "City console"), so a year reads as fast as a week; `asOf` says when
 * the rollup last caught up and `pendingDays` how many hall-days of the range changed since.
 *
 * A hall viewer reads its own hall only: the centre applies that filter itself, and naming another hall in
 * `hall` is refused (403), whatever else the query says.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route-map';
import { HallCode } from './uplink';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'hall-local calendar day, YYYY-MM-DD' });
const Ms = Type.Integer({ description: 'epoch milliseconds' });

export const REPORT_GROUPINGS = ['hall', 'category', 'window', 'clerk'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const ReportGrouping = Type.Union(REPORT_GROUPINGS.map((g) => Type.Literal(g)));

export const RANKING_KINDS = ['window', 'clerk'] as const;
export type RankingKind = (typeof RANKING_KINDS)[number];

export const ReportLanguage = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export type ReportLanguage = Static<typeof ReportLanguage>;

export const ReportQuery = Type.Object(
  {
    from: Day,
    to: Day,
    by: Type.Optional(ReportGrouping),
    /** One hall only (a hall viewer may name its own hall, or leave it out). */
    hall: Type.Optional(HallCode),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ReportExportQuery = Type.Object(
  { from: Day, to: Day, by: Type.Optional(ReportGrouping), hall: Type.Optional(HallCode), lang: Type.Optional(ReportLanguage) },
  { additionalProperties: false },
);
export type ReportExportQuery = Static<typeof ReportExportQuery>;

export const RankingQuery = Type.Object(
  { from: Day, to: Day, kind: Type.Union(RANKING_KINDS.map((k) => Type.Literal(k))), hall: Type.Optional(HallCode) },
  { additionalProperties: false },
);
export type RankingQuery = Static<typeof RankingQuery>;

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Optional(Type.Number({ minimum: 0, maximum: 1 }));
const Seconds = Type.Optional(Type.Integer({ minimum: 0 }));

/**
 * One group's figures. issued = arrivals (transfer segments are not new arrivals); served = finished;
 * wait = first call − issue; service = finish − first call (p50/p90 nearest rank, to the minute);
 * waitWithinLimitRate = waits at or under the service's limit; satisfactionRate (满意率) = levels 3–5 ÷ all
 * ratings, ratings overturned on appeal left out; bad (差评) = levels 1–2.
 */
export const ReportFigures = Type.Object({
  issued: Count,
  served: Count,
  noShows: Count,
  noShowRate: Rate,
  waitP50Seconds: Seconds,
  waitP90Seconds: Seconds,
  waitMeanSeconds: Seconds,
  waitWithinLimitRate: Rate,
  serviceP50Seconds: Seconds,
  serviceP90Seconds: Seconds,
  serviceMeanSeconds: Seconds,
  ratings: Count,
  satisfied: Count,
  bad: Count,
  satisfactionRate: Rate,
});
export type ReportFigures = Static<typeof ReportFigures>;

/** Who a row is about; which fields are set depends on the grouping. */
export const ReportSubject = Type.Object({
  /** Unique within the reply (e.g. `330106-001|w3`). */
  key: Type.String(),
  hallCode: Type.Optional(Type.String()),
  hallName: Type.Optional(Type.String()),
  /** The 事项 category as the halls name it; empty text for services without one. */
  category: Type.Optional(Type.String()),
  windowId: Type.Optional(Type.String()),
  windowNumber: Type.Optional(Type.Integer()),
  windowName: Type.Optional(Type.String()),
  /** The clerk's username at the hall (names never leave the hall). */
  clerk: Type.Optional(Type.String()),
});
export type ReportSubject = Static<typeof ReportSubject>;

export const ReportRow = Type.Composite([ReportSubject, ReportFigures]);
export type ReportRow = Static<typeof ReportRow>;

export const ReportReply = Type.Object({
  from: Day,
  to: Day,
  by: ReportGrouping,
  hall: Type.Optional(Type.String()),
  /** How many halls the figures cover. */
  halls: Count,
  /** When the rollup last caught up with what the halls sent (absent before its first run). */
  asOf: Type.Optional(Ms),
  /** Hall-days of this range that changed after `asOf` (they show as of the previous rollup). */
  pendingDays: Count,
  rows: Type.Array(ReportRow),
  total: ReportFigures,
});
export type ReportReply = Static<typeof ReportReply>;

export const RankingWeightsView = Type.Object({ satisfaction: Type.Number(), volume: Type.Number(), waitWithinLimit: Type.Number() });

export const RankingEntry = Type.Composite([
  ReportSubject,
  Type.Object({
    rank: Type.Integer({ minimum: 1 }),
    /** 0–100, by the formula the reply states. */
    score: Type.Number(),
    /** served ÷ the most served among the ranked. */
    volumeShare: Type.Number(),
    served: Count,
    ratings: Count,
    satisfactionRate: Rate,
    waitWithinLimitRate: Rate,
  }),
]);
export type RankingEntry = Static<typeof RankingEntry>;

export const RankingReply = Type.Object({
  from: Day,
  to: Day,
  kind: Type.Union(RANKING_KINDS.map((k) => Type.Literal(k))),
  hall: Type.Optional(Type.String()),
  weights: RankingWeightsView,
  minRatings: Count,
  top: Count,
  entries: Type.Array(RankingEntry),
  /** Windows or clerks left out for fewer than `minRatings` ratings. */
  unranked: Count,
  asOf: Type.Optional(Ms),
});
export type RankingReply = Static<typeof RankingReply>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const centreReportRoutes = {
  report: defineRoute({
    method: 'GET', path: '/api/centre/reports', tags: ['centre'], access: 'city-user', query: ReportQuery, reply: ReportReply,
    summary: 'Cross-hall report over a date range',
    description: 'Volumes, wait and service p50/p90, no-shows and 满意率 by hall, 事项 category, window or clerk. A hall viewer gets its own hall only.',
  }),
  exportReport: defineRoute({
    method: 'GET', path: '/api/centre/reports/export', tags: ['centre'], access: 'city-user', query: ReportExportQuery, reply: Type.String({ description: 'XLSX' }),
    file: { contentTypes: [XLSX_TYPE] },
    summary: 'The same report as an XLSX file', description: 'Chinese headers by default (`lang=en` for English); days and times are the halls\u2019 own.',
  }),
  ranking: defineRoute({
    method: 'GET', path: '/api/centre/rankings', tags: ['centre'], access: 'city-user', query: RankingQuery, reply: RankingReply,
    summary: '红旗窗口 (windows) or 服务明星 (clerks), city-wide or in one hall', description: 'The score\u2019s weights are in the reply; the formula is in docs/centre.md.',
  }),
} as const;

type Words = { readonly zh: string; readonly en: string };

export const GROUPING_WORDS: Record<ReportGrouping, Words> = {
  hall: { zh: '按大厅', en: 'By hall' },
  category: { zh: '按事项类别', en: 'By service category' },
  window: { zh: '按窗口', en: 'By window' },
  clerk: { zh: '按工作人员', en: 'By clerk' },
};

export const RANKING_WORDS: Record<RankingKind, Words> = {
  window: { zh: '红旗窗口', en: 'Red-flag windows' },
  clerk: { zh: '服务明星', en: 'Service stars' },
};

/** Column headings, in the order of the page's table and the XLSX sheet. */
export const REPORT_COLUMNS = [
  ['issued', { zh: '取号', en: 'Issued' }],
  ['served', { zh: '办结', en: 'Served' }],
  ['noShows', { zh: '过号', en: 'No-shows' }],
  ['noShowRate', { zh: '过号率', en: 'No-show rate' }],
  ['waitP50Seconds', { zh: '等候P50（分）', en: 'Wait p50 (min)' }],
  ['waitP90Seconds', { zh: '等候P90（分）', en: 'Wait p90 (min)' }],
  ['waitWithinLimitRate', { zh: '限时内等候占比', en: 'Waits within limit' }],
  ['serviceP50Seconds', { zh: '办理P50（分）', en: 'Service p50 (min)' }],
  ['serviceP90Seconds', { zh: '办理P90（分）', en: 'Service p90 (min)' }],
  ['ratings', { zh: '评价数', en: 'Ratings' }],
  ['satisfactionRate', { zh: '满意率', en: 'Satisfaction' }],
  ['bad', { zh: '差评', en: 'Bad ratings' }],
] as const satisfies readonly (readonly [keyof ReportFigures, Words])[];

export const SUBJECT_WORDS = {
  hall: { zh: '大厅', en: 'Hall' },
  hallCode: { zh: '大厅编码', en: 'Hall code' },
  category: { zh: '事项类别', en: 'Category' },
  window: { zh: '窗口', en: 'Window' },
  clerk: { zh: '工作人员（账号）', en: 'Clerk (username)' },
  noCategory: { zh: '未分类', en: 'No category' },
  noWindow: { zh: '未到窗口', en: 'No window' },
  noClerk: { zh: '无人登录', en: 'Nobody signed in' },
  total: { zh: '合计', en: 'Total' },
} as const;

/** The ranking formula in words, as the page states it (weights filled in from the reply). */
export function rankingFormula(w: Static<typeof RankingWeightsView>, minRatings: number, lang: ReportLanguage): string {
  const pct = (x: number): string => `${Math.round((x / (w.satisfaction + w.volume + w.waitWithinLimit || 1)) * 100)}%`;
  return lang === 'en'
    ? `Score = ${pct(w.satisfaction)} satisfaction rate + ${pct(w.volume)} served (relative to the most served) + ${pct(w.waitWithinLimit)} share of waits within the limit; at least ${minRatings} ratings to be ranked.`
    : `得分 = 满意率 × ${pct(w.satisfaction)} + 办结量（相对最多者）× ${pct(w.volume)} + 限时内等候占比 × ${pct(w.waitWithinLimit)}；评价数不少于 ${minRatings} 条方参与排名。`;
}
