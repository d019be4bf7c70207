/** Renders a KioskState into the page. No state lives here: every button dispatches an action or an intent. */
import type { ServiceView } from '../server/protocol/model';
import { h } from './dom';
import { STRINGS, type Strings } from './i18n';
import { CODE_KEYS, groupId, ID_KEYS, keypad } from './keypad';
import type { IdleStatus } from './idle';
import { guideScreen } from './guide-view';
import { serviceArea } from './menu-view';
import { hallToday, isGreenChannelTyped } from './id-number';
import { isTicketingPaused, maskTyped, type Action, type KioskState, type Screen } from './state';

/** What a view may ask main.ts to do beyond changing state (talk to the hub). */
export interface Intents {
  dispatch(action: Action): void;
  takeTicket(serviceId: string, appointmentCode?: string): void;
  findAppointment(code: string): void;
  cancelIdentity(): void;
  demoCard(person: string): void;
}

export function render(root: HTMLElement, state: KioskState, intents: Intents): void {
  const t = STRINGS[state.language];
  hallZone = state.config?.timeZone;
  document.documentElement.lang = state.language;
  document.title = t.pageTitle;
  document.body.classList.toggle('elderly', state.isElderly);
  // Sizes are in rem: the root's font size is what makes elderly mode larger.
  document.documentElement.classList.toggle('elderly', state.isElderly);
  const page = h(
    'div',
    { class: 'page', attrs: { 'data-screen': state.screen.name } },
    header(state, t, intents),
    h('section', { class: 'content' }, screen(state, state.screen, t, intents)),
    footer(state, t, intents),
    // Fixed over the page, so showing it never moves a button; taps go through it to what is below.
    h('div', { class: 'idle-notice', testid: 'idle-notice', attrs: { role: 'status', hidden: '' } }),
  );
  root.replaceChildren(page);
}

/**
 * Updates the countdowns in place (called every tick): re-rendering the page would replace the button a
 * visitor is pressing and lose the tap. The ticket screen counts down all the time when the ticket was
 * printed; every other screen only in its last seconds.
 */
export function showIdle(root: HTMLElement, state: KioskState, status: IdleStatus): void {
  const t = STRINGS[state.language];
  const seconds = status.kind === 'counting' ? status.secondsLeft : undefined;
  const onResult = state.screen.name === 'result';
  const countdown = root.querySelector<HTMLElement>('[data-testid="countdown"]');
  if (countdown && seconds !== undefined) {
    const printed = state.screen.name === 'result' && state.screen.ticket.printed !== false;
    countdown.textContent = printed ? t.returning(seconds) : status.kind === 'counting' && status.isWarning ? t.returningSoon(seconds) : t.notPrintedDone;
  }
  const notice = root.querySelector<HTMLElement>('.idle-notice');
  if (!notice) return;
  const isShown = !onResult && status.kind === 'counting' && status.isWarning;
  notice.hidden = !isShown;
  notice.textContent = isShown && seconds !== undefined ? t.idleSoon(seconds) : '';
}

function header(state: KioskState, t: Strings, intents: Intents): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'hall' }, state.config?.hallName ?? ''),
    h(
      'div',
      { class: 'toggles' },
      h('button', { class: 'toggle', testid: 'toggle-elderly', onClick: () => intents.dispatch({ type: 'toggle-elderly' }) }, state.isElderly ? t.elderlyOff : t.elderlyOn),
      h('button', { class: 'toggle', testid: 'toggle-language', onClick: () => intents.dispatch({ type: 'toggle-language' }) }, t.language),
    ),
    state.isOnline ? null : h('div', { class: 'offline', attrs: { role: 'status' } }, t.offline),
  );
}

function screen(state: KioskState, s: Screen, t: Strings, intents: Intents): HTMLElement {
  switch (s.name) {
    case 'home':
      return home(state, t, intents);
    case 'id-keypad':
      return h(
        'div',
        { class: 'panel keypad-panel' },
        h('h1', {}, t.idTitle),
        h('div', { class: `entry ${s.isBad ? 'bad' : ''}`, testid: 'id-entry' }, groupId(s.digits) || '\u00a0'),
        s.isBad ? h('p', { class: 'problem', testid: 'id-problem', attrs: { role: 'alert' } }, t.idProblem[s.problem ?? 'length'] ?? t.idBad) : null,
        keypad(t, ID_KEYS, intents.dispatch, () => intents.dispatch({ type: 'confirm-id' }), t.ok, s.digits.length === 18),
      );
    case 'appointment-keypad':
      return h(
        'div',
        { class: 'panel keypad-panel' },
        h('h1', {}, t.apptTitle),
        h('div', { class: `entry ${s.problem ? 'bad' : ''}`, testid: 'appointment-entry' }, s.code || '\u00a0'),
        s.problem ? h('p', { class: 'problem', testid: 'appointment-problem', attrs: { role: 'alert' } }, t.errors[s.problem] ?? t.errors.other ?? '') : null,
        keypad(t, CODE_KEYS, intents.dispatch, () => intents.findAppointment(s.code), t.apptFind, s.code.length > 0),
      );
    case 'appointment': {
      const p = s.preview;
      const service = state.services.find((x) => x.id === p.serviceId);
      // An appointment for a service this kiosk does not offer: said here, before a tap the hub would refuse.
      const isElsewhere = state.menu !== undefined && !state.menu.serviceIds.includes(p.serviceId);
      const canTake = p.status !== 'used' && p.status !== 'not-today' && !isElsewhere;
      const message = isElsewhere && p.status !== 'used' && p.status !== 'not-today'
        ? (t.errors.forbidden ?? '')
        : { 'on-time': t.apptOnTime, early: t.apptEarly(clock(p.slotStart)), late: t.apptLate, used: t.apptUsed, 'not-today': t.apptNotToday }[p.status];
      return h(
        'div',
        { class: 'panel' },
        printerBanner(state, t),
        h('h1', {}, service ? serviceName(service, state.language) : p.serviceId),
        h('p', { class: 'big-line' }, t.apptSlot(clock(p.slotStart), clock(p.slotEnd))),
        p.nameMasked ? h('p', { class: 'big-line' }, p.nameMasked) : null,
        h('p', { class: `notice ${canTake && (p.status === 'on-time' || p.status === 'early') ? 'good' : 'warn'}`, testid: 'appointment-status' }, message),
        h(
          'div',
          { class: 'row' },
          h('button', { class: 'big secondary', onClick: () => intents.dispatch({ type: 'home' }) }, t.back),
          canTake ? h('button', { class: 'big primary', testid: 'appointment-take', onClick: () => intents.takeTicket(p.serviceId, p.code) }, t.take) : null,
        ),
      );
    }
    case 'guide':
      return guideScreen(state, s, t, intents);
    case 'issuing':
      return h('div', { class: 'panel center' }, h('p', { class: 'big-line' }, t.issuing));
    case 'result':
      return result(state, s, t, intents);
    case 'paused':
      return paused(t, intents);
    case 'error':
      return h(
        'div',
        { class: 'panel center' },
        h('p', { class: 'notice warn', testid: 'error-message', attrs: { role: 'alert' } }, t.errors[s.code] ?? t.errors.other ?? ''),
        h('button', { class: 'big primary', onClick: () => intents.dispatch({ type: 'home' }) }, t.home),
      );
  }
}

/** 暂停取号: said in words, with what the visitor can do; the button only while a screen needs leaving. */
function paused(t: Strings, intents?: Intents): HTMLElement {
  return h(
    'div',
    { class: 'panel center paused', testid: 'paused', attrs: { role: 'alert' } },
    h('h1', {}, t.paused),
    h('p', { class: 'notice warn', testid: 'paused-message' }, t.pausedLine),
    intents ? h('button', { class: 'big primary', onClick: () => intents.dispatch({ type: 'home' }) }, t.home) : null,
  );
}

/** The green-channel notice: a card's age as the hub read it, or a typed number's (the same rule, on the page). */
function isGreenNotice(state: KioskState): boolean {
  const id = state.identity;
  if (id?.kind === 'card') return id.isGreenChannel;
  if (id?.kind !== 'typed' || !state.config) return false;
  return isGreenChannelTyped(id.idNumber, hallToday(state.config.timeZone), state.config.greenChannelAge);
}

function home(state: KioskState, t: Strings, intents: Intents): HTMLElement {
  if (isTicketingPaused(state.services)) return paused(t);
  const id = state.identity;
  const who = id?.kind === 'card' ? t.cardHeld(id.nameMasked ?? '') : id ? t.typedHeld(maskTyped(id.idNumber)) : undefined;
  const banner = who
    ? h(
        'div',
        { class: 'person', testid: 'person' },
        h('span', {}, who),
        isGreenNotice(state) ? h('span', { class: 'green', testid: 'green-notice' }, t.greenChannel) : null,
        h('button', { class: 'toggle', onClick: () => intents.cancelIdentity() }, t.cancelPerson),
      )
    : h('p', { class: `hint ${state.isReaderDown ? 'reader-down' : ''}`, testid: 'reader-hint' }, state.isReaderDown ? t.readerDown : t.swipeCard);
  // Only what the hub says this kiosk offers; departments first in a large hall (menu-view.ts).
  const grid = serviceArea(state, t, intents, (service) => serviceButton(service, state, t, intents));
  const actions = id
    ? null
    : h(
        'div',
        { class: 'row home-actions' },
        h('button', { class: 'big secondary', testid: 'open-id-keypad', onClick: () => intents.dispatch({ type: 'open-id-keypad' }) }, t.typeId),
        h('button', { class: 'big secondary', testid: 'open-appointment', onClick: () => intents.dispatch({ type: 'open-appointment-keypad' }) }, t.appointment),
      );
  return h('div', { class: 'home' }, printerBanner(state, t), h('h1', {}, id?.kind === 'card' && id.nameMasked ? t.titleWithPerson(id.nameMasked) : t.title), banner, grid, actions);
}

/** Said before the visitor takes a ticket: with the printer down, the number will only be on the screen. */
function printerBanner(state: KioskState, t: Strings): HTMLElement | null {
  const problem = state.printerProblem;
  if (!problem) return null;
  return h('div', { class: 'printer-banner', testid: 'printer-banner', attrs: { role: 'status', 'data-problem': problem } }, t.printerDown(t.print[problem] ?? t.print.error ?? ''));
}

function serviceButton(service: ServiceView, state: KioskState, t: Strings, intents: Intents): HTMLElement {
  const reason = service.isAvailable ? undefined : service.unavailableReason === 'outside-hours' ? t.outsideHours : service.unavailableReason === 'storage-unavailable' ? t.paused : t.capReached;
  const next = service.isAvailable || service.unavailableReason === 'storage-unavailable' ? undefined : service.nextOpening;
  return h(
    'button',
    { class: `service ${service.isAvailable ? '' : 'unavailable'}`, testid: `service-${service.id}`, disabled: !service.isAvailable, onClick: () => intents.takeTicket(service.id) },
    h('span', { class: 'service-name' }, serviceName(service, state.language)),
    reason
      ? h('span', { class: 'service-state', testid: 'service-state' }, reason, next ? ` · ${t.nextOpening(next)}` : '')
      : h('span', { class: 'service-state' }, `${t.waiting(service.waiting)} · ${t.estimate(service.estimatedWaitMinutes, service)}`),
    service.unavailableReason === 'outside-hours' && service.hours.length > 0 ? openingHours(service, t) : null,
  );
}

/** 办理时间 09:00–11:30、13:30–17:00: a line may break between ranges, never inside one (「09:00–」/「11:30」). */
function openingHours(service: ServiceView, t: Strings): HTMLElement {
  const ranges = service.hours.flatMap((x, i) => [i > 0 ? t.hoursSeparator : '', h('span', { class: 'hours-range', testid: 'hours-range' }, `${x.from}–${x.to}`)]);
  return h('span', { class: 'service-hours', testid: 'service-hours' }, `${t.hours} `, ...ranges);
}

function result(state: KioskState, s: Extract<Screen, { name: 'result' }>, t: Strings, intents: Intents): HTMLElement {
  const ticket = s.ticket;
  const service = state.services.find((x) => x.id === ticket.serviceId);
  // Not printed: the screen is the visitor's only copy, so it stays (until 完成) with the number and QR code
  // large enough to photograph.
  const isPrinted = ticket.printed !== false;
  const printLine = isPrinted
    ? h('p', { class: 'notice good', testid: 'print-status', attrs: { 'data-printed': 'true' } }, t.printed)
    : h('p', { class: 'notice warn', testid: 'print-status', attrs: { 'data-printed': 'false', role: 'alert' } }, t.notPrinted(t.print[ticket.printProblem ?? 'error'] ?? t.print.error ?? ''));
  const priorityLine =
    ticket.priority === 'green' ? t.greenTicket : ticket.priority === 'appointment' ? t.apptTicket : s.appointment === 'late' ? t.lateTicket : undefined;
  return h(
    'div',
    { class: `result ${isPrinted ? 'printed' : 'unprinted'}` },
    h(
      'div',
      { class: 'ticket-info' },
      h('p', { class: 'label' }, t.yourNumber),
      h('p', { class: 'number', testid: 'ticket-number' }, ticket.number),
      h('p', { class: 'big-line' }, service ? serviceName(service, state.language) : ticket.serviceId),
      h('p', { class: 'big-line', testid: 'ticket-ahead' }, `${t.ahead(ticket.waitingAhead)} · ${t.wait(ticket.estimatedWaitMinutes, ticket)}`),
      priorityLine ? h('p', { class: 'notice good', testid: 'priority-line' }, priorityLine) : null,
      printLine,
    ),
    h(
      'div',
      { class: 'ticket-side' },
      s.qrDataUrl ? h('figure', { class: 'qr' }, h('img', { testid: 'qr', attrs: { src: s.qrDataUrl, alt: t.scan } }), h('figcaption', {}, t.scan)) : null,
      // Printed: "N 秒后自动返回首页", counting. Not printed: "tap 完成", and the countdown only at the very end.
      h('p', { class: isPrinted ? 'hint countdown' : 'big-line countdown', testid: 'countdown' }, isPrinted ? '' : t.notPrintedDone),
      h('button', { class: 'big primary', testid: 'done', onClick: () => intents.dispatch({ type: 'home' }) }, t.done),
    ),
  );
}

function footer(state: KioskState, t: Strings, intents: Intents): HTMLElement | null {
  const demo = state.config?.demo;
  if (!demo || state.screen.name !== 'home') return null;
  return h(
    'footer',
    { class: 'demo' },
    h('span', {}, t.demo),
    ...demo.people.map((p) => h('button', { class: 'demo-button', testid: `demo-${p.key}`, onClick: () => intents.demoCard(p.key) }, t.demoPerson(p))),
    h('span', { testid: 'demo-appointments' }, t.demoAppts + demo.appointments.map((a) => t.demoAppt(a.code, clock(a.slotStart), a.what)).join(t.demoApptSeparator)),
  );
}

function serviceName(service: ServiceView, language: 'zh-CN' | 'en'): string {
  return language === 'en' ? service.nameEn : service.name;
}

let hallZone: string | undefined;

/** Hall-local HH:mm, in the hall's zone whatever the kiosk computer is set to. */
function clock(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(hallZone ? { timeZone: hallZone } : {}) }).format(at);
}
