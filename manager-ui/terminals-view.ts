/**
 * The 终端 tab: every hall page (wall displays, kiosk pages, rating pads, clerk PCs) online or dark since when
 * (hall time), its page version flagged when it is not the hub's, the grade of its outage or of its last fault
 * with the response target, 「刷新页面」 for one that is online and 「移除」 for one that is dark (a replaced screen, a
 * page back under a new id). Words: protocol/terminal-words.ts.
 */
import { TERMINAL_KINDS, type FaultResponseTargets, type TerminalKind, type TerminalList, type TerminalView } from '../server/protocol/terminals';
import { TERMINAL_WORDS } from '../server/protocol/terminal-words';
import { h, clock, table } from './dom';
import { language, t } from './i18n';

function stateCell(terminal: TerminalView): HTMLElement {
  const words = TERMINAL_WORDS[language()];
  const state = terminal.isOnline ? words.online : terminal.hasLeft ? t('signedOut') : words.dark;
  return h('span', { class: terminal.isOnline || terminal.hasLeft ? '' : 'over', 'data-state': terminal.isOnline ? 'online' : 'dark' }, `${state} · ${clock(terminal.since)}`);
}

/**
 * A display or clerk PC opened without `?name=` is named by its own id, one the page made up
 * (ui-client/terminal-health.ts, e.g. display-3fa2b9c1): not a name a manager can read.
 */
function isUnnamed(terminal: Named): boolean {
  return (terminal.kind === 'display' || terminal.kind === 'clerk') && terminal.name === localId(terminal);
}

/** What names a terminal: the registry's view, or an alert's subject (subjectId and subject). */
type Named = Pick<TerminalView, 'id' | 'kind' | 'name'>;

/** The page's own id, without the hub's `<kind>:`. */
function localId(terminal: Named): string {
  return terminal.id.slice(terminal.id.indexOf(':') + 1);
}

/** The terminal as one line of text, for confirmations and notices: its name, or the words for an unnamed one. */
export function terminalLabel(terminal: Named): string {
  if (!isUnnamed(terminal)) return terminal.name;
  const code = localId(terminal).replace(/^(display|clerk)-/, '');
  const what = t(terminal.kind === 'display' ? 'unnamedDisplay' : 'unnamedClerkPc');
  const which = t('terminalCode').replace('{code}', code);
  return language() === 'en' ? `${what} (${which})` : `${what}（${which}）`;
}

/** An alert's terminal (subjectId `<kind>:<id>`, subject its name) as one line: words for an unnamed one, never its made-up id. */
export function alertTerminalLabel(subjectId: string, subject: string): string {
  const kind = subjectId.slice(0, subjectId.indexOf(':'));
  return (TERMINAL_KINDS as readonly string[]).includes(kind) ? terminalLabel({ id: subjectId, kind: kind as TerminalKind, name: subject }) : subject;
}

/** Words for an unnamed one, what tells it apart (the made-up part of its id; the state cell has its time), and how to name it. */
function nameCell(terminal: TerminalView): string | HTMLElement {
  if (!isUnnamed(terminal)) return terminal.name;
  const code = localId(terminal).replace(/^(display|clerk)-/, '');
  return h(
    'span',
    { 'data-unnamed': 'true' },
    t(terminal.kind === 'display' ? 'unnamedDisplay' : 'unnamedClerkPc'),
    h('br'),
    h('small', {}, t('terminalCode').replace('{code}', code)),
    h('br'),
    h('small', { class: 'name-hint' }, t('nameHint')),
  );
}

function faultCell(terminal: TerminalView, targets: FaultResponseTargets): string {
  const words = TERMINAL_WORDS[language()];
  const f = terminal.lastFault;
  if (!f) return '–';
  const sep = language() === 'en' ? ', ' : '，';
  return `${words.faults[f.code]}${sep}${words.grade(f.grade, targets)}${sep}${f.isActive ? clock(f.at) : `${words.faultEnded} ${clock(f.at)}`}`;
}

export interface TerminalActions {
  readonly reload: (terminal: TerminalView) => void;
  readonly forget: (terminal: TerminalView) => void;
}

function actionsCell(terminal: TerminalView, actions: TerminalActions): HTMLElement {
  const reload = h('button', { type: 'button', 'data-reload': terminal.id, disabled: !terminal.isOnline, onclick: () => actions.reload(terminal) }, t('reloadPage'));
  // An online page would say hello again at once: only a dark one can be forgotten.
  if (terminal.isOnline) return h('span', {}, reload);
  return h('span', {}, reload, ' ', h('button', { type: 'button', 'data-forget': terminal.id, onclick: () => actions.forget(terminal) }, t('forgetTerminal')));
}

export function renderTerminals(list: TerminalList | undefined, actions: TerminalActions): HTMLElement {
  const words = TERMINAL_WORDS[language()];
  const title = h('h2', {}, t('terminals'));
  if (!list || list.terminals.length === 0) return h('div', { class: 'card' }, title, h('p', { id: 'no-terminals' }, t('noTerminals')));
  const rows = list.terminals.map((terminal) => [
    nameCell(terminal),
    words.kinds[terminal.kind],
    stateCell(terminal),
    terminal.isVersionDifferent ? h('span', { class: 'over' }, `${terminal.pageVersion}（${t('versionDiffers')}）`) : terminal.pageVersion,
    terminal.darkGrade && !terminal.hasLeft ? words.grade(terminal.darkGrade, list.faultResponse) : '–',
    faultCell(terminal, list.faultResponse),
    actionsCell(terminal, actions),
  ]);
  const cards = table([t('terminalName'), t('kind'), t('status'), t('pageVersion'), t('darkGrade'), t('lastFault'), t('actions')], rows, { id: 'terminals' });
  const rowsOf = cards.querySelectorAll('tbody tr');
  list.terminals.forEach((terminal, i) => rowsOf[i]?.setAttribute('data-terminal', terminal.id));
  return h('div', { class: 'card' }, title, cards);
}
