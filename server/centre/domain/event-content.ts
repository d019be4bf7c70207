/**
 * An uplink event's content as the centre stores it: personal fields removed (defence in depth: the hall's
 * projection should never send them). And one canonical JSON text (keys sorted), whose hash tells a changed
 * hall profile from the same one. Pure.
 */

/** Field names that carry personal data in the hall's views; never stored at the centre, at any depth. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['personMasked', 'nameMasked', 'personHash', 'trackToken', 'trackUrl', 'idNumber', 'phone', 'phoneNumber', 'passwordHash', 'password']);

/** Walked for every fact of every batch: plain loops, no arrays of entries made on the way. */
function hasPersonal(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const inner of value) if (hasPersonal(inner)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (PERSONAL_FIELDS.has(key) || hasPersonal(record[key])) return true;
  }
  return false;
}

/**
 * Without personal fields, and the names of those it dropped (for a log line that names no value). A clean
 * payload (every one from a well-behaved hall) is returned as it is, without a copy.
 */
export function withoutPersonal(data: Readonly<Record<string, unknown>>): { data: Readonly<Record<string, unknown>>; dropped: string[] } {
  if (!hasPersonal(data)) return { data, dropped: [] };
  const dropped = new Set<string>();
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (PERSONAL_FIELDS.has(key)) dropped.add(key);
      else out[key] = clean(inner);
    }
    return out;
  };
  return { data: clean(data) as Record<string, unknown>, dropped: [...dropped].sort() };
}

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
