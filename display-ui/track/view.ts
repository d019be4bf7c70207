/** The phone page's DOM: one card whose sections are shown or hidden by phase. Render only, no state. */
import type { RatingScore, RatingTag, TrackView } from '../../server/protocol/model';
import type { TrackTexts } from './i18n';
import { asksForReasons, RATING_CHOICES, RATING_TAG_CHOICES, type TrackPhase } from './phase';

export interface RatingDraft {
  readonly score: RatingScore | undefined;
  readonly tags: ReadonlySet<RatingTag>;
  readonly isSending: boolean;
  readonly hasFailed: boolean;
}

export interface TrackViewModel {
  readonly texts: TrackTexts;
  readonly track: TrackView | undefined;
  readonly phase: TrackPhase | undefined;
  readonly isInvalid: boolean;
  readonly isOffline: boolean;
  readonly draft: RatingDraft;
}

export interface TrackActions {
  pickScore(score: RatingScore): void;
  toggleTag(tag: RatingTag): void;
  submit(): void;
}

export function renderTrack(root: HTMLElement, model: TrackViewModel, actions: TrackActions): void {
  const t = model.texts;
  const parts: HTMLElement[] = [];
  if (model.isOffline) parts.push(node('p', 'notice offline', t.offline));
  if (model.isInvalid) {
    parts.push(node('p', 'notice invalid', t.invalid));
  } else if (model.track && model.phase) {
    parts.push(...body(model.track, model.phase, model, actions));
  }
  root.replaceChildren(...parts);
}

function body(track: TrackView, phase: TrackPhase, model: TrackViewModel, actions: TrackActions): HTMLElement[] {
  const t = model.texts;
  const service = t.isEnglish ? track.serviceNameEn : track.serviceName;
  const head = node('header', 'ticket');
  head.append(node('p', 'hall', track.hallName), node('p', 'label', t.yourNumber), node('p', 'number', track.number), node('p', 'service', service));
  const out: HTMLElement[] = [head];
  if (phase === 'waiting') {
    const facts = node('dl', 'facts');
    facts.append(node('dt', '', t.ahead), node('dd', 'ahead', t.people(track.waitingAhead)), node('dt', '', t.estimate), node('dd', 'estimate', t.minutes(track.estimatedWaitMinutes)));
    out.push(facts, node('p', 'hint', t.waitingHint));
  } else if (phase === 'called') {
    const called = node('section', 'called');
    called.setAttribute('role', 'alert');
    called.append(node('p', 'label', t.calledTitle), node('p', 'window', track.windowNumber === undefined ? '—' : t.windowLabel(track.windowNumber)), node('p', 'hint', t.calledHint));
    out.push(called);
  } else if (phase === 'rate') {
    out.push(node('p', 'done', t.doneTitle), ratingForm(model, actions));
  } else if (phase === 'rated') {
    out.push(node('p', 'done', t.doneTitle), node('p', 'thanks', `${t.thanks} ${track.rating === undefined ? '' : t.levels[track.rating as RatingScore]}`));
  } else if (phase === 'done') {
    out.push(node('p', 'done', t.doneTitle));
  } else {
    out.push(node('p', 'closed', t.closed));
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
  form.append(node('h2', '', t.rateTitle));
  const levels = node('div', 'levels');
  levels.setAttribute('role', 'radiogroup');
  for (const score of RATING_CHOICES) {
    const button = node('button', `level level-${score}`, `${t.levels[score]}`) as HTMLButtonElement;
    button.type = 'button';
    button.dataset.score = String(score);
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', String(draft.score === score));
    button.disabled = draft.isSending;
    button.addEventListener('click', () => actions.pickScore(score));
    levels.append(button);
  }
  form.append(levels);
  if (draft.score !== undefined && asksForReasons(draft.score)) {
    const box = node('fieldset', 'reasons');
    box.append(node('legend', '', t.reasonsTitle));
    for (const tag of RATING_TAG_CHOICES) {
      const label = node('label', 'tag');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = tag;
      input.checked = draft.tags.has(tag);
      input.disabled = draft.isSending;
      input.addEventListener('change', () => actions.toggleTag(tag));
      label.append(input, document.createTextNode(t.tags[tag]));
      box.append(label);
    }
    form.append(box);
  }
  const submit = node('button', 'submit', draft.isSending ? t.sending : t.submit) as HTMLButtonElement;
  submit.type = 'submit';
  submit.disabled = draft.score === undefined || draft.isSending;
  form.append(submit);
  if (draft.hasFailed) form.append(node('p', 'notice failed', t.failed));
  return form;
}

function node(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
