/**
 * The clerk's page (/window): sign in, open the window, then serve. State comes from the hub's staff
 * stream (HubClient: snapshot or replay on every reconnect), commands go over HTTP with one idempotency
 * key per press (commands.ts), so a hub restart loses and doubles nothing.
 */
import { ApiError, callApi, HubClient, newIdempotencyKey } from '../../ui-client/hub-client';
import type { StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import type { LoginReply, WindowVerb } from '../../server/protocol/http';
import type { Language } from '../../server/protocol/model';
import { CommandRunner } from './commands';
import { isAnyDialogOpen, openConfirmDialog, openPauseDialog, openPickDialog, openTransferDialog } from './dialogs';
import { currentLanguage, setLanguage, t, translatePage } from './i18n';
import { errorText } from '../../server/protocol/error-words';
import { sessionEndedText } from '../../server/protocol/sessions';
import { availableActions, callableTickets, currentTicket, isClosedUnderClerk, isLastRecall, myWindow, parkedTickets, undoableNoShow, type DeskAction } from './selectors';
import { actionForKey, CASE_FIELD_SHORTCUT } from './shortcuts';
import { CaseField } from './cases';
import { AppealsPanel, APPEALS_SHORTCUT } from './appeals';
import { DeskRefresh, QUEUE_FACTS } from './refresh';
import { boundWindowId, loadSignInWindows, WINDOWS_REFRESH_MS } from './sign-in-windows';
import { initialState, reduce, type DeskState, type DeskUpdate } from './state';
import { renderDesk, showError } from './view';
import { startLanguage } from '../../ui-client/hall-language';
import { pageTerminalId, pageTerminalName, TerminalReporter } from '../../ui-client/terminal-health';

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
let loginPoller: ReturnType<typeof setInterval> | undefined;

const refresh = new DeskRefresh({
  session: () => session,
  dispatch: (update) => dispatch(update),
  failed: (error) => isSignedOut(error) && signOut(said(error)),
});

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

const appeals = new AppealsPanel({
  session: () => session,
  failed: (error) => {
    if (isSignedOut(error)) signOut(said(error));
    else showError(said(error));
  },
  filed: (text) => {
    showError(undefined);
    $('appeals-said').textContent = text;
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

/** Every second: the timers, the end of a no-show's undo time, and whether the rating pad gave up. */
function tick(): void {
  if (state.lastNoShow && !undoableNoShow(state, hubNow())) state = reduce(state, { type: 'no-show' });
  refresh.todayIfAwaitingRating(state.lastFinished?.isAwaitingRating === true);
  render();
}

function afterCommand(verb: WindowVerb, reply: WindowCommandReply | undefined): void {
  showError(undefined);
  // Apply the answer at once so the buttons follow before the socket's fact arrives (it will agree).
  if (reply) dispatch({ type: 'reply', window: reply.window, ticket: reply.ticket });
  // A no-show (also the recall past the limit) can be put back for a short while; an undo uses that up.
  if (reply?.ticket?.status === 'no-show') dispatch({ type: 'no-show', ticket: reply.ticket });
  if (verb === 'undo-no-show') dispatch({ type: 'no-show' });
  refresh.queue(0);
  if (verb === 'finish') refresh.today();
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

function onFact(event: StaffEvent): void {
  dispatch({ type: 'event', event });
  if (QUEUE_FACTS.has(event.type)) refresh.queue();
  const windowId = session?.windowId;
  // A no-show from the hardware caller (弃号) can be undone on the page too.
  if (event.type === 'ticket:updated' && event.data.reason === 'no-show' && event.data.ticket.windowId === windowId) dispatch({ type: 'no-show', ticket: event.data.ticket });
  if ((event.type === 'ticket:updated' && event.data.ticket.windowId === windowId) || (event.type === 'rating:recorded' && event.data.rating.windowId === windowId)) {
    refresh.today();
  }
  // A 差评 of this clerk opened, appealed or decided: 我的差评 asks again.
  if (event.type === 'followup:updated' && event.data.followup.assignee === session?.username) appeals.refresh();
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
        appeals.setTimeZone(snapshot.hall.timeZone);
        appeals.refresh(0);
        refresh.today();
        refresh.queue(0);
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
  // Terminal health: this PC online or dark (a sign-out is dark on purpose, no alarm); 「刷新页面」 reloads it.
  new TerminalReporter(client.socket, { kind: 'clerk', id: pageTerminalId('clerk'), name: pageTerminalName() });
  ticker = setInterval(tick, 1000);
  refresh.start();
  clearInterval(loginPoller);
  render();
}

function signOut(message?: string): void {
  const old = session;
  session = undefined;
  client?.close();
  client = undefined;
  clearInterval(ticker);
  refresh.stop();
  appeals.stop();
  $('appeals-said').textContent = '';
  sessionStorage.removeItem(SESSION_KEY);
  if (old) callApi('/api/auth/logout', { method: 'POST', token: old.token, retries: 0 }).catch(() => undefined);
  showLogin(message);
}

function showLogin(message?: string): void {
  $('desk').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  ($('login-submit') as HTMLButtonElement).disabled = false;
  void loadSignInWindows();
  clearInterval(loginPoller);
  loginPoller = setInterval(() => void loadSignInWindows(), WINDOWS_REFRESH_MS);
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
  if (isPlain && event.key === APPEALS_SHORTCUT.key && !isAnyDialogOpen()) {
    event.preventDefault();
    appeals.focus();
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
  await loadSignInWindows();
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
