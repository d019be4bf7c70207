/** Renders the desk from the state. No decisions here: those live in selectors.ts. */
import type { ServiceView, TicketView } from '../../server/protocol/model';
import { RATING_WORDS } from '../../server/protocol/rating-words';
import { currentLanguage, t, type MessageKey } from './i18n';
import { availableActions, callableTickets, clockText, currentTicket, isLastRecall, minutes, myWindow, overdueLevel, parkedTickets, serviceQueues, undoableNoShow, DESK_ACTIONS } from './selectors';
import { SHORTCUTS } from './shortcuts';
import type { DeskState } from './state';
import type { InFlight } from './commands';

export interface ViewContext {
  readonly state: DeskState;
  readonly inFlight?: InFlight;
  readonly clerkName: string;
  readonly now: number;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

export function el(tag: string, className?: string, text?: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function serviceName(services: readonly ServiceView[], id: string): string {
  const service = services.find((s) => s.id === id);
  if (!service) return id;
  return currentLanguage() === 'en' ? service.nameEn || service.name : service.name;
}

export function badges(ticket: TicketView, windowId: string): HTMLElement[] {
  const list: HTMLElement[] = [];
  if (ticket.priority === 'green') list.push(el('span', 'badge green', t('badge.green')));
  if (ticket.priority === 'appointment') list.push(el('span', 'badge appointment', t('badge.appointment')));
  if (ticket.targetWindowId === windowId) list.push(el('span', 'badge sent', t('badge.sent')));
  return list;
}

export function renderDesk(ctx: ViewContext): void {
  const { state } = ctx;
  const window = myWindow(state);
  byId('desk-window').textContent = window ? `${window.number} · ${window.name}` : state.windowId;
  byId('desk-state').textContent = window ? t(`state.${window.state}` as MessageKey) : '';
  byId('desk-state').dataset.state = window?.state ?? '';
  byId('desk-clerk').textContent = ctx.clerkName;
  const connection = byId('desk-connection');
  connection.textContent = t(`conn.${state.connection}` as MessageKey);
  connection.dataset.state = state.connection;
  byId('desk-pending').hidden = !ctx.inFlight?.isWaitingForHub;
  // While a command is in flight the verbs are off (presses are ignored); said to assistive technology too.
  byId('desk').setAttribute('aria-busy', String(ctx.inFlight !== undefined));
  renderCurrent(ctx);
  renderCases(ctx);
  renderActions(ctx);
  if (window) renderQueue(ctx);
  renderAfter(ctx);
}

/** Shows `text` in the element, or hides it when there is none. */
function line(id: string, text: string | undefined): void {
  const element = byId(id);
  element.hidden = !text;
  element.textContent = text ?? '';
}

function renderCurrent({ state, now }: ViewContext): void {
  const ticket = currentTicket(state);
  const window = myWindow(state);
  const section = byId('current');
  // A pause says why and for how long (the hall's 日常考核 counts pause time by reason).
  line('current-pause', window?.state === 'paused' ? t('current.paused', { reason: t(`reason.${window.pauseReason ?? 'other'}` as MessageKey), t: clockText(now - window.since) }) : undefined);
  // A transfer's note is for the clerk receiving the visitor.
  line('current-note', ticket?.note ? t('current.note', { note: ticket.note }) : undefined);
  line('current-warning', isLastRecall(state) ? t('current.last-recall') : undefined);
  byId('current-number').textContent = ticket?.number ?? window?.current?.number ?? t('current.none');
  byId('current-service').textContent = ticket ? serviceName(state.services, ticket.serviceId) : '';
  byId('current-badges').replaceChildren(...(ticket && window ? badges(ticket, window.id) : []));
  section.dataset.empty = ticket ? 'false' : 'true';
  if (!ticket) {
    byId('current-waited').textContent = '';
    byId('current-calls').textContent = '';
    byId('current-timer').textContent = '';
    section.dataset.level = 'ok';
    return;
  }
  const startedAt = ticket.firstCalledAt ?? ticket.calledAt ?? now;
  byId('current-waited').textContent = t('current.waited', { m: minutes(startedAt - ticket.arrivedAt) });
  byId('current-calls').textContent = t('current.calls', { n: ticket.callCount });
  byId('current-timer').textContent = clockText(now - startedAt);
  const limit = state.services.find((s) => s.id === ticket.serviceId)?.serviceLimitMinutes ?? 20;
  section.dataset.level = overdueLevel(now - startedAt, limit);
}

/** The 办件编号 on the serving card, and the field under it: only while serving, only in a hall that delivers to a province. */
function renderCases({ state }: ViewContext): void {
  const ticket = currentTicket(state);
  const isShown = ticket !== undefined && state.isProvinceConfigured === true;
  byId('cases').hidden = !isShown;
  const box = byId('current-cases');
  box.hidden = !isShown;
  const numbers = ticket ? (state.cases.get(ticket.id) ?? []) : [];
  // Rebuilt only when the list changes: the page re-renders every second for the timers.
  const key = isShown ? `${currentLanguage()}|${numbers.join(',')}` : '';
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  const items = numbers.length > 0 ? numbers.map((n) => el('li', undefined, n)) : [el('li', 'empty', t('cases.none'))];
  byId('current-case-list').replaceChildren(...items);
}

function renderActions({ state, inFlight, now }: ViewContext): void {
  const available = availableActions(state, inFlight !== undefined, now);
  const window = myWindow(state);
  for (const action of DESK_ACTIONS) {
    const button = document.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
    if (!button) continue;
    let label = t(`verb.${action}` as MessageKey);
    if (action === 'auto-call') label += `: ${t(window?.isAutoCall ? 'auto.on' : 'auto.off')}`;
    if (action === 'undo-no-show') {
      const undo = undoableNoShow(state, now);
      button.hidden = undo === undefined;
      if (undo) label = t('undo.label', { n: undo.number, t: clockText(undo.leftMs) });
    }
    // Rebuilt only when the label changes: the page re-renders every second for the timers.
    if (button.dataset.label !== label) {
      button.dataset.label = label;
      button.replaceChildren(el('span', 'label', label), el('kbd', undefined, SHORTCUTS[action].label));
      button.setAttribute('aria-keyshortcuts', SHORTCUTS[action].label.replace(' / ', ' '));
    }
    button.disabled = !available.has(action);
    button.classList.toggle('busy', inFlight !== undefined && (inFlight.verb === action || (action === 'call-back' && inFlight.verb === 'call')));
  }
}

function ticketItem(state: DeskState, ticket: TicketView, windowId: string, now: number): HTMLElement {
  const item = el('li', 'ticket');
  const limit = state.services.find((s) => s.id === ticket.serviceId)?.waitLimitMinutes ?? 30;
  item.dataset.level = overdueLevel(now - ticket.arrivedAt, limit);
  item.append(el('strong', 'number', ticket.number), el('span', 'service', serviceName(state.services, ticket.serviceId)), el('span', 'wait', `${minutes(now - ticket.arrivedAt)}′`), ...badges(ticket, windowId));
  if (ticket.note) item.append(el('span', 'note', t('current.note', { note: ticket.note })));
  return item;
}

function renderQueue({ state, now }: ViewContext): void {
  const window = myWindow(state);
  if (!window) return;
  const services = serviceQueues(state, window, now).map((q) => {
    const item = el('li', 'service-queue');
    item.dataset.level = q.waiting > 0 ? q.level : 'ok';
    item.append(
      el('strong', undefined, serviceName(state.services, q.service.id)),
      el('span', undefined, t('queue.waiting', { n: q.waiting })),
      el('span', undefined, q.waiting > 0 ? t('queue.longest', { m: minutes(q.longestWaitMs) }) : ''),
    );
    return item;
  });
  byId('queue-services').replaceChildren(...services);
  const queue = state.queue;
  byId('queue-policy').textContent = queue ? t('queue.policy', { p: t(`policy.${queue.callOrder}`) + (queue.priorityFirst ? t('policy.priority') : '') }) : '';
  const waiting = callableTickets(state, window).slice(0, 40).map((ticket) => ticketItem(state, ticket, window.id, now));
  byId('queue-tickets').replaceChildren(...(waiting.length > 0 ? waiting : [el('li', 'empty', t('queue.empty'))]));
  byId('queue-parked').replaceChildren(...parkedTickets(state, window).map((ticket) => ticketItem(state, ticket, window.id, now)));
}

function renderAfter({ state }: ViewContext): void {
  const last = state.lastFinished;
  const after = byId('after-text');
  if (!last) after.textContent = t('after.none');
  else if (last.rating) {
    const words = RATING_WORDS[currentLanguage()];
    const tagWords: Readonly<Record<string, string>> = words.tags;
    const reasons = last.rating.tags.map((tag) => tagWords[tag] ?? tag).join(currentLanguage() === 'zh-CN' ? '、' : ', ');
    after.textContent = `${last.number}: ${last.rating.score} ${words.levels[last.rating.score]}${reasons ? ` (${reasons})` : ''}`;
  }
  else after.textContent = `${last.number}: ${t(last.isAwaitingRating ? 'after.waiting' : 'after.unrated')}`;
  after.dataset.rating = last?.rating ? String(last.rating.score) : '';
  const figures = state.today?.figures;
  const day = byId('day-text');
  if (!figures) {
    day.textContent = '';
    return;
  }
  const parts = [t('day.served', { n: figures.served })];
  if (figures.averageServiceSeconds !== undefined) parts.push(t('day.average', { m: (figures.averageServiceSeconds / 60).toFixed(1) }));
  parts.push(t('day.ratings', { n: figures.ratings.count, avg: figures.ratings.average?.toFixed(2) ?? '–', bad: figures.ratings.bad }));
  parts.push(t('day.noShows', { n: figures.noShows }));
  day.textContent = parts.join(' · ');
}

export function showError(message: string | undefined): void {
  const box = byId('desk-error');
  box.hidden = !message;
  box.textContent = message ?? '';
}
