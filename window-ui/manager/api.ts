/** Calls to the hub with the signed-in manager's token, and authenticated file downloads. */
import { ApiError, callApi } from '../../server/protocol/client/hub-client';

let token = sessionStorage.getItem('hallq.manager.token') ?? undefined;

export function currentToken(): string | undefined {
  return token;
}

export function setToken(next: string | undefined): void {
  token = next;
  if (next) sessionStorage.setItem('hallq.manager.token', next);
  else sessionStorage.removeItem('hallq.manager.token');
}

export function get<T>(path: string): Promise<T> {
  return callApi<T>(path, { token });
}

export function send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  return callApi<T>(path, { method, body, token });
}

/** Fetches a file with the bearer token (a plain link cannot carry it) and saves it under `name`. */
export async function download(path: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(body.error ?? 'internal', body.message ?? `The hub answered ${response.status}.`, response.status);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
