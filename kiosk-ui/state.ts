/**
 * The kiosk page's state and its pure reducer: every screen change is an action, so the flow is unit-tested
 * without a browser. Views only render a state; main.ts turns hub answers into actions.
 */
import type { IssuedTicket } from '../server/protocol/http';
import type { AppointmentView, KioskConfig, KioskDevicesReport } from '../server/protocol/kiosk';
import type { ServiceView } from '../server/protocol/model';
import type { Lang } from './i18n';
import { idNumberProblem, type IdProblem } from './id-number';
import { reduceMenu, type MenuAction } from './menu';
import type { KioskMenu } from '../server/protocol/kiosk';

/** Who is taking the ticket: a card read on this kiosk (opaque handle) or a typed number (kept only until issue). */
export type Identity =
  | { readonly kind: 'card'; readonly handle: string; readonly nameMasked?: string; readonly isGreenChannel: boolean }
  | { readonly kind: 'typed'; readonly idNumber: string };

/** Why tickets cannot be printed right now (same codes as a ticket's `printProblem`). */
export type PrinterProblem = 'paper-out' | 'cover-open' | 'offline' | 'error' | 'no-printer';

export type Screen =
  | { readonly name: 'home' }
  /** `problem` is said under the entry; the digits stay so the visitor can correct them. */
  | { readonly name: 'id-keypad'; readonly digits: string; readonly isBad: boolean; readonly problem?: IdProblem | 'refused' }
  /** `problem`: the hub's answer by code (e.g. unknown-appointment); the code stays so the visitor can correct it. */
  | { readonly name: 'appointment-keypad'; readonly code: string; readonly problem?: string }
  | { readonly name: 'appointment'; readonly preview: AppointmentView }
  /** 一次性告知: the service's materials, before the ticket is printed (继续取号 / 返回). */
  | { readonly name: 'guide'; readonly serviceId: string; readonly appointmentCode?: string }
  | { readonly name: 'issuing' }
  | { readonly name: 'result'; readonly ticket: IssuedTicket; readonly qrDataUrl?: string; readonly appointment?: AppointmentView['status'] }
  | { readonly name: 'error'; readonly code: string }
  /** 暂停取号: the hub cannot save tickets (its disk is full); it returns home by itself once the hub can. */
  | { readonly name: 'paused' };

export interface KioskState {
  readonly config?: KioskConfig;
  readonly language: Lang;
  readonly isElderly: boolean;
  readonly services: readonly ServiceView[];
  readonly isOnline: boolean;
  readonly identity?: Identity;
  readonly screen: Screen;
  /** Undefined while the printer is ready (or not yet known). */
  readonly printerProblem?: PrinterProblem;
  /** The ID card reader is not configured or not working: the page points to the keypad instead. */
  readonly isReaderDown?: boolean;
  /** What this kiosk offers, as the hub said (kiosk-ui/menu.ts); nothing is listed before it has. */
  readonly menu?: KioskMenu;
  /** The menu could not be read yet (the page keeps asking): the start screen says so instead of staying empty. */
  readonly isMenuUnavailable?: boolean;
  /** The department opened on a two-level start screen; undefined: the departments (or the flat grid). */
  readonly department?: string;
  /** The page of tiles shown (a long list pages instead of overflowing). */
  readonly menuPage?: number;
}

export type Action =
  | MenuAction
  | { type: 'config'; config: KioskConfig }
  | { type: 'services'; services: readonly ServiceView[] }
  | { type: 'connection'; isOnline: boolean }
  | { type: 'toggle-language' }
  | { type: 'toggle-elderly' }
  | { type: 'card-read'; handle: string; nameMasked?: string; isGreenChannel: boolean }
  | { type: 'open-id-keypad' }
  | { type: 'open-appointment-keypad' }
  | { type: 'key'; key: string }
  | { type: 'delete' }
  | { type: 'clear' }
  | { type: 'confirm-id' }
  | { type: 'appointment-found'; preview: AppointmentView }
  | { type: 'show-guide'; serviceId: string; appointmentCode?: string }
  /** 返回 from the guide: the start screen, with the person still held. */
  | { type: 'guide-back' }
  | { type: 'issuing' }
  | { type: 'issued'; ticket: IssuedTicket; qrDataUrl?: string; appointment?: AppointmentView['status'] }
  | { type: 'failed'; code: string }
  | { type: 'devices'; report: KioskDevicesReport }
  | { type: 'home' }
  /** Nobody touched the kiosk for a while: back to the clean start for whoever comes next. */
  | { type: 'reset' };

export const initialState: KioskState = { language: 'zh-CN', isElderly: false, services: [], isOnline: false, screen: { name: 'home' } };

const MAX_CODE = 32;
/** Error codes that only say the hub could not be reached: they end when the hub-client reconnects. */
const CONNECTION_ERRORS: ReadonlySet<string> = new Set(['unavailable']);

export function reduce(state: KioskState, action: Action): KioskState {
  switch (action.type) {
    case 'config':
      return { ...state, config: action.config, language: action.config.language };
    case 'menu':
    case 'menu-unavailable':
    case 'open-department':
    case 'department-back':
    case 'menu-page':
      return reduceMenu(state, action);
    case 'services': {
      // The hub says whether it can save tickets through its services: the pause ends (or starts) with them.
      const isPaused = isTicketingPaused(action.services);
      const screen: Screen = isPaused && state.screen.name === 'home' ? { name: 'paused' } : !isPaused && state.screen.name === 'paused' ? { name: 'home' } : state.screen;
      return { ...state, services: action.services, screen };
    }
    case 'connection': {
      // The hub answers again: an error that only said it could not be reached leaves by itself, with the
      // visitor's choices kept (they are probably still standing there; the idle clock resets them if not).
      const isBack = action.isOnline && !state.isOnline && state.screen.name === 'error' && CONNECTION_ERRORS.has(state.screen.code);
      return { ...state, isOnline: action.isOnline, ...(isBack ? { screen: { name: 'home' } } : {}) };
    }
    case 'toggle-language':
      return { ...state, language: state.language === 'zh-CN' ? 'en' : 'zh-CN' };
    case 'toggle-elderly':
      return { ...state, isElderly: !state.isElderly };
    case 'card-read': {
      // A card only counts on the start screens: it never changes a ticket being issued or shown.
      if (!['home', 'id-keypad'].includes(state.screen.name)) return state;
      const identity: Identity = { kind: 'card', handle: action.handle, isGreenChannel: action.isGreenChannel, ...(action.nameMasked ? { nameMasked: action.nameMasked } : {}) };
      return { ...state, identity, isElderly: state.isElderly || action.isGreenChannel, screen: { name: 'home' } };
    }
    case 'open-id-keypad':
      return { ...state, screen: { name: 'id-keypad', digits: '', isBad: false } };
    case 'open-appointment-keypad':
      return { ...state, identity: undefined, screen: { name: 'appointment-keypad', code: '' } };
    case 'key':
      return typeKey(state, action.key);
    case 'delete':
      if (state.screen.name === 'id-keypad') return { ...state, screen: { name: 'id-keypad', digits: state.screen.digits.slice(0, -1), isBad: false } };
      if (state.screen.name === 'appointment-keypad') return { ...state, screen: { name: 'appointment-keypad', code: state.screen.code.slice(0, -1) } };
      return state;
    case 'clear':
      if (state.screen.name === 'id-keypad') return { ...state, screen: { name: 'id-keypad', digits: '', isBad: false } };
      if (state.screen.name === 'appointment-keypad') return { ...state, screen: { name: 'appointment-keypad', code: '' } };
      return state;
    case 'confirm-id': {
      if (state.screen.name !== 'id-keypad') return state;
      const digits = state.screen.digits;
      const problem = idNumberProblem(digits);
      if (problem) return { ...state, screen: { name: 'id-keypad', digits, isBad: true, problem } };
      return { ...state, identity: { kind: 'typed', idNumber: digits }, screen: { name: 'home' } };
    }
    case 'appointment-found':
      return { ...state, screen: { name: 'appointment', preview: action.preview } };
    case 'show-guide':
      return { ...state, screen: { name: 'guide', serviceId: action.serviceId, ...(action.appointmentCode ? { appointmentCode: action.appointmentCode } : {}) } };
    case 'guide-back':
      return state.screen.name === 'guide' ? { ...state, screen: { name: 'home' } } : state;
    case 'issuing':
      return { ...state, screen: { name: 'issuing' } };
    case 'issued': {
      // The typed number and the card handle are forgotten as soon as the ticket exists.
      const printed = action.ticket.printed;
      const printerProblem = printed === true ? undefined : printed === false ? asPrinterProblem(action.ticket.printProblem) : state.printerProblem;
      return {
        ...state,
        identity: undefined,
        printerProblem,
        screen: { name: 'result', ticket: action.ticket, ...(action.qrDataUrl ? { qrDataUrl: action.qrDataUrl } : {}), ...(action.appointment ? { appointment: action.appointment } : {}) },
      };
    }
    case 'failed':
      // An appointment code the hub did not accept (unknown, or the hub not reached): the keypad again with
      // the code typed and the hub's reason under it, not an error screen that throws the digits away.
      if (state.screen.name === 'appointment-keypad') return { ...state, screen: { name: 'appointment-keypad', code: state.screen.code, problem: action.code } };
      // The hub refused a typed number (the keypad checks the same rules, so this is rare): back to the
      // keypad with the digits, not to an error that loses them.
      if (action.code === 'bad-id' && state.identity?.kind === 'typed') {
        return { ...state, identity: undefined, screen: { name: 'id-keypad', digits: state.identity.idNumber, isBad: true, problem: 'refused' } };
      }
      if (action.code === 'storage-unavailable') return { ...state, screen: { name: 'paused' } };
      return { ...state, identity: state.identity?.kind === 'card' && action.code === 'card-expired' ? undefined : state.identity, screen: { name: 'error', code: action.code } };
    case 'devices':
      return { ...state, printerProblem: printerProblemOf(action.report), isReaderDown: action.report.idReader === null || action.report.idReader.status !== 'online' };
    case 'home': {
      // After a ticket (or a failure) the next visitor starts afresh: normal text, the hall's language.
      const isNextVisitor = state.screen.name === 'result' || state.screen.name === 'error' || state.screen.name === 'paused';
      return {
        ...state,
        identity: undefined,
        isElderly: isNextVisitor ? false : state.isElderly,
        language: isNextVisitor && state.config ? state.config.language : state.language,
        // 首页 is the top of the menu: the departments again.
        department: undefined,
        menuPage: 0,
        screen: { name: 'home' },
      };
    }
    case 'reset':
      return { ...state, identity: undefined, isElderly: false, language: state.config?.language ?? initialState.language, department: undefined, menuPage: 0, screen: { name: 'home' } };
  }
}

/** Every service says the hub cannot save tickets now (server/app/storage-health.ts): the kiosk shows 暂停取号. */
export function isTicketingPaused(services: readonly ServiceView[]): boolean {
  return services.length > 0 && services.every((s) => !s.isAvailable && s.unavailableReason === 'storage-unavailable');
}

/** The printer's health as the visitor needs it: ready, or the reason tickets will only be on the screen. */
export function printerProblemOf(report: KioskDevicesReport): PrinterProblem | undefined {
  const printer = report.printer;
  if (printer === null) return 'no-printer';
  if (printer.status === 'online') return undefined;
  if (printer.status === 'offline') return 'offline';
  return asPrinterProblem(printer.code);
}

function asPrinterProblem(code: string | undefined): PrinterProblem {
  return code === 'paper-out' || code === 'cover-open' || code === 'offline' || code === 'no-printer' ? code : 'error';
}

function typeKey(state: KioskState, key: string): KioskState {
  const screen = state.screen;
  if (screen.name === 'id-keypad') {
    const k = key.toUpperCase();
    if (!/^[\dX]$/.test(k) || screen.digits.length >= 18) return state;
    // X is only ever the check character, the 18th.
    if (k === 'X' && screen.digits.length !== 17) return state;
    const digits = screen.digits + k;
    // Said as soon as the 18th character is in, not after the visitor has chosen a service.
    const problem = digits.length === 18 ? idNumberProblem(digits) : undefined;
    return { ...state, screen: problem ? { name: 'id-keypad', digits, isBad: true, problem } : { name: 'id-keypad', digits, isBad: false } };
  }
  if (screen.name === 'appointment-keypad') {
    if (!/^[A-Za-z0-9_-]$/.test(key) || screen.code.length >= MAX_CODE) return state;
    return { ...state, screen: { name: 'appointment-keypad', code: screen.code + key } };
  }
  return state;
}

/** Masks a typed number for the screen the same way the hub does: first 4 and last 4. */
export function maskTyped(idNumber: string): string {
  return idNumber.length <= 8 ? '*'.repeat(idNumber.length) : `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
