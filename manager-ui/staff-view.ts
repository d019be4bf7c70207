/**
 * Staff accounts (admin): add one, change a role, disable or enable, reset a password. The hub applies the
 * same rules as `hallq staff` (server/domain/staff-rules.ts) and audits every change; a manager sees the list
 * and is refused the edits. Sign-in locks are cleared in their own card (sign-in-locks-view.ts).
 */
import type { StaffView } from '../server/protocol/manager-model';
import type { StaffRole } from '../server/protocol/model';
import { CONSOLE_WORDS } from '../server/protocol/console-words';
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { request } from './api';
import { h, table } from './dom';
import { language, t } from './i18n';

const ROLES: readonly StaffRole[] = ['clerk', 'manager', 'admin'];

const WORDS = {
  'zh-CN': {
    name: '姓名', enabled: '启用', disabled: '已停用', locked: '登录已锁定', disable: '停用', enable: '启用', saveRole: '改角色', add: '新增人员',
    addButton: '新增', initialPassword: '初始密码（至少 8 位）', confirmDisable: '停用 {name} 的账号？其所有登录会立即结束。', usernameHint: '字母、数字、. _ -',
  },
  en: {
    name: 'Name', enabled: 'Enabled', disabled: 'Disabled', locked: 'Sign-in locked', disable: 'Disable', enable: 'Enable', saveRole: 'Change role', add: 'Add staff',
    addButton: 'Add', initialPassword: 'Initial password (8+ characters)', confirmDisable: "Disable {name}'s account? Every session of it ends at once.", usernameHint: 'letters, digits, . _ -',
  },
} as const;

function roleSelect(value: StaffRole, label: string): HTMLSelectElement {
  const roles = CONSOLE_WORDS[language()].roles;
  const select = h('select', { 'aria-label': label }, ...ROLES.map((r) => h('option', { value: r }, roles[r])));
  select.value = value;
  return select;
}

export async function renderStaff(notify: (text: string) => void, fail: (error: unknown) => void): Promise<HTMLElement> {
  const card = h('div', { class: 'card', id: 'staff-card' });
  const draw = async (): Promise<void> => {
    const staff = await request(adminRoutes.staff, {});
    card.replaceChildren(h('h2', {}, t('staff')), staffTable(staff), addForm());
  };
  const act = (work: () => Promise<unknown>): void => {
    work().then(() => (notify(t('saved')), draw()), fail);
  };
  const w = (): (typeof WORDS)[keyof typeof WORDS] => WORDS[language()];

  const staffTable = (staff: readonly StaffView[]): HTMLTableElement =>
    table(
      [t('username'), w().name, t('role'), t('status'), t('actions'), t('resetPassword')],
      staff.map((s) => {
        const role = roleSelect(s.role, `${t('role')} ${s.name}`);
        const body = { name: s.name, role: s.role, isDisabled: s.isDisabled };
        const saveRole = h('button', { type: 'button', 'data-save-role': s.username, onclick: () => act(() => request(adminRoutes.saveStaff, { params: { username: s.username }, body: { ...body, role: role.value as StaffRole } })) }, w().saveRole);
        const toggle = h('button', {
          type: 'button',
          'data-toggle': s.username,
          onclick: () => {
            if (!s.isDisabled && !window.confirm(w().confirmDisable.replace('{name}', s.name))) return;
            act(() => request(adminRoutes.saveStaff, { params: { username: s.username }, body: { ...body, isDisabled: !s.isDisabled } }));
          },
        }, s.isDisabled ? w().enable : w().disable);
        const password = h('input', { type: 'password', minlength: '8', required: true, autocomplete: 'new-password', placeholder: t('newPassword'), 'aria-label': `${t('newPassword')} ${s.name}` });
        const reset = h('form', { class: 'inline' }, password, h('button', { type: 'submit' }, t('resetPassword')));
        reset.addEventListener('submit', (e) => {
          e.preventDefault();
          act(() => request(adminRoutes.resetPassword, { params: { username: s.username }, body: { password: password.value } }));
        });
        const state = s.isDisabled ? w().disabled : s.isLocked ? w().locked : w().enabled;
        return [s.username, s.name, role, h('span', { 'data-state': s.isDisabled ? 'disabled' : s.isLocked ? 'locked' : 'enabled' }, state), h('span', {}, saveRole, ' ', toggle), reset];
      }),
      { id: 'staff' },
    );

  const addForm = (): HTMLFormElement => {
    const username = h('input', { name: 'username', required: true, pattern: '[A-Za-z0-9_.\\-]{1,32}', title: w().usernameHint, 'aria-label': t('username'), placeholder: t('username') });
    const name = h('input', { name: 'name', required: true, maxlength: '40', 'aria-label': w().name, placeholder: w().name });
    const role = roleSelect('clerk', t('role'));
    const password = h('input', { type: 'password', name: 'password', required: true, minlength: '8', autocomplete: 'new-password', 'aria-label': w().initialPassword, placeholder: w().initialPassword });
    const form = h('form', { class: 'inline', id: 'staff-add' }, h('strong', {}, w().add), ' ', username, name, role, password, h('button', { type: 'submit' }, w().addButton));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(() => request(adminRoutes.createStaff, { body: { username: username.value.trim(), name: name.value.trim(), role: role.value as StaffRole, password: password.value } }));
    });
    return form;
  };

  await draw();
  return card;
}
