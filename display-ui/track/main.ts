/**
 * Entry of the visitor's phone page (/t/<trackToken>).
 *
 * Polling, not socket.io: the page needs one ticket's position, which no public socket event carries (it
 * would refetch on every event anyway); a GET of ~300 bytes every 3 s costs less than the socket.io
 * client (~40 kB) on a poor mobile connection, survives flaky networks with no reconnect logic, and a
 * call still shows within seconds (the hall also shows and voices it). It refetches at once when the
 * phone wakes or comes back online. Once the turn is near (the hub decides: policy.phoneNoticeAhead) and
 * at each call, it vibrates and plays a short tone where the browser allows it (alert.ts); the words on
 * screen are always there.
 */
import type { RatingScore, RatingTag } from '../../server/protocol/model';
import { fetchHallLanguage, fetchTrack, newKey, postRating, type TrackAnswer } from './api';
import { chosenTrackLanguage, trackTexts, type TrackTexts } from './i18n';
import { connectionState, dueAlert, isLinkAnswer, nextPollDelay, trackPhase, asksForReasons, RATING_TAG_CHOICES } from './phase';
import { alertVisitor, unlockSound } from './alert';
import { renderTrack, type RatingDraft, type RatingOutcome } from './view';
import './track.css';

const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const root = document.getElementById('app') ?? document.body;
let texts: TrackTexts = trackTexts('zh-CN');

let answer: TrackAnswer | undefined;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let draft: RatingDraft = { score: undefined, tags: new Set(), comment: '', isSending: false, hasFailed: false };
let outcome: RatingOutcome | undefined;
/** Kept across retries of one submission so the hub records the rating once. */
let ratingKey = newKey();
let lastRendered = '';
/** Alerts already given (near, each call): one vibration per moment, not one per poll. */
const alerted = new Set<string>();

async function refresh(): Promise<void> {
  clearTimeout(timer);
  const next = await fetchTrack(token);
  // No answer, the hub (or a proxy in front of it) failing, or too many requests: keep the last known state,
  // with a note saying whose side is down. Only "the link is not valid" replaces it (phase.ts isLinkAnswer).
  if (next.ok || isLinkAnswer(next.status)) {
    answer = next;
    failures = 0;
  } else {
    failures += 1;
  }
  const alert = answer?.ok === true && failures === 0 ? dueAlert(answer.track, alerted) : undefined;
  if (alert) {
    alerted.add(alert.key);
    alertVisitor();
  }
  // Rated on the pad while this visitor had started choosing here: their choice was never sent.
  const isRatedNow = answer?.ok === true && trackPhase(answer.track) === 'rated';
  if (isRatedNow && outcome === undefined && draft.score !== undefined && !draft.isSending) outcome = { kind: 'rated-elsewhere' };
  render();
  const delay = nextPollDelay(answer?.ok ? answer.track : undefined, failures);
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
    connection: connectionState(failures, navigator.onLine),
    draft,
    outcome,
  };
  // Re-render only on change: a poll must not reset a form the visitor is filling in. The comment is
  // left out: typing it changes no other part of the page.
  const key = JSON.stringify({ ...model, texts: undefined, draft: { ...draft, comment: undefined, tags: [...draft.tags] } });
  if (key === lastRendered) return;
  lastRendered = key;
  renderTrack(root, model, { pickScore, toggleTag, typeComment, submit });
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

function typeComment(comment: string): void {
  draft = { ...draft, comment };
}

async function submit(): Promise<void> {
  const score = draft.score;
  if (score === undefined || draft.isSending) return;
  draft = { ...draft, isSending: true, hasFailed: false };
  render();
  // Reasons only with a 差评 (pickScore drops them otherwise); an empty comment is no comment.
  const tags = RATING_TAG_CHOICES.filter((tag) => draft.tags.has(tag));
  const comment = draft.comment.trim();
  const body = { score, tags: tags.length > 0 ? tags : undefined, comment: comment === '' ? undefined : comment };
  const result = await postRating(token, body, ratingKey);
  // already-rated: the pad (or another tab) rated this visit first; say so rather than thank for this one.
  if (result.ok) outcome = { kind: 'sent', score, tags, comment: body.comment };
  else if (result.code === 'already-rated') outcome = { kind: 'rated-elsewhere' };
  const isDone = outcome !== undefined;
  draft = { ...draft, isSending: false, hasFailed: !isDone };
  if (isDone) ratingKey = newKey();
  await refresh();
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
window.addEventListener('online', () => void refresh());
window.addEventListener('offline', () => void refresh());
// Browsers play sound only after the visitor touched the page once: any touch unlocks the tone.
document.addEventListener('pointerdown', unlockSound, { once: true });

async function start(): Promise<void> {
  const language = chosenTrackLanguage(location.search, navigator.language) ?? (await fetchHallLanguage()) ?? 'zh-CN';
  texts = trackTexts(language);
  document.title = texts.title;
  document.documentElement.lang = language;
  lastRendered = '';
  await refresh();
}

void start();
