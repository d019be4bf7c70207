/**
 * The manager console's reports: figures for a date range (JSON, or a CSV/XLSX file), satisfaction, the
 * quarterly ranking, and the 好差评 records as a file (delivery to the province: routes/province.ts). Registered by
 * server/transport/http/manager-reports-routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { RangeQuery, TicketExportQuery, RankingQuery, RankingRow, RatingsExport, Report, SatisfactionQuery, SatisfactionRow } from '../reports';
import { ClerkReport, ClerkReportQuery, Honours, HonoursQuery } from '../clerk-reports';

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
    description: 'One record per rating, keyed by ticket (办件编号), with its level, reasons, appeal status and when the province acknowledged it (`uploadedAt`); no visitor data. `format=csv` or `format=xlsx` answers a file.',
  }),
  ticketsExport: defineRoute({
    method: 'GET', path: '/api/reports/tickets', tags: ['reports'], access: 'manager', query: TicketExportQuery, reply: Type.String(), file: { contentTypes: TABLE_FILE_TYPES },
    summary: 'The tickets of a date range as a spreadsheet',
    description: 'One row per ticket: day, number, service, priority, status, close reason, window, clerk, issue/call/finish times (hall-local), wait and service minutes, calls, rating. The same columns as `hallq export`; Chinese headers and words unless `lang=en`. No visitor data.',
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
  clerkReport: defineRoute({
    method: 'GET', path: '/api/reports/clerks', tags: ['reports'], access: 'manager', query: ClerkReportQuery, reply: ClerkReport,
    summary: '人员考核: figures per clerk and per window for a date range',
    description: 'Per clerk (by name) and per window, for each day, month or quarter of from..to or the whole range (`period`, default range): served, handling p50/p90, no-shows, recalls, transfers, pause time by reason, on-duty, serving and idle time, ratings and satisfaction. Added up from stored daily digests. `format=csv` or `format=xlsx` answers a file with Chinese headers.',
  }),
  honours: defineRoute({
    method: 'GET', path: '/api/reports/honours', tags: ['reports'], access: 'manager', query: HonoursQuery, reply: Honours,
    summary: "The quarter's 红旗窗口 and 服务明星",
    description: 'Windows and clerks ranked by a score out of 100 from satisfaction, served, handling time and no-show rate, weighted as hallq.yaml `policy.ranking` says (minimum served to qualify); each row carries its score broken down. `format=csv` or `format=xlsx` answers a file.',
  }),
} as const;
