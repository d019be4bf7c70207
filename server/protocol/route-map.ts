/**
 * The typed HTTP contract: every route as data (method, path, params, query, body, reply, who may call it).
 * The hub registers routes from these definitions (server/transport/http/route-kit.ts) and the pages call
 * them through ui-client/api.ts, so a reply type is written once and a page cannot name the wrong one.
 * Browser-safe: TypeBox schemas and types only.
 */
import type { Static, TSchema } from '@sinclair/typebox';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/**
 * Who may call a route, as the OpenAPI text says it. The handler still checks (the hub decides, not the
 * contract); a test holds the two together (test/security/route-matrix.test.ts).
 */
export type RouteAccess =
  | 'anyone'
  | 'visitor-link'
  | 'kiosk'
  | 'device'
  | 'staff'
  | 'manager'
  | 'admin'
  | 'hall'
  | 'city-user'
  | 'city-supervisor'
  | 'city-admin';

export interface RouteDef {
  readonly method: HttpMethod;
  /** Fastify path syntax: `/api/windows/:windowId/open`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: RouteAccess | readonly RouteAccess[];
  readonly params?: TSchema;
  readonly query?: TSchema;
  readonly body?: TSchema;
  /** The success reply's schema; `Type.Null()` for 204, a string schema for a file (see `file`). */
  readonly reply: TSchema;
  /** Success status (200 unless said). */
  readonly status?: 200 | 201 | 202 | 204;
  /** The reply is a file (CSV, XLSX), not JSON: the client hands back a Blob. */
  readonly file?: { readonly contentTypes: readonly string[] };
  /** The route accepts an `Idempotency-Key` header: a retry with the same key gets the first answer. */
  readonly isIdempotent?: boolean;
  /** An example request body and reply for /docs (protocol/api-examples.ts); a test validates them against the schemas. */
  readonly examples?: { readonly body?: unknown; readonly reply?: unknown };
}

/** Keeps a definition's literal types (so `ReplyOf` is exact) while checking it is a RouteDef. */
export function defineRoute<const D extends RouteDef>(def: D): D {
  return def;
}

type StaticOr<S, Otherwise> = S extends TSchema ? Static<S> : Otherwise;

export type ParamsOf<D extends RouteDef> = StaticOr<D['params'], undefined>;
export type QueryOf<D extends RouteDef> = StaticOr<D['query'], undefined>;
export type BodyOf<D extends RouteDef> = StaticOr<D['body'], undefined>;
export type ReplyOf<D extends RouteDef> = D['file'] extends object ? Blob : Static<D['reply']>;

/** What a caller passes: only the parts the route has. */
export type RouteInput<D extends RouteDef> = (D['params'] extends TSchema ? { params: ParamsOf<D> } : { params?: undefined }) &
  (D['query'] extends TSchema ? { query?: QueryOf<D> } : { query?: undefined }) &
  (D['body'] extends TSchema ? { body?: BodyOf<D> } : { body?: undefined });

/** `/api/windows/:windowId/open` + `{ windowId: 'w1' }` → `/api/windows/w1/open` (each value URI-encoded). */
export function routePath(path: string, params: Readonly<Record<string, unknown>> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`The route ${path} needs the parameter "${name}".`);
    return encodeURIComponent(String(value));
  });
}
