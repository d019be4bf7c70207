/**
 * The rating pad (/rate?window=N): a tablet facing the visitor. It offers the visit the window just
 * finished (armed by the hub until config.policy.ratingTimeoutSeconds), takes one press on the five
 * national levels, and for 不满意/非常不满意 the reason tags. It wakes on the public socket's
 * window:updated facts and polls slowly as a fallback (the timeout has no fact of its own).
 */
import { ApiError, callApi, HubClient, newIdempotencyKey } from '../../server/protocol/client/hub-client';
import { RATING_LEVELS, RATING_TAGS, type Language, type RatingScore, type RatingTag, type WindowView } from '../../server/protocol/model';
import { WORDS } from './words';
import { startLanguage } from '../hall-language';
import { errorText } from '../../server/protocol/error-words';

interface PadState {
  readonly windowId: string;
  readonly windowNumber: number;
  readonly isArmed: boolean;
  readonly number?: string;
  readonly secondsLeft?: number;
  /** The demo hall publishes its pads' tokens, so the page may use them by itself. */
  readonly isDemo?: boolean;
}

const POLL_MS = 3000;
const THANKS_MS = 5000;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const LANGUAGE_KEY = 'hallq.rate.language';
let language: Language = 'zh-CN';
let pad: PadState | undefined;
/** The press being made: its key is made once, so a retry after a lost answer rates once. */
let press: { number: string; score: RatingScore; tags: Set<RatingTag>; key: string; isSending: boolean } | undefined;
let thanksUntil = 0;

function words() {
  return WORDS[language];
}

function show(section: 'idle' | 'rate' | 'thanks'): void {
  $('pad-idle').hidden = section !== 'idle';
  $('pad-rate').hidden = section !== 'rate';
  $('pad-thanks').hidden = section !== 'thanks';
}

function render(): void {
  const w = words();
  document.documentElement.lang = language;
  document.title = `${w.title} · hallq`;
  $('pad-lang').textContent = w.switchTo;
  $('pad-window').textContent = pad ? w.windowLabel(pad.windowNumber) : '';
  $('pad-idle-text').textContent = w.idle;
  $('pad-thanks-text').textContent = w.thanks;
  if (Date.now() < thanksUntil) return show('thanks');
  if (!pad?.isArmed || !pad.number) return show('idle');
  show('rate');
  $('pad-question').textContent = w.question(pad.number);
  $('pad-countdown').textContent = pad.secondsLeft !== undefined ? w.secondsLeft(pad.secondsLeft) : '';
  const levels = RATING_LEVELS.map((score) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `level level-${score}`;
    button.dataset.score = String(score);
    button.textContent = w.levels[score];
    button.disabled = press?.isSending === true;
    button.setAttribute('aria-pressed', String(press?.score === score));
    button.addEventListener('click', () => choose(score));
    return button;
  });
  $('pad-levels').replaceChildren(...levels);
  const isBad = press !== undefined && press.score <= 2;
  $('pad-tags-box').hidden = !isBad;
  if (isBad && press) {
    const chosen = press.tags;
    $('pad-tags-question').textContent = w.tagsQuestion;
    $('pad-tags').replaceChildren(
      ...RATING_TAGS.map((tag) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'tag';
        button.dataset.tag = tag;
        button.textContent = w.tags[tag];
        button.setAttribute('aria-pressed', String(chosen.has(tag)));
        button.addEventListener('click', () => {
          if (chosen.has(tag)) chosen.delete(tag);
          else chosen.add(tag);
          render();
        });
        return button;
      }),
    );
    ($('pad-submit') as HTMLButtonElement).textContent = w.submit;
    ($('pad-submit') as HTMLButtonElement).disabled = press.isSending;
  }
}

function choose(score: RatingScore): void {
  if (!pad?.number || press?.isSending) return;
  // A new choice before sending is still the same press: keep its key.
  press = { number: pad.number, score, tags: press?.tags ?? new Set(), key: press?.key ?? newIdempotencyKey(), isSending: false };
  if (score <= 2) return render();
  void send();
}

async function send(): Promise<void> {
  if (!pad || !press || press.isSending) return;
  press.isSending = true;
  render();
  const current = press;
  try {
    await callApi(`/api/windows/${encodeURIComponent(pad.windowId)}/rating-pad`, {
      token: padToken,
      body: { number: current.number, score: current.score, tags: current.score <= 2 ? [...current.tags] : undefined },
      idempotencyKey: current.key,
    });
    thanksUntil = Date.now() + THANKS_MS;
    $('pad-error').textContent = '';
    setTimeout(() => void refresh(), THANKS_MS + 50);
  } catch (error) {
    $('pad-error').textContent = error instanceof ApiError ? errorText(error, language) : String(error);
  } finally {
    press = undefined;
    await refresh();
  }
}

async function refresh(): Promise<void> {
  if (!pad) return;
  try {
    const next = await callApi<PadState>(`/api/windows/${encodeURIComponent(pad.windowId)}/rating-pad`);
    // A different visit (or none) replaces an unfinished choice: never rate the wrong visit.
    if (press && !press.isSending && press.number !== next.number) press = undefined;
    pad = next;
  } catch {
    /* keep the last state; the next poll tries again */
  }
  render();
}

/** The pad's device token: from ?token= (then remembered), else the stored one; the demo's own in demo mode. */
let padToken: string | undefined;

async function resolvePadToken(fromUrl: string | null, windowId: string, windowNumber: number): Promise<string | undefined> {
  if (fromUrl) {
    localStorage.setItem('hallq.rate.token', fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem('hallq.rate.token');
  if (stored) return stored;
  const state = await callApi<PadState>(`/api/windows/${encodeURIComponent(windowId)}/rating-pad`).catch(() => undefined);
  // Demo mode only: the demo pads' tokens are published (README), one per window.
  return state?.isDemo ? `demo-pad-${windowNumber}` : undefined;
}

async function start(): Promise<void> {
  language = await startLanguage(LANGUAGE_KEY);
  render();
  $('pad-lang').addEventListener('click', () => {
    language = language === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem(LANGUAGE_KEY, language);
    render();
  });
  $('pad-submit').addEventListener('click', () => void send());
  const params = new URLSearchParams(location.search);
  const wanted = params.get('window') ?? '1';
  const windows = await callApi<WindowView[]>('/api/windows').catch(() => [] as WindowView[]);
  const window = windows.find((w) => w.id === wanted || String(w.number) === wanted);
  if (!window) {
    $('pad-error').textContent = words().unknownWindow(wanted);
    return;
  }
  padToken = await resolvePadToken(params.get('token'), window.id, window.number);
  pad = { windowId: window.id, windowNumber: window.number, isArmed: false };
  // The window's state changes when it finishes a visit: that is the moment to look again.
  new HubClient('public', {
    event: (event) => {
      if (event.type === 'window:updated' && event.data.window.id === window.id) void refresh();
    },
    connection: (state) => {
      if (state === 'online') void refresh();
    },
  });
  setInterval(() => void refresh(), POLL_MS);
  await refresh();
}

void start();
