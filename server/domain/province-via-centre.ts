/**
 * What of a 好差评 record may travel through the city centre (adapter `city-centre`, docs/province.md). The
 * centre stores what it forwards, and nothing personal may leave the hall for it (docs/uplink.md): the record
 * keeps only the platform fields of non-personal canonical fields and the mapping's constants; the visitor's
 * comment is scrubbed as the uplink scrubs it. `hallq check` already refuses a mapping that names a personal
 * field for this adapter; this is the second line of defence, so a later mapping cannot leak by accident.
 * Pure.
 */
import type { ProvinceField, ProvinceMapping } from './province-record';
import { scrubText, type ProjectionContext } from './uplink-projection';

/** Canonical fields that describe a person: the rater's masked name, and the clerk when named by name. */
export function personalPlatformFields(mapping: Pick<ProvinceMapping, 'fields' | 'clerk'>): ReadonlySet<string> {
  const fields: Partial<Record<ProvinceField, string>> = mapping.fields;
  const names = [fields.raterName, mapping.clerk === 'name' ? fields.handler : undefined];
  return new Set(names.filter((n): n is string => n !== undefined));
}

/** The platform names a record sent through the centre may carry. */
export function centreAllowedFields(mapping: Pick<ProvinceMapping, 'fields' | 'clerk' | 'constants'>): ReadonlySet<string> {
  const personal = personalPlatformFields(mapping);
  const mapped = Object.values(mapping.fields as Partial<Record<ProvinceField, string>>).filter((n): n is string => n !== undefined && !personal.has(n));
  return new Set([...mapped, ...Object.keys(mapping.constants)]);
}

/** The record as it may reach the centre: allowed fields only, the comment scrubbed (an empty one left out). */
export function centreSafeRecord(
  record: Readonly<Record<string, string | number>>,
  mapping: Pick<ProvinceMapping, 'fields' | 'clerk' | 'constants'>,
  ctx: ProjectionContext,
): Record<string, string | number> {
  const allowed = centreAllowedFields(mapping);
  const commentField = (mapping.fields as Partial<Record<ProvinceField, string>>).comment;
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!allowed.has(key)) continue;
    if (key === commentField && typeof value === 'string') {
      const clean = scrubText(value, ctx).trim();
      if (clean !== '') out[key] = clean;
      continue;
    }
    out[key] = value;
  }
  return out;
}
