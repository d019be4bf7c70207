/** The three choosers: pause reason, transfer target, and picking a ticket to call (or call back). */
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
  serviceSelect.replaceChildren(option('', t('transfer.any')), ...services.map((s) => option(s.id, `${s.prefix} ${serviceName(services, s.id)}`)));
  windowSelect.replaceChildren(option('', t('transfer.any')), ...windows.filter((w) => w.id !== ownWindowId).map((w) => option(w.id, `${w.number} · ${w.name}`)));
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

export function openPickDialog(headingKey: MessageKey, tickets: readonly TicketView[], services: readonly ServiceView[], windowId: string, onPick: (ticket: TicketView) => void): void {
  const box = dialog('pick-dialog');
  const heading = document.getElementById('pick-heading');
  if (heading) heading.textContent = t(headingKey);
  const items = tickets.map((ticket) => {
    const item = el('li');
    const button = el('button', 'choice') as HTMLButtonElement;
    button.type = 'button';
    button.dataset.ticket = ticket.number;
    button.append(el('strong', undefined, ticket.number), el('span', undefined, ` ${serviceName(services, ticket.serviceId)} `), ...badges(ticket, windowId));
    button.addEventListener('click', () => {
      box.close();
      onPick(ticket);
    });
    item.append(button);
    return item;
  });
  document.getElementById('pick-list')?.replaceChildren(...items);
  box.showModal();
}
