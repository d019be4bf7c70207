/** 电子监察 alerts (acknowledge with a note) and 差评 follow-ups (record steps, appeal review). */
import type { AlertView, FollowupSummary, FollowupView, LiveWindow } from '../server/protocol/manager-model';
import type { RatingScore } from '../server/protocol/model';
import { CONSOLE_WORDS } from '../server/protocol/console-words';
import { RATING_WORDS } from '../server/protocol/rating-words';
import type { FollowupScope, ManagerState } from './state';
import { h, clock, table } from './dom';
import { language, t, windowLabel, type Key } from './i18n';
import { alertKindLabel } from './live-view';
import { staffName } from './staff-names';
import { TERMINAL_WORDS } from '../server/protocol/terminal-words';
import { alertTerminalLabel } from './terminals-view';

/** A terminal's alert names it (words for an unnamed one) and, for its own fault, the fault in words: never a code. */
function subjectWords(a: AlertView): string {
  if (a.kind !== 'terminal-dark' && a.kind !== 'terminal-fault') return a.subject;
  const name = alertTerminalLabel(a.subjectId, a.subject);
  if (a.kind === 'terminal-dark') return name;
  const fault = a.faultCode ? TERMINAL_WORDS[language()].faults[a.faultCode] : t('otherTerminalFault');
  return `${name}${language() === 'en' ? ': ' : '：'}${fault}`;
}

/** 「30 分钟」, and for a terminal's fault the deadline of its grade (故障分级响应): 「… 前响应」. */
function limitWords(a: AlertView): string {
  const limit = a.limitMinutes !== undefined ? `${a.limitMinutes} ${t('minutes')}` : '';
  if (a.dueAt === undefined) return limit;
  const due = t('respondBy').replace('{at}', clock(a.dueAt));
  return limit ? `${limit} · ${due}` : due;
}

/** 「A042（1号窗口）」: the window by its number, never its id. */
function ticketAt(state: ManagerState, number: string, windowId: string | undefined): string {
  const w = state.windows.find((x) => x.id === windowId);
  if (!w) return number;
  return language() === 'en' ? `${number} (${windowLabel(w.number)})` : `${number}（${windowLabel(w.number)}）`;
}

/** 「2 不满意：服务态度差、等候时间长」. */
function ratingWords(score: number, tags: readonly string[]): string {
  const words = RATING_WORDS[language()];
  const level = score >= 1 && score <= 5 ? words.levels[score as RatingScore] : String(score);
  const reasons = tags.map((tag) => (Object.hasOwn(words.tags, tag) ? words.tags[tag as keyof typeof words.tags] : words.tags.other));
  return reasons.length === 0 ? level : `${level}${language() === 'en' ? ': ' : '：'}${reasons.join(language() === 'en' ? ', ' : '、')}`;
}

export interface Actions {
  acknowledge(alertId: string, note: string): void;
  record(followupId: string, step: 'callback' | 'remedy' | 'feedback', note: string): void;
  decide(followupId: string, decision: 'accepted' | 'rejected', note: string): void;
  /** Switches the follow-up list between open, closed and all. */
  showFollowups(scope: FollowupScope): void;
}

function noteForm(label: string, onSubmit: (note: string) => void, testId: string): HTMLFormElement {
  const input = h('input', { name: 'note', required: true, maxlength: '500', placeholder: t('note'), 'aria-label': t('note') });
  const form = h('form', { class: 'inline', 'data-testid': testId }, input, h('button', { type: 'submit' }, label));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim()) onSubmit(input.value.trim());
  });
  return form;
}

/** The window an alert concerns and who is signed in there now (from the live hall). */
export type WindowOf = (windowId: string) => LiveWindow | undefined;

export function renderAlerts(state: ManagerState, actions: Actions, windowOf: WindowOf = () => undefined): HTMLElement {
  const alerts = [...state.alerts.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  if (alerts.length === 0) return h('div', { class: 'card' }, h('h2', {}, t('alerts')), h('p', { id: 'no-alerts' }, t('noAlerts')));
  const rows = alerts.map((a: AlertView) => {
    const row = h(
      'tr',
      { class: 'alert-row', 'data-alert': a.id, 'data-cleared': String(a.clearedAt !== undefined) },
      h('td', {}, alertKindLabel(a.kind)),
      h('td', { class: 'alert-subject' }, subjectWords(a)),
      h('td', {}, windowCell(state, a.windowId)),
      h('td', {}, a.windowId ? (windowOf(a.windowId)?.clerkName ?? '–') : '–'),
      h('td', { class: 'alert-limit' }, limitWords(a)),
      h('td', {}, clock(a.raisedAt)),
      h('td', {}, a.clearedAt !== undefined ? `${t('cleared')} ${clock(a.clearedAt)}` : t('active')),
      h('td', {}, noteForm(t('acknowledge'), (note) => actions.acknowledge(a.id, note), `ack-${a.id}`)),
    );
    return row;
  });
  const head = h('tr', {}, ...[t('kind'), t('alertSubject'), t('window'), t('clerk'), t('alertLimit'), t('alertRaised'), t('status'), t('acknowledge')].map((x) => h('th', { scope: 'col' }, x)));
  return h('div', { class: 'card' }, h('h2', {}, t('alerts')), h('table', { id: 'alerts' }, h('thead', {}, head), h('tbody', {}, ...rows)));
}

/** The 回访整改率 line; replaced in place when the rate moves, so half-typed notes in the table survive. */
export function followupRateLine(summary: FollowupSummary | undefined): HTMLElement | null {
  return summary ? h('p', { id: 'followup-rate' }, `${t('followupRate')}: ${Math.round(summary.rate * 1000) / 10}% (${summary.closed}/${summary.total}) · ${t('overdueItems')}: ${summary.overdue}`) : null;
}

const SCOPES: readonly [FollowupScope, Key][] = [['open', 'scopeOpen'], ['closed', 'scopeClosed'], ['recent', 'scopeRecent']];

/** 办理中 / 已办结 / 全部: a group of toggle buttons (keyboard: Tab and Enter). */
function scopeSwitch(scope: FollowupScope, choose: (scope: FollowupScope) => void): HTMLElement {
  return h(
    'div',
    { class: 'inline', role: 'group', 'aria-label': t('followupScope'), id: 'followup-scope' },
    `${t('followupScope')}: `,
    ...SCOPES.map(([id, key]) => h('button', { type: 'button', 'data-scope': id, 'aria-pressed': String(scope === id), onclick: () => choose(id) }, t(key))),
  );
}

/** How a closed item ended: the appeal accepted (with the reviewer's note), or called back and told (with the feedback). */
function resultOf(f: FollowupView): string {
  const colon = language() === 'en' ? ': ' : '：';
  if (f.appealStatus === 'accepted') return `${CONSOLE_WORDS[language()].appealStates.accepted}${f.appealDecisionNote ? `${colon}${f.appealDecisionNote}` : ''}`;
  return `${t('resultFeedback')}${f.feedbackNote ? `${colon}${f.feedbackNote}` : ''}`;
}

export function renderFollowups(state: ManagerState, summary: FollowupSummary | undefined, actions: Actions): HTMLElement {
  const scope = state.followupScope;
  const isHistory = scope !== 'open';
  const items = [...state.followups.values()].sort((a, b) => (isHistory ? (b.closedAt ?? b.ratedAt) - (a.closedAt ?? a.ratedAt) : a.dueAt - b.dueAt));
  const top = [h('h2', {}, t('followups')), followupRateLine(summary), scopeSwitch(scope, actions.showFollowups)];
  if (items.length === 0) return h('div', { class: 'card' }, ...top, h('p', { id: 'no-followups' }, t(scope === 'open' ? 'noFollowups' : scope === 'closed' ? 'noClosedFollowups' : 'noRecentFollowups')));
  const steps = (f: FollowupView): HTMLElement =>
    h(
      'div',
      {},
      ...(['callback', 'remedy', 'feedback'] as const).map((step) => {
        const done = step === 'callback' ? f.callbackAt : step === 'remedy' ? f.remedyAt : f.feedbackAt;
        const by = step === 'callback' ? f.callbackBy : step === 'remedy' ? f.remedyBy : f.feedbackBy;
        // The person's name (王芳), never the username; a step recorded before this was kept names nobody.
        if (done !== undefined) return h('div', { 'data-step': step }, `${t(step)} ✓ ${clock(done)}${by ? ` · ${t('stepBy')}${language() === 'en' ? ' ' : '：'}${staffName(by)}` : ''}`);
        return f.status === 'open' ? noteForm(t(step), (note) => actions.record(f.id, step, note), `${step}-${f.id}`) : h('div', {}, `${t(step)} –`);
      }),
    );
  const appealCell = (f: FollowupView): HTMLElement | string =>
    f.appealStatus === 'pending'
      ? h('div', {}, `${t('appeal')}: ${f.appealReason ?? ''}`, noteForm(t('accept'), (n) => actions.decide(f.id, 'accepted', n), `accept-${f.id}`), noteForm(t('reject'), (n) => actions.decide(f.id, 'rejected', n), `reject-${f.id}`))
      : CONSOLE_WORDS[language()].appealStates[f.appealStatus];
  const rows = items.map((f: FollowupView) => {
    const base = [
      ticketAt(state, f.number, f.windowId),
      staffName(f.assignee),
      `${ratingWords(f.score, f.tags)}${f.comment ? ` · ${f.comment}` : ''}`,
      h('span', { class: f.isOverdue ? 'over' : '' }, `${clock(f.dueAt)}${f.isOverdue ? ` ${t('overdue')}` : ''}`),
      steps(f),
      appealCell(f),
    ];
    return isHistory ? [...base, t(f.status === 'closed' ? 'closed' : 'open'), clock(f.closedAt), f.closedBy ? staffName(f.closedBy) : '–', f.status === 'closed' ? resultOf(f) : '–'] : base;
  });
  const heads = [t('current'), t('assignee'), t('level'), t('due'), t('record'), t('appeal'), ...(isHistory ? [t('status'), t('closedAt'), t('closedBy'), t('result')] : [])];
  return h('div', { class: 'card' }, ...top, table(heads, rows, { id: 'followups' }));
}

function windowCell(state: ManagerState, windowId: string | undefined): string {
  const w = state.windows.find((x) => x.id === windowId);
  return w ? windowLabel(w.number) : '–';
}
