/**
 * The city link on the manager console (市级联网): state, last contact, backlog, the last problem in words,
 * and the centre's supervision notes (督办). Reads GET /api/uplink/status; refreshes itself while shown.
 */
import { uplinkHallRoutes } from '../server/protocol/routes/uplink';
import type { UplinkState, UplinkStatus } from '../server/protocol/uplink';
import { errorText } from '../server/protocol/error-words';
import { request } from './api';
import { clock, h } from './dom';
import { language } from './i18n';

const ZH = {
  title: '市级联网', state: '状态', lastContact: '最近联系', lastAck: '最近确认', backlog: '待上报', facts: '条', hallCode: '大厅编码',
  problem: '最近问题', nextAttempt: '下次重试', notes: '市中心督办', noNotes: '暂无督办', ticket: '差评', never: '从未',
  off: '未配置市级联网（本厅独立运行）', connecting: '正在连接市中心', ok: '联网正常', retrying: '连不上市中心，正在重试（本厅照常办理，恢复后自动补报）', refused: '市中心拒绝本厅上报，请联系信息科',
  unreadable: '无法读取联网状态',
} as const;
type Word = keyof typeof ZH;
const EN: Record<Word, string> = {
  title: 'City link', state: 'State', lastContact: 'Last contact', lastAck: 'Last acknowledged', backlog: 'Not yet sent', facts: 'facts', hallCode: 'Hall code',
  problem: 'Last problem', nextAttempt: 'Next attempt', notes: 'Supervision notes from the centre', noNotes: 'No supervision notes', ticket: 'Bad rating', never: 'never',
  off: 'No city link configured (the hall runs on its own)', connecting: 'Connecting to the centre', ok: 'Link is fine', retrying: 'The centre cannot be reached; retrying (the hall keeps working and catches up later)',
  refused: 'The centre refuses this hall; call the IT office', unreadable: 'The link status cannot be read',
};

/** Problems in the manager's words; the hub's own sentence stays in the tooltip for the IT office. */
const PROBLEM_ZH: Partial<Record<string, string>> = {
  'unauthenticated': '市中心不接受本厅的联网令牌', 'forbidden': '市中心拒绝本厅（大厅编码与登记不符）', 'unavailable': '暂时连不上市中心',
  'rate-limited': '市中心限流，稍后自动重试', 'config-invalid': '联网配置有误（令牌或证书文件）', 'internal': '本厅上报出错，将自动重试',
  'payload-too-large': '上报批次过大', 'invalid-request': '市中心拒收上报内容',
};

const word = (key: Word): string => (language() === 'en' ? EN : ZH)[key];

function problemText(status: UplinkStatus): string {
  const code = status.lastErrorCode ?? 'internal';
  if (language() === 'en') return status.lastError ?? code;
  return PROBLEM_ZH[code] ?? errorText({ code, message: status.lastError ?? '' }, 'zh-CN');
}

const STATE_CLASS: Record<UplinkState, string> = { off: '', connecting: '', ok: '', retrying: 'over', refused: 'over' };

function render(card: HTMLElement, status: UplinkStatus): void {
  const rows: [string, Node | string][] = [[word('state'), h('span', { class: STATE_CLASS[status.state], id: 'uplink-state', 'data-state': status.state }, word(status.state))]];
  if (status.hallCode) rows.push([word('hallCode'), status.hallCode]);
  if (status.state !== 'off') {
    rows.push(
      [word('lastContact'), status.lastContactAt ? clock(status.lastContactAt) : word('never')],
      [word('lastAck'), status.lastAckAt ? clock(status.lastAckAt) : word('never')],
      [word('backlog'), h('span', { id: 'uplink-backlog' }, `${status.backlog} ${word('facts')}`)],
    );
    if (status.lastErrorCode && status.state !== 'ok') rows.push([word('problem'), h('span', { title: status.lastError ?? '' }, problemText(status))]);
    if (status.nextAttemptAt && (status.state === 'retrying' || status.state === 'refused')) rows.push([word('nextAttempt'), clock(status.nextAttemptAt)]);
  }
  const facts = h('dl', { class: 'uplink-facts' }, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
  const notes = status.notes.length === 0
    ? h('p', {}, word('noNotes'))
    : h('ul', { id: 'uplink-notes' }, ...status.notes.map((n) => h('li', {}, `${clock(n.at)} · ${n.by}${n.number ? ` · ${word('ticket')} ${n.number}` : ''}：${n.text}`)));
  card.replaceChildren(h('h2', {}, word('title')), facts, h('h3', {}, word('notes')), notes);
}

let panel: HTMLElement | undefined;
let last: UplinkStatus | 'unreadable' | undefined;
let askedAt = 0;

function show(card: HTMLElement): void {
  if (last === undefined) card.replaceChildren(h('h2', {}, word('title')));
  else if (last === 'unreadable') card.replaceChildren(h('h2', {}, word('title')), h('p', {}, word('unreadable')));
  else render(card, last);
}

function refresh(card: HTMLElement): void {
  askedAt = Date.now();
  request(uplinkHallRoutes.status, {}).then(
    (status) => ((last = status), show(card)),
    () => ((last = 'unreadable'), show(card)),
  );
}

/**
 * The one card, drawn again in the current language from the last answer whenever the live tab redraws
 * (on every fact), asked again at most every 5 s then, and every 15 s while it is on the page.
 */
export function uplinkPanel(): HTMLElement {
  if (!panel) {
    const card = h('div', { class: 'card', id: 'uplink' });
    window.setInterval(() => card.isConnected && refresh(card), 15_000);
    panel = card;
  }
  if (Date.now() - askedAt > 5_000) refresh(panel);
  show(panel);
  return panel;
}
