/**
 * Calls to the hub with the signed-in manager's token, through the typed contract (server/protocol/routes/),
 * and authenticated file downloads (a plain link cannot carry the token).
 */
import type { ReplyOf, RouteDef, RouteInput } from '../server/protocol/route-map';
import { routePath } from '../server/protocol/route-map';
import { call } from '../ui-client/api';
import { callApi } from '../ui-client/hub-client';

let token = sessionStorage.getItem('hallq.manager.token') ?? undefined;

export function currentToken(): string | undefined {
  return token;
}

export function setToken(next: string | undefined): void {
  token = next;
  if (next) sessionStorage.setItem('hallq.manager.token', next);
  else sessionStorage.removeItem('hallq.manager.token');
}

/** A route of the contract, signed in as the manager. */
export function request<D extends RouteDef>(route: D, input: RouteInput<D>): Promise<ReplyOf<D>> {
  return call(route, input, { token });
}

/** Fetches a route's answer as a file (a report with `format=csv`, a backup) and saves it under `name`. */
export async function download<D extends RouteDef>(route: D, input: RouteInput<D>, name: string): Promise<void> {
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, string> };
  const query = parts.query ? `?${new URLSearchParams(parts.query).toString()}` : '';
  const blob = await callApi<Blob>(routePath(route.path, parts.params) + query, { token, asBlob: true });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
