/**
 * Calls to the centre with the signed-in user's session, through the typed contract (server/protocol/centre.ts
 * and centre-reports.ts), and authenticated file downloads (a plain link cannot carry the Bearer token).
 */
import type { ReplyOf, RouteDef, RouteInput } from '../server/protocol/route-map';
import { call } from '../ui-client/api';

const TOKEN_KEY = 'hallq.city.token';
let token: string | undefined = sessionStorage.getItem(TOKEN_KEY) ?? undefined;

export const currentToken = (): string | undefined => token;

export function setToken(next: string | undefined): void {
  token = next;
  if (next) sessionStorage.setItem(TOKEN_KEY, next);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function request<D extends RouteDef>(route: D, input: RouteInput<D>): Promise<ReplyOf<D>> {
  return call(route, input, { token });
}

/** Fetches a file route's answer and saves it under `name`. */
export async function download<D extends RouteDef & { file: object }>(route: D, input: RouteInput<D>, name: string): Promise<void> {
  const blob = (await call(route, input, { token })) as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
