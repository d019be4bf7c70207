/**
 * A cross-hall report as an XLSX file: the same rows and total as the page, headings in Chinese (or English),
 * and a sheet that states the range, the grouping, the definitions and when the file was made, in the halls'
 * own time. Written by the one spreadsheet writer (server/app/table-files.ts: exceljs loaded on first use,
 * cells defused against formulas).
 */
import { GROUPING_WORDS, REPORT_COLUMNS, SUBJECT_WORDS, type ReportExportQuery, type ReportFigures, type ReportLanguage, type ReportReply, type ReportRow } from '../../protocol/centre-reports';
import { toXlsx, type Cell, type Table } from '../../app/table-files';
import type { Viewer } from '../domain/access';
import { reportHalls, runReport, type ReportsDeps } from './reports';

const RATE_COLUMNS = new Set<string>(['noShowRate', 'waitWithinLimitRate', 'satisfactionRate']);

function cellOf(column: keyof ReportFigures, figures: ReportFigures): Cell {
  const value = figures[column];
  if (value === undefined) return undefined;
  if (RATE_COLUMNS.has(column)) return Math.round(value * 1000) / 10;
  // Percentiles are whole minutes (their bucket's lower bound); the stored seconds say so exactly.
  if (column.endsWith('Seconds')) return Math.floor(value / 60);
  return value;
}

function subjectColumns(report: ReportReply, lang: 'zh' | 'en'): string[] {
  const w = (k: keyof typeof SUBJECT_WORDS): string => SUBJECT_WORDS[k][lang];
  switch (report.by) {
    case 'hall':
      return [w('hall'), w('hallCode')];
    case 'category':
      return [w('category')];
    case 'window':
      return [w('hall'), w('hallCode'), w('window')];
    case 'clerk':
      return [w('hall'), w('hallCode'), w('clerk')];
  }
}

function subjectCells(report: ReportReply, row: ReportRow, lang: 'zh' | 'en'): Cell[] {
  switch (report.by) {
    case 'hall':
      return [row.hallName, row.hallCode];
    case 'category':
      return [row.category ? row.category : SUBJECT_WORDS.noCategory[lang]];
    case 'window': {
      const label = row.windowId ? (row.windowNumber !== undefined ? (lang === 'zh' ? `${row.windowNumber}号窗口` : `Window ${row.windowNumber}`) : row.windowId) : SUBJECT_WORDS.noWindow[lang];
      const name = row.windowName;
      const isSaid = name !== undefined && (name === label || (row.windowNumber !== undefined && name.includes(`${row.windowNumber}号窗口`)));
      return [row.hallName, row.hallCode, name && !isSaid ? `${label} ${name}` : (name ?? label)];
    }
    case 'clerk':
      return [row.hallName, row.hallCode, row.clerk ? row.clerk : SUBJECT_WORDS.noClerk[lang]];
  }
}

const DEFINITIONS = {
  zh: [
    '日期为各大厅本地日期（含起止两日）。',
    '取号：到厅取号数（转办产生的新号段不重复计算）；办结：已办结的号；过号率 = 过号 ÷（办结 + 过号）。',
    '等候 = 首次叫号 − 取号；办理 = 办结 − 首次叫号；P50/P90 为最近秩百分位，精确到分钟（取该分钟的下界）。',
    '限时内等候占比：等候不超过该事项等候时限的比例。',
    '满意率 = 评价为“基本满意”“满意”“非常满意”（3–5 级）的条数 ÷ 全部评价条数（申诉成立的评价不计）；差评 = 1–2 级。',
  ],
  en: [
    "Days are each hall's own calendar days (both ends included).",
    'Issued: arrivals (a transfer does not count again); served: finished visits; no-show rate = no-shows / (served + no-shows).',
    'Wait = first call − issue; service = finish − first call; p50/p90 are nearest-rank percentiles to the minute (the minute\u2019s lower bound).',
    "Waits within limit: the share of waits at or under the service's wait limit.",
    'Satisfaction = ratings at levels 3–5 (fairly satisfied, satisfied, very satisfied) / all ratings (ratings overturned on appeal are left out); bad = levels 1–2.',
  ],
} as const;

/** `at` in the halls' zone (they share one in a city; otherwise China's), with the zone named. */
function localTime(at: number, zone: string, lang: 'zh' | 'en'): string {
  const text = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(at);
  return `${text} (${zone})`;
}

export interface ReportFile {
  readonly filename: string;
  readonly bytes: Buffer;
}

export async function exportReport(deps: ReportsDeps, viewer: Viewer, query: ReportExportQuery): Promise<ReportFile> {
  const language: ReportLanguage = query.lang ?? 'zh-CN';
  const lang = language === 'en' ? 'en' : 'zh';
  const report = await runReport(deps, viewer, { from: query.from, to: query.to, by: query.by, hall: query.hall });
  const halls = await reportHalls(deps, viewer, query.hall);
  const zones = [...new Set(halls.map((h) => h.timeZone ?? 'Asia/Shanghai'))];
  const zone = zones.length === 1 ? (zones[0] as string) : 'Asia/Shanghai';
  const headings = [...subjectColumns(report, lang), ...REPORT_COLUMNS.map(([key, words]) => (RATE_COLUMNS.has(key) ? `${words[lang]} (%)` : words[lang]))];
  const figureCells = (f: ReportFigures): Cell[] => REPORT_COLUMNS.map(([key]) => cellOf(key, f));
  const blanks = subjectColumns(report, lang).length - 1;
  const summary: Table = {
    name: lang === 'zh' ? '汇总' : 'Summary',
    columns: headings,
    rows: [
      ...report.rows.map((row) => [...subjectCells(report, row, lang), ...figureCells(row)]),
      [SUBJECT_WORDS.total[lang], ...Array<Cell>(blanks).fill(undefined), ...figureCells(report.total)],
    ],
  };
  const about: Table = {
    name: lang === 'zh' ? '说明' : 'About',
    columns: [lang === 'zh' ? '项目' : 'Item', lang === 'zh' ? '内容' : 'Value'],
    rows: [
      [lang === 'zh' ? '日期范围' : 'Days', `${report.from} – ${report.to}`],
      [lang === 'zh' ? '分组' : 'Grouping', GROUPING_WORDS[report.by][lang]],
      [lang === 'zh' ? '大厅数' : 'Halls', report.halls],
      [lang === 'zh' ? '生成时间' : 'Made at', localTime(deps.clock.now(), zone, lang)],
      [lang === 'zh' ? '数据截至' : 'Figures as of', report.asOf === undefined ? '—' : localTime(report.asOf, zone, lang)],
      ...DEFINITIONS[lang].map((text, i): Cell[] => [i === 0 ? (lang === 'zh' ? '口径' : 'Definitions') : '', text]),
    ],
  };
  const bytes = await toXlsx([summary, about], lang === 'zh' ? `跨大厅报表 ${report.from}–${report.to}` : `Cross-hall report ${report.from}–${report.to}`);
  return { filename: `hallq-city-report-${report.by}-${report.from}_${report.to}.xlsx`, bytes };
}
