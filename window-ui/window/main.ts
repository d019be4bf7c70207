/**
 * The clerk's page (/window): sign in, open the window, then serve. State comes from the hub's staff
 * stream (HubClient: snapshot or replay on every reconnect), commands go over HTTP with one idempotency
 * key per press (commands.ts), so a hub restart loses and doubles nothing.
 */
import { ApiError, callApi, HubClient, newIdempotencyKey } from '../../ui-client/hub-client';
import { call } from '../../ui-client/api';
import { windowDevicesRoutes } from '../../server/protocol/routes/window-devices';
import { windowQueueRoutes } from '../../server/protocol/routes/window-queue';
import type { StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import type { LoginReply, WindowVerb } from '../../server/protocol/http';
import type { Language, WindowView } from '../../server/protocol/model';
import { CommandRunner } from './commands';
import { isAnyDialogOpen, openConfirmDialog, openPauseDialog, openPickDialog, openTransferDialog } from './dialogs';
import { currentLanguage, setLanguage, t, translatePage } from './i18n';
import { errorText } from '../../server/protocol/error-words';
import { sessionEndedText } from '../../server/protocol/sessions';
import { availableActions, callableTickets, currentTicket, isClosedUnderClerk, isLastRecall, myWindow, parkedTickets, undoableNoShow, type DeskAction } from './selectors';
import { actionForKey, CASE_FIELD_SHORTCUT } from './shortcuts';
import { CaseField } from './cases';
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
let queueTimer: ReturnType<typeof setTimeout> | undefined;
let queuePoller: ReturnType<typeof setInterval> | undefined;
let loginPoller: ReturnType<typeof setInterval> | undefined;
let lastTodayAt = 0;
let windows: WindowView[] = [];

/** Weighted waits change as time passes, so the hub's order is asked again at least this often. */
const QUEUE_REFRESH_MS = 15_000;
/** While the last visitor's rating is awaited, the page asks this often whether the pad gave up. */
const RATING_REFRESH_MS = 10_000;
/** The sign-in page asks for the hall's windows this often, so a window added by an admin shows up. */
const WINDOWS_REFRESH_MS = 10_000;
/** Facts after which the call order may have changed: the page asks the hub for it again. */
const QUEUE_FACTS: ReadonlySet<StaffEvent['type']> = new Set(['ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated', 'window:released', 'config:updated', 'day:rolled']);

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

const caseField = new CaseField({
  token: () => session?.token ?? '',
  state: () => state,
  dispatch: (update) => dispatch(update),
  isSignedOut: (error) => {
    if (!isSignedOut(error)) return false;
    signOut(said(error));
    return true;
  },
});

/** A refusal from the hub in the page's language. */
function said(error: ApiError): string {
  return errorText(error, currentLanguage());
}

function isSignedOut(error: ApiError): boolean {
  return error.code === 'unauthenticated' || error.code === 'session-expired' || error.code === 'session-ended';
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

function hubNow(): number {
  return Date.now() + state.clockOffset;
}

function render(): void {
  if (!session) return;
  renderDesk({ state, inFlight: runner.inFlight, clerkName: session.name, now: hubNow() });
  caseField.sync();
}

/** The window's waiting list in the hub's call order (what call-next takes); debounced, as facts come in bursts. */
function refreshQueue(delayMs = 100): void {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(() => {
    const current = session;
    if (!current) return;
    call(windowQueueRoutes.queue, { params: { windowId: current.windowId } }, { token: current.token }).then(
      (queue) => session === current && dispatch({ type: 'queue', queue, localNow: Date.now() }),
      (error: unknown) => error instanceof ApiError && isSignedOut(error) && signOut(said(error)),
    );
  }, delayMs);
}

/** Every second: the timers, the end of a no-show's undo time, and whether the rating pad gave up. */
function tick(): void {
  if (state.lastNoShow && !undoableNoShow(state, hubNow())) state = reduce(state, { type: 'no-show' });
  if (state.lastFinished?.isAwaitingRating && Date.now() - lastTodayAt > RATING_REFRESH_MS) refreshToday();
  render();
}

function afterCommand(verb: WindowVerb, reply: WindowCommandReply | undefined): void {
  showError(undefined);
  // Apply the answer at once so the buttons follow before the socket's fact arrives (it will agree).
  if (reply) dispatch({ type: 'reply', window: reply.window, ticket: reply.ticket });
  // A no-show (also the recall past the limit) can be put back for a short while; an undo uses that up.
  if (reply?.ticket?.status === 'no-show') dispatch({ type: 'no-show', ticket: reply.ticket });
  if (verb === 'undo-no-show') dispatch({ type: 'no-show' });
  refreshQueue(0);
  if (verb === 'finish') refreshToday();
  if (verb === 'close') signOut();
}

function press(action: DeskAction): void {
  const window = myWindow(state);
  if (!session || !window || !availableActions(state, runner.inFlight !== undefined, hubNow()).has(action)) return;
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
    // Q and N cannot be taken back by a key (a no-show only for a short while): they ask first.
    case 'close':
      openConfirmDialog(t('confirm.close'), () => void runner.run('close'));
      return;
    case 'no-show': {
      const ticket = currentTicket(state);
      openConfirmDialog(t('confirm.no-show', { n: ticket?.number ?? window.current?.number ?? '' }), () => void runner.run('no-show'));
      return;
    }
    case 'recall':
      // Past the recall limit the hub marks a recall as a no-show: said before, not after.
      if (isLastRecall(state)) openConfirmDialog(t('confirm.last-recall'), () => void runner.run('recall'));
      else void runner.run('recall');
      return;
    case 'undo-no-show': {
      const undo = undoableNoShow(state, hubNow());
      if (undo) void runner.run('undo-no-show', { ticketId: undo.ticketId });
      return;
    }
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
      lastTodayAt = Date.now();
    call(windowDevicesRoutes.today, { params: { windowId: current.windowId } }, { token: current.token }).then(
      (today) => session === current && dispatch({ type: 'today', today }),
      (error: unknown) => error instanceof ApiError && isSignedOut(error) && signOut(said(error)),
    );
  }, 150);
}

function onFact(event: StaffEvent): void {
  dispatch({ type: 'event', event });
  if (QUEUE_FACTS.has(event.type)) refreshQueue();
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
        refreshQueue(0);
      },
      event: onFact,
      queues: (services) => dispatch({ type: 'queues', services }),
      devices: (devices) => dispatch({ type: 'devices', devices }),
      // The hub ended this session (signed out elsewhere, expired, disabled, role or password changed).
      sessionEnded: (ended) => signOut(sessionEndedText(ended.reason, currentLanguage())),
      connection: (connection, detail) => {
        dispatch({ type: 'connection', state: connection, detail });
        if (connection === 'online') runner.hubIsBack();
      },
    },
    { token: next.token },
  );
  ticker = setInterval(tick, 1000);
  queuePoller = setInterval(() => refreshQueue(0), QUEUE_REFRESH_MS);
  clearInterval(loginPoller);
  render();
}

function signOut(message?: string): void {
  const old = session;
  session = undefined;
  client?.close();
  client = undefined;
  clearInterval(ticker);
  clearInterval(queuePoller);
  clearTimeout(queueTimer);
  sessionStorage.removeItem(SESSION_KEY);
  if (old) callApi('/api/auth/logout', { method: 'POST', token: old.token, retries: 0 }).catch(() => undefined);
  showLogin(message);
}

function showLogin(message?: string): void {
  $('desk').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  ($('login-submit') as HTMLButtonElement).disabled = false;
  void loadWindows();
  clearInterval(loginPoller);
  loginPoller = setInterval(() => void loadWindows(), WINDOWS_REFRESH_MS);
}

/** The sign-in page's window list, kept current (a window an admin adds appears without a reload), keeping the choice. */
async function loadWindows(): Promise<void> {
  const fresh = await callApi<WindowView[]>('/api/windows').catch(() => undefined);
  if (!fresh) return;
  windows = fresh;
  const select = $('login-window') as HTMLSelectElement;
  const chosen = select.value;
  const key = windows.map((w) => `${w.id}:${w.number}:${w.name}`).join('|');
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.replaceChildren(...windows.map((w) => Object.assign(document.createElement('option'), { value: w.id, textContent: `${w.number} · ${w.name}` })));
    if (windows.some((w) => w.id === chosen)) select.value = chosen;
  }
  const bound = windows.find((w) => w.id === boundWindowId());
  $('login-window-row').hidden = bound !== undefined;
  $('login-bound').hidden = bound === undefined;
  if (bound) $('login-bound').textContent = `${t('login.bound')}: ${bound.number} · ${bound.name}`;
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
  // The 办件编号 field: F2 goes there; so does a scan that starts with a digit while no field has the keys.
  const isPlain = !event.ctrlKey && !event.altKey && !event.metaKey;
  if (isPlain && event.key === CASE_FIELD_SHORTCUT.key && !isAnyDialogOpen() && caseField.focus()) {
    event.preventDefault();
    return;
  }
  if (isPlain && !isTyping && /^[0-9]$/.test(event.key) && caseField.typeInto(event.key)) {
    event.preventDefault();
    return;
  }
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
  caseField.bind();
  $('login-form').addEventListener('submit', (event) => void signIn(event as SubmitEvent));
  $('desk-signout').addEventListener('click', () => signOut());
  await loadWindows();
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
