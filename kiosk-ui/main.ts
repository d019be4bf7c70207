/**
 * The kiosk page (取号机): wires the pure state and views to the hub. Live queue figures over the public
 * socket; the held ID card and this kiosk's printer/reader health polled from the hub; tickets through
 * POST /api/tickets with the device token; the idle clock (idle.ts) ticking and resetting for the next visitor.
 */
import QRCode from 'qrcode';
import { ApiError, HubClient, newIdempotencyKey } from '../ui-client/hub-client';
import { call } from '../ui-client/api';
import { takeDeviceToken } from '../ui-client/device-token';
import { TerminalReporter } from '../ui-client/terminal-health';
import type { IssueTicketBody } from '../server/protocol/http';
import type { AppointmentView } from '../server/protocol/kiosk';
import { coreRoutes } from '../server/protocol/routes/core';
import { kioskRoutes } from '../server/protocol/routes/kiosk';
import { idleStatus, isVisitorChange, parseKioskTimings, type IdleStatus } from './idle';
import { menuRetryDelayMs } from './menu';
import { initialState, reduce, type Action, type KioskState } from './state';
import { render, showIdle, type Intents } from './views';

const TOKEN_KEY = 'hallq.kioskToken';
const DEMO_TOKEN = 'demo-kiosk-token';
const CARD_POLL_MS = 1000;
const SERVICES_REFRESH_MS = 60_000;
const DEVICES_POLL_MS = 3000;
const IDLE_TICK_MS = 250;
/** A press longer than this no longer holds renders back (a lost pointerup must not freeze the page). */
const MAX_PRESS_MS = 2000;

// First, before any request: the token leaves the address bar (ui-client/device-token.ts).
const storedToken = takeDeviceToken(TOKEN_KEY);
const root = document.getElementById('app') as HTMLElement;
const timings = parseKioskTimings(location.search);
let state: KioskState = initialState;
let token: string | undefined;
let pendingAppointment: AppointmentView | undefined;
/** The last touch, key or visitor-made change: the idle clock counts from here. */
let lastTouchAt = Date.now();
let shownIdle = '';
let lastDevices = '';
/** A render replaces every button: while a finger is down it waits, or the tap would land on a removed button. */
let pointerDownAt: number | undefined;
let isRenderPending = false;

function isFingerDown(): boolean {
  return pointerDownAt !== undefined && Date.now() - pointerDownAt < MAX_PRESS_MS;
}

function dispatch(action: Action): void {
  const before = state;
  state = reduce(state, action);
  if (isVisitorChange(before, state)) lastTouchAt = Date.now();
  if (state.screen.name === 'home' && before.screen.name !== 'home') pendingAppointment = undefined;
  if (isFingerDown()) isRenderPending = true;
  else draw();
}

function draw(): void {
  isRenderPending = false;
  render(root, state, intents);
  shownIdle = '';
  tickIdle();
}

/** Every screen holding something of a visitor goes back to the clean start when nobody touches it (idle.ts). */
function tickIdle(): void {
  if (isRenderPending && !isFingerDown()) {
    draw();
    return;
  }
  const status = idleStatus(state, lastTouchAt, Date.now(), timings);
  if (status.kind === 'expired') {
    resetForNextVisitor();
    return;
  }
  const key = idleKey(status);
  if (key === shownIdle) return;
  shownIdle = key;
  showIdle(root, state, status);
}

function idleKey(status: IdleStatus): string {
  return status.kind === 'counting' ? `${status.secondsLeft}:${status.isWarning}` : status.kind;
}

function resetForNextVisitor(): void {
  // A card still held on the hub would be read straight back in by the next poll.
  if (state.identity?.kind === 'card') void call(kioskRoutes.clearHeldCard, {}, { token }).catch(() => undefined);
  dispatch({ type: 'reset' });
}

function onTouch(): void {
  lastTouchAt = Date.now();
  tickIdle();
}

const intents: Intents = {
  dispatch,
  takeTicket(serviceId, appointmentCode) {
    // 一次性告知 first: a service with a materials list shows it before the ticket is printed.
    if (state.screen.name !== 'guide' && (state.config?.guides?.[serviceId]?.materials.length ?? 0) > 0) {
      dispatch({ type: 'show-guide', serviceId, ...(appointmentCode ? { appointmentCode } : {}) });
      return;
    }
    void takeTicket(serviceId, appointmentCode);
  },
  findAppointment(code) {
    void findAppointment(code);
  },
  cancelIdentity() {
    if (state.identity?.kind === 'card') void call(kioskRoutes.clearHeldCard, {}, { token }).catch(() => undefined);
    dispatch({ type: 'home' });
  },
  demoCard(person) {
    const kioskId = state.config?.demo?.kiosks[0];
    if (kioskId) void call(kioskRoutes.demoCard, { params: { kioskId }, body: { person } }).then(pollCard, () => undefined);
  },
};

/** One attempt at issuing a ticket; with the client's three retries a lost hub shows the error screen within ~35 s. */
const ISSUE_ATTEMPT_MS = 8_000;

async function takeTicket(serviceId: string, appointmentCode?: string): Promise<void> {
  if (state.screen.name === 'issuing') return;
  const identity = state.identity;
  const key = newIdempotencyKey();
  const body: IssueTicketBody = {
    serviceId,
    language: state.language,
    idempotencyKey: key,
    ...(identity?.kind === 'card' ? { identity: 'card' as const, cardHandle: identity.handle } : {}),
    ...(identity?.kind === 'typed' ? { idNumber: identity.idNumber } : {}),
    ...(appointmentCode ? { appointmentCode } : {}),
  };
  const appointment = appointmentCode ? pendingAppointment?.status : undefined;
  dispatch({ type: 'issuing' });
  try {
    // A visitor stands in front of this screen: 8 s an attempt, retried with the same key (one ticket however many tries).
    const ticket = await call(coreRoutes.issueTicket, { body }, { token, idempotencyKey: key, timeoutMs: ISSUE_ATTEMPT_MS });
    // A kiosk's reply always carries the visitor's track link (only staff issue without one).
    const qrDataUrl = ticket.trackUrl ? await QRCode.toDataURL(ticket.trackUrl, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).catch(() => undefined) : undefined;
    dispatch({ type: 'issued', ticket, ...(qrDataUrl ? { qrDataUrl } : {}), ...(appointment ? { appointment } : {}) });
  } catch (error) {
    dispatch({ type: 'failed', code: failureCode(error, identity?.kind) });
  }
}

function failureCode(error: unknown, identity: 'card' | 'typed' | undefined): string {
  if (!(error instanceof ApiError)) return 'other';
  // The hub answers 'invalid-request' for a bad typed number or a card reading that expired.
  if (error.code === 'invalid-request' && identity) return identity === 'card' ? 'card-expired' : 'bad-id';
  return error.code;
}

async function findAppointment(code: string): Promise<void> {
  try {
    const preview = await call(kioskRoutes.appointment, { params: { code } }, { token });
    pendingAppointment = preview;
    dispatch({ type: 'appointment-found', preview });
  } catch (error) {
    dispatch({ type: 'failed', code: error instanceof ApiError ? error.code : 'other' });
  }
}

/** Asks the hub whether a card was just read on this kiosk's reader (only masked name and flags come back). */
async function pollCard(): Promise<void> {
  if (!token || (state.screen.name !== 'home' && state.screen.name !== 'id-keypad')) return;
  try {
    // 204 (no card held) answers undefined.
    const card = await call(kioskRoutes.heldCard, {}, { token });
    const held = state.identity;
    if (card && !(held?.kind === 'card' && held.handle === card.handle)) dispatch({ type: 'card-read', ...card });
    if (!card && held?.kind === 'card' && state.screen.name === 'home') dispatch({ type: 'home' });
  } catch {
    // Offline: the connection banner already says so.
  }
}

async function refreshServices(): Promise<void> {
  const services = await call(coreRoutes.services, {}).catch(() => undefined);
  if (services) dispatch({ type: 'services', services });
  void refreshMenu();
}

/** What this kiosk offers (the hub decides, by this kiosk's token): re-read so an admin's layout edit arrives. Whether it answered. */
async function refreshMenu(): Promise<boolean> {
  if (!token) return false;
  const menu = await call(kioskRoutes.menu, {}, { token, retries: 0 }).catch(() => undefined);
  if (!menu) {
    // Said once, and only while there is no menu to show: a render under a finger would lose the tap.
    if (!state.menu && !state.isMenuUnavailable) dispatch({ type: 'menu-unavailable' });
    return false;
  }
  // Only a change re-renders: a render under a finger would lose the tap.
  if (JSON.stringify(menu) !== JSON.stringify(state.menu)) dispatch({ type: 'menu', menu });
  return true;
}

/**
 * Start-up: a failed menu request (a 5xx, no answer) used to leave the start screen empty until the minute's
 * refresh. Ask again with a growing pause (menu.ts) until the hub has said what this kiosk offers.
 */
async function loadMenu(): Promise<void> {
  for (let attempt = 0; !state.menu; attempt++) {
    if (await refreshMenu()) return;
    await new Promise((resolve) => setTimeout(resolve, menuRetryDelayMs(attempt)));
  }
}

/** This kiosk's printer and reader: a fault is shown on the start screen before anyone takes a ticket. */
async function pollDevices(): Promise<void> {
  if (!token) return;
  const report = await call(kioskRoutes.ownDevices, {}, { token }).catch(() => undefined);
  // Not reported as this page's own faults: the printer and reader are the hub's devices, and its device
  // alerts (device-offline, paper-out, with their grace) already tell the managers, in better words.
  const key = JSON.stringify(report ?? null);
  // Only a change re-renders: a render under a finger would lose the tap.
  if (!report || key === lastDevices) return;
  lastDevices = key;
  dispatch({ type: 'devices', report });
}

/** Keyboard-wedge barcode scanners and physical keyboards type into the keypads, Enter confirms. */
function onKey(event: KeyboardEvent): void {
  const screen = state.screen;
  if (screen.name !== 'id-keypad' && screen.name !== 'appointment-keypad') return;
  if (event.key === 'Enter') {
    if (screen.name === 'id-keypad') dispatch({ type: 'confirm-id' });
    else if (screen.code) void findAppointment(screen.code);
  } else if (event.key === 'Backspace') dispatch({ type: 'delete' });
  else if (event.key.length === 1) dispatch({ type: 'key', key: event.key });
}

async function start(): Promise<void> {
  const config = await call(kioskRoutes.config, {}, { retries: 20 });
  token = storedToken ?? (config.isDemo ? DEMO_TOKEN : undefined);
  dispatch({ type: 'config', config });
  if (!token) {
    dispatch({ type: 'failed', code: 'no-token' });
    return;
  }
  const client = new HubClient('public', {
    snapshot: (snapshot) => {
      dispatch({ type: 'services', services: snapshot.services });
      // A snapshot follows every (re)connect: the menu may have changed while the hub was away.
      void refreshMenu();
    },
    queues: (services) => dispatch({ type: 'services', services }),
    // A layout saved in the console (services, departments, what this kiosk offers): the menu now, not in a minute.
    event: (event) => {
      if (event.type === 'config:updated') void refreshMenu();
    },
    connection: (connection) => dispatch({ type: 'connection', isOnline: connection === 'online' }),
    // The kiosk's token on the socket too: it names this kiosk page for terminal health (the hub still sends it the public view).
  }, { token });
  // Managers see this page online or dark and may reload it (「刷新页面」).
  new TerminalReporter(client.socket, { kind: 'kiosk' });
  void loadMenu();
  document.addEventListener('keydown', onKey);
  setInterval(() => void pollCard(), CARD_POLL_MS);
  void pollDevices();
  setInterval(() => void pollDevices(), DEVICES_POLL_MS);
  // Opening hours start and end without any event: re-read availability now and then.
  setInterval(() => void refreshServices(), SERVICES_REFRESH_MS);
}

document.addEventListener(
  'pointerdown',
  () => {
    pointerDownAt = Date.now();
    onTouch();
  },
  { capture: true },
);
const release = (): void => {
  pointerDownAt = undefined;
  // After the click that this pointerup is about to fire.
  if (isRenderPending) setTimeout(() => (isFingerDown() || !isRenderPending ? undefined : draw()), 0);
};
document.addEventListener('pointerup', release, { capture: true });
document.addEventListener('pointercancel', release, { capture: true });
document.addEventListener('keydown', onTouch, { capture: true });
setInterval(tickIdle, IDLE_TICK_MS);

void start();
