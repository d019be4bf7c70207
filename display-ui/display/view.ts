/**
 * The wall display's DOM. Built once with a fixed number of rows; every update only rewrites text and
 * classes of existing nodes, so the node count stays constant however many calls the page sees.
 */
import type { CallView, ServiceView } from '../../server/protocol/model';
import type { DisplayTexts } from './i18n';
import type { HeroCall } from './now-calling';

/** Calls shown large at once (what fits at 1080p): the one being announced, then the next ones. */
export const HERO_SLOTS = 3;

export interface DisplayViewModel {
  readonly hallName: string;
  readonly texts: DisplayTexts;
  /** "Now calling", in screen order; the first is the one being announced, if any (see now-calling.ts). */
  readonly hero: readonly HeroCall[];
  readonly recent: readonly CallView[];
  readonly services: readonly ServiceView[];
  readonly notices: readonly string[];
  readonly connection: 'connecting' | 'online' | 'offline';
  readonly isSoundBlocked: boolean;
  readonly isMuted: boolean;
  serviceName(id: string): string;
}

interface CallRow {
  readonly root: HTMLElement;
  readonly number: HTMLElement;
  readonly service: HTMLElement;
  readonly window: HTMLElement;
  readonly recall: HTMLElement;
}

interface HeroSlot extends CallRow {
  /** The sentence being spoken, written out under the card being announced. */
  readonly caption: HTMLElement;
}

interface ServiceRow {
  readonly root: HTMLElement;
  readonly name: HTMLElement;
  readonly waiting: HTMLElement;
  readonly estimate: HTMLElement;
}

export class DisplayView {
  private readonly hall: HTMLElement;
  private readonly status: HTMLElement;
  private readonly soundHint: HTMLElement;
  private readonly muteBadge: HTMLElement;
  private readonly time: HTMLElement;
  private readonly date: HTMLElement;
  private readonly heroTitle: HTMLElement;
  private readonly heroIdle: HTMLElement;
  private readonly heroSlots: HeroSlot[] = [];
  private readonly recentTitle: HTMLElement;
  private readonly recentRows: CallRow[] = [];
  private readonly recentPanel: HTMLElement;
  private readonly recentEmpty: HTMLElement;
  private readonly queuesTitle: HTMLElement;
  private readonly queueHead: HTMLElement[];
  private readonly queueBody: HTMLElement;
  private serviceRows = new Map<string, ServiceRow>();
  private serviceKey = '';
  private readonly ticker: HTMLElement;
  private tickerText = '';

  constructor(root: HTMLElement, rows: number) {
    root.textContent = '';
    root.className = 'display';
    const bar = el('header', 'bar', root);
    this.hall = el('h1', 'hall', bar);
    const badges = el('div', 'badges', bar);
    this.status = el('span', 'badge conn', badges);
    this.status.setAttribute('role', 'status');
    this.soundHint = el('span', 'badge sound-hint', badges);
    this.muteBadge = el('span', 'badge mute', badges);
    const clock = el('div', 'clock', bar);
    this.time = el('time', 'time', clock);
    this.date = el('span', 'date', clock);

    const body = el('main', 'body', root);
    const hero = el('section', 'hero', body);
    hero.setAttribute('aria-live', 'polite');
    this.heroTitle = el('h2', 'title', hero);
    const slots = el('div', 'hero-slots', hero);
    for (let i = 0; i < HERO_SLOTS; i++) {
      const row = callRow(el('div', 'hero-call', slots), 'div');
      this.heroSlots.push({ ...row, caption: el('div', 'caption', row.root) });
    }
    this.heroIdle = el('p', 'hero-idle', hero);

    const recent = el('section', 'recent', body);
    this.recentTitle = el('h2', 'title', recent);
    this.recentPanel = recent;
    const list = el('ol', 'recent-list', recent);
    for (let i = 0; i < rows; i++) this.recentRows.push(callRow(el('li', 'recent-row', list), 'span'));
    this.recentEmpty = el('p', 'empty', recent);

    const queues = el('section', 'queues', body);
    this.queuesTitle = el('h2', 'title', queues);
    const table = el('table', 'queue-table', queues);
    const head = el('tr', '', el('thead', '', table));
    this.queueHead = [el('th', '', head), el('th', 'num', head), el('th', 'num', head)];
    this.queueBody = el('tbody', '', table);

    const footer = el('footer', 'notices', root);
    this.ticker = el('div', 'ticker', footer);
  }

  render(model: DisplayViewModel): void {
    const t = model.texts;
    setText(this.hall, model.hallName);
    setText(this.status, model.connection === 'connecting' ? t.loading : t.reconnecting);
    this.status.hidden = model.connection === 'online';
    setText(this.soundHint, t.soundBlocked);
    this.soundHint.hidden = !model.isSoundBlocked || model.isMuted;
    setText(this.muteBadge, t.muted);
    this.muteBadge.hidden = !model.isMuted;

    setText(this.heroTitle, t.nowCalling);
    this.heroSlots.forEach((slot, i) => fillHero(slot, model.hero[i], model));
    setText(this.heroIdle, t.idle);
    this.heroIdle.hidden = model.hero.length > 0;

    setText(this.recentTitle, t.recentCalls);
    const highlighted = new Set(model.hero.map((h) => h.call.ticketId));
    const speaking = model.hero.find((h) => h.voice === 'speaking')?.call.ticketId;
    this.recentRows.forEach((row, i) => {
      const call = model.recent[i];
      fillCall(row, call, model);
      row.root.classList.toggle('is-new', call !== undefined && highlighted.has(call.ticketId));
      row.root.classList.toggle('is-speaking', call !== undefined && call.ticketId === speaking);
    });
    setText(this.recentEmpty, t.noCalls);
    this.recentEmpty.hidden = model.recent.length > 0;
    this.fitRecentRows();

    this.renderQueues(model);
    this.renderNotices(model.notices);
  }

  /**
   * Only whole rows in 最近呼叫: the panel once clipped its last row in half. How many fit depends on the screen
   * (portrait or landscape), the fonts and a service name that takes two lines, so it is measured, not assumed:
   * the first row that does not end inside the panel (above its padding), and every row after it, is left out.
   */
  private fitRecentRows(): void {
    for (const row of this.recentRows) row.root.classList.remove('is-clipped');
    const bottom = this.recentPanel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(this.recentPanel).paddingBottom);
    let isFull = false;
    for (const row of this.recentRows) {
      if (row.root.hidden) continue;
      isFull ||= row.root.getBoundingClientRect().bottom > bottom + 0.5;
      if (isFull) row.root.classList.add('is-clipped');
    }
  }

  renderClock(time: string, date: string): void {
    setText(this.time, time);
    setText(this.date, date);
  }

  private renderQueues(model: DisplayViewModel): void {
    const t = model.texts;
    setText(this.queuesTitle, t.waiting);
    [t.service, t.waiting, t.estimate].forEach((text, i) => {
      const cell = this.queueHead[i];
      if (cell) setText(cell, text);
    });
    const key = model.services.map((s) => s.id).join('\n');
    if (key !== this.serviceKey) {
      // Only when the set of services changes (configuration), never per call.
      this.serviceKey = key;
      this.queueBody.textContent = '';
      const rows = new Map<string, ServiceRow>();
      for (const s of model.services) {
        const root = el('tr', '', this.queueBody);
        rows.set(s.id, { root, name: el('td', '', root), waiting: el('td', 'num', root), estimate: el('td', 'num', root) });
      }
      this.serviceRows = rows;
    }
    for (const s of model.services) {
      const row = this.serviceRows.get(s.id);
      if (!row) continue;
      setText(row.name, `${s.prefix} ${model.serviceName(s.id)}`);
      setText(row.waiting, t.people(s.waiting));
      // Nobody waiting needs no figure; but a service no open window serves says so even then.
      setText(row.estimate, s.waiting > 0 || s.isUnstaffed === true ? t.minutes(s.estimatedWaitMinutes, s) : '—');
    }
  }

  private renderNotices(notices: readonly string[]): void {
    const text = notices.join('\u3000\u3000\u3000');
    if (text === this.tickerText) return;
    this.tickerText = text;
    this.ticker.textContent = text;
    this.ticker.parentElement?.toggleAttribute('hidden', text.length === 0);
    // Constant reading speed whatever the length: about 6 characters a second.
    this.ticker.style.animationDuration = `${Math.max(15, Math.round(text.length / 6))}s`;
  }
}

function callRow(root: HTMLElement, cell: 'div' | 'span'): CallRow {
  return {
    root,
    number: el(cell, 'number', root),
    service: el(cell, 'service', root),
    window: el(cell, 'window', root),
    recall: el(cell, 'recall', root),
  };
}

function fillHero(slot: HeroSlot, hero: HeroCall | undefined, model: DisplayViewModel): void {
  fillCall(slot, hero?.call, model);
  if (!hero) return;
  slot.root.dataset.voice = hero.voice;
  slot.root.classList.toggle('is-speaking', hero.voice === 'speaking');
  setText(slot.caption, hero.caption);
  slot.caption.hidden = hero.caption === '';
}

function fillCall(row: CallRow, call: CallView | undefined, model: DisplayViewModel): void {
  row.root.hidden = call === undefined;
  if (!call) return;
  setText(row.number, call.number);
  setText(row.service, model.serviceName(call.serviceId));
  setText(row.window, model.texts.windowLabel(call.windowNumber));
  setText(row.recall, call.isRecall ? model.texts.recall : '');
  row.root.classList.toggle('is-recall', call.isRecall);
  row.root.dataset.ticket = call.number;
  row.root.dataset.window = String(call.windowNumber);
  row.root.setAttribute('aria-label', model.texts.callLine(call.number, call.windowNumber));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: HTMLElement): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  parent.appendChild(node);
  return node;
}

/** Writes only on change: cheaper, and no churn of text nodes on a page that re-renders every second. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
