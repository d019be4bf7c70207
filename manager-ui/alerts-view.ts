/** 电子监察 alerts (acknowledge with a note) and 差评 follow-ups (record steps, appeal review). */
import type { AlertView, FollowupView } from '../server/protocol/manager-model';
import type { ManagerState } from './state';
import { h, clock, table } from './dom';
import { t } from './i18n';
import { alertKindLabel } from './live-view';

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

export function renderAlerts(state: ManagerState, actions: Actions): HTMLElement {
  const alerts = [...state.alerts.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  if (alerts.length === 0) return h('div', { class: 'card' }, h('h2', {}, t('alerts')), h('p', { id: 'no-alerts' }, t('noAlerts')));
  const rows = alerts.map((a: AlertView) => {
    const row = h(
      'tr',
      { class: 'alert-row', 'data-alert': a.id, 'data-cleared': String(a.clearedAt !== undefined) },
      h('td', {}, alertKindLabel(a.kind)),
      h('td', {}, a.subject),
      h('td', {}, a.limitMinutes !== undefined ? `${a.limitMinutes} ${t('minutes')}` : ''),
      h('td', {}, clock(a.raisedAt)),
      h('td', {}, a.clearedAt !== undefined ? `${t('cleared')} ${clock(a.clearedAt)}` : t('active')),
      h('td', {}, noteForm(t('acknowledge'), (note) => actions.acknowledge(a.id, note), `ack-${a.id}`)),
    );
    return row;
  });
  return h('div', { class: 'card' }, h('h2', {}, t('alerts')), h('table', { id: 'alerts' }, h('tbody', {}, ...rows)));
}

export function renderFollowups(state: ManagerState, summary: { total: number; closed: number; overdue: number; rate: number } | undefined, actions: Actions): HTMLElement {
  const items = [...state.followups.values()].sort((a, b) => a.dueAt - b.dueAt);
  const head = summary ? h('p', { id: 'followup-rate' }, `${t('followupRate')}: ${Math.round(summary.rate * 1000) / 10}% (${summary.closed}/${summary.total}) · ${t('overdueItems')}: ${summary.overdue}`) : null;
  if (items.length === 0) return h('div', { class: 'card' }, h('h2', {}, t('followups')), head, h('p', {}, t('noFollowups')));
  const rows = items.map((f: FollowupView) => [
    `${f.number} (${f.windowId})`,
    f.assignee ?? '–',
    `${f.score} ${f.tags.join(', ')} ${f.comment ?? ''}`,
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
      : f.appealStatus,
  ]);
  return h('div', { class: 'card' }, h('h2', {}, t('followups')), head, table([t('current'), t('assignee'), t('level'), t('due'), t('record'), t('appeal')], rows, { id: 'followups' }));
}
