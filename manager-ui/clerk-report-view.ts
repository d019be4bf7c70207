/**
 * 人员考核 in the reports tab (issue 19): per clerk (by name) and per window for a range, by day, month,
 * quarter or the whole range, with CSV/XLSX download; and the quarter's 红旗窗口 / 服务明星 with each score
 * broken down by factor. Words only: pause reasons and factors are translated, never shown as codes.
 */
import { h, minutes, percent, table } from './dom';
import { download, request } from './api';
import { language, t } from './i18n';
import { cw, pauseWord, type ClerkWord } from './clerk-report-words';
import { PAUSE_REASONS } from '../server/protocol/model';
import type { DutyLine, HonourRow, Honours } from '../server/protocol/clerk-reports';
import { reportRoutes } from '../server/protocol/routes/manager-reports';

type Period = 'range' | 'day' | 'month' | 'quarter';
type Factor = HonourRow['factors'][number]['factor'];

const FACTOR_WORD: Record<Factor, ClerkWord> = {
  satisfaction: 'factorSatisfaction', served: 'factorServed', handling: 'factorHandling', noShowRate: 'factorNoShowRate',
};

function pauses(l: DutyLine): string {
  const parts = PAUSE_REASONS.flatMap((r) => (l.pauseSeconds[r] ? [`${pauseWord(r)} ${minutes(l.pauseSeconds[r])}`] : []));
  if (parts.length === 0) return minutes(l.pauseTotalSeconds);
  return language() === 'en' ? `${minutes(l.pauseTotalSeconds)} (${parts.join(', ')})` : `${minutes(l.pauseTotalSeconds)}（${parts.join('、')}）`;
}

function dutyTable(lines: DutyLine[], who: 'clerk' | 'window', id: string): HTMLElement {
  const m = cw('minutesUnit');
  if (lines.length === 0) return h('p', { id }, cw('empty'));
  return table(
    [cw('periodCol'), cw(who), cw('served'), cw('handlingP50') + m, cw('handlingP90') + m, cw('noShows'), cw('noShowRate'), cw('recalls'), cw('transfers'),
      cw('pauseTotal') + m, cw('onDuty') + m, cw('serving') + m, cw('idle') + m, cw('ratings'), cw('satisfaction'), cw('bad')],
    lines.map((l) => [
      l.period, l.label, l.served, minutes(l.handlingP50Seconds), minutes(l.handlingP90Seconds), l.noShows, percent(l.noShowRate), l.recalls, l.transfers,
      pauses(l), minutes(l.onDutySeconds), minutes(l.servingSeconds), minutes(l.idleSeconds), l.ratings, percent(l.rate), l.bad,
    ]),
    { id },
  );
}

function factorCell(row: HonourRow, factor: Factor): string {
  const f = row.factors.find((x) => x.factor === factor);
  if (!f) return '–';
  const value = f.value === undefined ? '–' : factor === 'served' ? String(f.value) : factor === 'handling' ? `${minutes(f.value)}${cw('minutesUnit')}` : percent(f.value);
  return `${value} → ${f.points} ${cw('points')}`;
}

function honourTable(rows: HonourRow[], who: 'clerk' | 'window', id: string): HTMLElement {
  if (rows.length === 0) return h('p', { id }, cw('none'));
  const factors: Factor[] = ['satisfaction', 'served', 'handling', 'noShowRate'];
  return table(
    [cw('rank'), cw(who), cw('score'), ...factors.map((f) => cw(FACTOR_WORD[f]))],
    rows.map((r) => [r.rank, r.label, r.score, ...factors.map((f) => factorCell(r, f))]),
    { id },
  );
}

function weighting(hs: Honours): string {
  const w = hs.weights;
  const [colon, comma, semi] = language() === 'en' ? [': ', ', ', '; '] : ['：', '、', '；'];
  const parts = [`${cw('factorSatisfaction')} ${w.satisfaction}`, `${cw('factorServed')} ${w.served}`, `${cw('factorHandling')} ${w.handling}`, `${cw('factorNoShowRate')} ${w.noShowRate}`];
  return `${cw('weighting')}${colon}${parts.join(comma)}${semi}${cw('minServed')} ${w.minServed}`;
}

export function renderClerkReport(today: string, fail: (error: unknown) => void): HTMLElement {
  const from = h('input', { type: 'date', name: 'clerk-from', value: `${today.slice(0, 8)}01`, required: true, 'aria-label': t('from') });
  const to = h('input', { type: 'date', name: 'clerk-to', value: today, required: true, 'aria-label': t('to') });
  const period = h(
    'select',
    { name: 'clerk-period', 'aria-label': cw('period') },
    ...(['range', 'day', 'month', 'quarter'] as const).map((p) => h('option', { value: p }, cw(p === 'range' ? 'byRange' : p === 'day' ? 'byDay' : p === 'month' ? 'byMonth' : 'byQuarter'))),
  );
  const output = h('div', { id: 'clerk-report' });
  const query = (): { from: string; to: string; period: Period } => ({ from: from.value, to: to.value, period: period.value as Period });
  const run = (work: () => Promise<unknown>) => (): void => void work().catch(fail);
  const show = async (): Promise<void> => {
    const report = await request(reportRoutes.clerkReport, { query: query() });
    output.replaceChildren(
      h('p', { class: 'hint' }, cw('onDutyHint')),
      h('h3', {}, cw('byClerk')),
      dutyTable(report.clerks, 'clerk', 'clerk-report-clerks'),
      h('h3', {}, cw('byWindow')),
      dutyTable(report.windows, 'window', 'clerk-report-windows'),
    );
  };
  const name = (ext: string): string => `hallq-clerks-${from.value}_${to.value}.${ext}`;
  const form = h(
    'form',
    { class: 'inline no-print', id: 'clerk-report-form' },
    from, ' – ', to, ' ',
    h('label', {}, cw('period'), ' ', period),
    h('button', { type: 'submit' }, cw('show')),
    h('button', { type: 'button', onclick: run(() => download(reportRoutes.clerkReport, { query: { ...query(), format: 'csv' } }, name('csv'))) }, cw('csv')),
    h('button', { type: 'button', onclick: run(() => download(reportRoutes.clerkReport, { query: { ...query(), format: 'xlsx' } }, name('xlsx'))) }, cw('xlsx')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(show)();
  });

  const quarter = h('input', { name: 'honours-quarter', value: `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`, pattern: '\\d{4}-Q[1-4]', 'aria-label': cw('quarter') });
  const honours = h('div', { id: 'honours' });
  const honoursForm = h(
    'form',
    { class: 'inline no-print', id: 'honours-form' },
    h('label', {}, cw('quarter'), ' ', quarter),
    h('button', { type: 'submit' }, cw('choose')),
    h('button', { type: 'button', onclick: run(() => download(reportRoutes.honours, { query: { quarter: quarter.value, format: 'xlsx' } }, `hallq-honours-${quarter.value}.xlsx`)) }, cw('xlsx')),
  );
  honoursForm.addEventListener('submit', (e) => {
    e.preventDefault();
    run(async () => {
      const hs = await request(reportRoutes.honours, { query: { quarter: quarter.value } });
      const left = [...hs.notQualified.windows, ...hs.notQualified.clerks];
      honours.replaceChildren(
        h('p', { class: 'hint' }, weighting(hs)),
        h('h3', {}, cw('redFlag')),
        honourTable(hs.windows, 'window', 'honours-windows'),
        h('h3', {}, cw('star')),
        honourTable(hs.clerks, 'clerk', 'honours-clerks'),
        h('p', { class: 'hint' }, `${cw('notQualified')}${language() === 'en' ? ': ' : '：'}${left.length === 0 ? cw('none') : left.join(language() === 'en' ? ', ' : '、')}`),
      );
    })();
  });
  return h('section', { class: 'card', id: 'clerk-section' }, h('h2', {}, cw('heading')), form, output, h('h2', { class: 'no-print' }, cw('honours')), honoursForm, honours);
}
