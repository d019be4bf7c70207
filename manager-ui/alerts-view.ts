/** 电子监察 alerts (acknowledge with a note) and 差评 follow-ups (record steps, appeal review). */
import type { AlertView, FollowupView, LiveWindow } from '../server/protocol/manager-model';
import type { RatingScore } from '../server/protocol/model';
import { CONSOLE_WORDS } from '../server/protocol/console-words';
import { RATING_WORDS } from '../server/protocol/rating-words';
import type { ManagerState } from './state';
import { h, clock, table } from './dom';
import { language, t, windowLabel } from './i18n';
import { alertKindLabel } from './live-view';
import { staffName } from './staff-names';

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
      h('td', {}, a.subject),
      h('td', {}, windowCell(state, a.windowId)),
      h('td', {}, a.windowId ? (windowOf(a.windowId)?.clerkName ?? '–') : '–'),
      h('td', {}, a.limitMinutes !== undefined ? `${a.limitMinutes} ${t('minutes')}` : ''),
      h('td', {}, clock(a.raisedAt)),
      h('td', {}, a.clearedAt !== undefined ? `${t('cleared')} ${clock(a.clearedAt)}` : t('active')),
      h('td', {}, noteForm(t('acknowledge'), (note) => actions.acknowledge(a.id, note), `ack-${a.id}`)),
    );
    return row;
  });
  const head = h('tr', {}, ...[t('kind'), t('alertSubject'), t('window'), t('clerk'), t('alertLimit'), t('alertRaised'), t('status'), t('acknowledge')].map((x) => h('th', { scope: 'col' }, x)));
  return h('div', { class: 'card' }, h('h2', {}, t('alerts')), h('table', { id: 'alerts' }, h('thead', {}, head), h('tbody', {}, ...rows)));
}

export function renderFollowups(state: ManagerState, summary: { total: number; closed: number; overdue: number; rate: number } | undefined, actions: Actions): HTMLElement {
  const items = [...state.followups.values()].sort((a, b) => a.dueAt - b.dueAt);
  const head = summary ? h('p', { id: 'followup-rate' }, `${t('followupRate')}: ${Math.round(summary.rate * 1000) / 10}% (${summary.closed}/${summary.total}) · ${t('overdueItems')}: ${summary.overdue}`) : null;
  if (items.length === 0) return h('div', { class: 'card' }, h('h2', {}, t('followups')), head, h('p', {}, t('noFollowups')));
  const rows = items.map((f: FollowupView) => [
    ticketAt(state, f.number, f.windowId),
    staffName(f.assignee),
    `${ratingWords(f.score, f.tags)}${f.comment ? ` · ${f.comment}` : ''}`,
    h('span', { class: f.isOverdue ? 'over' : '' }, `${clock(f.dueAt)}${f.isOverdue ? ` ${t('overdue')}` : ''}`),
    h(
      'div',
      {},
      ...(['callback', 'remedy', 'feedback'] as const).map((step) => {
        const done = step === 'callback' ? f.callbackAt : step === 'remedy' ? f.remedyAt : f.feedbackAt;
        return done !== undefined ? h('div', {}, `${t(step)} ✓ ${clock(done)}`) : noteForm(t(step), (note) => actions.record(f.id, step, note), `${step}-${f.id}`);
      }),
    ),
    f.appealStatus === 'pending'
      ? h('div', {}, `${t('appeal')}: ${f.appealReason ?? ''}`, noteForm(t('accept'), (n) => actions.decide(f.id, 'accepted', n), `accept-${f.id}`), noteForm(t('reject'), (n) => actions.decide(f.id, 'rejected', n), `reject-${f.id}`))
      : CONSOLE_WORDS[language()].appealStates[f.appealStatus],
  ]);
  return h('div', { class: 'card' }, h('h2', {}, t('followups')), head, table([t('current'), t('assignee'), t('level'), t('due'), t('record'), t('appeal')], rows, { id: 'followups' }));
}

function windowCell(state: ManagerState, windowId: string | undefined): string {
  const w = state.windows.find((x) => x.id === windowId);
  return w ? windowLabel(w.number) : '–';
}
