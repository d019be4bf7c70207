/**
 * /desk (导办台 / 咨询台): a staff member signs in, then issues tickets on visitors' behalf, grants the green
 * channel with a reason, and answers "how long still?" — all through the hub's desk routes
 * (server/protocol/routes/desk.ts); the waiting queue follows the staff socket (snapshot + facts).
 */
import { ApiError, HubClient } from '../ui-client/hub-client';
import { call } from '../ui-client/api';
import { chosenLanguage, startLanguage } from '../ui-client/hall-language';
import { coreRoutes } from '../server/protocol/routes/core';
import { deskRoutes } from '../server/protocol/routes/desk';
import { errorText } from '../server/protocol/error-words';
import type { Language, ServiceView, TicketView } from '../server/protocol/model';
import { LANGUAGE_KEY, WORDS, type Words } from './i18n';
import { buildPanels, type DeskPanels } from './views';

const TOKEN_KEY = 'hallq.desk.token';
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let language: Language = chosenLanguage(LANGUAGE_KEY) ?? 'zh-CN';
let token = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
let services: ServiceView[] = [];
const tickets = new Map<string, TicketView>();
let panels: DeskPanels | undefined;
let client: HubClient<'staff'> | undefined;

const words = (): Words => WORDS[language];
const say = (error: unknown): string => (error instanceof ApiError ? errorText(error, language) : error instanceof Error ? error.message : String(error));

function wordPage(): void {
  const w = words();
  document.documentElement.lang = language;
  document.title = w.pageTitle;
  $('title').textContent = w.title;
  $('language').textContent = w.switchLanguage;
  $('logout').textContent = w.logout;
  $('login-title').textContent = w.signIn;
  $('username-label').textContent = w.username;
  $('password-label').textContent = w.password;
  $('login-button').textContent = w.signInButton;
}

function remember(ticket: TicketView): void {
  if (ticket.status === 'waiting' || ticket.status === 'parked' || ticket.status === 'called') tickets.set(ticket.id, ticket);
  else tickets.delete(ticket.id);
}

function redrawQueue(): void {
  panels?.updateServices(services);
  // Queue order as the hall reads it: green first, then by arrival (the window's own list has the exact call order).
  const list = [...tickets.values()].sort((a, b) => Number(b.priority === 'green') - Number(a.priority === 'green') || a.arrivedAt - b.arrivedAt);
  panels?.updateQueue(list, services);
}

async function openDesk(): Promise<void> {
  const config = await call(deskRoutes.config, {}, { token });
  services = await call(coreRoutes.services, {});
  const w = words();
  panels = buildPanels(w, language, config, {
    issue: (input) => {
      call(deskRoutes.issue, { body: { ...input, language } }, { token }).then((issued) => {
        remember(issued.ticket);
        redrawQueue();
        panels?.showIssued(issued, services);
      }, (error: unknown) => panels?.showError('issue', say(error)));
    },
    lookup: (number) => {
      call(deskRoutes.lookup, { params: { number } }, { token }).then((found) => panels?.showLookup(found, services), (error: unknown) => panels?.showError('lookup', say(error)));
    },
    upgrade: (ticketId, reason) => {
      call(deskRoutes.green, { params: { ticketId }, body: { reason } }, { token }).then((ticket) => {
        remember(ticket);
        redrawQueue();
        panels?.showUpgraded(ticket);
      }, (error: unknown) => panels?.showError('lookup', say(error)));
    },
  });
  $('login').hidden = true;
  $('logout').hidden = false;
  const desk = $('desk');
  desk.hidden = false;
  desk.replaceChildren(panels.root);
  redrawQueue();
  ($('desk-service') as HTMLSelectElement).focus();
  client = new HubClient('staff', {
    snapshot: (snapshot) => {
      services = snapshot.services;
      tickets.clear();
      for (const t of snapshot.tickets) remember(t);
      redrawQueue();
    },
    event: (event) => {
      if (event.type === 'ticket:issued' || event.type === 'ticket:updated' || event.type === 'ticket:called') remember(event.data.ticket);
      else if (event.type === 'day:rolled') tickets.clear();
      else if (event.type === 'config:updated') services = event.data.services;
      else return;
      redrawQueue();
    },
    queues: (next) => {
      services = next;
      panels?.updateServices(services);
    },
    connection: (state) => {
      const el = $('connection');
      el.dataset.state = state;
      el.textContent = words()[state];
    },
    sessionEnded: () => signOut(),
  }, { token });
}

function signOut(): void {
  if (token) void call(coreRoutes.logout, { body: {} }, { token }).catch(() => undefined);
  sessionStorage.removeItem(TOKEN_KEY);
  token = undefined;
  client?.socket.close();
  location.reload();
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  try {
    const reply = await call(coreRoutes.login, { body: { username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') } });
    token = reply.token;
    sessionStorage.setItem(TOKEN_KEY, token);
    await openDesk();
  } catch (error) {
    $('login-error').textContent = say(error);
  }
}

async function start(): Promise<void> {
  language = await startLanguage(LANGUAGE_KEY);
  wordPage();
  $('login').addEventListener('submit', (e) => void signIn(e as SubmitEvent));
  $('logout').addEventListener('click', signOut);
  $('language').addEventListener('click', () => {
    localStorage.setItem(LANGUAGE_KEY, language === 'zh-CN' ? 'en' : 'zh-CN');
    location.reload();
  });
  if (token) {
    await openDesk().catch(() => {
      sessionStorage.removeItem(TOKEN_KEY);
      token = undefined;
    });
  }
  ($('login').hidden ? undefined : ($('login').querySelector('input') as HTMLInputElement | null))?.focus();
}

void start();
