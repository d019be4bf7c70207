/**
 * 好差评上报 on the manager console (docs/province.md): each record's delivery state in words, the platform's
 * reason for a rejected one, the last attempt and the next retry, filtered by state; a rejected or held record
 * is corrected (办件编号, or one canonical field) and resent after the manager confirms. Reads
 * GET /api/manager/province; asked again after each action, on province facts, and every 5 s while shown.
 */
import { provinceRoutes } from '../server/protocol/routes/province';
import { CaseNumber, type ProvinceOverview, type ProvinceRecordView, type ProvinceState } from '../server/protocol/province';
import { ApiError } from '../ui-client/hub-client';
import { errorText } from '../server/protocol/error-words';
import { request } from './api';
import { clock, h } from './dom';
import { language } from './i18n';
import { PROVINCE_WORDS, fieldWord, type ProvinceWord } from './province-words';

const word = (key: ProvinceWord): string => PROVINCE_WORDS[language()].words[key];
const STATES: readonly ProvinceState[] = ['pending', 'retrying', 'forwarded', 'held', 'rejected', 'acked'];
/** The canonical fields a manager may correct besides the 办件编号 (what a platform usually rejects). */
const CORRECTABLE = ['taskCode', 'taskName', 'deptCode', 'deptName', 'handler', 'userProp', 'regionCode'] as const;
const CASE_PATTERN = new RegExp(CaseNumber.pattern ?? '^.+$');

interface Draft {
  recordId: string;
  caseNumber: string;
  field: string;
  value: string;
}

let card: HTMLElement | undefined;
let last: ProvinceOverview | 'unreadable' | undefined;
let filter: ProvinceState | '' = '';
let draft: Draft | undefined;
let status: { text: string; isError: boolean } | undefined;
let askedAt = 0;

function stateWord(state: ProvinceState): string {
  return PROVINCE_WORDS[language()].states[state];
}

/** The platform's reason for a rejection as it said it; the hall's own reasons (held, retrying) in words. */
function reasonOf(record: ProvinceRecordView): Node | string {
  if (!record.reason) return '';
  if (record.state === 'rejected') return h('span', { class: 'over' }, record.reason);
  if (language() === 'en') return record.reason;
  if (record.state === 'held') {
    const missing = /Missing[^:]*:\s*([A-Za-z, ]+)/.exec(record.reason)?.[1]?.split(',').map((f) => fieldWord(f.trim(), 'zh-CN'));
    return h('span', { title: record.reason }, missing && missing.length > 0 ? `${word('missing')}${missing.join('、')}` : word('heldReason'));
  }
  return h('span', { title: record.reason }, word('retryReason'));
}

function lastAttempt(record: ProvinceRecordView): string {
  if (record.state === 'acked' && record.ackedAt !== undefined) return clock(record.ackedAt);
  if (record.attempts === 0) return '–';
  return `${clock(record.updatedAt)} ${word('attemptCount').replace('{n}', String(record.attempts))}`;
}

function summary(view: ProvinceOverview): HTMLElement {
  const counts = STATES.filter((s) => s !== 'forwarded' || view.counts.forwarded > 0).map((s) => [stateWord(s), String(view.counts[s]), word('items')].filter(Boolean).join(' '));
  const lastAck = `${word('lastAck')} ${view.lastSuccessAt !== undefined ? clock(view.lastSuccessAt) : word('never')}`;
  return h('p', { id: 'province-summary' }, [...counts, lastAck].join(' · '));
}

function channelLine(view: ProvinceOverview): HTMLElement {
  const adapters: Readonly<Record<string, string>> = PROVINCE_WORDS[language()].adapters;
  const parts = [`${word('adapter')}：${(view.adapter && adapters[view.adapter]) ?? word('adapterOther')}`];
  if (view.lastAttemptAt !== undefined) parts.push(`${word('lastAttempt')} ${clock(view.lastAttemptAt)}`);
  const line = h('p', { id: 'province-channel' }, parts.join(' · '));
  if (view.lastError) line.append(' · ', h('span', { class: 'over', title: view.lastError }, language() === 'en' ? view.lastError : word('lastError')));
  return line;
}

function filterForm(): HTMLElement {
  const select = h('select', { id: 'province-filter', name: 'state' }, h('option', { value: '' }, word('all')), ...STATES.map((s) => h('option', { value: s }, stateWord(s))));
  select.value = filter;
  select.addEventListener('change', () => {
    filter = select.value as ProvinceState | '';
    draft = undefined;
    refresh();
  });
  return h('form', { class: 'inline no-print', onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'province-filter' }, word('filter')), select);
}

function correctionRow(record: ProvinceRecordView, d: Draft): HTMLElement {
  const caseInput = h('input', { id: 'province-case', name: 'caseNumber', value: d.caseNumber, maxlength: '64', spellcheck: 'false', autocomplete: 'off' });
  const field = h('select', { id: 'province-field', name: 'field' }, h('option', { value: '' }, word('noField')), ...CORRECTABLE.map((f) => h('option', { value: f }, fieldWord(f, language()))));
  field.value = d.field;
  const value = h('input', { id: 'province-value', name: 'value', value: d.value, maxlength: '200', autocomplete: 'off' });
  caseInput.addEventListener('input', () => (d.caseNumber = caseInput.value));
  field.addEventListener('change', () => (d.field = field.value));
  value.addEventListener('input', () => (d.value = value.value));
  const form = h(
    'form',
    { class: 'inline', id: 'province-correct', 'data-record': record.id },
    h('label', { for: 'province-case' }, word('caseNumber')), caseInput,
    h('label', { for: 'province-field' }, word('field')), field,
    h('label', { for: 'province-value' }, word('value')), value,
    h('button', { type: 'submit', id: 'province-resend' }, word('resend')),
    h('button', { type: 'button', onclick: () => ((draft = undefined), show()) }, word('cancel')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    resend(record, d);
  });
  const cell = h('td', { colspan: '8' }, form);
  return h('tr', { class: 'province-edit' }, cell);
}

function resend(record: ProvinceRecordView, d: Draft): void {
  const caseNumber = d.caseNumber.trim();
  const value = d.value.trim();
  if (caseNumber && !CASE_PATTERN.test(caseNumber)) return say(word('badCase').replace('{n}', caseNumber), true);
  if (d.field && !value) return say(word('noValue').replace('{field}', fieldWord(d.field, language())), true);
  const changes = [
    ...(caseNumber && caseNumber !== record.caseNumber ? [`${word('caseNumber')} ${caseNumber}`] : []),
    ...(d.field ? [`${fieldWord(d.field, language())} ${value}`] : []),
  ];
  const question = word(changes.length > 0 ? 'confirmChanged' : 'confirmSame').replace('{number}', record.number ?? record.id).replace('{changes}', changes.join(language() === 'en' ? ', ' : '，'));
  if (!window.confirm(question)) return;
  const body = {
    ...(caseNumber && caseNumber !== record.caseNumber ? { caseNumber } : {}),
    ...(d.field ? { fields: { [d.field]: value } } : {}),
  };
  request(provinceRoutes.correct, { params: { recordId: record.id }, body }).then(
    () => {
      draft = undefined;
      say(word('resent').replace('{number}', record.number ?? record.id), false);
      refresh();
    },
    (error: unknown) => say(error instanceof ApiError ? errorText(error, language()) : String(error), true),
  );
}

function say(text: string, isError: boolean): void {
  status = { text, isError };
  const line = card?.querySelector<HTMLElement>('#province-status');
  if (!line) return show();
  // In place: an open correction keeps its fields, focus and caret.
  line.textContent = text;
  line.className = isError ? 'error' : '';
}

function recordsTable(view: ProvinceOverview): HTMLElement {
  const headers = [word('ticket'), word('caseNumber'), word('kind'), word('state'), word('reason'), word('lastAttemptColumn'), word('nextRetry'), word('actions')];
  const rows = view.records.flatMap((r) => {
    const canCorrect = r.state === 'rejected' || r.state === 'held';
    const button = canCorrect
      ? h('button', { type: 'button', class: 'correct', 'data-testid': `correct-${r.id}`, onclick: () => ((draft = { recordId: r.id, caseNumber: r.caseNumber ?? '', field: '', value: '' }), (status = undefined), show()) }, word('correct'))
      : '';
    const row = h(
      'tr',
      { 'data-record': r.id, 'data-state': r.state },
      h('td', {}, r.number ?? '–'),
      h('td', { class: 'case-number' }, r.caseNumber ?? word('noCase')),
      h('td', {}, PROVINCE_WORDS[language()].kinds[r.kind]),
      h('td', { class: `state ${r.state === 'rejected' || r.state === 'held' ? 'over' : ''}` }, stateWord(r.state)),
      h('td', {}, reasonOf(r)),
      h('td', {}, lastAttempt(r)),
      h('td', {}, r.state === 'retrying' ? clock(r.nextAt) : '–'),
      h('td', {}, button),
    );
    return draft?.recordId === r.id ? [row, correctionRow(r, draft)] : [row];
  });
  const body = rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: '8' }, word('noRecords')))];
  return h('table', { id: 'province-records' }, h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, ...body));
}

function show(): void {
  if (!card) return;
  const title = h('h2', {}, word('title'));
  if (last === undefined) return void card.replaceChildren(title);
  if (last === 'unreadable') return void card.replaceChildren(title, h('p', {}, word('unreadable')));
  if (!last.isConfigured) return void card.replaceChildren(title, h('p', { id: 'province-summary' }, word('off')));
  const line = h('p', { id: 'province-status', role: 'status', class: status?.isError ? 'error' : '' }, status?.text ?? '');
  card.replaceChildren(title, summary(last), channelLine(last), filterForm(), line, recordsTable(last));
  if (draft && !card.contains(document.activeElement)) document.getElementById('province-case')?.focus();
}

/** Asks the hub again (after an action, a province fact, or the 5 s tick). */
export function refreshProvince(): void {
  refresh();
}

function refresh(): void {
  askedAt = Date.now();
  request(provinceRoutes.overview, { query: filter ? { state: filter } : {} }).then(
    (view) => {
      last = view;
      // While the manager types a correction nothing under their hands is redrawn: only the summary moves.
      const isEditing = draft !== undefined && (card?.querySelector('#province-correct') ?? null) !== null;
      if (!isEditing) return show();
      card?.querySelector('#province-summary')?.replaceWith(summary(view));
      card?.querySelector('#province-channel')?.replaceWith(channelLine(view));
    },
    () => ((last = 'unreadable'), show()),
  );
}

/** The one card, drawn again in the current language from the last answer; asked again at most every 2 s then. */
export function provincePanel(): HTMLElement {
  if (!card) {
    const element = h('div', { class: 'card', id: 'province' });
    window.setInterval(() => element.isConnected && refresh(), 5_000);
    card = element;
  }
  if (Date.now() - askedAt > 2_000) refresh();
  show();
  return card;
}
