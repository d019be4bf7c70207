/**
 * The kiosk's menu state (issue 18 item 5): which services this kiosk offers and, in a large hall, which
 * department the visitor opened. The hub decides the subset (GET /api/kiosk/menu, by device token); the page
 * shows only what that answer names and never chooses services itself. Pure, unit-tested without a browser.
 */
import type { KioskMenu } from '../server/protocol/kiosk';
import type { ServiceView } from '../server/protocol/model';
import type { KioskState } from './state';

export type MenuAction =
  | { type: 'menu'; menu: KioskMenu }
  /** GET /api/kiosk/menu failed (a 5xx or no answer): said on a start screen that has no menu yet. */
  | { type: 'menu-unavailable' }
  /** A department tile: its services on the second level. */
  | { type: 'open-department'; departmentId: string }
  /** 返回 on the second level: the departments again. */
  | { type: 'department-back' }
  | { type: 'menu-page'; page: number };

export function reduceMenu(state: KioskState, action: MenuAction): KioskState {
  switch (action.type) {
    case 'menu': {
      // A department the hub no longer sends (an admin's edit) closes; so does the second level of a flat menu.
      const isGone = state.department !== undefined && !(action.menu.isTwoLevel && action.menu.departments.some((d) => d.id === state.department));
      return { ...state, menu: action.menu, isMenuUnavailable: false, ...(isGone ? { department: undefined, menuPage: 0 } : {}) };
    }
    case 'menu-unavailable':
      // A known menu stays listed: only a start screen that never had one says it is still trying.
      return state.menu ? state : { ...state, isMenuUnavailable: true };
    case 'open-department':
      return state.screen.name === 'home' ? { ...state, department: action.departmentId, menuPage: 0 } : state;
    case 'department-back':
      return { ...state, department: undefined, menuPage: 0 };
    case 'menu-page':
      return { ...state, menuPage: Math.max(0, action.page) };
  }
}

/** The services this kiosk offers, in the hub's order; none until the hub has said (the hub decides). */
export function offeredServices(state: KioskState): ServiceView[] {
  const menu = state.menu;
  if (!menu) return [];
  const byId = new Map(state.services.map((s) => [s.id, s]));
  return menu.serviceIds.flatMap((id) => byId.get(id) ?? []);
}

export type MenuLevel =
  | { readonly kind: 'flat'; readonly services: readonly ServiceView[] }
  | { readonly kind: 'departments'; readonly departments: readonly DepartmentTile[] }
  | { readonly kind: 'department'; readonly department: DepartmentTile; readonly services: readonly ServiceView[] };

export interface DepartmentTile {
  readonly id: string;
  readonly name?: string;
  readonly nameEn?: string;
  readonly serviceCount: number;
  readonly waiting: number;
}

/** What the start screen lists now: one flat grid, the departments, or one department's services. */
export function menuLevel(state: KioskState): MenuLevel {
  const services = offeredServices(state);
  const menu = state.menu;
  if (!menu?.isTwoLevel) return { kind: 'flat', services };
  const byId = new Map(services.map((s) => [s.id, s]));
  const tiles = menu.departments.map((d) => {
    const own = d.serviceIds.flatMap((id) => byId.get(id) ?? []);
    return { tile: { id: d.id, ...(d.name ? { name: d.name } : {}), ...(d.nameEn ? { nameEn: d.nameEn } : {}), serviceCount: own.length, waiting: own.reduce((n, s) => n + s.waiting, 0) }, own };
  });
  const open = tiles.find((x) => x.tile.id === state.department);
  if (open) return { kind: 'department', department: open.tile, services: open.own };
  return { kind: 'departments', departments: tiles.map((x) => x.tile) };
}

/**
 * How long to wait before asking for the menu again after the `attempt`-th failure (0-based) at start-up:
 * 2 s, 4 s, 8 s, … capped at 30 s, so a hub that is restarting is asked soon but not hammered.
 */
export function menuRetryDelayMs(attempt: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, attempt));
}

/** Tiles on one page: a hall of 24 departments, or a department of 30 services, pages instead of overflowing. */
export function tilesPerPage(isElderly: boolean): number {
  // Large text: one column (kiosk.css), so fewer to a page.
  return isElderly ? 4 : 10;
}
