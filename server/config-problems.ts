/**
 * Schema errors of a configuration file in words an IT person can act on: every problem at once, one per place,
 * the allowed values of a choice (`callOrder` names weighted-wait, service-order, arrival) and "did you mean" for
 * a misspelt key. Used by loadConfig, so `hallq check`, `hallq start` and the console say the same.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

export function schemaProblems(schema: TSchema, value: unknown): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of Value.Errors(schema, value)) {
    const path = error.path || '/';
    // A missing field is reported once ("required"), not again as "Expected string" for the same place.
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, message: describe(error) });
  }
  return problems;
}

function describe(error: ValueError): string {
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const key = error.path.split('/').pop() ?? '';
    const known = parentKeys(error.schema);
    const guess = closest(key, known);
    return `unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}${known.length > 0 ? ` (allowed here: ${known.join(', ')})` : ''}`;
  }
  if (error.type === ValueErrorType.Union) {
    const choices = literalChoices(error.schema);
    if (choices.length > 0) return `${JSON.stringify(error.value)} is not allowed; use one of: ${choices.join(', ')}`;
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required but missing';
  return error.message;
}

/** The keys an object schema allows (the error's schema is the object itself for an unexpected property). */
function parentKeys(schema: TSchema): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  return properties ? Object.keys(properties) : [];
}

function literalChoices(schema: TSchema): string[] {
  const options = (schema as { anyOf?: ReadonlyArray<{ const?: unknown }> }).anyOf ?? [];
  return options.filter((o) => o.const !== undefined).map((o) => String(o.const));
}

/** The allowed key nearest to a misspelt one, if it is near enough to be the likely intent. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * "service id A is also used at /services/0": the one uniqueness check of the hall's and the centre's
 * configuration files (ids, prefixes, window numbers, hall codes, tokens).
 */
export function duplicatesAmong<T>(items: readonly T[], key: (item: T) => string | number, path: string, what: string): SchemaProblem[] {
  const seen = new Map<string | number, number>();
  const problems: SchemaProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) problems.push({ path: `${path}/${i}`, message: `${what} ${k} is also used at ${path}/${first}` });
    else seen.set(k, i);
  });
  return problems;
}
