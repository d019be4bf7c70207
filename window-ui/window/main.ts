/**
 * The clerk's page (/window): sign in, open the window, then serve. State comes from the hub's staff
 * stream (HubClient: snapshot or replay on every reconnect), commands go over HTTP with one idempotency
 * key per press (commands.ts), so a hub restart loses and doubles nothing.
 */
import { ApiError, callApi, HubClient, newIdempotencyKey } from '../../ui-client/hub-client';
import { call } from '../../ui-client/api';
import { windowDevicesRoutes } from '../../server/protocol/routes/window-devices';
import type { StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import type { LoginReply, WindowVerb } from '../../server/protocol/http';
import type { Language, WindowView } from '../../server/protocol/model';
import { CommandRunner } from './commands';
import { isAnyDialogOpen, openPauseDialog, openPickDialog, openTransferDialog } from './dialogs';
import { currentLanguage, setLanguage, t, translatePage } from './i18n';
import { errorText } from '../../server/protocol/error-words';
import { availableActions, callableTickets, isClosedUnderClerk, myWindow, parkedTickets, type DeskAction } from './selectors';
import { actionForKey } from './shortcuts';
import { initialState, reduce, type DeskState, type DeskUpdate } from './state';
import { renderDesk, showError } from './view';
import { startLanguage } from '../../ui-client/hall-language';

interface Session {
  readonly token: string;
  readonly windowId: string;
  readonly username: string;
  readonly name: string;
}

const SESSION_KEY = 'hallq.window.session';
const LANGUAGE_KEY = 'hallq.window.language';
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let session: Session | undefined;
let state: DeskState = initialState('');
let client: HubClient<'staff'> | undefined;
let ticker: ReturnType<typeof setInterval> | undefined;
let todayTimer: ReturnType<typeof setTimeout> | undefined;
let windows: WindowView[] = [];

const runner = new CommandRunner({
  token: () => session?.token ?? '',
  windowId: () => session?.windowId ?? '',
  changed: () => render(),
  succeeded: (verb, reply) => afterCommand(verb, reply),
  failed: (error) => {
    if (isSignedOut(error)) signOut(said(error));
    else showError(said(error));
  },
});

/** A refusal from the hub in the page's language. */
function said(error: ApiError): string {
  return errorText(error, currentLanguage());
}

function isSignedOut(error: ApiError): boolean {
  return error.code === 'unauthenticated' || error.code === 'session-expired';
}

function dispatch(update: DeskUpdate): void {
  state = reduce(state, update);
  // Closed by someone else (a manager's release, the day rollover): back to sign-in, saying why. The clerk's
  // own close signs out in afterCommand without the message.
  if (session && isClosedUnderClerk(state) && runner.inFlight?.verb !== 'close') {
    signOut(t('desk.closed'));
    return;
  }
  render();
}

function render(): void {
  if (!session) return;
  renderDesk({ state, inFlight: runner.inFlight, clerkName: session.name, now: Date.now() + state.clockOffset });
}

function afterCommand(verb: WindowVerb, reply: WindowCommandReply | undefined): void {
  showError(undefined);
  // Apply the answer at once so the buttons follow before the socket's fact arrives (it will agree).
  if (reply) dispatch({ type: 'reply', window: reply.window, ticket: reply.ticket });
  if (verb === 'finish') refreshToday();
  if (verb === 'close') signOut();
}

function press(action: DeskAction): void {
  const window = myWindow(state);
  if (!session || !window || !availableActions(state, runner.inFlight !== undefined).has(action)) return;
  showError(undefined);
  switch (action) {
    case 'call':
      openPickDialog('call.heading', callableTickets(state, window), state.services, window.id, (ticket) => void runner.run('call', { ticketId: ticket.id }));
      return;
    case 'call-back':
      openPickDialog('callback.heading', parkedTickets(state, window), state.services, window.id, (ticket) => void runner.run('call', { ticketId: ticket.id }));
      return;
    case 'pause':
      openPauseDialog((reason, note) => void runner.run('pause', note ? { reason, note } : { reason }));
      return;
    case 'transfer':
      openTransferDialog(state.services, state.windows, window.id, (choice) => void runner.run('transfer', { ...choice }));
      return;
    case 'auto-call':
      void runner.run('auto-call', { enabled: !window.isAutoCall });
      return;
    default:
      void runner.run(action);
  }
}

/** The clerk's figures and the last visit's rating: asked again whenever they may have changed. */
function refreshToday(): void {
  clearTimeout(todayTimer);
  todayTimer = setTimeout(() => {
    const current = session;
    if (!current) return;
    call(windowDevicesRoutes.today, { params: { windowId: current.windowId } }, { token: current.token }).then(
      (today) => session === current && dispatch({ type: 'today', today }),
      (error: unknown) => error instanceof ApiError && isSignedOut(error) && signOut(said(error)),
    );
  }, 150);
}

function onFact(event: StaffEvent): void {
  dispatch({ type: 'event', event });
  const windowId = session?.windowId;
  if ((event.type === 'ticket:updated' && event.data.ticket.windowId === windowId) || (event.type === 'rating:recorded' && event.data.rating.windowId === windowId)) {
    refreshToday();
  }
}

function enterDesk(next: Session): void {
  session = next;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  state = initialState(next.windowId);
  $('login').hidden = true;
  $('desk').hidden = false;
  client = new HubClient(
    'staff',
    {
      snapshot: (snapshot) => {
        dispatch({ type: 'snapshot', snapshot, localNow: Date.now() });
        refreshToday();
      },
      event: onFact,
      queues: (services) => dispatch({ type: 'queues', services }),
      devices: (devices) => dispatch({ type: 'devices', devices }),
      connection: (connection, detail) => {
        dispatch({ type: 'connection', state: connection, detail });
        if (connection === 'online') runner.hubIsBack();
      },
    },
    { token: next.token },
  );
  ticker = setInterval(render, 1000);
  render();
}

function signOut(message?: string): void {
  const old = session;
  session = undefined;
  client?.close();
  client = undefined;
  clearInterval(ticker);
  sessionStorage.removeItem(SESSION_KEY);
  if (old) callApi('/api/auth/logout', { method: 'POST', token: old.token, retries: 0 }).catch(() => undefined);
  showLogin(message);
}

function showLogin(message?: string): void {
  $('desk').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  ($('login-submit') as HTMLButtonElement).disabled = false;
}

/** `/window?window=w3` (or `=3`) binds this terminal to one window: the clerk cannot pick another. */
function boundWindowId(): string | undefined {
  const wanted = new URLSearchParams(location.search).get('window');
  if (!wanted) return undefined;
  return windows.find((w) => w.id === wanted || String(w.number) === wanted)?.id;
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const submit = $('login-submit') as HTMLButtonElement;
  if (submit.disabled) return;
  submit.disabled = true;
  $('login-error').textContent = '';
  const username = ($('login-username') as HTMLInputElement).value.trim();
  const password = ($('login-password') as HTMLInputElement).value;
  const windowId = boundWindowId() ?? ($('login-window') as HTMLSelectElement).value;
  let login: LoginReply | undefined;
  try {
    login = await callApi<LoginReply>('/api/auth/login', { body: { username, password } });
    await callApi(`/api/windows/${encodeURIComponent(windowId)}/open`, { token: login.token, body: {}, idempotencyKey: newIdempotencyKey() });
    ($('login-password') as HTMLInputElement).value = '';
    enterDesk({ token: login.token, windowId, username: login.user.username, name: login.user.name });
  } catch (error) {
    if (login) callApi('/api/auth/logout', { method: 'POST', token: login.token, retries: 0 }).catch(() => undefined);
    showLogin(error instanceof ApiError ? said(error) : String(error));
  }
}

function applyLanguage(language: Language): void {
  setLanguage(language);
  document.documentElement.lang = language;
  document.title = `${t('title')} · hallq`;
  translatePage(document);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) delete button.dataset.label;
  render();
}

function onKey(event: KeyboardEvent): void {
  if (!session || event.repeat) return;
  const target = event.target as HTMLElement | null;
  const isTyping = isAnyDialogOpen() || (target !== null && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
  const action = actionForKey(event, isTyping);
  if (!action) return;
  // Also stops Space from "clicking" a focused button: one key press is one press.
  event.preventDefault();
  press(action);
}

async function start(): Promise<void> {
  applyLanguage(await startLanguage(LANGUAGE_KEY));
  for (const toggle of document.querySelectorAll('[data-lang-toggle]')) {
    toggle.addEventListener('click', () => {
      const next = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
      localStorage.setItem(LANGUAGE_KEY, next);
      applyLanguage(next);
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    button.addEventListener('click', () => {
      button.blur();
      press(button.dataset.action as DeskAction);
    });
  }
  document.addEventListener('keydown', onKey);
  $('login-form').addEventListener('submit', (event) => void signIn(event as SubmitEvent));
  $('desk-signout').addEventListener('click', () => signOut());
  windows = await callApi<WindowView[]>('/api/windows').catch(() => []);
  const select = $('login-window') as HTMLSelectElement;
  select.replaceChildren(...windows.map((w) => Object.assign(document.createElement('option'), { value: w.id, textContent: `${w.number} · ${w.name}` })));
  const bound = windows.find((w) => w.id === boundWindowId());
  $('login-window-row').hidden = bound !== undefined;
  $('login-bound').hidden = bound === undefined;
  if (bound) $('login-bound').textContent = `${t('login.bound')}: ${bound.number} · ${bound.name}`;
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (stored) {
    const saved = JSON.parse(stored) as Session;
    const me = await callApi<{ kind: string }>('/api/auth/me', { token: saved.token }).catch(() => undefined);
    if (me?.kind === 'staff') return enterDesk(saved);
    sessionStorage.removeItem(SESSION_KEY);
  }
  showLogin();
}

void start();
