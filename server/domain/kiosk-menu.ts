/**
 * What one kiosk offers, and how its start screen is laid out (issue 18 item 5). Pure: the kiosk's config,
 * the live services and the hall's departments come in; the hub sends the result to that kiosk only and
 * refuses a ticket for a service outside it.
 *
 * Two levels (departments first, then their services) only when the kiosk's services span more than one
 * department AND there are more than TWO_LEVEL_ABOVE of them: a small hall keeps one tap.
 */

/** More services than this on one kiosk, in more than one department: departments first. */
export const TWO_LEVEL_ABOVE = 8;

export interface MenuService {
  readonly id: string;
  readonly department?: string;
}

export interface MenuDepartment {
  readonly id: string;
  readonly name: string;
  readonly nameEn?: string;
}

/** A kiosk's subset in the config: service ids and/or department ids; neither means every service. */
export interface KioskSubset {
  readonly services?: readonly string[];
  readonly departments?: readonly string[];
}

/** The hall's departments and each kiosk's subset, as the layout holds them (hallq.yaml's, or an admin's edit). */
export interface KioskOffers {
  readonly departments: readonly MenuDepartment[];
  readonly kiosks: readonly (KioskSubset & { readonly id: string })[];
}

export interface KioskMenu {
  /** The services this kiosk offers, in the hall's order. */
  readonly serviceIds: readonly string[];
  readonly isTwoLevel: boolean;
  /**
   * The kiosk's departments in the hall's order, each with its offered services; services without a
   * department come last under id '' (the page words it 其他业务).
   */
  readonly departments: readonly { readonly id: string; readonly name?: string; readonly nameEn?: string; readonly serviceIds: readonly string[] }[];
}

/** Whether the kiosk offers the service (no subset: every service). */
export function isOffered(subset: KioskSubset | undefined, service: MenuService): boolean {
  if (!subset || (subset.services === undefined && subset.departments === undefined)) return true;
  if (subset.services?.includes(service.id)) return true;
  return service.department !== undefined && (subset.departments?.includes(service.department) ?? false);
}

export function kioskMenu(subset: KioskSubset | undefined, services: readonly MenuService[], departments: readonly MenuDepartment[]): KioskMenu {
  const offered = services.filter((s) => isOffered(subset, s));
  const known = new Set(departments.map((d) => d.id));
  const groups = departments
    .map((d) => ({ id: d.id, name: d.name, ...(d.nameEn ? { nameEn: d.nameEn } : {}), serviceIds: offered.filter((s) => s.department === d.id).map((s) => s.id) }))
    .filter((g) => g.serviceIds.length > 0);
  const loose = offered.filter((s) => s.department === undefined || !known.has(s.department)).map((s) => s.id);
  const all = loose.length > 0 ? [...groups, { id: '', serviceIds: loose }] : groups;
  return { serviceIds: offered.map((s) => s.id), isTwoLevel: all.length > 1 && offered.length > TWO_LEVEL_ABOVE, departments: all };
}
