/** A tiny element builder: text goes in as text nodes, never as HTML, so nothing from the hub is markup. */
type Child = Node | string | number | undefined | null | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  for (const child of children) if (child !== undefined && child !== null && child !== false) el.append(typeof child === 'number' ? String(child) : child);
  return el;
}

export function table(headers: readonly string[], rows: readonly Child[][], attrs: Record<string, string> = {}): HTMLTableElement {
  return h('table', attrs, h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', {}, x)))), h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}

export function minutes(seconds: number | undefined): string {
  return seconds === undefined ? '–' : `${Math.round(seconds / 6) / 10}`;
}

/** The hall's time zone (from the snapshot): a manager's laptop may be set to anything. */
let hallTimeZone: string | undefined;

export function setHallTimeZone(timeZone: string): void {
  hallTimeZone = timeZone;
}

export function clock(at: number | undefined): string {
  return at === undefined ? '–' : new Date(at).toLocaleString('zh-CN', { hour12: false, timeZone: hallTimeZone });
}

export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: hallTimeZone });
}

export function percent(ratio: number | undefined): string {
  return ratio === undefined ? '–' : `${Math.round(ratio * 1000) / 10}%`;
}
