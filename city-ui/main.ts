/**
 * The city console (市级监管): sign-in, then the halls at a glance (live over the centre's stream, rebuilt
 * from a snapshot on every reconnect and every 30 s so link states and waits age), a hall's read-only live
 * view, reports, rankings and 差评 supervision. zh-CN by default, English on the header's button.
 */
import { centreRoutes, type CentreUserView, type HallLiveView, type SupervisionReply } from '../server/protocol/centre';
import { ApiError } from '../ui-client/hub-client';
import { currentToken, request, setToken } from './api';
import { clear, h } from './dom';
import { language, refusal, roleWords, savedLanguage, setLanguage, t, translateStatic, type Key } from './i18n';
import { connectLive, type LiveLink, type LiveState } from './live';
import { EMPTY_GRID, fromSnapshot, withGlance, type GridState } from './state';
import { renderGrid } from './grid-view';
import { renderHall } from './hall-view';
import { renderReports } from './reports-view';
import { renderRankings } from './rankings-view';
import { loadSupervision, renderSupervision } from './supervision-view';

type Tab = 'grid' | 'reports' | 'rankings' | 'supervision';
const TABS: readonly [Tab, Key][] = [['grid', 'tabGrid'], ['reports', 'tabReports'], ['rankings', 'tabRankings'], ['supervision', 'tabSupervision']];
const SNAPSHOT_EVERY_MS = 30_000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const view = $<HTMLElement>('view');
const loginForm = $<HTMLFormElement>('login');

let user: CentreUserView | undefined;
let tab: Tab = 'grid';
let openHall: string | undefined;
let hallView: HallLiveView | undefined;
let grid: GridState = EMPTY_GRID;
let live: LiveLink | undefined;
let liveState: LiveState = 'connecting';
let snapshotTimer: ReturnType<typeof setInterval> | undefined;
let supervisionAt = 0;
/** The report and ranking panels, kept across tab switches (what was typed and shown stays); rebuilt in a new language. */
const panels = new Map<Tab, HTMLElement>();

function toast(text: string): void {
  const el = $<HTMLElement>('toast');
  el.textContent = text;
  el.hidden = false;
  setTimeout(() => (el.hidden = true), 6000);
}

function fail(error: unknown): void {
  if (error instanceof ApiError) {
    if (error.status === 401) return void signOut(false);
    toast(refusal({ code: error.code, message: error.message }));
  } else toast(language() === 'en' ? 'Something went wrong; try again.' : '操作未完成，请重试');
}

function renderConnection(): void {
  const el = $<HTMLElement>('connection');
  el.dataset.state = liveState;
  el.textContent = liveState === 'live' ? `● ${t('live')}` : liveState === 'down' ? `⚠ ${t('disconnected')}` : t('connecting');
}

function renderTabs(): void {
  const nav = $<HTMLElement>('tabs');
  clear(
    nav,
    ...TABS.map(([id, key]) =>
      h('button', { type: 'button', 'data-tab': id, 'aria-current': tab === id ? 'page' : 'false', onclick: () => void show(id) }, t(key)),
    ),
  );
}

const hallChoices = (): { code: string; name: string }[] => [...grid.halls.values()].sort((a, b) => (a.code < b.code ? -1 : 1)).map((g) => ({ code: g.code, name: g.name }));

async function loadSnapshot(): Promise<void> {
  grid = fromSnapshot(await request(centreRoutes.halls, {}), Date.now());
  if (tab === 'grid' && !openHall) render();
}

async function loadHall(code: string): Promise<void> {
  hallView = await request(centreRoutes.hall, { params: { hallCode: code } });
  if (tab === 'grid' && openHall === code) render();
}

async function show(next: Tab): Promise<void> {
  tab = next;
  if (next !== 'grid') openHall = undefined;
  renderTabs();
  render();
  if (next === 'supervision') await refreshSupervision();
}

let lastSupervision: SupervisionReply | undefined;

async function refreshSupervision(): Promise<void> {
  lastSupervision = await loadSupervision();
  drawSupervision();
}

function drawSupervision(): void {
  const reply = lastSupervision;
  if (tab !== 'supervision') return;
  if (!reply) return clear(view, h('p', { class: 'card' }, t('loading')));
  const canWrite = user?.role === 'city-supervisor' || user?.role === 'city-admin';
  // A note being typed survives the list being redrawn (a live update, another note saved).
  const drafts = new Map([...view.querySelectorAll('textarea')].map((el) => [el.id, el.value]));
  const focused = document.activeElement instanceof HTMLTextAreaElement ? document.activeElement.id : undefined;
  clear(view, renderSupervision(reply, canWrite, (savedId) => {
    drafts.delete(savedId);
    toast(t('noteSaved'));
    void refreshSupervision().catch(fail);
  }, fail));
  for (const el of view.querySelectorAll('textarea')) {
    const draft = drafts.get(el.id);
    if (draft) el.value = draft;
    if (el.id === focused) el.focus();
  }
}

function render(): void {
  if (tab === 'grid') {
    const root = h('div', { id: openHall ? 'hall-view' : 'grid' });
    if (openHall && hallView?.hall.code === openHall) renderHall(root, hallView, () => void closeHall());
    else renderGrid(root, grid, (code) => void openHallView(code));
    clear(view, root);
    return;
  }
  if (tab === 'supervision') return drawSupervision();
  let panel = panels.get(tab);
  if (!panel) {
    panel = tab === 'reports' ? renderReports(hallChoices, fail) : renderRankings(hallChoices, fail);
    panels.set(tab, panel);
  }
  clear(view, panel);
}

async function openHallView(code: string): Promise<void> {
  openHall = code;
  hallView = undefined;
  await loadHall(code).catch(fail);
  $<HTMLButtonElement>('back-to-grid')?.focus();
}

async function closeHall(): Promise<void> {
  const code = openHall;
  openHall = undefined;
  render();
  document.querySelector<HTMLButtonElement>(`button.open-hall[data-hall="${code}"]`)?.focus();
}

function startLive(token: string): void {
  live?.close();
  live = connectLive(token, {
    ready: () => void loadSnapshot().then(() => (openHall ? loadHall(openHall) : undefined)).catch(fail),
    hall: (glance) => {
      grid = withGlance(grid, glance);
      if (tab === 'grid' && !openHall) render();
      if (tab === 'grid' && openHall === glance.code) void loadHall(glance.code).catch(fail);
      // A hall's batch may carry follow-ups (new, closed, a note delivered): the list follows, at most every 5 s.
      if (tab === 'supervision' && Date.now() - supervisionAt > 5_000) {
        supervisionAt = Date.now();
        void refreshSupervision().catch(fail);
      }
    },
    sessionEnded: () => void signOut(false),
    state: (state) => {
      liveState = state;
      renderConnection();
    },
  });
}

async function start(me: CentreUserView): Promise<void> {
  user = me;
  loginForm.hidden = true;
  view.hidden = false;
  $<HTMLElement>('tabs').hidden = false;
  $<HTMLElement>('logout').hidden = false;
  const who = $<HTMLElement>('who');
  who.hidden = false;
  who.textContent = `${me.name} · ${roleWords(me.role)}`;
  renderTabs();
  renderConnection();
  await loadSnapshot().catch(fail);
  render();
  startLive(currentToken() ?? '');
  clearInterval(snapshotTimer);
  snapshotTimer = setInterval(() => void loadSnapshot().catch(() => undefined), SNAPSHOT_EVERY_MS);
}

async function signOut(tellCentre: boolean): Promise<void> {
  if (tellCentre) await request(centreRoutes.signOut, {}).catch(() => undefined);
  live?.close();
  live = undefined;
  clearInterval(snapshotTimer);
  setToken(undefined);
  user = undefined;
  // Nothing of this user's stays for the next one to see.
  panels.clear();
  lastSupervision = undefined;
  hallView = undefined;
  openHall = undefined;
  grid = EMPTY_GRID;
  tab = 'grid';
  view.hidden = true;
  $<HTMLElement>('tabs').hidden = true;
  $<HTMLElement>('logout').hidden = true;
  $<HTMLElement>('who').hidden = true;
  loginForm.hidden = false;
  loginForm.querySelector<HTMLInputElement>('input[name=username]')?.focus();
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(loginForm);
  const errorLine = $<HTMLElement>('login-error');
  errorLine.textContent = '';
  void request(centreRoutes.signIn, { body: { username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') } })
    .then(async (session) => {
      setToken(session.token);
      loginForm.reset();
      await start(session.user);
    })
    .catch((error: unknown) => {
      errorLine.textContent = error instanceof ApiError ? refusal({ code: error.code, message: error.message }) : t('signIn');
    });
});

$<HTMLButtonElement>('logout').addEventListener('click', () => void signOut(true));
$<HTMLButtonElement>('language').addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'zh-CN' : 'en');
  translateStatic();
  panels.clear();
  if (user) {
    $<HTMLElement>('who').textContent = `${user.name} · ${roleWords(user.role)}`;
    renderTabs();
    renderConnection();
    render();
    if (tab === 'supervision') void refreshSupervision().catch(fail);
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && openHall) void closeHall();
});

setLanguage(savedLanguage());
translateStatic();
const saved = currentToken();
if (saved) {
  void request(centreRoutes.whoAmI, {})
    .then((me) => start(me.user))
    .catch(() => void signOut(false));
}
