/**
 * 操作日志: the audit log searched by time, actor, window, ticket number and kind, each entry in words
 * (protocol/audit-words.ts), newer pages first with 「更早」 for the next, and the same search as CSV/XLSX.
 */
import type { AuditEntry, AuditKind, AuditQuery } from '../server/protocol/audit';
import { AUDIT_KINDS } from '../server/protocol/audit';
import { AUDIT_WORDS, auditWhat } from '../server/protocol/audit-words';
import { CONSOLE_WORDS } from '../server/protocol/console-words';
import type { WindowView } from '../server/protocol/model';
import { managerRoutes } from '../server/protocol/routes/manager';
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { download, request } from './api';
import { clock, h, table } from './dom';
import { language } from './i18n';

const WORDS = {
  'zh-CN': {
    title: '操作日志', from: '开始', to: '结束', actor: '操作人', window: '窗口', number: '号码', kind: '类型', any: '全部', search: '查询',
    at: '时间', what: '内容', more: '更早的记录', none: '没有符合条件的记录', system: '系统', csv: '导出 CSV', xlsx: '导出 Excel', numberHint: '如 A042',
  },
  en: {
    title: 'Audit log', from: 'From', to: 'To', actor: 'By', window: 'Window', number: 'Ticket', kind: 'Kind', any: 'All', search: 'Search',
    at: 'Time', what: 'What', more: 'Older entries', none: 'No entries match', system: 'System', csv: 'Export CSV', xlsx: 'Export Excel', numberHint: 'e.g. A042',
  },
} as const;

function select(name: string, label: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
  return h('select', { name, 'aria-label': label }, ...options.map(([value, text]) => h('option', { value }, text)));
}

export async function renderAudit(today: string, windows: readonly WindowView[], fail: (error: unknown) => void): Promise<HTMLElement> {
  const lang = language();
  const w = WORDS[lang];
  const words = AUDIT_WORDS[lang];
  const roles = CONSOLE_WORDS[lang].roles;
  const staff = await request(adminRoutes.staff, {}).catch(() => []);
  const from = h('input', { type: 'date', name: 'from', value: today, required: true, 'aria-label': w.from });
  const to = h('input', { type: 'date', name: 'to', value: today, required: true, 'aria-label': w.to });
  const actor = select('actor', w.actor, [['', w.any], ...staff.map((s) => [s.username, `${s.name}（${roles[s.role]}）`] as const), ['system', w.system]]);
  const windowPick = select('windowId', w.window, [['', w.any], ...windows.map((x) => [x.id, CONSOLE_WORDS[lang].window(x.number)] as const)]);
  const number = h('input', { name: 'number', placeholder: w.numberHint, maxlength: '8', size: '6', 'aria-label': w.number, pattern: '[A-Za-z]{1,3}[0-9]{1,5}' });
  const kind = select('kind', w.kind, [['', w.any], ...AUDIT_KINDS.map((k) => [k, words.kinds[k]] as const)]);
  const body = h('tbody', {});
  const status = h('p', { id: 'audit-status', role: 'status' });
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, w.more);
  let next: number | undefined;

  const query = (): AuditQuery => {
    const q: AuditQuery = { from: from.value, to: to.value };
    if (actor.value) q.actor = actor.value;
    if (windowPick.value) q.windowId = windowPick.value;
    if (number.value.trim()) q.number = number.value.trim().toUpperCase();
    if (kind.value) q.kind = kind.value as AuditKind;
    return q;
  };
  const row = (e: AuditEntry): HTMLTableRowElement =>
    h('tr', { 'data-audit': String(e.id), 'data-kind': e.kind }, h('td', {}, clock(e.at)), h('td', {}, words.actor(e)), h('td', {}, words.kinds[e.kind]), h('td', {}, auditWhat(e, lang)));
  const load = async (isMore: boolean): Promise<void> => {
    const q = query();
    const page = await request(managerRoutes.audit, { query: isMore && next !== undefined ? { ...q, before: String(next) } : q });
    if (!isMore) body.replaceChildren();
    body.append(...page.entries.map(row));
    next = page.next;
    more.hidden = next === undefined;
    status.textContent = body.childElementCount === 0 ? w.none : '';
  };
  const form = h('form', { class: 'inline no-print', id: 'audit-form' },
    h('label', {}, w.from, ' ', from), h('label', {}, w.to, ' ', to), h('label', {}, w.actor, ' ', actor), h('label', {}, w.window, ' ', windowPick),
    h('label', {}, w.number, ' ', number), h('label', {}, w.kind, ' ', kind), h('button', { type: 'submit' }, w.search));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(false).catch(fail);
  });
  more.addEventListener('click', () => void load(true).catch(fail));
  const name = (ext: string): string => `hallq-audit-${from.value}_${to.value}.${ext}`;
  const exports = h('p', { class: 'no-print' },
    h('button', { type: 'button', id: 'audit-csv', onclick: () => void download(managerRoutes.audit, { query: { ...query(), format: 'csv' } }, name('csv')).catch(fail) }, w.csv), ' ',
    h('button', { type: 'button', id: 'audit-xlsx', onclick: () => void download(managerRoutes.audit, { query: { ...query(), format: 'xlsx' } }, name('xlsx')).catch(fail) }, w.xlsx));
  const list = table([w.at, w.actor, w.kind, w.what], [], { id: 'audit' });
  list.tBodies[0]?.replaceWith(body);
  await load(false).catch(fail);
  return h('div', { class: 'card' }, h('h2', {}, w.title), form, exports, list, status, more);
}
