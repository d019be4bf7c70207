/** The city console's formats; the element builder is the shared one (ui-client/dom.ts). */
import { language, t } from './i18n';

export { h, table } from '../ui-client/dom';
import type { Child } from '../ui-client/dom';

export const dash = '–';

export function percent(ratio: number | undefined): string {
  return ratio === undefined ? dash : `${Math.round(ratio * 1000) / 10}%`;
}

/** Whole minutes, as the reports keep them; under one minute says so instead of "0". */
export function minutesOf(seconds: number | undefined): string {
  if (seconds === undefined) return dash;
  const m = Math.floor(seconds / 60);
  if (m === 0) return language() === 'en' ? '< 1' : '不足1';
  return String(m);
}

/** A time in the viewer's (or the hall's) zone, 24 h. */
export function clock(at: number | undefined, timeZone?: string, withDate = false): string {
  if (at === undefined) return dash;
  return new Date(at).toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', {
    hour12: false, timeZone, hour: '2-digit', minute: '2-digit', ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
  });
}

/** "3 条评价" / "1 rating" / "3 ratings". */
export function ratingsText(n: number): string {
  return `${n} ${n === 1 ? t('ratingCount') : t('ratingsCount')}`;
}

/** The colon of the page's language (全角 in Chinese). */
export const colon = (): string => (language() === 'en' ? ': ' : '：');

/** "12 分钟前" / "just now". */
export function ago(at: number | undefined, now: number): string {
  if (at === undefined) return t('never');
  const m = Math.floor((now - at) / 60_000);
  return m < 1 ? t('justNow') : `${m} ${t('agoMinutes')}`;
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const child of children) if (child !== undefined && child !== null && child !== false) el.append(typeof child === 'number' ? String(child) : child);
}
