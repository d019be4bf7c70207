/**
 * Configuration (admin): notices, staff and password reset, holidays, settings, the services/windows layout
 * (a form, layout-editor.ts, with JSON as an advanced option; validated by the hub with the config file's
 * rules) and backups. Managers see it read-only: the hub refuses their edits.
 */
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { h, clock } from './dom';
import { t, type Key } from './i18n';
import type { ManagerSettings, RankingWeightsView } from '../server/protocol/manager-model';
import { request } from './api';
import { renderBackups } from './backups-view';
import { renderLayoutEditor } from './layout-editor';
import { renderSignInLocks } from './sign-in-locks-view';
import { renderStaff } from './staff-view';

export async function renderAdmin(notify: (text: string) => void, fail: (error: unknown) => void): Promise<HTMLElement> {
  const [notices, staff, holidays, settings, layout, backups, signInLocks, layoutSource] = await Promise.all([
    request(adminRoutes.notices, {}),
    renderStaff(notify, fail),
    request(adminRoutes.holidays, {}),
    request(adminRoutes.settings, {}),
    request(adminRoutes.layout, {}),
    renderBackups(notify, fail),
    renderSignInLocks(notify, fail),
    request(adminRoutes.layoutSource, {}),
  ]);
  const save = (work: () => Promise<unknown>) => (e: Event): void => {
    e.preventDefault();
    work().then(() => notify(t('saved')), fail);
  };
  const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

  const noticeText = h('textarea', { name: 'notices', 'aria-label': t('notices') }, notices.notices.join('\n'));
  const noticeForm = h('form', { onsubmit: save(() => request(adminRoutes.updateNotices, { body: { notices: lines(noticeText.value) } })) }, noticeText, h('button', { type: 'submit' }, t('save')));


  const holidayText = h('textarea', { 'aria-label': t('holidays') }, holidays.holidays.join('\n'));
  const workdayText = h('textarea', { 'aria-label': t('workdays') }, holidays.workdays.join('\n'));
  const holidayForm = h(
    'form',
    { onsubmit: save(() => request(adminRoutes.saveHolidays, { body: { holidays: lines(holidayText.value), workdays: lines(workdayText.value) } })) },
    h('label', {}, t('holidays'), holidayText),
    h('label', {}, t('workdays'), workdayText),
    h('button', { type: 'submit' }, t('save')),
  );

  const days = h('input', { type: 'number', min: '5', max: '15', value: String(settings.followupWorkingDays), 'aria-label': t('followupDays') });
  const pause = h('input', { type: 'number', min: '1', max: '480', value: String(settings.pauseLimitMinutes), 'aria-label': t('pauseLimit') });
  const settingsForm = h(
    'form',
    { class: 'inline', onsubmit: save(() => request(adminRoutes.saveSettings, { body: { followupWorkingDays: Number(days.value), pauseLimitMinutes: Number(pause.value) } })) },
    h('label', {}, t('followupDays'), ' ', days),
    h('label', {}, t('pauseLimit'), ' ', pause),
    h('button', { type: 'submit' }, t('save')),
  );
  const rankingForm = renderRankingForm(settings, save);

  return h(
    'div',
    {},
    h('div', { class: 'grid' }, h('div', { class: 'card' }, h('h2', {}, t('notices')), noticeForm), h('div', { class: 'card' }, h('h2', {}, t('settings')), settingsForm, rankingForm, h('h2', {}, t('holidays')), holidayForm)),
    staff,
    signInLocks,
    // Loud, above the editor: an IT person editing hallq.yaml must learn here why nothing changes (issue 20).
    layoutSource.source === 'console'
      ? h('div', { class: 'card warning', role: 'alert', 'data-layout-source': 'console' }, h('strong', {}, t('layoutOverridden')), ` (${clock(layoutSource.editedAt)} ${t('layoutEditedBy')}: ${layoutSource.editedBy}) `, h('p', {}, t('layoutOverriddenHint')))
      : '',
    renderLayoutEditor(layout, notify, fail),
    backups,
  );
}

type Save = (work: () => Promise<unknown>) => (e: Event) => void;

/** 红旗窗口 / 服务明星 weighting (hallq.yaml `policy.ranking` until an admin saves one here): audited like the rest. */
function renderRankingForm(settings: ManagerSettings, save: Save): HTMLElement {
  // The hub always answers the weighting in force; the fallback only keeps an older hub's page usable.
  const weights = settings.ranking ?? { satisfaction: 40, served: 30, handling: 15, noShowRate: 15, minServed: 30 };
  const FIELDS: readonly [keyof RankingWeightsView, Key, string][] = [
    ['satisfaction', 'weightSatisfaction', '100'], ['served', 'weightServed', '100'], ['handling', 'weightHandling', '100'], ['noShowRate', 'weightNoShowRate', '100'], ['minServed', 'minServed', '100000'],
  ];
  const inputs = FIELDS.map(([name, key, max]) => [name, h('input', { type: 'number', name, min: '0', max, step: name === 'minServed' ? '1' : 'any', required: true, value: String(weights[name]), 'aria-label': t(key) }), key] as const);
  const read = (): RankingWeightsView => Object.fromEntries(inputs.map(([name, input]) => [name, Number(input.value)])) as unknown as RankingWeightsView;
  return h(
    'form',
    // The other settings as the hub holds them now (saved from the form above meanwhile, or by another admin).
    { id: 'ranking-weights', onsubmit: save(async () => request(adminRoutes.saveSettings, { body: { ...(await request(adminRoutes.settings, {})), ranking: read() } })) },
    h('h3', {}, t('rankingWeights')),
    h('p', { class: 'hint' }, t('rankingWeightsHint')),
    h('div', { class: 'inline' }, ...inputs.map(([, input, key]) => h('label', {}, t(key), ' ', input))),
    h('button', { type: 'submit' }, t('save')),
  );
}
