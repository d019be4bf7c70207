/**
 * Configuration (admin): notices, staff and password reset, holidays, settings, the services/windows layout
 * (a form, layout-editor.ts, with JSON as an advanced option; validated by the hub with the config file's
 * rules) and backups. Managers see it read-only: the hub refuses their edits.
 */
import { h, clock, table } from './dom';
import { t } from './i18n';
import { download, get, send } from './api';
import { renderLayoutEditor } from './layout-editor';
import type { Layout } from './layout-form';

interface StaffRow {
  username: string;
  name: string;
  role: string;
  isDisabled: boolean;
  isLocked: boolean;
}

interface BackupStatus {
  lastDaily?: { name: string; day: string; at: number; isToday: boolean };
  lastError?: { at: number; message: string };
  backups: { name: string; bytes: number; at: number }[];
}

export async function renderAdmin(notify: (text: string) => void, fail: (error: unknown) => void): Promise<HTMLElement> {
  const [notices, staff, holidays, settings, layout, backups] = await Promise.all([
    get<{ notices: string[] }>('/api/admin/notices'),
    get<StaffRow[]>('/api/admin/staff'),
    get<{ holidays: string[]; workdays: string[] }>('/api/admin/holidays'),
    get<{ followupWorkingDays: number; pauseLimitMinutes: number }>('/api/admin/settings'),
    get<Layout>('/api/admin/layout'),
    get<BackupStatus>('/api/admin/backups'),
  ]);
  const save = (work: () => Promise<unknown>) => (e: Event): void => {
    e.preventDefault();
    work().then(() => notify(t('saved')), fail);
  };
  const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

  const noticeText = h('textarea', { name: 'notices', 'aria-label': t('notices') }, notices.notices.join('\n'));
  const noticeForm = h('form', { onsubmit: save(() => send('PUT', '/api/admin/notices', { notices: lines(noticeText.value) })) }, noticeText, h('button', { type: 'submit' }, t('save')));

  const staffRows = staff.map((s) => {
    const password = h('input', { type: 'password', minlength: '8', placeholder: t('newPassword'), 'aria-label': `${t('newPassword')} ${s.username}` });
    const reset = h('form', { class: 'inline', onsubmit: save(() => send('POST', `/api/admin/staff/${s.username}/password`, { password: password.value })) }, password, h('button', { type: 'submit' }, t('resetPassword')));
    return [s.username, s.name, s.role, s.isDisabled ? '✗' : s.isLocked ? '🔒' : '✓', reset];
  });

  const holidayText = h('textarea', { 'aria-label': t('holidays') }, holidays.holidays.join('\n'));
  const workdayText = h('textarea', { 'aria-label': t('workdays') }, holidays.workdays.join('\n'));
  const holidayForm = h(
    'form',
    { onsubmit: save(() => send('PUT', '/api/admin/holidays', { holidays: lines(holidayText.value), workdays: lines(workdayText.value) })) },
    h('label', {}, t('holidays'), holidayText),
    h('label', {}, t('workdays'), workdayText),
    h('button', { type: 'submit' }, t('save')),
  );

  const days = h('input', { type: 'number', min: '5', max: '15', value: String(settings.followupWorkingDays), 'aria-label': t('followupDays') });
  const pause = h('input', { type: 'number', min: '1', max: '480', value: String(settings.pauseLimitMinutes), 'aria-label': t('pauseLimit') });
  const settingsForm = h(
    'form',
    { class: 'inline', onsubmit: save(() => send('PUT', '/api/admin/settings', { followupWorkingDays: Number(days.value), pauseLimitMinutes: Number(pause.value) })) },
    h('label', {}, t('followupDays'), ' ', days),
    h('label', {}, t('pauseLimit'), ' ', pause),
    h('button', { type: 'submit' }, t('save')),
  );

  const backupList = table(
    [t('backups'), t('bytes'), t('since'), ''],
    backups.backups.map((b) => [b.name, b.bytes, clock(b.at), h('button', { type: 'button', onclick: () => void download(`/api/admin/backups/${b.name}`, b.name).catch(fail) }, t('download'))]),
  );
  const backupNow = h('button', { type: 'button', onclick: () => void send('POST', '/api/admin/backups', {}).then(() => notify(t('saved')), fail) }, t('backupNow'));
  const last = backups.lastDaily ? `${t('lastDaily')}: ${backups.lastDaily.name} ${clock(backups.lastDaily.at)}${backups.lastDaily.isToday ? ' ✓' : ' ⚠'}` : `${t('lastDaily')}: –`;

  return h(
    'div',
    {},
    h('div', { class: 'grid' }, h('div', { class: 'card' }, h('h2', {}, t('notices')), noticeForm), h('div', { class: 'card' }, h('h2', {}, t('settings')), settingsForm, h('h2', {}, t('holidays')), holidayForm)),
    h('div', { class: 'card' }, h('h2', {}, t('staff')), table([t('username'), t('clerk'), t('role'), t('status'), t('resetPassword')], staffRows)),
    renderLayoutEditor(layout, notify, fail),
    h('div', { class: 'card' }, h('h2', {}, t('backups')), h('p', {}, last, backups.lastError ? ` · ${backups.lastError.message}` : ''), backupNow, backupList),
  );
}
