/**
 * The departments part of the layout form without the DOM: the hall's 部门 list, which one each service
 * belongs to (ServiceDraft.department holds a department's key), and what each kiosk offers. Rows refer to
 * departments and services by key, so a department or service added here can be chosen before it has an id.
 *
 * A kiosk offers every service, or the ones it is given: chosen departments and/or chosen services (the config
 * schema's `kiosks[].departments` / `services`). The hub's config rules (a limited kiosk must offer something,
 * a service's department must exist) stay the authority; the form refuses early only what it can say better.
 */
import type { DepartmentConfig, KioskOffer as HubKioskOffer } from '../server/protocol/layout';
import { ID, type FieldProblem, type LayoutDraft, type Open } from './layout-form';

export type LayoutDepartment = Open<DepartmentConfig>;
export type LayoutKiosk = Open<HubKioskOffer>;

export interface DepartmentDraft {
  /** The id of an existing department; `#new-N` for one added here: services and kiosks refer to it. */
  readonly key: string;
  readonly original?: LayoutDepartment;
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
}

export type DepartmentField = 'id' | 'name' | 'nameEn';

export interface KioskDraft {
  readonly original: LayoutKiosk;
  /** false: every service; true: only the chosen departments and services. */
  readonly isLimited: boolean;
  readonly departmentKeys: readonly string[];
  readonly serviceKeys: readonly string[];
}


export function toDepartmentDrafts(departments: readonly LayoutDepartment[] | undefined): DepartmentDraft[] {
  return (departments ?? []).map((d) => ({ key: d.id, original: d, id: d.id, name: d.name, nameEn: d.nameEn ?? '' }));
}

export function toKioskDrafts(kiosks: readonly LayoutKiosk[] | undefined): KioskDraft[] {
  return (kiosks ?? []).map((k) => ({
    original: k,
    isLimited: k.services !== undefined || k.departments !== undefined,
    departmentKeys: [...(k.departments ?? [])],
    serviceKeys: [...(k.services ?? [])],
  }));
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

/** A new department: id `dept<N>` (the first unused), no name yet. */
export function addDepartment(draft: LayoutDraft): LayoutDraft {
  const ids = new Set(draft.departments.map((d) => d.id));
  let n = draft.departments.length + 1;
  while (ids.has(`dept${n}`)) n++;
  const department: DepartmentDraft = { key: `#new-${draft.added + 1}`, id: `dept${n}`, name: '', nameEn: '' };
  return { ...draft, added: draft.added + 1, departments: [...draft.departments, department] };
}

export function updateDepartment(draft: LayoutDraft, index: number, field: DepartmentField, value: string): LayoutDraft {
  const d = draft.departments[index];
  if (!d || (field === 'id' && d.original)) return draft; // kiosks and services in hallq.yaml name it by its id
  return { ...draft, departments: replaceAt(draft.departments, index, { ...d, [field]: value }) };
}

/** Moves a department `delta` places: the listed order is the kiosk's order. */
export function moveDepartment(draft: LayoutDraft, index: number, delta: number): LayoutDraft {
  const moving = draft.departments[index];
  const target = index + delta;
  if (!moving || target < 0 || target >= draft.departments.length) return draft;
  const rest = draft.departments.filter((_, i) => i !== index);
  return { ...draft, departments: [...rest.slice(0, target), moving, ...rest.slice(target)] };
}

/**
 * Removes a department no service belongs to (and takes it off every kiosk's choice). One still in use is
 * refused with the services' names (or ids while unnamed), so the admin knows which to move first.
 */
export function removeDepartment(draft: LayoutDraft, index: number): { ok: true; draft: LayoutDraft } | { ok: false; services: string[] } {
  const gone = draft.departments[index];
  if (!gone) return { ok: true, draft };
  const users = draft.services.filter((s) => s.department === gone.key);
  if (users.length > 0) return { ok: false, services: users.map((s) => s.name.trim() || s.id.trim()) };
  return {
    ok: true,
    draft: {
      ...draft,
      departments: draft.departments.filter((_, i) => i !== index),
      kiosks: draft.kiosks.map((k) => ({ ...k, departmentKeys: k.departmentKeys.filter((key) => key !== gone.key) })),
    },
  };
}

/** Takes a removed service off every kiosk's choice. */
export function forgetKioskService(draft: LayoutDraft, serviceKey: string): LayoutDraft {
  return { ...draft, kiosks: draft.kiosks.map((k) => ({ ...k, serviceKeys: k.serviceKeys.filter((key) => key !== serviceKey) })) };
}

export function setKioskLimited(draft: LayoutDraft, index: number, isLimited: boolean): LayoutDraft {
  const k = draft.kiosks[index];
  return k ? { ...draft, kiosks: replaceAt(draft.kiosks, index, { ...k, isLimited }) } : draft;
}

/** Ticks or unticks a department (`kind` 'department') or a service on a kiosk's choice, keeping the hall's order. */
export function chooseForKiosk(draft: LayoutDraft, index: number, kind: 'department' | 'service', key: string, isChosen: boolean): LayoutDraft {
  const k = draft.kiosks[index];
  if (!k) return draft;
  const order = (kind === 'department' ? draft.departments : draft.services).map((x) => x.key);
  const field = kind === 'department' ? 'departmentKeys' : 'serviceKeys';
  const chosen = new Set(k[field]);
  if (isChosen) chosen.add(key);
  else chosen.delete(key);
  // Keys the form does not list (a service the hub still knows) keep their place at the end.
  const next = [...order.filter((x) => chosen.has(x)), ...[...chosen].filter((x) => !order.includes(x))];
  return { ...draft, kiosks: replaceAt(draft.kiosks, index, { ...k, [field]: next }) };
}

/** The id a department key stands for now (an added one's id may still be changing). */
export function departmentIdOf(draft: LayoutDraft, key: string): string {
  return draft.departments.find((d) => d.key === key)?.id.trim() ?? key;
}

/** The departments and kiosks of the PUT body (only the sections the hub sent: an older hub has neither). */
export function offersBody(draft: LayoutDraft, serviceIdOf: (key: string) => string, problems: FieldProblem[]): { departments?: LayoutDepartment[]; kiosks?: LayoutKiosk[] } {
  const departments = draft.departments.map((d, i): LayoutDepartment => {
    const id = d.id.trim();
    const name = d.name.trim();
    const nameEn = d.nameEn.trim();
    if (!d.original && !ID.test(id)) problems.push({ path: `departments/${i}/id`, code: id === '' ? 'required' : 'bad-id' });
    if (name === '') problems.push({ path: `departments/${i}/name`, code: 'required' });
    const body: LayoutDepartment = { ...d.original, id: d.original ? d.original.id : id, name };
    if (nameEn === '') delete body.nameEn;
    else body.nameEn = nameEn;
    return body;
  });
  const kiosks = draft.kiosks.map((k, i): LayoutKiosk => {
    const { services: _services, departments: _departments, ...rest } = k.original;
    if (!k.isLimited) return rest;
    if (k.departmentKeys.length === 0 && k.serviceKeys.length === 0) problems.push({ path: `kiosks/${i}/offer`, code: 'no-offer' });
    return {
      ...rest,
      ...(k.departmentKeys.length > 0 ? { departments: k.departmentKeys.map((key) => departmentIdOf(draft, key)) } : {}),
      ...(k.serviceKeys.length > 0 ? { services: k.serviceKeys.map(serviceIdOf) } : {}),
    };
  });
  const hasDepartments = 'departments' in draft.original || departments.length > 0;
  return { ...(hasDepartments ? { departments } : {}), ...('kiosks' in draft.original ? { kiosks } : {}) };
}
