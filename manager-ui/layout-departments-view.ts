/**
 * The layout form's 部门 list and each kiosk's offer, rendered from the draft (layout-departments.ts holds the
 * model). The editor (layout-editor.ts) owns the draft, the message slots and re-rendering; this file only
 * builds rows and calls back.
 */
import { h } from './dom';
import { t, type Key } from './i18n';
import { addDepartment, chooseForKiosk, moveDepartment, removeDepartment, setKioskLimited, updateDepartment, type DepartmentDraft } from './layout-departments';
import type { LayoutDraft } from './layout-form';

type Attrs = Record<string, string | boolean | ((e: Event) => void)>;

export interface FormContext {
  draft(): LayoutDraft;
  change(next: LayoutDraft): void;
  /** Re-renders everything but the windows (services show department names, kiosks list both). */
  rerender(focus?: string): void;
  /** After a department's rename: the services' selects and the kiosks' choices follow, the department rows stay. */
  rerenderNamed(): void;
  field(path: string, label: string, value: string, onInput: (value: string) => void, attrs?: Attrs): HTMLElement;
  button(focus: string, text: string, label: string, onClick: () => void, isDisabled?: boolean): HTMLButtonElement;
  /** Registers `input` as the field at `path` and returns its message slot. */
  slot(path: string, input: HTMLElement): HTMLElement;
}

/** A department as people know it: its name, else (still unnamed) 「新部门 N」. */
export function departmentLabel(d: DepartmentDraft, i: number): string {
  return d.name.trim() || `${t('newDepartment')} ${i + 1}`;
}

export function renderDepartments(ctx: FormContext): HTMLElement {
  const draft = ctx.draft();
  /**
   * Re-rendering the row would take the next field away from under the keyboard (Tab from the name): its
   * accessible names follow in place instead.
   */
  const renamed = (input: HTMLElement, i: number): void => {
    const d = ctx.draft().departments[i];
    if (!d) return;
    for (const el of input.closest('tr')?.querySelectorAll<HTMLElement>('[data-label-key]') ?? []) {
      const label = `${t(el.dataset.labelKey as Key)} ${departmentLabel(d, i)}`;
      el.setAttribute('aria-label', label);
      if (el.hasAttribute('title')) el.setAttribute('title', label);
    }
    ctx.rerenderNamed();
  };
  const refusal = h('p', { class: 'field-error', id: 'layout-departments-refusal', role: 'alert' });
  const rows = draft.departments.map((d, i) => {
    const label = departmentLabel(d, i);
    const at = `departments/${i}`;
    const named = <T extends HTMLElement>(el: T, key: Key): T => (el.setAttribute('data-label-key', key), el);
    const edit = (name: 'id' | 'name' | 'nameEn') => (value: string) => ctx.change(updateDepartment(ctx.draft(), i, name, value));
    const move = (delta: number) => (): void => {
      ctx.change(moveDepartment(ctx.draft(), i, delta));
      const to = i + delta;
      const isEdge = to === 0 || to === ctx.draft().departments.length - 1;
      ctx.rerender(`departments/${to}/${isEdge === delta < 0 ? 'down' : 'up'}`);
    };
    const remove = ctx.button(`${at}/remove`, t('remove'), `${t('removeDepartment')} ${label}`, () => {
      const result = removeDepartment(ctx.draft(), i);
      if (!result.ok) {
        const now = ctx.draft().departments[i];
        refusal.textContent = t('departmentInUse').replace('{name}', now ? departmentLabel(now, i) : label).replace('{services}', result.services.join('、'));
        return;
      }
      ctx.change(result.draft);
      ctx.rerender('add-department');
    });
    const idAttrs: Attrs = { 'data-label-key': 'itemId', ...(d.original ? { class: 'w-s readonly', readonly: true } : { class: 'w-s' }) };
    return h(
      'tr',
      { 'data-department': d.key },
      h('td', {}, ctx.field(`${at}/name`, `${t('departmentName')} ${label}`, d.name, edit('name'), { class: 'w-m', 'data-label-key': 'departmentName', onchange: (e) => renamed(e.target as HTMLElement, i) })),
      h('td', {}, ctx.field(`${at}/nameEn`, `${t('departmentNameEn')} ${label}`, d.nameEn, edit('nameEn'), { class: 'w-m', lang: 'en', 'data-label-key': 'departmentNameEn' })),
      h('td', {}, ctx.field(`${at}/id`, `${t('itemId')} ${label}`, d.id, edit('id'), idAttrs)),
      h(
        'td',
        { class: 'row-actions' },
        named(ctx.button(`${at}/up`, '↑', `${t('moveUp')} ${label}`, move(-1), i === 0), 'moveUp'),
        named(ctx.button(`${at}/down`, '↓', `${t('moveDown')} ${label}`, move(1), i === draft.departments.length - 1), 'moveDown'),
        named(remove, 'removeDepartment'),
      ),
    );
  });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t('departmentName')),
    h('th', { scope: 'col' }, t('departmentNameEn')),
    h('th', { scope: 'col' }, t('itemId')),
    h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('actions'))),
  );
  const add = h('button', {
    type: 'button', 'data-focus': 'add-department', id: 'layout-add-department',
    onclick: () => (ctx.change(addDepartment(ctx.draft())), ctx.rerender(`departments/${ctx.draft().departments.length - 1}/name`)),
  }, t('addDepartment'));
  return h(
    'div',
    { class: 'layout-departments' },
    h('table', { class: 'layout-table', id: 'layout-departments' }, h('caption', {}, t('departmentsHeading')), h('thead', {}, head), h('tbody', {}, ...rows)),
    refusal,
    add,
  );
}

/** A service's 所属部门: 「无」 or one of the departments, by name. */
export function renderDepartmentSelect(ctx: FormContext, serviceIndex: number, rowLabel: string): HTMLElement {
  const draft = ctx.draft();
  const s = draft.services[serviceIndex];
  const path = `services/${serviceIndex}/department`;
  const id = `layout-${path.replaceAll('/', '-')}`;
  const select = h(
    'select',
    {
      id, 'aria-label': `${t('department')} ${rowLabel}`, 'aria-describedby': `${id}-error`, 'data-focus': path,
      onchange: (e) => {
        ctx.change({ ...ctx.draft(), services: ctx.draft().services.map((x, i) => (i === serviceIndex ? { ...x, department: (e.target as HTMLSelectElement).value } : x)) });
        ctx.rerender();
      },
    },
    h('option', { value: '' }, t('noDepartment')),
    ...draft.departments.map((d, i) => h('option', { value: d.key }, departmentLabel(d, i))),
  );
  select.value = s?.department ?? '';
  const error = ctx.slot(path, select);
  error.id = `${id}-error`;
  return h('div', { class: 'field' }, select, error);
}

/** Per kiosk: every service, or only the ticked departments and services. */
export function renderKiosks(ctx: FormContext, serviceLabel: (i: number) => string): HTMLElement | null {
  const draft = ctx.draft();
  if (draft.kiosks.length === 0) return null;
  const rows = draft.kiosks.map((k, i) => {
    const name = k.original.name ?? k.original.id;
    const at = `kiosks/${i}`;
    const radio = (isLimited: boolean, text: string): HTMLElement =>
      h('label', {}, h('input', {
        type: 'radio', name: `layout-kiosk-${i}-offer`, checked: k.isLimited === isLimited, 'data-focus': `${at}/${isLimited ? 'chosen' : 'all'}`,
        onchange: () => (ctx.change(setKioskLimited(ctx.draft(), i, isLimited)), ctx.rerender(`${at}/${isLimited ? 'chosen' : 'all'}`)),
      }), text);
    const box = (kind: 'department' | 'service', key: string, text: string, isChecked: boolean): HTMLElement =>
      h('label', { class: 'kiosk-choice' }, h('input', {
        type: 'checkbox', checked: isChecked, 'data-focus': `${at}/${kind}/${key}`, 'aria-describedby': `layout-kiosks-${i}-offer-error`,
        onchange: (e) => ctx.change(chooseForKiosk(ctx.draft(), i, kind, key, (e.target as HTMLInputElement).checked)),
      }), text);
    const choices = k.isLimited
      ? h(
          'div',
          { class: 'kiosk-choices' },
          draft.departments.length > 0
            ? h('fieldset', {}, h('legend', {}, t('kioskDepartments')), ...draft.departments.map((d, j) => box('department', d.key, departmentLabel(d, j), k.departmentKeys.includes(d.key))))
            : null,
          h('fieldset', {}, h('legend', {}, t('kioskServices')), ...draft.services.map((s, j) => box('service', s.key, serviceLabel(j), k.serviceKeys.includes(s.key)))),
        )
      : null;
    const group = h('div', { role: 'radiogroup', 'aria-label': `${t('kioskOffers')} · ${name}` }, radio(false, t('kioskOffersAll')), radio(true, t('kioskOffersChosen')));
    const error = ctx.slot(`${at}/offer`, group);
    error.id = `layout-kiosks-${i}-offer-error`;
    return h('tr', { 'data-kiosk': k.original.id }, h('th', { scope: 'row' }, name), h('td', {}, group, choices, error));
  });
  const head = h('tr', {}, h('th', { scope: 'col' }, t('kioskName')), h('th', { scope: 'col' }, t('kioskOffers')));
  return h('table', { class: 'layout-table', id: 'layout-kiosks' }, h('caption', {}, t('kiosksHeading')), h('thead', {}, head), h('tbody', {}, ...rows));
}
