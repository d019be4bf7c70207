/**
 * Reports for a date range (tables, CSV/XLSX download, print), ratings export and the quarterly ranking.
 * Ratings reach the province by themselves now (the 好差评上报 tab, province-view.ts): no upload button.
 * The 人员考核 section (per clerk, 红旗窗口 / 服务明星) is clerk-report-view.ts.
 */
import { h, minutes, percent, table } from './dom';
import { language, t, type Key } from './i18n';
import { download, request } from './api';
import type { HourLine, ReportLine } from '../server/protocol/reports';
import { reportRoutes } from '../server/protocol/routes/manager-reports';
import { renderClerkReport } from './clerk-report-view';

/** An hour's line has no rating figures: ratings are not counted by hour. */
type Line = ReportLine | HourLine;

/** `heading` names the first column: 事项, 窗口 or 时段 (issue 19: every table was headed 事项). */
function lines(title: string, heading: Key, rows: Line[], id: string, note?: string): HTMLElement {
  return h(
    'section',
    {},
    h('h3', {}, title),
    table(
      [t(heading), t('arrivals'), t('served'), t('noShows'), t('noShowRate'), t('waitP50'), t('waitP90'), t('serviceP50'), t('serviceP90'), t('ratings'), t('satisfaction'), t('bad')],
      rows.map((l) => {
        const rated = 'ratings' in l ? l : undefined;
        return [l.label, l.arrivals, l.served, l.noShows, percent(l.noShowRate), minutes(l.waitP50Seconds), minutes(l.waitP90Seconds), minutes(l.serviceP50Seconds), minutes(l.serviceP90Seconds), rated?.ratings ?? '–', rated ? percent(rated.rate) : '–', rated?.bad ?? '–'];
      }),
      { id },
    ),
    note ? h('p', { class: 'hint', 'data-testid': `${id}-note` }, note) : null,
  );
}

export function renderReports(today: string, fail: (error: unknown) => void): HTMLElement {
  const from = h('input', { type: 'date', name: 'from', value: today, required: true, 'aria-label': t('from') });
  const to = h('input', { type: 'date', name: 'to', value: today, required: true, 'aria-label': t('to') });
  const output = h('div', { id: 'report' });
  const ranking = h('div', { id: 'ranking' });
  const range = (): { from: string; to: string } => ({ from: from.value, to: to.value });
  const show = async (): Promise<void> => {
    const report = await request(reportRoutes.report, { query: range() });
    output.replaceChildren(
      h('h2', {}, `${t('reports')} ${report.from} – ${report.to}`),
      lines(t('byService'), 'service', [...report.byService, report.total], 'report-services'),
      // Why a window's 办结 can pass its 取号: the rule of domain/report-figures.ts, in words.
      lines(t('byWindow'), 'window', report.byWindow, 'report-windows', t('windowCountsNote')),
      lines(t('byHour'), 'hourHeading', report.byHour, 'report-hours'),
    );
  };
  const run = (work: () => Promise<unknown>) => (): void => void work().catch(fail);
  const form = h(
    'form',
    { class: 'inline no-print', id: 'report-form' },
    h('label', {}, t('from'), ' ', from),
    h('label', {}, t('to'), ' ', to),
    h('button', { type: 'submit' }, t('show')),
    h('button', { type: 'button', id: 'download-csv', onclick: run(() => download(reportRoutes.report, { query: { ...range(), format: 'csv' } }, `hallq-report-${from.value}_${to.value}.csv`)) }, t('downloadCsv')),
    h('button', { type: 'button', id: 'download-xlsx', onclick: run(() => download(reportRoutes.report, { query: { ...range(), format: 'xlsx' } }, `hallq-report-${from.value}_${to.value}.xlsx`)) }, t('downloadXlsx')),
    h('button', { type: 'button', id: 'print', onclick: run(async () => (await show(), window.print())) }, t('print')),
    h('button', { type: 'button', onclick: run(() => download(reportRoutes.ratingsExport, { query: { ...range(), format: 'json' } }, `hallq-ratings-${from.value}_${to.value}.json`)) }, t('exportRatings')),
    h('button', { type: 'button', onclick: run(() => download(reportRoutes.ratingsExport, { query: { ...range(), format: 'csv' } }, `hallq-ratings-${from.value}_${to.value}.csv`)) }, t('exportRatingsCsv')),
    // The same file as `hallq export` (server/app/ticket-files.ts), in the console's language.
    h('button', { type: 'button', id: 'export-tickets', onclick: run(() => download(reportRoutes.ticketsExport, { query: { ...range(), format: 'xlsx', lang: language() } }, `hallq-tickets-${from.value}_${to.value}.xlsx`)) }, t('exportTickets')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(show)();
  });
  const quarter = h('input', { name: 'quarter', value: `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`, pattern: '\\d{4}-Q[1-4]', 'aria-label': t('quarter') });
  const rankForm = h('form', { class: 'inline no-print' }, h('label', {}, t('quarter'), ' ', quarter), h('button', { type: 'submit' }, t('ranking')));
  rankForm.addEventListener('submit', (e) => {
    e.preventDefault();
    run(async () => {
      const rows = await request(reportRoutes.ranking, { query: { quarter: quarter.value } });
      ranking.replaceChildren(table(['#', t('clerk'), t('ratings'), t('satisfaction'), t('bad')], rows.map((r) => [r.rank, r.label, r.ratings, percent(r.rate), r.bad])));
    })();
  });
  // 人员考核 and 红旗窗口 / 服务明星 (issue 19) below the hall's figures.
  return h('div', {}, h('div', { class: 'card' }, form, output, h('h2', { class: 'no-print' }, t('ranking')), rankForm, ranking), renderClerkReport(today, fail));
}
