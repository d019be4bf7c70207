/** The phone page's DOM: one card whose sections are shown or hidden by phase. Render only, no state. */
import type { RatingScore, RatingTag, TrackView } from '../../server/protocol/model';
import { RATING_COMMENT_MAX } from '../../server/protocol/rating-words';
import type { TrackTexts } from './i18n';
import { guideSection } from './guide-section';
import { asksForReasons, RATING_CHOICES, RATING_TAG_CHOICES, type ConnectionState, type TrackPhase } from './phase';

export interface RatingDraft {
  readonly score: RatingScore | undefined;
  readonly tags: ReadonlySet<RatingTag>;
  /** Typed by the visitor; optional, never required to send. */
  readonly comment: string;
  readonly isSending: boolean;
  readonly hasFailed: boolean;
}

/** What this page sent and the hub recorded, shown after sending; or that someone else rated first. */
export type RatingOutcome =
  | { readonly kind: 'sent'; readonly score: RatingScore; readonly tags: readonly RatingTag[]; readonly comment?: string }
  | { readonly kind: 'rated-elsewhere' };

export interface TrackViewModel {
  readonly texts: TrackTexts;
  readonly track: TrackView | undefined;
  readonly phase: TrackPhase | undefined;
  readonly isInvalid: boolean;
  /** Whether the last request got an answer; if not, whose side failed (the words differ). */
  readonly connection: ConnectionState;
  readonly draft: RatingDraft;
  readonly outcome: RatingOutcome | undefined;
}

export interface TrackActions {
  pickScore(score: RatingScore): void;
  toggleTag(tag: RatingTag): void;
  typeComment(comment: string): void;
  submit(): void;
}

export function renderTrack(root: HTMLElement, model: TrackViewModel, actions: TrackActions): void {
  const t = model.texts;
  const parts: HTMLElement[] = [];
  if (model.connection !== 'ok') {
    const lost = node('p', `notice offline ${model.connection}`, model.connection === 'phone-offline' ? t.phoneOffline : t.hubUnreachable);
    lost.setAttribute('role', 'status');
    parts.push(lost);
  }
  if (model.isInvalid) {
    parts.push(node('p', 'notice invalid', t.invalid));
  } else if (model.track && model.phase) {
    parts.push(...body(model.track, model.phase, model, actions));
  }
  keepingFocus(root, () => root.replaceChildren(...parts));
}

/**
 * A render replaces the card; the control that had the keyboard focus (marked data-focus) gets it back,
 * with the caret where it was, so a visitor choosing with the keys or typing a comment is not thrown out.
 */
function keepingFocus(root: HTMLElement, replace: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && root.contains(active) ? active.dataset.focus : undefined;
  const caret = active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : undefined;
  replace();
  if (key === undefined) return;
  const again = root.querySelector<HTMLElement>(`[data-focus="${key}"]`);
  again?.focus();
  if (again instanceof HTMLTextAreaElement && caret) again.setSelectionRange(caret[0] ?? 0, caret[1] ?? 0);
}

function body(track: TrackView, phase: TrackPhase, model: TrackViewModel, actions: TrackActions): HTMLElement[] {
  const t = model.texts;
  const service = t.isEnglish ? track.serviceNameEn : track.serviceName;
  const head = node('header', 'ticket');
  head.append(node('p', 'hall', track.hallName), node('p', 'label', t.yourNumber), node('p', 'number', track.number), node('p', 'service', service));
  const out: HTMLElement[] = [head];
  if (phase === 'waiting') {
    if (track.isNearTurn === true) out.push(banner('near', t.nearTitle, t.nearText(track.waitingAhead)));
    // No window open: the estimate is a sentence, not a figure; it gets a reading size and the full width
    // (in the figure's font it ran over four lines on a phone).
    const isSentence = track.isUnstaffed === true;
    const facts = node('dl', isSentence ? 'facts has-sentence' : 'facts');
    facts.append(node('dt', '', t.ahead), node('dd', 'ahead', t.people(track.waitingAhead)), node('dt', '', t.estimate), node('dd', isSentence ? 'estimate sentence' : 'estimate', t.minutes(track.estimatedWaitMinutes, track)));
    out.push(facts, node('p', 'hint', t.waitingHint));
  } else if (phase === 'called') {
    const called = node('section', 'called');
    called.setAttribute('role', 'alert');
    called.append(node('p', 'label', t.calledTitle), node('p', 'window', track.windowNumber === undefined ? '—' : t.windowLabel(track.windowNumber)), node('p', 'hint', t.calledHint));
    out.push(called);
  } else if (phase === 'rate') {
    out.push(node('p', 'done', t.doneTitle), ratingForm(model, actions));
  } else if (phase === 'rated') {
    out.push(node('p', 'done', t.doneTitle), ...given(track, model));
  } else if (phase === 'done') {
    out.push(node('p', 'done', t.doneTitle));
  } else if (phase === 'parked') {
    out.push(banner('parked', t.parkedTitle, t.parkedHint(track.windowNumber)));
  } else if (phase === 'no-show') {
    out.push(banner('no-show', t.noShowTitle, t.noShowHint(track.undoMinutesLeft, track.windowNumber)));
  } else {
    out.push(node('p', `closed ${phase}`, phase === 'transferred' ? t.transferred : t.cancelled));
  }
  // 一次性告知: the full list while the visit is still ahead (display-ui/track/guide-section.ts); a parked
  // visitor is often fetching a missing paper.
  const isAhead = phase === 'waiting' || phase === 'called' || phase === 'parked';
  const guide = isAhead ? guideSection(track.guide, t.isEnglish) : undefined;
  if (guide) out.push(guide);
  return out;
}

/** The rating as recorded: with its reasons and comment when this page sent it, the level alone otherwise. */
function given(track: TrackView, model: TrackViewModel): HTMLElement[] {
  const t = model.texts;
  const r = t.rating;
  const level = track.rating === undefined ? '' : r.levels[track.rating as RatingScore];
  const outcome = model.outcome;
  if (outcome?.kind === 'rated-elsewhere') {
    return [node('p', 'notice already', t.alreadyRated), node('p', 'given', t.recordedRating(level))];
  }
  const out = [node('p', 'thanks', r.thanks), node('p', 'given', r.yourRating(level))];
  if (outcome?.kind === 'sent' && outcome.score === track.rating) {
    if (outcome.tags.length > 0) out.push(node('p', 'given-reasons', r.yourReasons(outcome.tags.map((tag) => r.tags[tag]))));
    if (outcome.comment) out.push(node('p', 'given-comment', r.yourComment(outcome.comment)));
  }
  return out;
}

function ratingForm(model: TrackViewModel, actions: TrackActions): HTMLElement {
  const t = model.texts;
  const { draft } = model;
  const form = node('form', 'rating');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.submit();
  });
  const r = t.rating;
  form.append(node('h2', '', t.rateTitle));
  const levels = node('div', 'levels');
  levels.setAttribute('role', 'radiogroup');
  for (const score of RATING_CHOICES) {
    const button = node('button', `level level-${score}`, r.levels[score]) as HTMLButtonElement;
    button.type = 'button';
    button.dataset.score = String(score);
    button.dataset.focus = `level-${score}`;
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', String(draft.score === score));
    button.disabled = draft.isSending;
    button.addEventListener('click', () => actions.pickScore(score));
    levels.append(button);
  }
  form.append(levels);
  if (draft.score !== undefined && asksForReasons(draft.score)) {
    const box = node('fieldset', 'reasons');
    box.append(node('legend', '', r.reasonsQuestion));
    for (const tag of RATING_TAG_CHOICES) {
      const label = node('label', 'tag');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = tag;
      input.dataset.focus = `tag-${tag}`;
      input.checked = draft.tags.has(tag);
      input.disabled = draft.isSending;
      input.addEventListener('change', () => actions.toggleTag(tag));
      label.append(input, document.createTextNode(r.tags[tag]));
      box.append(label);
    }
    form.append(box);
  }
  if (draft.score !== undefined) form.append(commentBox(model, actions));
  const submit = node('button', 'submit', draft.isSending ? r.sending : r.submit) as HTMLButtonElement;
  submit.type = 'submit';
  submit.dataset.focus = 'submit';
  submit.disabled = draft.score === undefined || draft.isSending;
  form.append(submit);
  if (draft.hasFailed) form.append(node('p', 'notice failed', t.failed));
  return form;
}

/** The optional comment: typing updates the draft without a render, so nothing moves under the fingers. */
function commentBox(model: TrackViewModel, actions: TrackActions): HTMLElement {
  const r = model.texts.rating;
  const label = node('label', 'comment');
  const input = document.createElement('textarea');
  input.name = 'comment';
  input.rows = 3;
  input.maxLength = RATING_COMMENT_MAX;
  input.value = model.draft.comment;
  input.readOnly = model.draft.isSending;
  input.dataset.focus = 'comment';
  input.addEventListener('input', () => actions.typeComment(input.value));
  label.append(node('span', 'comment-label', r.commentLabel), input, node('span', 'comment-hint', r.commentHint));
  return label;
}

/** A boxed message with a heading: 快轮到您了, 挂起, 过号. role=alert, so a screen reader says it at once. */
function banner(kind: string, title: string, text: string): HTMLElement {
  const box = node('section', `banner ${kind}`);
  box.setAttribute('role', 'alert');
  box.append(node('p', 'banner-title', title), node('p', 'banner-text', text));
  return box;
}

function node(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
