/**
 * The rating pad (/rate?window=N): a tablet facing the visitor. It offers the visit the window just
 * finished (armed by the hub until config.policy.ratingTimeoutSeconds) and takes one press on the five
 * national levels; 满意 and better are sent at once, while 不满意/非常不满意 open the reasons and an
 * optional comment, sent with 提交. After the thanks (or when the visit leaves unrated) the pad goes back
 * to its waiting screen and its default language, for the next visitor; so does a language chosen on the
 * waiting screen once the window calls the next visitor. It wakes on the public socket's
 * window:updated facts and polls slowly as a fallback (the timeout has no fact of its own).
 */
import { ApiError, HubClient, newIdempotencyKey } from '../../ui-client/hub-client';
import { call } from '../../ui-client/api';
import type { Language, RatingScore, RatingTag, WindowView } from '../../server/protocol/model';
import type { PadState } from '../../server/protocol/window-devices';
import { asksForReasons, RATING_LEVEL_CHOICES, RATING_TAG_CHOICES } from '../../server/protocol/rating-words';
import { coreRoutes } from '../../server/protocol/routes/core';
import { windowDevicesRoutes } from '../../server/protocol/routes/window-devices';
import { WORDS } from './words';
import { errorText } from '../../server/protocol/error-words';
import { takeDeviceToken } from '../../ui-client/device-token';
import { TerminalReporter } from '../../ui-client/terminal-health';

const POLL_MS = 3000;
const THANKS_MS = 5000;
/** Older pads remembered a visitor's language switch here, which kept the pad in it for everyone after. */
const OLD_LANGUAGE_KEY = 'hallq.rate.language';
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** The pad's own language (?lang=, else the hall's); a visitor's switch lasts for their visit only. */
let defaultLanguage: Language = 'zh-CN';
let language: Language = 'zh-CN';
let pad: PadState | undefined;
/** The press being made: its key is made once, so a retry after a lost answer rates once. */
let press: { number: string; score: RatingScore; tags: Set<RatingTag>; key: string; isSending: boolean } | undefined;
let thanksUntil = 0;
let thanksTimer: ReturnType<typeof setTimeout> | undefined;
/** The ticket at the counter, from window:updated: a new one is a new visitor, who starts in the pad's language. */
let counterTicketId: string | undefined;

const levelButtons = new Map<RatingScore, HTMLButtonElement>();
const tagButtons = new Map<RatingTag, HTMLButtonElement>();

function words() {
  return WORDS[language];
}

function show(section: 'idle' | 'rate' | 'thanks'): void {
  $('pad-idle').hidden = section !== 'idle';
  $('pad-rate').hidden = section !== 'rate';
  $('pad-thanks').hidden = section !== 'thanks';
}

/**
 * The buttons are made once and only updated by render(): rebuilding them on every poll would take the
 * keyboard focus away from a visitor who is choosing with the keys.
 */
function buildControls(): void {
  for (const score of RATING_LEVEL_CHOICES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `level level-${score}`;
    button.dataset.score = String(score);
    button.addEventListener('click', () => choose(score));
    levelButtons.set(score, button);
  }
  $('pad-levels').replaceChildren(...levelButtons.values());
  for (const tag of RATING_TAG_CHOICES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tag';
    button.dataset.tag = tag;
    button.addEventListener('click', () => toggleTag(tag));
    tagButtons.set(tag, button);
  }
  $('pad-tags').replaceChildren(...tagButtons.values());
}

function render(): void {
  // The thanks have ended: whatever draws next (the poll, the timer) draws it in the pad's own language.
  if (thanksUntil !== 0 && Date.now() >= thanksUntil) {
    thanksUntil = 0;
    language = defaultLanguage;
  }
  const w = words();
  const r = w.rating;
  document.documentElement.lang = language;
  document.title = `${w.title} · hallq`;
  $('pad-lang').textContent = w.switchTo;
  $('pad-lang').lang = language === 'zh-CN' ? 'en' : 'zh-CN';
  $('pad-window').textContent = pad ? w.windowLabel(pad.windowNumber) : '';
  $('pad-idle-text').textContent = w.idle;
  $('pad-thanks-text').textContent = r.thanks;
  if (Date.now() < thanksUntil) return show('thanks');
  if (!pad?.isArmed || !pad.number) return show('idle');
  show('rate');
  const isSending = press?.isSending === true;
  $('pad-question').textContent = w.question(pad.number);
  $('pad-countdown').textContent = pad.secondsLeft !== undefined ? w.secondsLeft(pad.secondsLeft) : '';
  for (const [score, button] of levelButtons) {
    button.textContent = r.levels[score];
    button.disabled = isSending;
    button.setAttribute('aria-pressed', String(press?.score === score));
  }
  const isBad = press !== undefined && asksForReasons(press.score);
  $('pad-tags-box').hidden = !isBad;
  $('pad-tags-question').textContent = r.reasonsQuestion;
  for (const [tag, button] of tagButtons) {
    button.textContent = r.tags[tag];
    button.disabled = isSending;
    button.setAttribute('aria-pressed', String(press?.tags.has(tag) === true));
  }
  $('pad-comment-label').textContent = r.commentLabel;
  $('pad-comment-hint').textContent = r.commentHint;
  $<HTMLTextAreaElement>('pad-comment').readOnly = isSending;
  const submit = $<HTMLButtonElement>('pad-submit');
  submit.textContent = isSending ? r.sending : r.submit;
  submit.disabled = isSending;
}

function choose(score: RatingScore): void {
  if (!pad?.number || press?.isSending) return;
  // A new choice before sending is still the same press: keep its key.
  press = { number: pad.number, score, tags: press?.tags ?? new Set(), key: press?.key ?? newIdempotencyKey(), isSending: false };
  if (asksForReasons(score)) return render();
  void send();
}

function toggleTag(tag: RatingTag): void {
  if (!press || press.isSending) return;
  if (press.tags.has(tag)) press.tags.delete(tag);
  else press.tags.add(tag);
  render();
}

/** What the press sends: reasons and the comment only with a 差评; an empty comment is no comment. */
function bodyOf(current: NonNullable<typeof press>) {
  if (!asksForReasons(current.score)) return { number: current.number, score: current.score };
  const comment = $<HTMLTextAreaElement>('pad-comment').value.trim();
  return {
    number: current.number,
    score: current.score,
    tags: current.tags.size > 0 ? RATING_TAG_CHOICES.filter((t) => current.tags.has(t)) : undefined,
    comment: comment === '' ? undefined : comment,
  };
}

async function send(): Promise<void> {
  if (!pad || !press || press.isSending) return;
  const current = press;
  current.isSending = true;
  render();
  try {
    await call(windowDevicesRoutes.rateOnPad, { params: { windowId: pad.windowId }, body: bodyOf(current) }, { token: padToken, idempotencyKey: current.key });
    $('pad-error').textContent = '';
    // The thanks come in the visitor's language; the timer below goes back to the pad's.
    thanksUntil = Date.now() + THANKS_MS;
    endVisit();
    clearTimeout(thanksTimer);
    // The next visitor finds the waiting screen in the pad's own language (render resets it once the thanks end).
    thanksTimer = setTimeout(() => void refresh(), THANKS_MS + 50);
  } catch (error) {
    $('pad-error').textContent = error instanceof ApiError ? errorText(error, language) : String(error);
    // Rated already or too late: nothing to retry. Otherwise keep the choice, so 提交 tries again (same key).
    if (error instanceof ApiError && (error.code === 'already-rated' || error.code === 'rating-closed')) endVisit();
    else current.isSending = false;
  } finally {
    await refresh();
  }
}

/** Forgets the visitor's choices: the press, the comment and, unless the thanks still show, the language. */
function endVisit(): void {
  press = undefined;
  $<HTMLTextAreaElement>('pad-comment').value = '';
  if (Date.now() >= thanksUntil) language = defaultLanguage;
}

/**
 * The window called the next visitor. A language chosen on the waiting screen (by someone who then left, or
 * before the call) is not theirs: back to the pad's own. A visit still waiting for its rating keeps its
 * visitor's language until it is rated or times out (refresh below).
 */
function newVisitorAtCounter(): void {
  if (pad?.isArmed || press || Date.now() < thanksUntil) return;
  language = defaultLanguage;
  render();
}

async function refresh(): Promise<void> {
  if (!pad) return;
  try {
    const next = await call(windowDevicesRoutes.ratingPad, { params: { windowId: pad.windowId } });
    // The visit the pad showed has gone (rated elsewhere, timed out, or another one finished): its
    // visitor has left, so their choices and language go too. Never rate the wrong visit.
    const hasLeft = pad.number !== undefined && next.number !== pad.number;
    if (hasLeft && !press?.isSending) {
      endVisit();
      $('pad-error').textContent = '';
    }
    pad = next;
  } catch {
    /* keep the last state; the next poll tries again */
  }
  render();
}

/** The pad's device token: from ?token= (then remembered, and off the address at once), else the stored one; the demo's own in demo mode. */
const storedPadToken = takeDeviceToken('hallq.rate.token');
let padToken: string | undefined;

async function resolvePadToken(windowId: string, windowNumber: number): Promise<string | undefined> {
  if (storedPadToken) return storedPadToken;
  const state = await call(windowDevicesRoutes.ratingPad, { params: { windowId } }).catch(() => undefined);
  // Demo mode only: the demo pads' tokens are published (README), one per window.
  return state?.isDemo ? `demo-pad-${windowNumber}` : undefined;
}

/** ?lang=en or ?lang=zh-CN sets up a pad's own language; otherwise it speaks the hall's. */
async function padLanguage(params: URLSearchParams): Promise<Language> {
  const wanted = params.get('lang');
  if (wanted === 'en' || wanted === 'zh-CN') return wanted;
  const hall = await call(coreRoutes.hall, {}, { retries: 3 }).catch(() => undefined);
  return hall?.hall.language ?? 'zh-CN';
}

async function start(): Promise<void> {
  localStorage.removeItem(OLD_LANGUAGE_KEY);
  buildControls();
  const params = new URLSearchParams(location.search);
  defaultLanguage = await padLanguage(params);
  language = defaultLanguage;
  render();
  $('pad-lang').addEventListener('click', () => {
    language = language === 'zh-CN' ? 'en' : 'zh-CN';
    render();
  });
  $('pad-submit').addEventListener('click', () => void send());
  const wanted = params.get('window') ?? '1';
  const windows = await call(coreRoutes.windows, {}).catch((): WindowView[] => []);
  const window = windows.find((w) => w.id === wanted || String(w.number) === wanted);
  if (!window) {
    $('pad-error').textContent = words().unknownWindow(wanted);
    return;
  }
  padToken = await resolvePadToken(window.id, window.number);
  pad = { windowId: window.id, windowNumber: window.number, windowName: window.name, isArmed: false, isDemo: false };
  // The window's state changes when it finishes a visit: that is the moment to look again.
  const client = new HubClient('public', {
    event: (event) => {
      if (event.type !== 'window:updated' || event.data.window.id !== window.id) return;
      const current = event.data.window.current?.ticketId;
      if (current !== undefined && current !== counterTicketId) newVisitorAtCounter();
      counterTicketId = current ?? counterTicketId;
      void refresh();
    },
    connection: (state) => {
      if (state === 'online') void refresh();
    },
    // The pad's token names it for terminal health; without one (not set up) it is only a public page.
  }, { token: padToken });
  // Managers see this pad online or dark and may reload it (「刷新页面」).
  if (padToken) new TerminalReporter(client.socket, { kind: 'pad' });
  setInterval(() => void refresh(), POLL_MS);
  await refresh();
}

void start();
