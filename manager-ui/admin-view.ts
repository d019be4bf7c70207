/**
 * Configuration (admin): notices, staff and password reset, holidays, settings, the services/windows layout
 * (a form, layout-editor.ts, with JSON as an advanced option; validated by the hub with the config file's
 * rules) and backups. Managers see it read-only: the hub refuses their edits.
 */
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { h, clock, table } from './dom';
import { t } from './i18n';
import { download, request } from './api';
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
    request(adminRoutes.backups, {}),
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

  const backupList = table(
    [t('backups'), t('bytes'), t('since'), ''],
    backups.backups.map((b) => [b.name, b.bytes, clock(b.at), h('button', { type: 'button', onclick: () => void download(adminRoutes.downloadBackup, { params: { name: b.name } }, b.name).catch(fail) }, t('download'))]),
  );
  const backupNow = h('button', { type: 'button', onclick: () => void request(adminRoutes.backupNow, { body: {} }).then(() => notify(t('saved')), fail) }, t('backupNow'));
  const last = backups.lastDaily ? `${t('lastDaily')}: ${backups.lastDaily.name} ${clock(backups.lastDaily.at)}${backups.lastDaily.isToday ? ' ✓' : ' ⚠'}` : `${t('lastDaily')}: –`;

  return h(
    'div',
    {},
    h('div', { class: 'grid' }, h('div', { class: 'card' }, h('h2', {}, t('notices')), noticeForm), h('div', { class: 'card' }, h('h2', {}, t('settings')), settingsForm, h('h2', {}, t('holidays')), holidayForm)),
    staff,
    signInLocks,
    // Loud, above the editor: an IT person editing hallq.yaml must learn here why nothing changes (issue 20).
    layoutSource.source === 'console'
      ? h('div', { class: 'card warning', role: 'alert', 'data-layout-source': 'console' }, h('strong', {}, t('layoutOverridden')), ` (${clock(layoutSource.editedAt)} ${t('layoutEditedBy')}: ${layoutSource.editedBy}) `, h('p', {}, t('layoutOverriddenHint')))
      : '',
    renderLayoutEditor(layout, notify, fail),
    h('div', { class: 'card' }, h('h2', {}, t('backups')), h('p', {}, last, backups.lastError ? ` · ${backups.lastError.message}` : ''), backupNow, backupList),
  );
}
