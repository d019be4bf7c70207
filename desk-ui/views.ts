/**
 * The desk's panels. Built once after sign-in (so a half-typed note or number survives live updates); only
 * the queue table, the waiting counts and the result boxes are redrawn. Every control has a label and is
 * reachable with Tab; Enter submits each form.
 */
import { h, table } from '../ui-client/dom';
import { greenReasonName, type DeskConfig, type DeskIssued, type TicketLookup } from '../server/protocol/desk';
import type { Language, ServiceView, TicketView } from '../server/protocol/model';
import type { Words } from './i18n';

export interface DeskActions {
  issue(input: { serviceId: string; greenReason?: string; note?: string; printAt?: string }): void;
  lookup(number: string): void;
  upgrade(ticketId: string, reason: string): void;
}

export interface DeskPanels {
  readonly root: HTMLElement;
  updateServices(services: readonly ServiceView[]): void;
  updateQueue(tickets: readonly TicketView[], services: readonly ServiceView[]): void;
  showIssued(issued: DeskIssued, services: readonly ServiceView[]): void;
  showLookup(found: TicketLookup, services: readonly ServiceView[]): void;
  showUpgraded(ticket: TicketView): void;
  showError(where: 'issue' | 'lookup', text: string): void;
}

export function buildPanels(w: Words, language: Language, config: DeskConfig, actions: DeskActions): DeskPanels {
  const reasons = config.greenReasons;
  const reasonWord = (id: string | undefined): string => greenReasonName(id, reasons, language);
  const serviceName = (services: readonly ServiceView[], id: string): string => {
    const s = services.find((x) => x.id === id);
    return s ? (language === 'en' ? s.nameEn : s.name) : id;
  };
  const priorityText = (t: TicketView): string => (t.priority === 'green' ? `${w.priorities.green}${t.priorityReason ? ` · ${reasonWord(t.priorityReason)}` : ''}` : w.priorities[t.priority]);

  // 代取号
  const serviceSelect = h('select', { id: 'desk-service', name: 'serviceId', required: true });
  const greenSelect = h('select', { id: 'desk-green', name: 'greenReason' }, h('option', { value: '' }, w.greenNone), ...reasons.map((r) => h('option', { value: r.id }, `${w.green} · ${reasonWord(r.id)}`)));
  const noteInput = h('input', { id: 'desk-note', name: 'note', maxlength: '60', autocomplete: 'off' });
  const printSelect = h(
    'select',
    { id: 'desk-print', name: 'printAt' },
    h('option', { value: '' }, w.noPrint),
    ...config.printers.map((p) => h('option', { value: p.kioskId }, p.status === 'online' ? w.printerOn(p.name) : w.printerDown(p.name))),
  );
  if (config.printers.some((p) => p.status === 'online')) printSelect.value = config.printers.find((p) => p.status === 'online')?.kioskId ?? '';
  const issueResult = h('div', { id: 'issue-result', role: 'status', 'aria-live': 'polite' });
  const issueForm = h(
    'form',
    {
      class: 'desk-form', id: 'issue-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const note = noteInput.value.trim();
        actions.issue({ serviceId: serviceSelect.value, ...(greenSelect.value ? { greenReason: greenSelect.value } : {}), ...(note ? { note } : {}), ...(printSelect.value ? { printAt: printSelect.value } : {}) });
      },
    },
    h('label', { for: 'desk-service' }, w.service, serviceSelect),
    h('label', { for: 'desk-green' }, w.green, greenSelect),
    h('label', { for: 'desk-note' }, w.note, noteInput),
    h('label', { for: 'desk-print' }, w.printAt, printSelect),
    h('button', { type: 'submit', class: 'primary', id: 'issue-button' }, w.issueButton),
  );

  // 查询
  const numberInput = h('input', { id: 'lookup-number', name: 'number', required: true, maxlength: '8', autocomplete: 'off', pattern: '[A-Za-z]{1,2}[0-9]{1,4}' });
  const lookupResult = h('div', { id: 'lookup-result', role: 'status', 'aria-live': 'polite' });
  const lookupForm = h(
    'form',
    { class: 'desk-form', id: 'lookup-form', onsubmit: (e: Event) => (e.preventDefault(), actions.lookup(numberInput.value.trim())) },
    h('label', { for: 'lookup-number' }, w.lookupNumber, numberInput),
    h('button', { type: 'submit', class: 'primary', id: 'lookup-button' }, w.lookupButton),
  );

  const queueBox = h('div', { id: 'queue' });
  const root = h(
    'div',
    { id: 'desk-panels', class: 'panels' },
    h('section', { class: 'card', 'aria-labelledby': 'issue-title' }, h('h2', { id: 'issue-title' }, w.issueTitle), issueForm, issueResult),
    h('section', { class: 'card', 'aria-labelledby': 'lookup-title' }, h('h2', { id: 'lookup-title' }, w.lookupTitle), lookupForm, lookupResult),
    h('section', { class: 'card', 'aria-labelledby': 'queue-title' }, h('h2', { id: 'queue-title' }, w.queueTitle), queueBox),
  );

  return {
    root,
    updateServices(services) {
      const chosen = serviceSelect.value;
      serviceSelect.replaceChildren(...services.map((s) => h('option', { value: s.id }, `${language === 'en' ? s.nameEn : s.name}（${w.waitingCount(s.waiting)}）`)));
      if (chosen && services.some((s) => s.id === chosen)) serviceSelect.value = chosen;
    },
    updateQueue(tickets, services) {
      const waiting = tickets.filter((t) => t.status === 'waiting' || t.status === 'parked');
      if (waiting.length === 0) return void queueBox.replaceChildren(h('p', { class: 'muted' }, w.empty));
      const rows = waiting.map((t) => [t.number, serviceName(services, t.serviceId), t.priority === 'green' ? h('span', { class: 'green' }, priorityText(t)) : priorityText(t), w.statuses[t.status], t.note ?? '']);
      const grid = table([w.colNumber, w.colService, w.colPriority, w.colStatus, w.colNote], rows, { id: 'queue-table' });
      grid.querySelectorAll('tbody tr').forEach((tr, i) => {
        const t = waiting[i];
        if (t) (tr as HTMLElement).dataset.priority = t.priority;
        if (t) (tr as HTMLElement).dataset.number = t.number;
      });
      queueBox.replaceChildren(grid);
    },
    showIssued(issued, services) {
      const t = issued.ticket;
      const printLine = issued.printed === true ? w.printed : issued.printed === false ? w.notPrinted : undefined;
      issueResult.className = `result ${issued.printed === false ? 'warn' : ''}`;
      issueResult.replaceChildren(
        ...present(
          h('p', {}, `${w.issued} `, h('span', { class: 'number', id: 'issued-number' }, t.number), serviceName(services, t.serviceId)),
          t.priority === 'green' ? h('p', { class: 'green', id: 'issued-priority' }, priorityText(t)) : null,
          printLine ? h('p', { id: 'issued-print' }, printLine) : null,
        ),
      );
      greenSelect.value = '';
      noteInput.value = '';
      serviceSelect.focus();
    },
    showLookup(found, services) {
      const t = found.ticket;
      const isWaiting = t.status === 'waiting' || t.status === 'parked';
      const wait = found.isUnstaffed ? w.unstaffed : `${w.ahead(found.waitingAhead)} · ${w.estimate(found.estimatedWaitMinutes, found.isGuess)}`;
      const reasonSelect = h('select', { id: 'upgrade-reason' }, ...reasons.map((r) => h('option', { value: r.id }, reasonWord(r.id))));
      const upgrade = isWaiting
        ? h(
            'form',
            { class: 'desk-form', id: 'upgrade-form', onsubmit: (e: Event) => (e.preventDefault(), actions.upgrade(t.id, reasonSelect.value)) },
            h('label', { for: 'upgrade-reason' }, w.upgradeReason, reasonSelect),
            h('button', { type: 'submit', class: 'primary', id: 'upgrade-button' }, w.upgradeButton),
          )
        : null;
      lookupResult.className = 'result';
      lookupResult.replaceChildren(
        ...present(
          h('p', {}, h('span', { class: 'number' }, t.number), `${serviceName(services, t.serviceId)} · ${priorityText(t)} · ${w.statuses[t.status]}`),
          h('p', { id: 'lookup-wait' }, t.status === 'called' && found.windowNumber !== undefined ? w.calledAt(found.windowNumber) : isWaiting ? wait : w.statuses[t.status]),
          upgrade,
        ),
      );
    },
    showUpgraded(ticket) {
      lookupResult.className = 'result';
      lookupResult.replaceChildren(h('p', { class: 'green', id: 'upgraded' }, `${ticket.number} ${w.upgraded}：${reasonWord(ticket.priorityReason)}`));
    },
    showError(where, text) {
      const box = where === 'issue' ? issueResult : lookupResult;
      box.className = 'result warn';
      box.replaceChildren(h('p', { role: 'alert' }, text));
    },
  };
}

function present(...nodes: Array<HTMLElement | null>): HTMLElement[] {
  return nodes.filter((n): n is HTMLElement => n !== null);
}
