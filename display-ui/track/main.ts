/**
 * Entry of the visitor's phone page (/t/<trackToken>).
 *
 * Polling, not socket.io: the page needs one ticket's position, which no public socket event carries (it
 * would refetch on every event anyway); a GET of ~300 bytes every 3 s costs less than the socket.io
 * client (~40 kB) on a poor mobile connection, survives flaky networks with no reconnect logic, and a
 * call still shows within seconds (the hall also shows and voices it). It refetches at once when the
 * phone wakes or comes back online.
 */
import type { RatingScore, RatingTag } from '../../server/protocol/model';
import { fetchHallLanguage, fetchTrack, newKey, postRating, type TrackAnswer } from './api';
import { chosenTrackLanguage, trackTexts, type TrackTexts } from './i18n';
import { nextPollDelay, trackPhase, asksForReasons } from './phase';
import { renderTrack, type RatingDraft } from './view';
import './track.css';

const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const root = document.getElementById('app') ?? document.body;
let texts: TrackTexts = trackTexts('zh-CN');

let answer: TrackAnswer | undefined;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let draft: RatingDraft = { score: undefined, tags: new Set(), isSending: false, hasFailed: false };
/** Kept across retries of one submission so the hub records the rating once. */
let ratingKey = newKey();
let lastRendered = '';

async function refresh(): Promise<void> {
  clearTimeout(timer);
  const next = await fetchTrack(token);
  if (next.ok || next.status !== 0) {
    answer = next;
    failures = 0;
  } else {
    failures += 1; // keep showing the last known state, with an "offline" note
  }
  render();
  const delay = nextPollDelay(answer?.ok ? trackPhase(answer.track) : undefined, failures);
  const isInvalid = answer !== undefined && !answer.ok && answer.status === 404;
  if (delay > 0 && !isInvalid) timer = setTimeout(() => void refresh(), delay);
}

function render(): void {
  const track = answer?.ok ? answer.track : undefined;
  const model = {
    texts,
    track,
    phase: track ? trackPhase(track) : undefined,
    isInvalid: answer !== undefined && !answer.ok && (answer.status === 404 || answer.status === 400),
    isOffline: failures > 0,
    draft,
  };
  // Re-render only on change: a poll must not reset a form the visitor is filling in.
  const key = JSON.stringify({ ...model, texts: undefined, draft: { ...draft, tags: [...draft.tags] } });
  if (key === lastRendered) return;
  lastRendered = key;
  renderTrack(root, model, { pickScore, toggleTag, submit });
}

function pickScore(score: RatingScore): void {
  draft = { ...draft, score, tags: asksForReasons(score) ? draft.tags : new Set(), hasFailed: false };
  render();
}

function toggleTag(tag: RatingTag): void {
  const tags = new Set(draft.tags);
  if (tags.has(tag)) tags.delete(tag);
  else tags.add(tag);
  draft = { ...draft, tags };
  render();
}

async function submit(): Promise<void> {
  const score = draft.score;
  if (score === undefined || draft.isSending) return;
  draft = { ...draft, isSending: true, hasFailed: false };
  render();
  const result = await postRating(token, { score, tags: draft.tags.size > 0 ? [...draft.tags] : undefined }, ratingKey);
  // already-rated: another tab or a lost answer got there first; the refresh below shows the thanks.
  const isDone = result.ok || result.code === 'already-rated';
  draft = { ...draft, isSending: false, hasFailed: !isDone };
  if (isDone) ratingKey = newKey();
  await refresh();
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
window.addEventListener('online', () => void refresh());

async function start(): Promise<void> {
  const language = chosenTrackLanguage(location.search, navigator.language) ?? (await fetchHallLanguage()) ?? 'zh-CN';
  texts = trackTexts(language);
  document.title = texts.title;
  document.documentElement.lang = language;
  lastRendered = '';
  await refresh();
}

void start();
