/**
 * The record the provincial 好差评 platform receives, built from one rating and what the hall knows about
 * its visit. Pure: the field names, code tables, constants and date format are the province's mapping
 * (hallq.yaml `province:`, docs/province.md), passed in; the hall's own words never leave untranslated.
 */
import { localParts } from './calendar';

/** The canonical fields (server/config-schema.ts PROVINCE_FIELDS); the mapping names them for a platform. */
export type ProvinceField =
  | 'recordId' | 'regionCode' | 'regionName' | 'deptCode' | 'deptName' | 'taskCode' | 'taskName' | 'caseNumber' | 'handler'
  | 'channel' | 'level' | 'reasons' | 'comment' | 'ratedAt' | 'assessNumber' | 'userProp' | 'raterName' | 'ticketNumber' | 'windowNumber';

/** The structural part of ProvinceSettings the record needs (domain/ cannot import config.ts). */
export interface ProvinceMapping {
  readonly regionCode: string;
  readonly regionName?: string;
  readonly department: { readonly code: string; readonly name: string };
  readonly services: Readonly<Record<string, { readonly taskCode: string; readonly taskName?: string; readonly deptCode?: string; readonly deptName?: string }>>;
  readonly clerk: 'username' | 'name';
  readonly channels: { readonly pad: string; readonly keypad: string; readonly phone: string; readonly system: string };
  readonly reasons: Readonly<Record<string, string>>;
  readonly dateFormat: 'yyyy-MM-dd HH:mm:ss' | 'iso' | 'epoch-ms';
  readonly fields: Readonly<Partial<Record<ProvinceField, string>>>;
  readonly constants: Readonly<Record<string, string | number>>;
  readonly required: readonly ProvinceField[];
}

/** What one delivery of a rating is made from (storage joins it; corrections are a manager's edits). */
export interface ProvinceSource {
  /** Stable per rating, version and case: the platform's idempotency key (docs/province.md). */
  readonly recordId: string;
  readonly rating: {
    readonly score: number;
    readonly tags: readonly string[];
    readonly comment?: string;
    readonly channel: 'pad' | 'keypad' | 'phone' | 'system';
    readonly ratedAt: number;
  };
  /** 1 the visitor's rating; 2 a later version (appeal accepted, follow-up result). */
  readonly assessNumber: 1 | 2;
  readonly ticketNumber: string;
  readonly caseNumber?: string;
  /** 1 个人 / 2 法人, when the business system said so. */
  readonly userProp?: 1 | 2;
  readonly service: { readonly id: string; readonly name: string; readonly itemCode?: string };
  readonly windowNumber?: number;
  readonly clerk?: { readonly username: string; readonly name: string };
  /** The visitor's masked name (ID card); sent only when the mapping names a field for it. */
  readonly raterName?: string;
  /** A manager's corrections of canonical fields, applied last. */
  readonly corrections: Readonly<Partial<Record<ProvinceField, string>>>;
}

export type BuiltRecord =
  | { readonly ok: true; readonly record: Readonly<Record<string, string | number>> }
  | { readonly ok: false; readonly missing: readonly ProvinceField[] };

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatTime(at: number, format: ProvinceMapping['dateFormat'], timeZone: string): string | number {
  if (format === 'epoch-ms') return at;
  if (format === 'iso') return new Date(at).toISOString();
  const p = localParts(at, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** The canonical values of a record, before renaming; undefined = not known. */
export function canonicalValues(source: ProvinceSource, mapping: ProvinceMapping, timeZone: string): Partial<Record<ProvinceField, string | number>> {
  const service = mapping.services[source.service.id];
  const reasons = source.rating.tags.map((t) => mapping.reasons[t]).filter((c): c is string => c !== undefined);
  const values: Partial<Record<ProvinceField, string | number | undefined>> = {
    recordId: source.recordId,
    regionCode: mapping.regionCode,
    regionName: mapping.regionName,
    deptCode: service?.deptCode ?? mapping.department.code,
    deptName: service?.deptName ?? mapping.department.name,
    taskCode: service?.taskCode ?? source.service.itemCode,
    taskName: service?.taskName ?? source.service.name,
    caseNumber: source.caseNumber,
    handler: source.clerk ? (mapping.clerk === 'name' ? source.clerk.name : source.clerk.username) : undefined,
    channel: mapping.channels[source.rating.channel],
    level: source.rating.score,
    reasons: reasons.length > 0 ? reasons.join(',') : undefined,
    comment: source.rating.comment,
    ratedAt: formatTime(source.rating.ratedAt, mapping.dateFormat, timeZone),
    assessNumber: source.assessNumber,
    userProp: source.userProp,
    raterName: source.raterName,
    ticketNumber: source.ticketNumber,
    windowNumber: source.windowNumber,
  };
  for (const [field, value] of Object.entries(source.corrections) as [ProvinceField, string][]) {
    // A level stays a number on the wire, whatever the form field typed.
    values[field] = field === 'level' || field === 'assessNumber' || field === 'userProp' ? Number(value) : value;
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Partial<Record<ProvinceField, string | number>>;
}

/**
 * The record under the platform's field names: constants first, then each mapped canonical field. A field
 * the mapping does not name is left out — personal ones (raterName) leave the hall only when named.
 */
export function buildProvinceRecord(source: ProvinceSource, mapping: ProvinceMapping, timeZone: string): BuiltRecord {
  const values = canonicalValues(source, mapping, timeZone);
  const missing = mapping.required.filter((f) => values[f] === undefined);
  if (missing.length > 0) return { ok: false, missing };
  const record: Record<string, string | number> = { ...mapping.constants };
  for (const [field, name] of Object.entries(mapping.fields) as [ProvinceField, string][]) {
    const value = values[field];
    if (value !== undefined) record[name] = value;
  }
  return { ok: true, record };
}

/** The platform's idempotency id of one record: rating, version, and which of the ticket's cases (一件事). */
export function provinceRecordId(ratingId: string, version: number, caseIndex: number): string {
  return `${ratingId}.${version}.${caseIndex}`;
}
