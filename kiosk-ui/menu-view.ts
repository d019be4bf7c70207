/**
 * The start screen's list (issue 18 item 5): one flat grid of services (a small hall: one tap), or in a large
 * hall the departments first (big tiles with how many wait), then one department's services with 返回.
 * A long list pages (上一页 / 下一页) rather than shrinking tiles below a finger's size.
 */
import type { ServiceView } from '../server/protocol/model';
import { h } from './dom';
import type { Strings } from './i18n';
import { menuLevel, tilesPerPage, type DepartmentTile } from './menu';
import type { KioskState } from './state';
import type { Intents } from './views';

export function serviceArea(state: KioskState, t: Strings, intents: Intents, serviceButton: (service: ServiceView) => HTMLElement): HTMLElement {
  // No menu yet and the last request failed: the connection words, not an empty screen (main.ts keeps asking).
  if (!state.menu && state.isMenuUnavailable) return h('p', { class: 'notice warn', testid: 'menu-unavailable', attrs: { role: 'status' } }, t.offline);
  const level = menuLevel(state);
  if (level.kind === 'flat') {
    // One page only when it fits: the flat grid is the small hall's, and its layout already handles up to 9.
    return paged(state, t, intents, level.services.map(serviceButton), 'services', level.services.length > 12 ? tilesPerPage(state.isElderly) : Infinity);
  }
  if (level.kind === 'departments') {
    return h(
      'div',
      { class: 'menu-level', testid: 'departments', attrs: { 'data-level': 'departments' } },
      h('p', { class: 'menu-caption' }, t.chooseDepartment),
      paged(state, t, intents, level.departments.map((d) => departmentButton(d, state, t, intents)), 'department-tiles', tilesPerPage(state.isElderly)),
    );
  }
  return h(
    'div',
    { class: 'menu-level', testid: 'department-services', attrs: { 'data-level': 'services', 'data-department': level.department.id } },
    h(
      'div',
      { class: 'menu-head' },
      h('p', { class: 'menu-caption department-name', testid: 'department-name' }, departmentName(level.department, state, t)),
      h('button', { class: 'toggle back-departments', testid: 'department-back', onClick: () => intents.dispatch({ type: 'department-back' }) }, t.back),
    ),
    paged(state, t, intents, level.services.map(serviceButton), 'services', tilesPerPage(state.isElderly)),
  );
}

function departmentButton(d: DepartmentTile, state: KioskState, t: Strings, intents: Intents): HTMLElement {
  return h(
    'button',
    { class: 'service department', testid: `department-${d.id || 'other'}`, onClick: () => intents.dispatch({ type: 'open-department', departmentId: d.id }) },
    h('span', { class: 'service-name' }, departmentName(d, state, t)),
    h('span', { class: 'service-state' }, t.departmentCount(d.serviceCount, d.waiting)),
  );
}

function departmentName(d: { id: string; name?: string; nameEn?: string }, state: KioskState, t: Strings): string {
  if (d.id === '') return t.otherDepartment;
  return (state.language === 'en' ? d.nameEn : undefined) ?? d.name ?? d.id;
}

/** The tiles as a grid (the `.services` layout rules), a page at a time when there are more than fit. */
function paged(state: KioskState, t: Strings, intents: Intents, tiles: readonly HTMLElement[], testid: string, perPage: number): HTMLElement {
  const pages = Math.max(1, Math.ceil(tiles.length / perPage));
  const page = Math.min(state.menuPage ?? 0, pages - 1);
  const shown = pages > 1 ? tiles.slice(page * perPage, (page + 1) * perPage) : tiles;
  // Every page is laid out for a full page, so tiles keep their size on the last one.
  const grid = h('div', { class: 'services', testid, attrs: { 'data-count': String(Math.min(pages > 1 ? perPage : tiles.length, 9)) } }, ...shown);
  if (pages === 1) return grid;
  return h(
    'div',
    { class: 'menu-paged' },
    grid,
    h(
      'div',
      { class: 'row menu-pager' },
      h('button', { class: 'big secondary', testid: 'page-prev', disabled: page === 0, onClick: () => intents.dispatch({ type: 'menu-page', page: page - 1 }) }, t.pagePrev),
      h('span', { class: 'menu-page-of', testid: 'page-of' }, t.pageOf(page + 1, pages)),
      h('button', { class: 'big secondary', testid: 'page-next', disabled: page >= pages - 1, onClick: () => intents.dispatch({ type: 'menu-page', page: page + 1 }) }, t.pageNext),
    ),
  );
}
