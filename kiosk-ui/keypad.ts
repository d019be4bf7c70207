/** The on-screen keypads: ID number (digits and X) and appointment code (digits; a scanner types letters too). */
import { h } from './dom';
import type { Strings } from './i18n';
import type { Action } from './state';

export function keypad(t: Strings, keys: readonly string[], dispatch: (a: Action) => void, onConfirm: () => void, confirmLabel: string, canConfirm: boolean): HTMLElement {
  const grid = h('div', { class: 'keypad', attrs: { role: 'group' } });
  for (const key of keys) grid.append(h('button', { class: 'key', testid: `key-${key}`, onClick: () => dispatch({ type: 'key', key }) }, key));
  grid.append(
    h('button', { class: 'key key-secondary', testid: 'key-delete', onClick: () => dispatch({ type: 'delete' }) }, t.del),
    h('button', { class: 'key key-secondary', onClick: () => dispatch({ type: 'clear' }) }, t.clear),
  );
  return h(
    'div',
    { class: 'keypad-wrap' },
    grid,
    h('div', { class: 'row keypad-actions' }, h('button', { class: 'big secondary', onClick: () => dispatch({ type: 'home' }) }, t.back), h('button', { class: 'big primary', testid: 'keypad-confirm', disabled: !canConfirm, onClick: onConfirm }, confirmLabel)),
  );
}

/** Groups an ID number as 6-8-4 so it can be checked against the card by eye. */
export function groupId(digits: string): string {
  return [digits.slice(0, 6), digits.slice(6, 14), digits.slice(14)].filter((p) => p !== '').join(' ');
}

export const ID_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'] as const;
export const CODE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
