/**
 * The sign-in page's window list (GET /api/windows). Asked again every few seconds while the sign-in page
 * shows, so a window an admin adds appears without a reload; the clerk's choice is kept.
 */
import { callApi } from '../../ui-client/hub-client';
import type { WindowView } from '../../server/protocol/model';
import { t } from './i18n';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** How often the sign-in page asks for the hall's windows. */
export const WINDOWS_REFRESH_MS = 10_000;

let windows: readonly WindowView[] = [];

/** `/window?window=w3` (or `=3`) binds this terminal to one window: the clerk cannot pick another. */
export function boundWindowId(): string | undefined {
  const wanted = new URLSearchParams(location.search).get('window');
  if (!wanted) return undefined;
  return windows.find((w) => w.id === wanted || String(w.number) === wanted)?.id;
}

export async function loadSignInWindows(): Promise<void> {
  const fresh = await callApi<WindowView[]>('/api/windows').catch(() => undefined);
  if (!fresh) return;
  windows = fresh;
  const select = $<HTMLSelectElement>('login-window');
  const chosen = select.value;
  // Rebuilt only when the list changed: the clerk may be choosing right now.
  const key = windows.map((w) => `${w.id}:${w.number}:${w.name}`).join('|');
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.replaceChildren(...windows.map((w) => Object.assign(document.createElement('option'), { value: w.id, textContent: `${w.number} · ${w.name}` })));
    if (windows.some((w) => w.id === chosen)) select.value = chosen;
  }
  const bound = windows.find((w) => w.id === boundWindowId());
  $('login-window-row').hidden = bound !== undefined;
  $('login-bound').hidden = bound === undefined;
  if (bound) $('login-bound').textContent = `${t('login.bound')}: ${bound.number} · ${bound.name}`;
}
