/** Keyboard shortcuts of the clerk page: one table, used both to handle keys and to label the buttons. */
import type { DeskAction } from './selectors';

export const SHORTCUTS: Readonly<Record<DeskAction, { readonly keys: readonly string[]; readonly label: string }>> = {
  'call-next': { keys: ['F1', ' '], label: 'F1 / Space' },
  'call': { keys: ['c'], label: 'C' },
  'recall': { keys: ['r'], label: 'R' },
  'no-show': { keys: ['n'], label: 'N' },
  'undo-no-show': { keys: ['u'], label: 'U' },
  'park': { keys: ['p'], label: 'P' },
  'call-back': { keys: ['b'], label: 'B' },
  'finish': { keys: ['f'], label: 'F' },
  'transfer': { keys: ['t'], label: 'T' },
  'pause': { keys: ['z'], label: 'Z' },
  'resume': { keys: ['x'], label: 'X' },
  'auto-call': { keys: ['a'], label: 'A' },
  'close': { keys: ['q'], label: 'Q' },
};

/**
 * Focuses the 办件编号 field (window-ui/window/cases.ts). A function key, because a case number can hold
 * any letter and a letter shortcut would fire a verb if a scan began outside the field; a scan that
 * begins with a digit outside the field goes into it by itself.
 */
export const CASE_FIELD_SHORTCUT = { key: 'F2', label: 'F2' } as const;

/** The action a key press asks for, or undefined (typing in a field, a dialog open, a modifier held). */
export function actionForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>, isTyping: boolean): DeskAction | undefined {
  if (isTyping || event.ctrlKey || event.altKey || event.metaKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as Array<[DeskAction, (typeof SHORTCUTS)[DeskAction]]>) {
    if (shortcut.keys.includes(key)) return action;
  }
  return undefined;
}
