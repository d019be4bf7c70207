/**
 * The pages' HTTP client over the typed contract: `call(route, input)` builds the path from the route's
 * params, sends the body, and answers the route's own reply type (server/protocol/route-map.ts).
 */
import type { ReplyOf, RouteDef, RouteInput } from '../server/protocol/route-map';
import { routePath } from '../server/protocol/route-map';
import { callApi, type CallOptions } from './hub-client';

function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return '';
  return '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export function call<D extends RouteDef>(route: D, input: RouteInput<D>, options: Omit<CallOptions, 'method' | 'body'> = {}): Promise<ReplyOf<D>> {
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const path = routePath(route.path, parts.params) + queryString(parts.query);
  return callApi<ReplyOf<D>>(options.base ? options.base + path : path, {
    ...options,
    method: route.method,
    body: parts.body,
    asBlob: route.file !== undefined,
  });
}
