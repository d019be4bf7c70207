/**
 * Cross-hall reports: a date range (the halls' own days), a grouping and optionally one hall; the table of
 * volumes, waits, no-shows and 满意率 with its total, when the figures are as of, and the XLSX download in
 * the page's language.
 */
import { centreReportRoutes, GROUPING_WORDS, REPORT_COLUMNS, REPORT_GROUPINGS, type ReportFigures, type ReportGrouping, type ReportReply, type ReportRow } from '../server/protocol/centre-reports';
import { clock, h, minutesOf, percent, table } from './dom';
import { language, t, w, windowText } from './i18n';
import { download, request } from './api';

export interface HallChoice {
  readonly code: string;
  readonly name: string;
}

const RATES = new Set<string>(['noShowRate', 'waitWithinLimitRate', 'satisfactionRate']);

function figureCells(f: ReportFigures): string[] {
  return REPORT_COLUMNS.map(([key]) => {
    const v = f[key];
    if (RATES.has(key)) return percent(v);
    if (key.endsWith('Seconds')) return minutesOf(v);
    return v === undefined ? '–' : String(v);
  });
}

function subjectHeaders(by: ReportGrouping): string[] {
  if (by === 'hall') return [t('hall')];
  if (by === 'category') return [t('category')];
  return [t('hall'), by === 'window' ? t('window') : t('clerk')];
}

function subjectCells(by: ReportGrouping, row: ReportRow): string[] {
  switch (by) {
    case 'hall':
      return [row.hallName ?? ''];
    case 'category':
      return [row.category ? row.category : t('noCategory')];
    case 'window':
      return [row.hallName ?? '', row.windowId ? windowText(row.windowNumber, row.windowName, row.windowId) : t('noWindow')];
    case 'clerk':
      return [row.hallName ?? '', row.clerk ? row.clerk : t('nobody')];
  }
}

export function renderReportTable(report: ReportReply): HTMLElement {
  const heads = [...subjectHeaders(report.by), ...REPORT_COLUMNS.map(([, words]) => w(words))];
  const blanks = subjectHeaders(report.by).length - 1;
  const rows = [
    ...report.rows.map((r) => [...subjectCells(report.by, r), ...figureCells(r)]),
    [t('total'), ...Array<string>(blanks).fill(''), ...figureCells(report.total)],
  ];
  const out = table(heads, rows, { id: 'report-table', class: 'report-table' });
  out.tBodies[0]?.lastElementChild?.classList.add('total');
  return out;
}

/** Today in the viewer's calendar, 'YYYY-MM-DD'. */
export function todayText(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function renderReports(halls: () => readonly HallChoice[], fail: (error: unknown) => void): HTMLElement {
  const today = todayText();
  const from = h('input', { type: 'date', name: 'from', id: 'report-from', value: today, required: true });
  const to = h('input', { type: 'date', name: 'to', id: 'report-to', value: today, required: true });
  const by = h('select', { name: 'by', id: 'report-by' }, ...REPORT_GROUPINGS.map((g) => h('option', { value: g }, w(GROUPING_WORDS[g]))));
  const hall = h('select', { name: 'hall', id: 'report-hall' }, h('option', { value: '' }, t('allHalls')), ...halls().map((x) => h('option', { value: x.code }, x.name)));
  if (halls().length === 1) hall.value = halls()[0]?.code ?? '';
  const output = h('div', { id: 'report', 'aria-live': 'polite' });
  const query = (): { from: string; to: string; by: ReportGrouping; hall?: string } => ({
    from: from.value, to: to.value, by: by.value as ReportGrouping, ...(hall.value ? { hall: hall.value } : {}),
  });
  const show = async (): Promise<void> => {
    output.replaceChildren(h('p', {}, t('loading')));
    const report = await request(centreReportRoutes.report, { query: query() });
    output.replaceChildren(
      h('p', { class: 'muted', id: 'report-as-of' },
        `${w(GROUPING_WORDS[report.by])} · ${report.from} – ${report.to} · ${t('asOf')} ${clock(report.asOf, undefined, true)}`,
        report.pendingDays > 0 ? ` · ${report.pendingDays} ${t('pending')}` : ''),
      report.rows.length === 0 ? h('p', { id: 'report-empty' }, t('noRows')) : renderReportTable(report),
      h('p', { class: 'note' }, t('satisfactionRule')),
    );
  };
  const run = (work: () => Promise<unknown>) => (): void => void work().catch(fail);
  const form = h(
    'form',
    { class: 'inline', id: 'report-form' },
    h('label', { for: 'report-from' }, t('from')), from,
    h('label', { for: 'report-to' }, t('to')), to,
    h('label', { for: 'report-by' }, t('grouping')), by,
    h('label', { for: 'report-hall' }, t('hall')), hall,
    h('button', { type: 'submit' }, t('show')),
    h('button', {
      type: 'button', id: 'download-xlsx',
      onclick: run(() => download(centreReportRoutes.exportReport, { query: { ...query(), lang: language() } }, `hallq-city-report-${by.value}-${from.value}_${to.value}.xlsx`)),
    }, t('downloadXlsx')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(show)();
  });
  return h('section', { class: 'card' }, h('h2', {}, t('tabReports')), form, output);
}
