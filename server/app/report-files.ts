/**
 * The report and ratings exports as tables (the same columns in CSV and XLSX: server/app/table-files.ts
 * writes them, with its rule against formula injection).
 */
import type { HourLine, RatingRecord, Report, ReportLine } from '../protocol/reports';
import type { Cell, Table } from './table-files';
import { CONSOLE_WORDS } from '../protocol/console-words';
import { RATING_WORDS } from '../protocol/rating-words';
import { localDateTime } from '../domain/local-time';

/** The first column is named by what the table counts (issue 19: every table was headed alike). */
const reportColumns = (first: string): string[] => [
  first, '取号 Arrivals', '办结 Served', '过号 No-shows', '过号率 No-show rate', '等候P50(分) Wait p50 min', '等候P90(分) Wait p90 min',
  '平均等候(分) Mean wait min', '办理P50(分) Service p50 min', '办理P90(分) Service p90 min', '评价数 Ratings', '满意率 Satisfaction', '差评 Bad',
];

const minutes = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s / 6) / 10);
const ratio = (r: number | undefined): number | undefined => (r === undefined ? undefined : Math.round(r * 1000) / 1000);

/** An hour's line leaves the rating cells empty: ratings are not counted by hour. */
function reportRow(l: ReportLine | HourLine): Cell[] {
  const rated = 'ratings' in l ? [l.ratings, ratio(l.rate), l.bad] : [undefined, undefined, undefined];
  return [
    l.label, l.arrivals, l.served, l.noShows, ratio(l.noShowRate), minutes(l.waitP50Seconds), minutes(l.waitP90Seconds), minutes(l.waitMeanSeconds),
    minutes(l.serviceP50Seconds), minutes(l.serviceP90Seconds), ...rated,
  ];
}

export function reportTables(report: Report): Table[] {
  return [
    { name: '按事项 By service', columns: reportColumns('事项 Service'), rows: [...report.byService.map(reportRow), reportRow(report.total)] },
    { name: '按窗口 By window', columns: reportColumns('窗口 Window'), rows: report.byWindow.map(reportRow) },
    { name: '按时段 By hour', columns: reportColumns('时段 Hour'), rows: report.byHour.map(reportRow) },
  ];
}

/** The 好差评 file as the hall reads it: Chinese headings and words, hall-local times (issue 19). */
const RATING_COLUMNS = [
  '票据ID', '号码', '业务日期', '事项编号', '事项', '窗口编号', '窗口', '工号', '评价等级', '评价', '原因', '意见', '评价渠道', '取号时间', '办结时间', '评价时间', '申诉状态',
] as const;

const pick = <K extends string>(table: Readonly<Record<K, string>>, code: string, otherwise: string): string => (Object.hasOwn(table, code) ? table[code as K] : otherwise);

export function ratingsTable(records: readonly RatingRecord[], timeZone: string): Table {
  const words = CONSOLE_WORDS['zh-CN'];
  const tags = RATING_WORDS['zh-CN'].tags;
  const time = (at: number | undefined): string | undefined => (at === undefined ? undefined : localDateTime(at, timeZone));
  return {
    name: '好差评',
    columns: RATING_COLUMNS,
    rows: records.map((r) => [
      r.ticketId, r.number, r.day, r.serviceId, r.serviceName, r.windowId, r.windowNumber === undefined ? undefined : words.window(r.windowNumber), r.staffId, r.level, r.levelName,
      r.reasons.map((t) => pick(tags, t, tags.other)).join('、'), r.comment, pick(words.ratingChannels, r.channel, r.channel), time(r.issuedAt), time(r.finishedAt), time(r.ratedAt),
      pick(words.appealStates, r.appealStatus, r.appealStatus),
    ]),
  };
}
