/**
 * The kiosk page's state and its pure reducer: every screen change is an action, so the flow is unit-tested
 * without a browser. Views only render a state; main.ts turns hub answers into actions.
 */
import type { IssuedTicket } from '../server/protocol/http';
import type { ServiceView } from '../server/protocol/model';
import type { Lang } from './i18n';

export interface KioskConfig {
  readonly hallName: string;
  readonly language: Lang;
  readonly timeZone: string;
  readonly isDemo: boolean;
  readonly greenChannelAge: number | null;
  readonly demo?: {
    readonly people: ReadonlyArray<{ key: string; label: string }>;
    readonly appointments: ReadonlyArray<{ code: string; serviceId: string; slotStart: number; what: string }>;
    readonly kiosks: readonly string[];
  };
}

export interface AppointmentPreview {
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly nameMasked?: string;
  readonly status: 'early' | 'on-time' | 'late' | 'used' | 'not-today';
}

/** Who is taking the ticket: a card read on this kiosk (opaque handle) or a typed number (kept only until issue). */
export type Identity =
  | { readonly kind: 'card'; readonly handle: string; readonly nameMasked?: string; readonly isGreenChannel: boolean }
  | { readonly kind: 'typed'; readonly idNumber: string };

export type Screen =
  | { readonly name: 'home' }
  | { readonly name: 'id-keypad'; readonly digits: string; readonly isBad: boolean }
  | { readonly name: 'appointment-keypad'; readonly code: string }
  | { readonly name: 'appointment'; readonly preview: AppointmentPreview }
  | { readonly name: 'issuing' }
  | { readonly name: 'result'; readonly ticket: IssuedTicket; readonly qrDataUrl?: string; readonly appointment?: AppointmentPreview['status'] }
  | { readonly name: 'error'; readonly code: string };

export interface KioskState {
  readonly config?: KioskConfig;
  readonly language: Lang;
  readonly isElderly: boolean;
  readonly services: readonly ServiceView[];
  readonly isOnline: boolean;
  readonly identity?: Identity;
  readonly screen: Screen;
}

export type Action =
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
  | { type: 'appointment-found'; preview: AppointmentPreview }
  | { type: 'issuing' }
  | { type: 'issued'; ticket: IssuedTicket; qrDataUrl?: string; appointment?: AppointmentPreview['status'] }
  | { type: 'failed'; code: string }
  | { type: 'home' };

export const initialState: KioskState = { language: 'zh-CN', isElderly: false, services: [], isOnline: false, screen: { name: 'home' } };

const ID_SHAPE = /^\d{17}[\dX]$/;
const MAX_CODE = 32;

export function reduce(state: KioskState, action: Action): KioskState {
  switch (action.type) {
    case 'config':
      return { ...state, config: action.config, language: action.config.language };
    case 'services':
      return { ...state, services: action.services };
    case 'connection':
      return { ...state, isOnline: action.isOnline };
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
      if (state.screen.name === 'id-keypad') return { ...state, screen: { ...state.screen, digits: state.screen.digits.slice(0, -1), isBad: false } };
      if (state.screen.name === 'appointment-keypad') return { ...state, screen: { ...state.screen, code: state.screen.code.slice(0, -1) } };
      return state;
    case 'clear':
      if (state.screen.name === 'id-keypad') return { ...state, screen: { name: 'id-keypad', digits: '', isBad: false } };
      if (state.screen.name === 'appointment-keypad') return { ...state, screen: { name: 'appointment-keypad', code: '' } };
      return state;
    case 'confirm-id': {
      if (state.screen.name !== 'id-keypad') return state;
      const digits = state.screen.digits;
      if (!ID_SHAPE.test(digits)) return { ...state, screen: { ...state.screen, isBad: true } };
      return { ...state, identity: { kind: 'typed', idNumber: digits }, screen: { name: 'home' } };
    }
    case 'appointment-found':
      return { ...state, screen: { name: 'appointment', preview: action.preview } };
    case 'issuing':
      return { ...state, screen: { name: 'issuing' } };
    case 'issued':
      // The typed number and the card handle are forgotten as soon as the ticket exists.
      return {
        ...state,
        identity: undefined,
        screen: { name: 'result', ticket: action.ticket, ...(action.qrDataUrl ? { qrDataUrl: action.qrDataUrl } : {}), ...(action.appointment ? { appointment: action.appointment } : {}) },
      };
    case 'failed':
      return { ...state, identity: state.identity?.kind === 'card' && action.code === 'card-expired' ? undefined : state.identity, screen: { name: 'error', code: action.code } };
    case 'home': {
      // After a ticket (or a failure) the next visitor starts afresh: normal text, the hall's language.
      const isNextVisitor = state.screen.name === 'result' || state.screen.name === 'error';
      return {
        ...state,
        identity: undefined,
        isElderly: isNextVisitor ? false : state.isElderly,
        language: isNextVisitor && state.config ? state.config.language : state.language,
        screen: { name: 'home' },
      };
    }
  }
}

function typeKey(state: KioskState, key: string): KioskState {
  const screen = state.screen;
  if (screen.name === 'id-keypad') {
    const k = key.toUpperCase();
    if (!/^[\dX]$/.test(k) || screen.digits.length >= 18) return state;
    return { ...state, screen: { ...screen, digits: screen.digits + k, isBad: false } };
  }
  if (screen.name === 'appointment-keypad') {
    if (!/^[A-Za-z0-9_-]$/.test(key) || screen.code.length >= MAX_CODE) return state;
    return { ...state, screen: { ...screen, code: screen.code + key } };
  }
  return state;
}

/** Masks a typed number for the screen the same way the hub does: first 4 and last 4. */
export function maskTyped(idNumber: string): string {
  return idNumber.length <= 8 ? '*'.repeat(idNumber.length) : `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
