/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for replies), run at a route's first
 * request instead of at start-up. Compiling the ~200 routes' schemas was about 0.4 s of the hub's start-up CPU
 * and most of its garbage (issue 20: start-up ≤ 0.5 s); a hall uses a few dozen routes in a day, and the first
 * request of each pays a few milliseconds once.
 *
 * The compilers are the ones Fastify would pick itself (@fastify/ajv-compiler, @fastify/fast-json-stringify-compiler,
 * resolved from fastify's own directory, so they are the versions it was installed with), with the same options:
 * validation and serialization behave exactly as before. What moves is when a broken schema shows: at its route's
 * first request (a 500) instead of at start — test/security/route-matrix.test.ts calls every route.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>>;
type ValidatorFactory = NonNullable<Factories['buildValidator']>;
type SerializerFactory = NonNullable<Factories['buildSerializer']>;

/** What Fastify calls a compiled validator with, and reads back from it (lib/validation.js). */
type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const defaultValidatorFactory = (): ValidatorFactory => (fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory)();
const defaultSerializerFactory = (): SerializerFactory => (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)();

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A validator that compiles on its first call; `errors` and `schemaEnv` (Ajv's) are read through to the real one. */
function lazyValidator(compile: () => Validate): Validate {
  const real = once(compile);
  const validate = ((data: unknown, context?: unknown) => real()(data, context)) as Validate;
  Object.defineProperty(validate, 'errors', { get: () => real().errors });
  Object.defineProperty(validate, 'schemaEnv', { get: () => real().schemaEnv });
  return validate;
}

const buildValidator: ValidatorFactory = (externalSchemas, options) => {
  // Even Ajv itself (and ajv-formats) is loaded and set up at the first validation.
  const compilerFor = once(() => defaultValidatorFactory()(externalSchemas, options));
  return ((route: Parameters<ReturnType<ValidatorFactory>>[0]) => lazyValidator(() => compilerFor()(route) as unknown as Validate)) as unknown as ReturnType<ValidatorFactory>;
};

const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compilerFor = once(() => defaultSerializerFactory()(externalSchemas, options));
  return ((route: Parameters<ReturnType<SerializerFactory>>[0]) => {
    const serialize = once(() => compilerFor()(route));
    return (data: unknown) => serialize()(data);
  }) as ReturnType<SerializerFactory>;
};

/** Fastify's `schemaController` option: its default compilers, compiled lazily. */
export const lazySchemaController = { compilersFactory: { buildValidator, buildSerializer } } satisfies FastifyServerOptions['schemaController'];
