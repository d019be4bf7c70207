/**
 * The services/windows layout form without the DOM: the hub's layout (GET /api/admin/layout, the config
 * file's shape) becomes a draft of texts the form edits, and the draft becomes the PUT body again.
 *
 * The body starts from the objects the hub sent and overwrites only what the form edits, so fields the form
 * does not show (nameEn, area, anything a newer hub adds) go back unchanged. Checks here are about format
 * only (a number, a time of day); the hub's config rules (unique prefixes, ranges, known services) stay the
 * authority, and `locateHubProblems` points its refusal at the fields it names.
 */
import type { LayoutService as HubService, LayoutWindow as HubWindow, OpeningHours, WindowServiceEntry as HubWindowEntry } from '../server/protocol/layout';
import { departmentIdOf, forgetKioskService, offersBody, toDepartmentDrafts, toKioskDrafts, type DepartmentDraft, type KioskDraft, type LayoutDepartment, type LayoutKiosk } from './layout-departments';

/**
 * The layout as the hub sends it (server/protocol/layout.ts), open to fields the form does not know: it
 * edits the fields it shows, and every other one (nameEn, area, anything a newer hub adds) rides along.
 */
/** A row as the hub sent it: fields this page does not edit are kept and sent back. */
export type Open<T> = T & { [field: string]: unknown };
export type LayoutService = Open<HubService>;
export type WindowServiceEntry = Open<Exclude<HubWindowEntry, string>>;
export type LayoutWindow = Open<Omit<HubWindow, 'services'> & { services: (string | WindowServiceEntry)[] }>;
export type Layout = Open<{ services: LayoutService[]; windows: LayoutWindow[]; departments?: LayoutDepartment[]; kiosks?: LayoutKiosk[] }>;
export type { OpeningHours };

/** A service row as the form holds it: every field as typed. `original` is undefined for a row added here. */
export interface ServiceDraft {
  /** Stable while editing (the id of an existing service; `#new-N` for an added one): windows refer to it. */
  readonly key: string;
  readonly original?: LayoutService;
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly rangeStart: string;
  readonly rangeEnd: string;
  readonly hours: string;
  readonly dailyCap: string;
  readonly serviceMinutes: string;
  readonly waitLimitMinutes: string;
  readonly serviceLimitMinutes: string;
  /** 办事指南 (一次性告知): the materials one per line, as the kiosk lists them; the rest as typed. */
  readonly materials: string;
  readonly basis: string;
  readonly promiseDays: string;
  readonly fees: string;
  /** The key of the department it belongs to (layout-departments.ts); '' for none. */
  readonly department: string;
}

export type ServiceField = Exclude<keyof ServiceDraft, 'key' | 'original'>;

export interface WindowEntryDraft {
  readonly serviceKey: string;
  readonly weight: string;
  readonly original?: WindowServiceEntry;
}

export interface WindowDraft {
  readonly key: string;
  readonly original?: LayoutWindow;
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly services: readonly WindowEntryDraft[];
}

export type WindowField = 'id' | 'number' | 'name';

export interface LayoutDraft {
  readonly original: Layout;
  readonly services: readonly ServiceDraft[];
  readonly windows: readonly WindowDraft[];
  readonly departments: readonly DepartmentDraft[];
  readonly kiosks: readonly KioskDraft[];
  /** Counts added rows, so each gets a key never used before in this draft. */
  readonly added: number;
}

export type ProblemCode = 'required' | 'not-integer' | 'not-number' | 'bad-hours' | 'bad-id' | 'bad-prefix' | 'no-services' | 'no-offer';

/** A format problem at `path`: `services/0/hours`, `windows/1/services`, `windows/1/services/0/weight`. */
export interface FieldProblem {
  readonly path: string;
  readonly code: ProblemCode;
}

/** Defaults of a service added in the form (the config file's defaults). */
export const NEW_SERVICE = { rangeStart: 1, rangeEnd: 999, serviceMinutes: 8, waitLimitMinutes: 30, serviceLimitMinutes: 20 } as const;

export const ID = /^[A-Za-z0-9_-]{1,32}$/;
const PREFIX = /^[A-Z]{1,2}$/;

/** Full-width digits and punctuation (a Chinese input method's) as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** "08:30-12:00, 13:30-17:00" for the hub's periods; the empty text for none (open whenever the hall is). */
export function formatHours(hours: readonly OpeningHours[]): string {
  return hours.map((h) => `${h.from}-${h.to}`).join(', ');
}

/**
 * Reads opening periods as people type them: "8:30-12:00，13:30～17:00" or with 至/到, full-width colons,
 * commas, semicolons or spaces between periods. Times come back as "HH:MM". Empty text: no periods.
 * Whether a period opens before it closes is the hub's rule, not a format question.
 */
export function parseHours(text: string): { ok: true; hours: OpeningHours[] } | { ok: false; bad: string } {
  const normal = halfWidth(text)
    .replace(/：/g, ':')
    .replace(/[–—~～至到－]/g, '-')
    .replace(/[，、；;]/g, ',')
    .replace(/\s*([-:])\s*/g, '$1');
  const hours: OpeningHours[] = [];
  for (const piece of normal.split(/[,\s]+/).filter(Boolean)) {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(piece);
    const [fromH, fromM, toH, toM] = m ? [m[1], m[2], m[3], m[4]].map(Number) : [];
    if (fromH === undefined || fromM === undefined || toH === undefined || toM === undefined || fromH > 23 || toH > 23 || fromM > 59 || toM > 59) return { ok: false, bad: piece };
    hours.push({ from: `${twoDigits(fromH)}:${twoDigits(fromM)}`, to: `${twoDigits(toH)}:${twoDigits(toM)}` });
  }
  return { ok: true, hours };
}

/** A whole number as typed (full-width digits too), or undefined when it is not one. */
export function parseWhole(text: string): number | undefined {
  const s = halfWidth(text).trim();
  return /^\d+$/.test(s) ? Number(s) : undefined;
}

/** A decimal number as typed, or undefined when it is not one. */
export function parseDecimal(text: string): number | undefined {
  const s = halfWidth(text).trim();
  return /^\d+(\.\d+)?$|^\.\d+$/.test(s) ? Number(s) : undefined;
}

function text(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

function entriesOf(w: LayoutWindow): WindowEntryDraft[] {
  // The config file lets a window list bare ids: the earlier, the heavier (as the hub's loader weighs them).
  return w.services.map((s, i) => (typeof s === 'string' ? { serviceKey: s, weight: String(w.services.length - i) } : { serviceKey: s.serviceId, weight: String(s.weight), original: s }));
}

export function toDraft(layout: Layout): LayoutDraft {
  return {
    original: layout,
    added: 0,
    services: layout.services.map((s) => ({
      key: s.id,
      original: s,
      id: s.id,
      name: s.name,
      prefix: s.prefix,
      rangeStart: text(s.rangeStart),
      rangeEnd: text(s.rangeEnd),
      hours: formatHours(s.hours ?? []),
      dailyCap: text(s.dailyCap),
      serviceMinutes: text(s.serviceMinutes),
      waitLimitMinutes: text(s.waitLimitMinutes ?? NEW_SERVICE.waitLimitMinutes),
      serviceLimitMinutes: text(s.serviceLimitMinutes ?? NEW_SERVICE.serviceLimitMinutes),
      materials: (s.guide?.materials ?? []).join('\n'),
      basis: s.guide?.basis ?? '',
      promiseDays: text(s.guide?.promiseDays),
      fees: s.guide?.fees ?? '',
      department: s.department ?? '',
    })),
    departments: toDepartmentDrafts(layout.departments),
    kiosks: toKioskDrafts(layout.kiosks),
    windows: layout.windows.map((w) => ({ key: w.id, original: w, id: w.id, number: text(w.number), name: w.name ?? '', services: entriesOf(w) })),
  };
}

/** Whether a window's weights are the ones its order alone gives (n, n−1, …, 1): then they follow the order. */
export function hasOrderWeights(entries: readonly WindowEntryDraft[]): boolean {
  return entries.every((e, i) => parseDecimal(e.weight) === entries.length - i);
}

function withOrderWeights(entries: readonly WindowEntryDraft[]): WindowEntryDraft[] {
  return entries.map((e, i) => ({ ...e, weight: String(entries.length - i) }));
}

/** Re-weighs by order after a change of the list, if the weights followed the order before it. */
function reorder(before: readonly WindowEntryDraft[], after: readonly WindowEntryDraft[]): WindowEntryDraft[] {
  return hasOrderWeights(before) ? withOrderWeights(after) : [...after];
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

function withWindow(draft: LayoutDraft, index: number, edit: (w: WindowDraft) => WindowDraft): LayoutDraft {
  const w = draft.windows[index];
  return w ? { ...draft, windows: replaceAt(draft.windows, index, edit(w)) } : draft;
}

export function updateService(draft: LayoutDraft, index: number, field: ServiceField, value: string): LayoutDraft {
  const s = draft.services[index];
  if (!s || (field === 'id' && s.original)) return draft; // an existing service's id names its tickets: not editable
  return { ...draft, services: replaceAt(draft.services, index, { ...s, [field]: field === 'prefix' ? value.toUpperCase() : value }) };
}

export function updateWindow(draft: LayoutDraft, index: number, field: WindowField, value: string): LayoutDraft {
  return withWindow(draft, index, (w) => (field === 'id' && w.original ? w : { ...w, [field]: value }));
}

export function updateWeight(draft: LayoutDraft, windowIndex: number, entryIndex: number, value: string): LayoutDraft {
  return withWindow(draft, windowIndex, (w) => {
    const e = w.services[entryIndex];
    return e ? { ...w, services: replaceAt(w.services, entryIndex, { ...e, weight: value }) } : w;
  });
}

function unusedLetter(draft: LayoutDraft): string {
  const taken = new Set(draft.services.flatMap((s) => [s.id.toUpperCase(), s.prefix.toUpperCase()]));
  for (let c = 65; c <= 90; c++) if (!taken.has(String.fromCharCode(c))) return String.fromCharCode(c);
  return '';
}

/** A new service row: the first capital letter unused as id and prefix, the config file's defaults, no name yet. */
export function addService(draft: LayoutDraft): LayoutDraft {
  const letter = unusedLetter(draft);
  const service: ServiceDraft = {
    key: `#new-${draft.added + 1}`,
    id: letter,
    name: '',
    prefix: letter,
    rangeStart: String(NEW_SERVICE.rangeStart),
    rangeEnd: String(NEW_SERVICE.rangeEnd),
    hours: '',
    dailyCap: '',
    serviceMinutes: String(NEW_SERVICE.serviceMinutes),
    waitLimitMinutes: String(NEW_SERVICE.waitLimitMinutes),
    serviceLimitMinutes: String(NEW_SERVICE.serviceLimitMinutes),
    materials: '',
    basis: '',
    promiseDays: '',
    fees: '',
    department: '',
  };
  return { ...draft, added: draft.added + 1, services: [...draft.services, service] };
}

/** Removes a service row and takes it off every window's list. */
export function removeService(draft: LayoutDraft, index: number): LayoutDraft {
  const gone = draft.services[index];
  if (!gone) return draft;
  return {
    ...forgetKioskService(draft, gone.key),
    services: draft.services.filter((_, i) => i !== index),
    windows: draft.windows.map((w) => (w.services.some((e) => e.serviceKey === gone.key) ? { ...w, services: reorder(w.services, w.services.filter((e) => e.serviceKey !== gone.key)) } : w)),
  };
}

/** A new window row: the next free number, id `w<number>` (or the next free one), no services yet. */
export function addWindow(draft: LayoutDraft): LayoutDraft {
  const number = Math.max(0, ...draft.windows.map((w) => parseWhole(w.number) ?? 0)) + 1;
  const ids = new Set(draft.windows.map((w) => w.id));
  let id = `w${number}`;
  for (let n = number + 1; ids.has(id); n++) id = `w${n}`;
  const window: WindowDraft = { key: `#new-${draft.added + 1}`, id, number: String(number), name: '', services: [] };
  return { ...draft, added: draft.added + 1, windows: [...draft.windows, window] };
}

export function removeWindow(draft: LayoutDraft, index: number): LayoutDraft {
  return draft.windows[index] ? { ...draft, windows: draft.windows.filter((_, i) => i !== index) } : draft;
}

/** Moves a window's service `delta` places (−1 up = higher priority); its weight follows the order if they did. */
export function moveWindowService(draft: LayoutDraft, windowIndex: number, entryIndex: number, delta: number): LayoutDraft {
  return withWindow(draft, windowIndex, (w) => {
    const target = entryIndex + delta;
    const moving = w.services[entryIndex];
    if (!moving || target < 0 || target >= w.services.length) return w;
    const rest = w.services.filter((_, i) => i !== entryIndex);
    return { ...w, services: reorder(w.services, [...rest.slice(0, target), moving, ...rest.slice(target)]) };
  });
}

/** Adds a service at the end of a window's list (lowest priority; weight 1 unless the weights follow the order). */
export function addWindowService(draft: LayoutDraft, windowIndex: number, serviceKey: string): LayoutDraft {
  if (!draft.services.some((s) => s.key === serviceKey)) return draft;
  return withWindow(draft, windowIndex, (w) =>
    w.services.some((e) => e.serviceKey === serviceKey) ? w : { ...w, services: reorder(w.services, [...w.services, { serviceKey, weight: '1' }]) },
  );
}

export function removeWindowService(draft: LayoutDraft, windowIndex: number, entryIndex: number): LayoutDraft {
  return withWindow(draft, windowIndex, (w) => (w.services[entryIndex] ? { ...w, services: reorder(w.services, w.services.filter((_, i) => i !== entryIndex)) } : w));
}

/** The services a window does not serve yet, for its "add" choice. */
export function servicesNotIn(draft: LayoutDraft, windowIndex: number): ServiceDraft[] {
  const w = draft.windows[windowIndex];
  return w ? draft.services.filter((s) => !w.services.some((e) => e.serviceKey === s.key)) : [];
}

/** The id a window entry stands for now (an added service's id may still be changing). */
export function serviceIdOf(draft: LayoutDraft, serviceKey: string): string {
  return draft.services.find((s) => s.key === serviceKey)?.id.trim() ?? serviceKey;
}

/** The PUT body, or the format problems that stop the form from sending it. */
export function fromDraft(draft: LayoutDraft): { ok: true; layout: Layout } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const whole = (path: string, value: string): number => {
    const n = parseWhole(value);
    if (n === undefined) problems.push({ path, code: value.trim() === '' ? 'required' : 'not-integer' });
    return n ?? 0;
  };
  const decimal = (path: string, value: string): number => {
    const n = parseDecimal(value);
    if (n === undefined) problems.push({ path, code: value.trim() === '' ? 'required' : 'not-number' });
    return n ?? 0;
  };
  const services = draft.services.map((s, i): LayoutService => {
    const at = `services/${i}`;
    const id = s.id.trim();
    const name = s.name.trim();
    const prefix = s.prefix.trim().toUpperCase();
    if (!s.original && !ID.test(id)) problems.push({ path: `${at}/id`, code: id === '' ? 'required' : 'bad-id' });
    if (name === '') problems.push({ path: `${at}/name`, code: 'required' });
    if (!PREFIX.test(prefix)) problems.push({ path: `${at}/prefix`, code: prefix === '' ? 'required' : 'bad-prefix' });
    const hours = parseHours(s.hours);
    if (!hours.ok) problems.push({ path: `${at}/hours`, code: 'bad-hours' });
    const cap = s.dailyCap.trim() === '' ? undefined : whole(`${at}/dailyCap`, s.dailyCap);
    const body: LayoutService = {
      ...s.original,
      id: s.original ? s.original.id : id,
      name,
      prefix,
      rangeStart: whole(`${at}/rangeStart`, s.rangeStart),
      rangeEnd: whole(`${at}/rangeEnd`, s.rangeEnd),
      serviceMinutes: decimal(`${at}/serviceMinutes`, s.serviceMinutes),
      waitLimitMinutes: whole(`${at}/waitLimitMinutes`, s.waitLimitMinutes),
      serviceLimitMinutes: whole(`${at}/serviceLimitMinutes`, s.serviceLimitMinutes),
      hours: hours.ok ? hours.hours : [],
    };
    if (cap === undefined) delete body.dailyCap;
    else body.dailyCap = cap;
    const guide = guideOf(s, at, whole);
    if (guide === undefined) delete body.guide;
    else body.guide = guide;
    if (s.department === '') delete body.department;
    else body.department = departmentIdOf(draft, s.department);
    return body;
  });
  const windows = draft.windows.map((w, i): LayoutWindow => {
    const at = `windows/${i}`;
    const id = w.id.trim();
    const name = w.name.trim();
    if (!w.original && !ID.test(id)) problems.push({ path: `${at}/id`, code: id === '' ? 'required' : 'bad-id' });
    if (w.services.length === 0) problems.push({ path: `${at}/services`, code: 'no-services' });
    const body: LayoutWindow = {
      ...w.original,
      id: w.original ? w.original.id : id,
      number: whole(`${at}/number`, w.number),
      services: w.services.map((e, j) => ({ ...e.original, serviceId: serviceIdOf(draft, e.serviceKey), weight: decimal(`${at}/services/${j}/weight`, e.weight) })),
    };
    // No name: the hub names it "<number>号窗口".
    if (name === '') delete body.name;
    else body.name = name;
    return body;
  });
  const offers = offersBody(draft, (key) => serviceIdOf(draft, key), problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, layout: { ...draft.original, services, windows, ...offers } };
}

/**
 * The 办事指南 from its fields: one material per non-empty line; the notes (not edited here) ride along. All
 * empty and no notes: no guide at all. Lengths and counts are the hub's schema check (the file's own).
 */
function guideOf(s: ServiceDraft, at: string, whole: (path: string, value: string) => number): LayoutService['guide'] {
  const materials = s.materials.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const basis = s.basis.trim();
  const fees = s.fees.trim();
  const days = s.promiseDays.trim() === '' ? undefined : whole(`${at}/promiseDays`, s.promiseDays);
  const notes = s.original?.guide?.notes;
  if (materials.length === 0 && basis === '' && fees === '' && days === undefined && notes === undefined) return undefined;
  return {
    ...s.original?.guide,
    materials,
    ...(basis ? { basis } : { basis: undefined }),
    ...(days !== undefined ? { promiseDays: days } : { promiseDays: undefined }),
    ...(fees ? { fees } : { fees: undefined }),
  };
}

const SERVICE_FIELDS: ReadonlySet<string> = new Set<ServiceField>([
  'id', 'name', 'prefix', 'rangeStart', 'rangeEnd', 'hours', 'dailyCap', 'serviceMinutes', 'waitLimitMinutes', 'serviceLimitMinutes', 'materials', 'basis', 'promiseDays', 'fees', 'department',
]);
const WINDOW_FIELDS: ReadonlySet<string> = new Set(['id', 'number', 'name', 'services']);
const FIELDS: Record<string, { fields: ReadonlySet<string>; byDefault: (part: string) => string }> = {
  services: { fields: SERVICE_FIELDS, byDefault: (part) => (/prefix/i.test(part) ? 'prefix' : 'id') },
  windows: { fields: WINDOW_FIELDS, byDefault: (part) => (/number/i.test(part) ? 'number' : 'id') },
  departments: { fields: new Set(['id', 'name', 'nameEn']), byDefault: () => 'id' },
  // A kiosk left with nothing to offer: its choice as a whole.
  kiosks: { fields: new Set(['offer']), byDefault: () => 'offer' },
};

/**
 * Where the hub's refusal points, as form paths with the hub's words for each: its config check answers
 * "The layout is not valid: /services/0/rangeStart rangeStart 5 is after rangeEnd 3; /windows/1 window number
 * 2 is also used at /windows/0.", its schema check "body/services/0/prefix must match pattern …". A problem
 * with a whole row (a duplicate) lands on the field the duplicate is about.
 */
export function locateHubProblems(message: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  for (const part of message.split(/;\s*/)) {
    const m = /(?:^|[\s/])(services|windows|departments|kiosks)\/(\d+)(?:\/([A-Za-z]+))?/.exec(part);
    if (!m) continue;
    const [, section = '', index, named] = m;
    // `/services/0/guide/materials/2`: the guide's own field is the form's (materials, basis, promiseDays, fees).
    const given = named === 'guide' ? (/\/guide\/([A-Za-z]+)/.exec(part)?.[1] ?? 'materials') : named;
    const { fields, byDefault } = FIELDS[section] ?? FIELDS.services!;
    // A kiosk's services/departments entry: its choice as a whole.
    const field = section === 'kiosks' ? 'offer' : (given ?? byDefault(part));
    if (!fields.has(field)) continue; // a field the form does not show (nameEn, area): the toast still says it
    found.push({ path: `${section}/${index}/${field}`, text: part.slice(m.index).trim().replace(/\.$/, '') });
  }
  return found;
}
