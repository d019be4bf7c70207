/**
 * The manager console's reports: figures for a date range (JSON, or a CSV/XLSX file), satisfaction, the
 * quarterly ranking, and the 好差评 records for the provincial platform. Registered by
 * server/transport/http/manager-reports-routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { RangeQuery, RankingQuery, RankingRow, RatingsExport, Report, SatisfactionQuery, SatisfactionRow, UploadBody, UploadReply } from '../reports';

/** The content types of `format=csv` and `format=xlsx`. */
export const TABLE_FILE_TYPES = ['text/csv; charset=utf-8', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

export const reportRoutes = {
  report: defineRoute({
    method: 'GET', path: '/api/reports', tags: ['reports'], access: 'manager', query: RangeQuery, reply: Report,
    summary: 'Figures for a date range, by service, window and hour',
    description: `Arrivals, served, no-shows and their rate, wait and service p50/p90 and means, ratings and satisfaction, for the business days from..to (at most 400). \`format=csv\` or \`format=xlsx\` answers the same tables as a file (${TABLE_FILE_TYPES.join(', ')}).`,
  }),
  ratingsExport: defineRoute({
    method: 'GET', path: '/api/ratings/export', tags: ['reports'], access: 'manager', query: RangeQuery, reply: RatingsExport,
    summary: 'The 好差评 records of a date range',
    description: 'One record per rating, keyed by ticket (办件编号), with its level, reasons, appeal status and whether it was uploaded; no visitor data. `format=csv` or `format=xlsx` answers a file.',
  }),
  uploadRatings: defineRoute({
    method: 'POST', path: '/api/ratings/upload', tags: ['reports'], access: 'manager', body: UploadBody, reply: UploadReply,
    summary: 'Upload the ratings of a date range to the 好差评 platform',
    description: "Hands the range's ratings not uploaded yet to the hall's uploader (by default a JSON file in <dataDir>/ratings-upload) and records the upload (audited).",
  }),
  satisfaction: defineRoute({
    method: 'GET', path: '/api/ratings/satisfaction', tags: ['reports'], access: 'manager', query: SatisfactionQuery, reply: Type.Array(SatisfactionRow),
    summary: 'Satisfaction by window, clerk or service, per day, month or quarter',
    description: 'Ratings by level and the satisfaction rate (levels 5–3 / all) of each window, clerk or service in each period; ratings overturned on appeal are left out.',
  }),
  ranking: defineRoute({
    method: 'GET', path: '/api/ratings/ranking', tags: ['reports'], access: 'manager', query: RankingQuery, reply: Type.Array(RankingRow),
    summary: "The quarter's ranking of clerks by satisfaction",
    description: 'Clerks ordered by satisfaction rate over the quarter (`2026-Q4`); ties: more ratings first.',
  }),
} as const;
