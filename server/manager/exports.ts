/**
 * Report and ratings files: CSV (UTF-8 with BOM, so Excel in a Chinese locale opens it correctly) and XLSX
 * (exceljs). The columns are the same in both; a cell never starts with = + - @ (formula injection).
 */
import type { HourLine, Report, ReportLine } from './reports';
import type { RatingRecord } from './uploader';

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | undefined)[])[];
}

const REPORT_COLUMNS = [
  '项目 Item', '取号 Arrivals', '办结 Served', '过号 No-shows', '过号率 No-show rate', '等候P50(分) Wait p50 min', '等候P90(分) Wait p90 min',
  '平均等候(分) Mean wait min', '办理P50(分) Service p50 min', '办理P90(分) Service p90 min', '评价数 Ratings', '满意率 Satisfaction', '差评 Bad',
] as const;

const minutes = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s / 6) / 10);
const ratio = (r: number | undefined): number | undefined => (r === undefined ? undefined : Math.round(r * 1000) / 1000);

/** An hour's line leaves the rating cells empty: ratings are not counted by hour. */
function reportRow(l: ReportLine | HourLine): (string | number | undefined)[] {
  const rated = 'ratings' in l ? [l.ratings, ratio(l.rate), l.bad] : [undefined, undefined, undefined];
  return [
    l.label, l.arrivals, l.served, l.noShows, ratio(l.noShowRate), minutes(l.waitP50Seconds), minutes(l.waitP90Seconds), minutes(l.waitMeanSeconds),
    minutes(l.serviceP50Seconds), minutes(l.serviceP90Seconds), ...rated,
  ];
}

export function reportTables(report: Report): Table[] {
  return [
    { name: '按事项 By service', columns: REPORT_COLUMNS, rows: [...report.byService.map(reportRow), reportRow(report.total)] },
    { name: '按窗口 By window', columns: REPORT_COLUMNS, rows: report.byWindow.map(reportRow) },
    { name: '按时段 By hour', columns: REPORT_COLUMNS, rows: report.byHour.map(reportRow) },
  ];
}

export const RATING_COLUMNS = [
  'ticketId', 'number', 'day', 'serviceId', 'serviceName', 'windowId', 'windowNumber', 'staffId', 'level', 'levelName', 'reasons', 'comment',
  'channel', 'issuedAt', 'finishedAt', 'ratedAt', 'appealStatus',
] as const;

export function ratingsTable(records: readonly RatingRecord[]): Table {
  return {
    name: 'ratings',
    columns: RATING_COLUMNS,
    rows: records.map((r) => [
      r.ticketId, r.number, r.day, r.serviceId, r.serviceName, r.windowId, r.windowNumber, r.staffId, r.level, r.levelName, r.reasons.join(';'),
      r.comment, r.channel, r.issuedAt, r.finishedAt, r.ratedAt, r.appealStatus,
    ]),
  };
}

function safeCell(value: string | number | undefined): string | number | undefined {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string | number | undefined): string {
  const v = safeCell(value);
  if (v === undefined) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(tables: readonly Table[]): string {
  const parts = tables.map((t) => [tables.length > 1 ? csvField(`# ${t.name}`) : undefined, t.columns.map(csvField).join(','), ...t.rows.map((r) => r.map(csvField).join(','))].filter((x) => x !== undefined).join('\r\n'));
  return `\uFEFF${parts.join('\r\n\r\n')}\r\n`;
}

export async function toXlsx(tables: readonly Table[], title: string): Promise<Buffer> {
  // Loaded on the first export, not at start: importing exceljs takes about 0.45 s, which every restart of the
  // hub (after a crash too) would otherwise wait for.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'hallq';
  book.title = title;
  for (const t of tables) {
    const sheet = book.addWorksheet(t.name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31));
    sheet.addRow([...t.columns]).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row.map((v) => safeCell(v) ?? null));
    sheet.columns.forEach((c) => (c.width = 16));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
