/** The choosers (pause reason, transfer target, a ticket to call or call back) and the confirmation of Q, N and the last recall. */
import { PAUSE_REASONS, type PauseReason, type ServiceView, type TicketView, type WindowView } from '../../server/protocol/model';
import { t, type MessageKey } from './i18n';
import { badges, el, serviceName } from './view';

function dialog(id: string): HTMLDialogElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLDialogElement)) throw new Error(`missing dialog #${id}`);
  return element;
}

export function isAnyDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** Asks before a press that cannot be taken back by a key: Enter (OK has the focus) confirms, Esc cancels. */
export function openConfirmDialog(text: string, onConfirm: () => void): void {
  const box = dialog('confirm-dialog');
  const message = document.getElementById('confirm-text');
  if (message) message.textContent = text;
  box.returnValue = '';
  box.onclose = () => {
    if (box.returnValue === 'ok') onConfirm();
  };
  box.showModal();
  document.getElementById('confirm-ok')?.focus();
}

export function openPauseDialog(onChoose: (reason: PauseReason, note: string | undefined) => void): void {
  const box = dialog('pause-dialog');
  const note = document.getElementById('pause-note') as HTMLInputElement;
  note.value = '';
  const buttons = PAUSE_REASONS.map((reason) => {
    const button = el('button', 'choice', t(`reason.${reason}` as MessageKey)) as HTMLButtonElement;
    button.type = 'button';
    button.dataset.reason = reason;
    button.addEventListener('click', () => {
      box.close();
      onChoose(reason, note.value.trim() || undefined);
    });
    return button;
  });
  document.getElementById('pause-reasons')?.replaceChildren(...buttons);
  box.showModal();
}

export interface TransferChoice {
  toServiceId?: string;
  toWindowId?: string;
  note?: string;
  returnAfter?: boolean;
}

export function openTransferDialog(services: readonly ServiceView[], windows: readonly WindowView[], ownWindowId: string, onSubmit: (choice: TransferChoice) => void): void {
  const box = dialog('transfer-dialog');
  const serviceSelect = document.getElementById('transfer-service') as HTMLSelectElement;
  const windowSelect = document.getElementById('transfer-window') as HTMLSelectElement;
  const note = document.getElementById('transfer-note') as HTMLInputElement;
  const returnAfter = document.getElementById('transfer-return') as HTMLInputElement;
  const option = (value: string, text: string): HTMLOptionElement => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    return o;
  };
  // Only open windows (a paused one resumes); a service no open window serves is shown, but cannot be chosen:
  // the hub refuses it too (no-window-serves), since nobody could call the visitor.
  const open = windows.filter((w) => w.id !== ownWindowId && w.state !== 'closed');
  const served = new Set(open.flatMap((w) => w.services));
  serviceSelect.replaceChildren(option('', t('transfer.any')), ...services.map((s) => {
    const o = option(s.id, `${s.prefix} ${serviceName(services, s.id)}${served.has(s.id) ? '' : ` ${t('transfer.unserved')}`}`);
    o.disabled = !served.has(s.id);
    return o;
  }));
  windowSelect.replaceChildren(option('', t('transfer.any')), ...open.map((w) => option(w.id, `${w.number} · ${w.name}`)));
  note.value = '';
  returnAfter.checked = false;
  const ok = document.getElementById('transfer-ok') as HTMLButtonElement;
  const refresh = (): void => {
    ok.disabled = !serviceSelect.value && !windowSelect.value;
  };
  serviceSelect.onchange = refresh;
  windowSelect.onchange = refresh;
  refresh();
  box.onclose = () => {
    if (box.returnValue !== 'ok') return;
    onSubmit({
      toServiceId: serviceSelect.value || undefined,
      toWindowId: windowSelect.value || undefined,
      note: note.value.trim() || undefined,
      returnAfter: returnAfter.checked || undefined,
    });
  };
  box.returnValue = '';
  box.showModal();
}

/** Whether a typed number picks the ticket: "38", "a38" and "A038" all find A038. */
export function matchesNumber(number: string, typed: string): boolean {
  const wanted = typed.trim().toUpperCase();
  if (!wanted) return true;
  const full = number.toUpperCase();
  return full.includes(wanted) || full.replace(/^([A-Z]*)0+/, '$1').includes(wanted.replace(/^([A-Z]*)0+/, '$1'));
}

/**
 * The chooser of one of many tickets (35 waiting is 35 Tabs): typing the number filters the list and Enter
 * takes the first match; the arrow keys move between tickets (and back up into the field).
 */
export function openPickDialog(headingKey: MessageKey, tickets: readonly TicketView[], services: readonly ServiceView[], windowId: string, onPick: (ticket: TicketView) => void): void {
  const box = dialog('pick-dialog');
  const heading = document.getElementById('pick-heading');
  if (heading) heading.textContent = t(headingKey);
  const filter = document.getElementById('pick-filter') as HTMLInputElement;
  const none = document.getElementById('pick-none') as HTMLElement;
  const choose = (ticket: TicketView): void => {
    box.close();
    onPick(ticket);
  };
  const buttons: HTMLButtonElement[] = [];
  const visible = (): HTMLButtonElement[] => buttons.filter((b) => b.parentElement?.hidden !== true);
  const move = (from: HTMLButtonElement, step: number): void => {
    const list = visible();
    const index = list.indexOf(from) + step;
    if (index < 0) filter.focus();
    else list[Math.min(index, list.length - 1)]?.focus();
  };
  const items = tickets.map((ticket) => {
    const item = el('li');
    const button = el('button', 'choice') as HTMLButtonElement;
    button.type = 'button';
    button.dataset.ticket = ticket.number;
    button.append(el('strong', undefined, ticket.number), el('span', undefined, ` ${serviceName(services, ticket.serviceId)} `), ...badges(ticket, windowId));
    button.addEventListener('click', () => choose(ticket));
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      move(button, step);
    });
    buttons.push(button);
    item.append(button);
    return item;
  });
  document.getElementById('pick-list')?.replaceChildren(...items);
  filter.value = '';
  none.hidden = tickets.length > 0;
  filter.oninput = () => {
    tickets.forEach((ticket, i) => {
      const item = items[i];
      if (item) item.hidden = !matchesNumber(ticket.number, filter.value);
    });
    none.hidden = visible().length > 0;
  };
  filter.onkeydown = (event) => {
    if (event.key === 'Enter') {
      // Not the form's own Enter (its first button is Cancel): the first ticket that matches.
      event.preventDefault();
      const first = visible()[0];
      const ticket = first ? tickets[buttons.indexOf(first)] : undefined;
      if (ticket) choose(ticket);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      visible()[0]?.focus();
    }
  };
  box.showModal();
  filter.focus();
}
