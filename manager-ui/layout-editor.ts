/**
 * The services/windows layout as a form (the default), with the raw JSON behind an "advanced" toggle for
 * rare fields. The draft, its format checks and the PUT body live in layout-form.ts; this file renders the
 * draft, sends it, and points the hub's refusals at the fields they name. The hub stays the authority.
 */
import { ApiError } from '../ui-client/hub-client';
import { errorText } from '../server/protocol/error-words';
import { layoutProblemWords, layoutRefusalWords } from './layout-words';
import { h } from './dom';
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { language, t, windowLabel, type Key } from './i18n';
import { request } from './api';
import { renderDepartments, renderDepartmentSelect, renderKiosks, type FormContext } from './layout-departments-view';
import {
  addService,
  addWindow,
  addWindowService,
  fromDraft,
  locateHubProblems,
  moveWindowService,
  removeService,
  removeWindow,
  removeWindowService,
  servicesNotIn,
  toDraft,
  updateService,
  updateWeight,
  updateWindow,
  type Layout,
  type LayoutDraft,
  type ProblemCode,
  type ServiceDraft,
  type ServiceField,
  type WindowDraft,
} from './layout-form';

type Attrs = Record<string, string | boolean | ((e: Event) => void)>;

const PROBLEM_WORDS: Record<ProblemCode, Key> = {
  'required': 'problemRequired',
  'not-integer': 'problemNotInteger',
  'not-number': 'problemNotNumber',
  'bad-hours': 'problemBadHours',
  'bad-id': 'problemBadId',
  'bad-prefix': 'problemBadPrefix',
  'no-services': 'problemNoServices',
  'no-offer': 'problemNoOffer',
};

/** The service columns in order: field, header, input width class, keyboard. */
const SERVICE_COLUMNS: readonly [ServiceField, Key, string, 'text' | 'numeric' | 'decimal'][] = [
  ['id', 'itemId', 'w-xs', 'text'],
  ['name', 'serviceName', 'w-m', 'text'],
  ['prefix', 'prefix', 'w-xs', 'text'],
  ['rangeStart', 'rangeStart', 'w-s', 'numeric'],
  ['rangeEnd', 'rangeEnd', 'w-s', 'numeric'],
  ['hours', 'hours', 'w-l', 'text'],
  ['dailyCap', 'dailyCap', 'w-s', 'numeric'],
  ['serviceMinutes', 'serviceMinutes', 'w-s', 'decimal'],
  ['waitLimitMinutes', 'waitLimit', 'w-s', 'numeric'],
  ['serviceLimitMinutes', 'serviceLimit', 'w-s', 'numeric'],
];

const HOURS_HINT_ID = 'layout-hours-hint';
const CAP_HINT_ID = 'layout-cap-hint';
const MATERIALS_HINT_ID = 'layout-materials-hint';
const PROMISE_HINT_ID = 'layout-promise-hint';

export function renderLayoutEditor(layout: Layout, notify: (text: string) => void, fail: (error: unknown) => void): HTMLElement {
  let draft: LayoutDraft = toDraft(layout);
  let version = 0; // bumps on every edit, so the JSON box knows when it no longer shows the form
  let jsonVersion = 0;
  const errors = new Map<string, HTMLElement>(); // form path -> the message next to its field
  const inputs = new Map<string, HTMLElement>(); // form path -> the field itself

  const servicesBox = h('div', { class: 'layout-scroll' });
  const windowsBox = h('div', { class: 'layout-scroll' });
  const departmentsBox = h('div', { class: 'layout-scroll' });
  const kiosksBox = h('div', { class: 'layout-scroll' });
  const status = h('p', { id: 'layout-status', class: 'layout-status' });

  const serviceLabel = (s: ServiceDraft | undefined, fallback: string): string => (s ? s.name.trim() || s.id.trim() || t('newService') : fallback);
  const serviceRow = (s: ServiceDraft, i: number): string => (s.original ? s.original.id : `${t('newService')} ${i + 1}`);
  const windowRow = (w: WindowDraft, i: number): string => (w.original ? windowLabel(w.original.number) : `${t('newWindow')} ${i + 1}`);

  const change = (next: LayoutDraft): void => {
    draft = next;
    version++;
  };

  const forget = (prefix: string): void => {
    for (const key of [...errors.keys()]) {
      if (!key.startsWith(prefix)) continue;
      errors.delete(key);
      inputs.delete(key);
    }
  };

  /** Re-renders a section, keeping keyboard focus on the element with the same role (`data-focus`), or `focus`. */
  // 'named': a department was renamed; everything that shows its name follows, its own row stays (it has focus).
  const rerender = (section: 'services' | 'windows' | 'all' | 'named', focus?: string): void => {
    const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focus : undefined;
    if (section !== 'windows') {
      forget('services/');
      forget('kiosks/');
      if (section !== 'named') {
        forget('departments/');
        departmentsBox.replaceChildren(renderDepartments(context));
      }
      servicesBox.replaceChildren(renderServices(), renderGuides());
      kiosksBox.replaceChildren(renderKiosks(context, (i) => serviceLabel(draft.services[i], serviceRow(draft.services[i]!, i))) ?? '');
    }
    if (section !== 'services') {
      forget('windows/');
      windowsBox.replaceChildren(renderWindows());
    }
    const target = focus ?? active;
    if (target) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(target)}"]:not(:disabled)`)?.focus();
  };

  const clearProblem = (path: string): void => {
    const error = errors.get(path);
    if (error) error.textContent = '';
    inputs.get(path)?.removeAttribute('aria-invalid');
  };

  const showProblems = (problems: readonly { path: string; text: string }[], moveFocus: boolean): void => {
    for (const path of errors.keys()) clearProblem(path);
    for (const p of problems) {
      const error = errors.get(p.path);
      if (error) error.textContent = error.textContent ? `${error.textContent}; ${p.text}` : p.text;
      inputs.get(p.path)?.setAttribute('aria-invalid', 'true');
    }
    if (moveFocus) problems.map((p) => inputs.get(p.path)).find((el) => el !== undefined)?.focus();
  };

  /** An input with its accessible name and a message slot it is described by. */
  const field = (path: string, label: string, value: string, onInput: (value: string) => void, attrs: Attrs = {}, hintId?: string): HTMLElement => {
    const id = `layout-${path.replaceAll('/', '-')}`;
    const input = h('input', {
      id,
      value,
      'aria-label': label,
      'aria-describedby': hintId ? `${hintId} ${id}-error` : `${id}-error`,
      'data-focus': path,
      autocomplete: 'off',
      oninput: (e) => {
        onInput((e.target as HTMLInputElement).value);
        clearProblem(path);
      },
      ...attrs,
    });
    const error = h('span', { class: 'field-error', id: `${id}-error` });
    errors.set(path, error);
    inputs.set(path, input);
    return h('div', { class: 'field' }, input, error);
  };

  const button = (focus: string, text: string, label: string, onClick: () => void, isDisabled = false): HTMLButtonElement =>
    h('button', { type: 'button', 'data-focus': focus, 'aria-label': label, title: label, disabled: isDisabled, onclick: onClick }, text);

  const context: FormContext = {
    draft: () => draft,
    change: (next) => change(next),
    // Departments' names show in the services' selects and the kiosks' choices: all but the windows follow.
    rerender: (focus) => rerender('services', focus),
    rerenderNamed: () => rerender('named'),
    field,
    button,
    slot: (path, input) => {
      const error = h('span', { class: 'field-error' });
      errors.set(path, error);
      inputs.set(path, input);
      return error;
    },
  };

  function renderServices(): HTMLElement {
    const head = h(
      'tr',
      {},
      ...SERVICE_COLUMNS.map(([name, key]) =>
        h(
          'th',
          { scope: 'col' },
          t(key),
          name === 'hours' ? h('div', { class: 'hint', id: HOURS_HINT_ID }, t('hoursHint')) : null,
          name === 'dailyCap' ? h('div', { class: 'hint', id: CAP_HINT_ID }, t('dailyCapHint')) : null,
        ),
      ),
      h('th', { scope: 'col' }, t('department')),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('removeService'))),
    );
    const rows = draft.services.map((s, i) => {
      const row = serviceRow(s, i);
      const cells = SERVICE_COLUMNS.map(([name, key, width, keyboard]) => {
        const path = `services/${i}/${name}`;
        const attrs: Attrs = { class: width };
        if (keyboard !== 'text') attrs.inputmode = keyboard;
        if (name === 'id' && s.original) Object.assign(attrs, { readonly: true, class: `${width} readonly` });
        if (name === 'hours') attrs.placeholder = t('allDay');
        if (name === 'dailyCap') attrs.placeholder = t('noCap');
        if (name === 'id' || name === 'name') attrs.onchange = () => rerender('windows');
        const hint = name === 'hours' ? HOURS_HINT_ID : name === 'dailyCap' ? CAP_HINT_ID : undefined;
        return h('td', {}, field(path, `${t(key)} ${row}`, s[name], (value) => change(updateService(draft, i, name, value)), attrs, hint));
      });
      const remove = button(`services/${i}/remove`, t('remove'), `${t('removeService')} ${row}`, () => {
        change(removeService(draft, i));
        rerender('all', 'add-service');
      });
      return h('tr', { 'data-service': s.key }, ...cells, h('td', {}, renderDepartmentSelect(context, i, row)), h('td', {}, remove));
    });
    return h('table', { class: 'layout-table', id: 'layout-services' }, h('caption', {}, t('servicesHeading')), h('thead', {}, head), h('tbody', {}, ...rows));
  }

  /** A multi-line field (the materials list, one per line) with the same message slot as `field`. */
  const lines = (path: string, label: string, value: string, onInput: (value: string) => void, hintId: string): HTMLElement => {
    const id = `layout-${path.replaceAll('/', '-')}`;
    const area = h('textarea', {
      id,
      class: 'guide-materials',
      rows: '4',
      'aria-label': label,
      'aria-describedby': `${hintId} ${id}-error`,
      'data-focus': path,
      oninput: (e) => {
        onInput((e.target as HTMLTextAreaElement).value);
        clearProblem(path);
      },
    });
    area.value = value;
    const error = h('span', { class: 'field-error', id: `${id}-error` });
    errors.set(path, error);
    inputs.set(path, area);
    return h('div', { class: 'field' }, area, error);
  };

  /**
   * 办事指南 (一次性告知) per service: what the kiosk shows before printing, the ticket in short and the phone page
   * in full. The hub checks it with the config file's own schema (lengths, at most 30 materials).
   */
  function renderGuides(): HTMLElement {
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, t('serviceName')),
      h('th', { scope: 'col' }, t('guideMaterials'), h('div', { class: 'hint', id: MATERIALS_HINT_ID }, t('guideMaterialsHint'))),
      h('th', { scope: 'col' }, t('guideBasis')),
      h('th', { scope: 'col' }, t('guidePromiseDays'), h('div', { class: 'hint', id: PROMISE_HINT_ID }, t('guidePromiseHint'))),
      h('th', { scope: 'col' }, t('guideFees')),
    );
    const rows = draft.services.map((s, i) => {
      const row = serviceRow(s, i);
      const at = `services/${i}`;
      const edit = (name: ServiceField) => (value: string) => change(updateService(draft, i, name, value));
      return h(
        'tr',
        { 'data-guide': s.key },
        h('th', { scope: 'row' }, serviceLabel(s, row)),
        h('td', {}, lines(`${at}/materials`, `${t('guideMaterials')} ${row}`, s.materials, edit('materials'), MATERIALS_HINT_ID)),
        h('td', {}, field(`${at}/basis`, `${t('guideBasis')} ${row}`, s.basis, edit('basis'), { class: 'w-l' })),
        h('td', {}, field(`${at}/promiseDays`, `${t('guidePromiseDays')} ${row}`, s.promiseDays, edit('promiseDays'), { class: 'w-s', inputmode: 'numeric' }, PROMISE_HINT_ID)),
        h('td', {}, field(`${at}/fees`, `${t('guideFees')} ${row}`, s.fees, edit('fees'), { class: 'w-m' })),
      );
    });
    return h('table', { class: 'layout-table', id: 'layout-guides' }, h('caption', {}, t('guideHeading')), h('thead', {}, head), h('tbody', {}, ...rows));
  }

  function renderEntries(w: WindowDraft, wi: number): HTMLElement {
    const win = windowRow(w, wi);
    const items = w.services.map((e, j) => {
      const s = draft.services.find((x) => x.key === e.serviceKey);
      const name = serviceLabel(s, e.serviceKey);
      const about = `${name} · ${win}`;
      const at = `windows/${wi}/services/${j}`;
      const move = (delta: number) => (): void => {
        change(moveWindowService(draft, wi, j, delta));
        const to = j + delta;
        const isEdge = to === 0 || to === w.services.length - 1;
        rerender('windows', `windows/${wi}/services/${to}/${isEdge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`);
      };
      return h(
        'li',
        { 'data-service': s?.id ?? e.serviceKey },
        h('span', { class: 'entry-name' }, name, s ? h('span', { class: 'hint' }, ` (${s.id})`) : null),
        h('span', { class: 'hint' }, t('weight')),
        field(`${at}/weight`, `${t('weight')} ${about}`, e.weight, (value) => change(updateWeight(draft, wi, j, value)), { class: 'w-xxs', inputmode: 'decimal' }),
        button(`${at}/up`, '↑', `${t('moveUp')} ${about}`, move(-1), j === 0),
        button(`${at}/down`, '↓', `${t('moveDown')} ${about}`, move(1), j === w.services.length - 1),
        button(`${at}/remove`, '✕', `${t('removeFromWindow')} ${about}`, () => {
          change(removeWindowService(draft, wi, j));
          rerender('windows', `windows/${wi}/services`);
        }),
      );
    });
    const choices = servicesNotIn(draft, wi);
    const path = `windows/${wi}/services`;
    const select = h(
      'select',
      { id: `layout-windows-${wi}-add`, 'aria-label': `${t('chooseService')} · ${win}`, 'aria-describedby': `layout-windows-${wi}-services-error`, 'data-focus': path, disabled: choices.length === 0 },
      h('option', { value: '' }, t('chooseService')),
      ...choices.map((s) => h('option', { value: s.key }, `${serviceLabel(s, s.key)} (${s.id})`)),
    );
    const error = h('span', { class: 'field-error', id: `layout-windows-${wi}-services-error` });
    errors.set(path, error);
    inputs.set(path, select);
    const add = button(`windows/${wi}/add`, t('addToWindow'), `${t('addToWindow')} · ${win}`, () => {
      if (!select.value) return select.focus();
      change(addWindowService(draft, wi, select.value));
      rerender('windows', path);
    }, choices.length === 0);
    return h('div', {}, h('ol', { class: 'entries' }, ...items), h('div', { class: 'entry-add' }, select, add), error);
  }

  function renderWindows(): HTMLElement {
    const rows = draft.windows.map((w, i) => {
      const win = windowRow(w, i);
      const at = `windows/${i}`;
      const number = field(`${at}/number`, `${t('windowNumber')} ${win}`, w.number, (value) => change(updateWindow(draft, i, 'number', value)), { class: 'w-xs', inputmode: 'numeric' });
      const remove = button(`${at}/remove`, t('remove'), `${t('removeWindow')} ${win}`, () => {
        change(removeWindow(draft, i));
        rerender('windows', 'add-window');
      });
      return h(
        'tr',
        { 'data-window': w.key },
        h('td', {}, field(`${at}/id`, `${t('itemId')} ${win}`, w.id, (value) => change(updateWindow(draft, i, 'id', value)), w.original ? { class: 'w-xs readonly', readonly: true } : { class: 'w-xs' })),
        h('td', {}, number),
        h('td', {}, field(`${at}/name`, `${t('windowName')} ${win}`, w.name, (value) => change(updateWindow(draft, i, 'name', value)), { class: 'w-m', placeholder: t('windowNameDefault') })),
        h('td', {}, renderEntries(w, i)),
        h('td', {}, remove),
      );
    });
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, t('itemId')),
      h('th', { scope: 'col' }, t('windowNumber')),
      h('th', { scope: 'col' }, t('windowName')),
      h('th', { scope: 'col' }, t('windowServices'), h('div', { class: 'hint' }, t('weightHint'))),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('removeWindow'))),
    );
    return h('table', { class: 'layout-table', id: 'layout-windows' }, h('caption', {}, t('windowsHeading')), h('thead', {}, head), h('tbody', {}, ...rows));
  }

  // A layout refusal is said in words field by field (layout-words.ts); others by their code.
  const refusal = (error: unknown): string =>
    // A schema refusal of the body names layout paths too (a material too long): worded the same way.
    error instanceof ApiError && (error.code === 'config-invalid' || (error.code === 'invalid-request' && /body\/(services|windows|departments|kiosks)\//.test(error.message))) ? layoutRefusalWords(error.message, language(), error.details) : error instanceof ApiError ? errorText(error, language()) : error instanceof Error ? error.message : String(error);

  /**
   * Sends a layout; on success the form and the JSON box both start again from what the hub kept. A refusal
   * shows in the page's toast and stays next to the button that sent it; for the form, also at the fields it names.
   */
  const put = (body: Layout, saving: HTMLButtonElement, from: 'form' | 'json'): void => {
    const said = from === 'form' ? status : jsonError;
    saving.disabled = true;
    status.className = 'layout-status';
    status.textContent = t('saving');
    jsonError.textContent = '';
    request(adminRoutes.updateLayout, { body })
      .then(
        (saved) => {
          draft = toDraft(saved);
          version++;
          rerender('all');
          jsonText.value = JSON.stringify(saved, null, 2);
          jsonVersion = version;
          status.textContent = t('saved');
          notify(t('saved'));
        },
        (error: unknown) => {
          notify(refusal(error));
          status.textContent = '';
          said.className = from === 'form' ? 'layout-status error' : 'field-error';
          said.textContent = refusal(error);
          if (from === 'form' && error instanceof ApiError) showProblems(locateHubProblems(error.message).map((p) => ({ ...p, text: layoutProblemWords(p.text, language()) })), false);
        },
      )
      .finally(() => (saving.disabled = false));
  };

  const saveButton = h('button', { type: 'submit', id: 'layout-save' }, t('saveLayout'));
  const form = h(
    'form',
    { id: 'layout-form', novalidate: true, 'aria-label': t('layoutTitle') },
    departmentsBox,
    servicesBox,
    h('button', { type: 'button', 'data-focus': 'add-service', id: 'layout-add-service', onclick: () => (change(addService(draft)), rerender('all', `services/${draft.services.length - 1}/id`)) }, t('addService')),
    windowsBox,
    h('button', { type: 'button', 'data-focus': 'add-window', id: 'layout-add-window', onclick: () => (change(addWindow(draft)), rerender('windows', `windows/${draft.windows.length - 1}/id`)) }, t('addWindow')),
    kiosksBox,
    h('div', { class: 'layout-save' }, saveButton, status),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const result = fromDraft(draft);
    if (!result.ok) {
      showProblems(result.problems.map((p) => ({ path: p.path, text: t(PROBLEM_WORDS[p.code]) })), true);
      status.className = 'layout-status error';
      status.textContent = t('fixMarked');
      return;
    }
    put(result.layout, saveButton, 'form');
  });

  // The old JSON box, for the rare fields (English names, areas): it shows the form's current layout when opened.
  const jsonText = h('textarea', { id: 'layout-json', 'aria-label': t('layout'), 'aria-describedby': 'layout-json-error', spellcheck: 'false' }, JSON.stringify(layout, null, 2));
  const jsonError = h('p', { class: 'field-error', id: 'layout-json-error' });
  const jsonSave = h('button', { type: 'button', id: 'layout-json-save' }, t('saveJson'));
  jsonSave.addEventListener('click', () => {
    let body: Layout;
    try {
      body = JSON.parse(jsonText.value) as Layout;
    } catch (error) {
      jsonError.textContent = `${t('problemBadJson')}: ${error instanceof Error ? error.message : String(error)}`;
      return jsonText.focus();
    }
    jsonError.textContent = '';
    put(body, jsonSave, 'json');
  });
  const advanced = h('details', { class: 'layout-json' }, h('summary', {}, t('advancedJson')), jsonText, jsonError, jsonSave);
  advanced.addEventListener('toggle', () => {
    if (!advanced.open || jsonVersion === version) return;
    const result = fromDraft(draft);
    if (result.ok) {
      jsonText.value = JSON.stringify(result.layout, null, 2);
      jsonVersion = version;
    }
  });

  const root = h('div', { class: 'card layout-editor', id: 'layout-editor' }, h('h2', {}, t('layoutTitle')), form, advanced);
  rerender('all');
  return root;
}
