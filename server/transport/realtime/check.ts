/** Validates socket payloads with the same TypeBox schemas the HTTP API uses. */
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { HubError } from '../../app/errors';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

export function check<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    compiled.set(schema, checker);
  }
  if (checker.Check(value)) return value as Static<S>;
  const first = checker.Errors(value).First();
  const where = first?.path ? ` at ${first.path}` : '';
  throw new HubError('invalid-request', `The ${what} is not valid${where}: ${first?.message ?? 'wrong shape'}.`);
}
