/**
 * /manager: sign in, then follow the hall live over the staff socket (snapshot + facts → state reducer),
 * with alerts (and a sound), follow-ups, reports and configuration on tabs.
 */
import { HubClient, ApiError } from '../ui-client/hub-client';
import { call } from '../ui-client/api';
import type { WindowView } from '../server/protocol/model';
import type { StaffEvent } from '../server/protocol/events';
import type { FollowupSummary, LiveHall } from '../server/protocol/manager-model';
import { coreRoutes } from '../server/protocol/routes/core';
import { managerRoutes } from '../server/protocol/routes/manager';
import { emptyState, fromSnapshot, reduce, withAlerts, withFollowups, type FollowupScope, type ManagerState } from './state';
import { setLanguage, language, t, windowLabel, LANGUAGE_KEY, type Key } from './i18n';
import { chosenLanguage, startLanguage } from '../ui-client/hall-language';
import { errorText } from '../server/protocol/error-words';
import { currentToken, request, setToken } from './api';
import { h, setHallTimeZone } from './dom';
import { renderLive } from './live-view';
import { uplinkPanel } from './uplink-view';
import { provincePanel, refreshProvince } from './province-view';
import { followupRateLine, renderAlerts, renderFollowups, type Actions } from './alerts-view';
import { renderReports } from './reports-view';
import { renderAdmin } from './admin-view';
import { renderAudit } from './audit-view';
import { refreshBackups } from './backups-view';
import { drawCharts } from './charts';
import { rememberSessionEnd, takeSessionEndText } from './session-ended';
import { connectionDetail } from './connection-words';
import { loadStaffNames } from './staff-names';
import { FactsDuringLoad } from './facts-during-load';
import { renderTerminals, terminalLabel } from './terminals-view';
import { terminalRoutes } from '../server/protocol/routes/terminals';
import type { TerminalList, TerminalView } from '../server/protocol/terminals';

type Tab = 'live' | 'alerts' | 'terminals' | 'followups' | 'province' | 'reports' | 'audit' | 'admin';
const TABS: readonly [Tab, Key][] = [['live', 'tabLive'], ['alerts', 'tabAlerts'], ['terminals', 'tabTerminals'], ['followups', 'tabFollowups'], ['province', 'tabProvince'], ['reports', 'tabReports'], ['audit', 'tabAudit'], ['admin', 'tabAdmin']];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
let state: ManagerState = emptyState();
let tab: Tab = 'live';
let live: LiveHall | undefined;
let followupSummary: FollowupSummary | undefined;
let client: HubClient<'staff'> | undefined;
let today = new Date().toISOString().slice(0, 10);
let clockSkew = 0;
/** The 终端 tab's list: read when the tab opens, then replaced by every 'terminals:updated' from the hub. */
let terminals: TerminalList | undefined;

function toast(text: string): void {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  setTimeout(() => (el.hidden = true), 4000);
}

function fail(error: unknown): void {
  toast(error instanceof ApiError ? errorText(error, language()) : error instanceof Error ? error.message : String(error));
}

/** A short two-tone chime for a new alert (WebAudio: no sound file to ship). */
function chime(): void {
  try {
    const audio = new AudioContext();
    [880, 660].forEach((freq, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.25);
      osc.stop(audio.currentTime + i * 0.25 + 0.2);
    });
  } catch {
    // No audio device: the badge and the red row still show the alert.
  }
}

const actions: Actions = {
  acknowledge: (alertId, note) => void request(managerRoutes.acknowledgeAlert, { params: { alertId }, body: { note } }).catch(fail),
  record: (followupId, step, note) => void request(managerRoutes.recordFollowup, { params: { followupId }, body: { step, note } }).then(refreshFollowupRate, fail),
  decide: (followupId, decision, note) => void request(managerRoutes.decideAppeal, { params: { followupId }, body: { decision, note } }).then(refreshFollowupRate, fail),
  // A scope's list replaces the follow-ups too: a step recorded meanwhile is applied again on top of it.
  showFollowups: (scope) =>
    void factsDuringLoad.during(() => loadFollowups(scope)).then(({ facts }) => {
      for (const fact of facts) if (fact.type === 'followup:updated') state = reduce(state, fact);
    }).then(render, fail),
};

/** The follow-up list of the scope chosen, with the 回访整改率 over the same days. */
async function loadFollowups(scope: FollowupScope = state.followupScope): Promise<void> {
  const list = await request(managerRoutes.followups, { query: { scope } });
  state = withFollowups(state, list.items, scope);
  followupSummary = list.summary;
}

/**
 * The 回访整改率 moves with every step recorded (here or in another console): re-read after each follow-up fact,
 * gathered over a quarter second (facts come in bursts), and replace only its line, so a half-typed note survives.
 */
let rateTimer: number | undefined;
function refreshFollowupRate(): void {
  if (rateTimer !== undefined) return;
  rateTimer = window.setTimeout(() => {
    rateTimer = undefined;
    request(managerRoutes.followups, { query: { scope: state.followupScope } }).then((list) => {
      followupSummary = list.summary;
      const line = followupRateLine(followupSummary);
      const shown = document.getElementById('followup-rate');
      if (shown && line) shown.replaceWith(line);
    }, () => undefined);
  }, 250);
}

/** 「刷新页面」: the hub audits it and tells only that page, which reloads itself. */
function reloadTerminal(terminal: TerminalView): void {
  request(terminalRoutes.reload, { params: { terminalId: terminal.id }, body: {} }).then(() => toast(`${terminalLabel(terminal)} · ${t('reloadSent')}`), fail);
}

/** 「移除」 a dark terminal, once the manager confirms: the hub audits it, clears its alert and answers with the list. */
function forgetTerminal(terminal: TerminalView): void {
  if (!window.confirm(t('forgetConfirm').replace('{name}', terminalLabel(terminal)))) return;
  request(terminalRoutes.forget, { params: { terminalId: terminal.id } }).then((list) => {
    terminals = list;
    showTerminals();
    toast(`${terminalLabel(terminal)} · ${t('forgotten')}`);
  }, fail);
}

function showTerminals(): void {
  if (tab === 'terminals') $('view').replaceChildren(renderTerminals(terminals, { reload: reloadTerminal, forget: forgetTerminal }));
}

/** 强制关窗, after the manager confirms what happens to the clerk and to the visitor at the counter. */
function releaseWindow(w: WindowView): void {
  const label = windowLabel(w.number);
  const question = w.current ? t('releaseConfirmServing').replace('{window}', label).replace('{number}', w.current.number) : t('releaseConfirm').replace('{window}', label);
  if (!window.confirm(question)) return;
  // callApi sends one idempotency key for the press and its retries: a retried release changes nothing twice.
  request(coreRoutes.releaseWindow, { params: { windowId: w.id }, body: {} }).then(() => toast(`${label} ${t('released')}`), fail);
}

/**
 * The hub's disk cannot be written: no alert can be stored, so the device health it reports live is shown
 * over every tab until the disk takes writes again (then the alert is written and lists as usual).
 */
function renderStorageBanner(): void {
  const down = state.devices.find((d) => d.kind === 'storage' && d.status !== 'online');
  let banner = document.getElementById('storage-banner');
  if (!down) return void banner?.remove();
  if (!banner) {
    banner = h('div', { id: 'storage-banner', class: 'storage-banner', role: 'alert' });
    $('view').before(banner);
  }
  banner.textContent = t('storageDown');
}

function renderTabs(): void {
  renderStorageBanner();
  const nav = $('tabs');
  nav.replaceChildren(
    ...TABS.map(([id, key]) =>
      h('button', { type: 'button', 'data-tab': id, 'aria-current': tab === id ? 'page' : 'false', onclick: () => ((tab = id), void render()) }, t(key), id === 'alerts' && state.alerts.size > 0 ? h('span', { class: 'badge', id: 'alert-count' }, String(state.alerts.size)) : null),
    ),
  );
}

/** The live link's badge, in the page's language (again after a language switch). */
let lastConnection: { status: 'online' | 'offline' | 'connecting'; detail?: string } | undefined;
function renderConnection(): void {
  if (!lastConnection) return;
  const el = $('connection');
  el.dataset.state = lastConnection.status;
  const said = connectionDetail(lastConnection.detail, language());
  el.textContent = `${t(lastConnection.status)}${said ? ` · ${said}` : ''}`;
}

async function render(): Promise<void> {
  renderTabs();
  const view = $('view');
  const now = Date.now() + clockSkew;
  if (tab === 'live') {
    view.replaceChildren(renderLive(state, live, now, releaseWindow), uplinkPanel());
    void request(managerRoutes.charts, {}).then((data) => {
      const hourly = document.getElementById('chart-hourly') as HTMLCanvasElement | null;
      const waiting = document.getElementById('chart-waiting') as HTMLCanvasElement | null;
      if (hourly && waiting) drawCharts(hourly, waiting, data);
    }, () => undefined);
  } else if (tab === 'alerts') view.replaceChildren(renderAlerts(state, actions, (windowId) => live?.windows.find((w) => w.id === windowId)));
  else if (tab === 'terminals') {
    showTerminals();
    void request(terminalRoutes.list, {}).then((list) => ((terminals = list), showTerminals()), fail);
  } else if (tab === 'followups') view.replaceChildren(renderFollowups(state, followupSummary, actions));
  else if (tab === 'province') view.replaceChildren(provincePanel());
  else if (tab === 'reports') view.replaceChildren(renderReports(today, fail));
  else if (tab === 'audit') view.replaceChildren(await renderAudit(today, state.windows, fail));
  else view.replaceChildren(await renderAdmin(toast, fail).catch((e: unknown) => (fail(e), h('p', {}, ''))));
}

/** Live figures are re-read after facts, at most once a second; the tables that move per fact render at once. */
let refreshTimer: number | undefined;
function refreshLive(): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = window.setTimeout(async () => {
    refreshTimer = undefined;
    try {
      live = await request(managerRoutes.live, {});
      clockSkew = live.now - Date.now();
      followupSummary = live.followups;
      if (tab === 'live') void render();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) signOut();
    }
  }, 1000);
}

/** Alert and follow-up facts that arrive while the lists are being read are applied again on top of their replies. */
const factsDuringLoad = new FactsDuringLoad<StaffEvent>();

async function loadLists(): Promise<void> {
  const { value: [alerts], facts } = await factsDuringLoad.during(() => Promise.all([request(managerRoutes.alerts, {}), loadFollowups(), loadStaffNames().catch(() => undefined)]));
  state = withAlerts(state, alerts);
  for (const fact of facts) state = reduce(state, fact);
}

function connect(token: string): void {
  $('login').hidden = true;
  $('view').hidden = false;
  $('tabs').hidden = false;
  $('logout').hidden = false;
  client = new HubClient('staff', {
    snapshot: (snapshot) => {
      state = fromSnapshot(state, snapshot);
      today = snapshot.day;
      setHallTimeZone(snapshot.hall.timeZone);
      clockSkew = snapshot.now - Date.now();
      void loadLists().then(render, fail);
      refreshLive();
    },
    event: (event) => {
      state = reduce(state, event);
      if (event.type.startsWith('alert:') || event.type === 'followup:updated') factsDuringLoad.note(event);
      if (event.type === 'alert:raised') chime();
      // The rate shows on the live tab too (from the live hall): both follow a step or a decision.
      if (event.type === 'followup:updated') {
        refreshFollowupRate();
        refreshLive();
      }
      // A backup made (here, in another console): the backup list re-reads itself (backups-view.ts).
      if (event.type === 'admin:changed' && event.data.area === 'backup' && tab === 'admin') refreshBackups();
      if (event.type === 'ticket:called' || event.type === 'ticket:issued' || event.type === 'ticket:updated' || event.type === 'window:updated') refreshLive();
      // Re-render only the tab a fact concerns: a half-typed note in another row must survive.
      const isRelevant = tab === 'live' || (tab === 'alerts' && event.type.startsWith('alert:')) || (tab === 'followups' && event.type.startsWith('followup:'));
      if (isRelevant) void render();
      else renderTabs();
      // A rating or a correction changes the delivery queue: the card asks again (it keeps an open correction).
      if (tab === 'province' && (event.type.startsWith('province:') || event.type === 'rating:recorded' || event.type === 'followup:updated')) refreshProvince();
    },
    queues: (services) => {
      state = { ...state, services };
    },
    devices: (devices) => {
      const wasDown = state.devices.some((d) => d.kind === 'storage' && d.status !== 'online');
      state = { ...state, devices };
      if (!wasDown && devices.some((d) => d.kind === 'storage' && d.status !== 'online')) chime();
      renderStorageBanner();
      if (tab === 'live') void render();
    },
    connection: (status, detail) => {
      lastConnection = { status, detail };
      renderConnection();
      if (detail && /sign in|session/i.test(detail)) signOut();
    },
    sessionEnded: (ended) => {
      rememberSessionEnd(ended.reason);
      signOut();
    },
  }, { token });
  // The hub's scheduled backup wrote a file (no fact: nobody acted): an open backups card re-reads its list.
  client.socket.on('backup:written', () => refreshBackups());
  client.socket.on('terminals:updated', (list) => {
    // Before the first read the hall's response targets are unknown: the read that is on its way brings them.
    if (!terminals) return;
    terminals = { ...terminals, terminals: list };
    showTerminals();
  });
  // Time-driven figures (longest wait, minutes at the window) move without facts.
  window.setInterval(() => tab === 'live' && refreshLive(), 30_000);
}

function signOut(): void {
  const token = currentToken();
  client?.close();
  client = undefined;
  setToken(undefined);
  if (token) void call(coreRoutes.logout, {}, { token }).catch(() => undefined);
  location.reload();
}

$<HTMLFormElement>('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target as HTMLFormElement);
  call(coreRoutes.login, { body: { username: String(form.get('username')), password: String(form.get('password')) } }, { retries: 0 })
    .then((reply) => {
      if (reply.user.role !== 'manager' && reply.user.role !== 'admin') throw new Error(t('signIn'));
      setToken(reply.token);
      connect(reply.token);
    })
    .catch((error: unknown) => ($('login-error').textContent = error instanceof ApiError ? errorText(error, language()) : error instanceof Error ? error.message : String(error)));
});
$('logout').addEventListener('click', signOut);
$('language').addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'zh-CN' : 'en', true);
  renderConnection();
  if (currentToken()) void render();
});

setLanguage(chosenLanguage(LANGUAGE_KEY) ?? language());
void startLanguage(LANGUAGE_KEY).then((next) => {
  if (next === language()) return;
  setLanguage(next);
  renderConnection();
  if (currentToken()) void render();
});
const saved = currentToken();
if (saved) connect(saved);
else $('login-error').textContent = takeSessionEndText(language()) ?? '';
