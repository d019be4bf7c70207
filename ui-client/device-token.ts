/**
 * A device page opened as `/kiosk?token=…` or `/rate?window=3&token=…` (how an installer hands a kiosk or pad its
 * token) keeps the token in localStorage and takes it off the address at once, before any request: left in the
 * URL it would sit in the address bar, the history and any Referer, readable over a visitor's shoulder. Later
 * loads read it from storage; requests carry it in the Authorization header, never in the query.
 */
export function takeDeviceToken(storageKey: string): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    try {
      if (fromUrl) localStorage.setItem(storageKey, fromUrl);
    } catch {
      // Storage refused (a locked-down profile): this load still works with the token in memory.
    }
  }
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    stored = null;
  }
  return fromUrl || stored || undefined;
}
