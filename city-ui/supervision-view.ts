/**
 * 差评 supervision: every open follow-up of every visible hall, overdue first then by deadline (the centre
 * orders them), with the rating and reasons in words, the notes written so far and whether the hall has
 * received them; a supervisor adds a 督办 note that the hall's managers see after its next batch.
 */
import { centreRoutes, type SupervisionItem, type SupervisionReply } from '../server/protocol/centre';
import { clock, colon, h } from './dom';
import { language, ratingWords, t, tagWords } from './i18n';
import { request } from './api';

function noteList(item: SupervisionItem): HTMLElement {
  if (item.notes.length === 0) return h('p', { class: 'muted' }, `${t('notes')}${colon()}${t('none')}`);
  return h(
    'ol',
    { class: 'notes' },
    ...item.notes.map((n) =>
      h('li', {}, h('span', { class: 'note-text' }, n.text), ` — ${n.by} · ${clock(n.at, undefined, true)} · `, h('span', { class: n.deliveredAt ? 'delivered' : 'muted' }, n.deliveredAt ? t('delivered') : t('onItsWay'))),
    ),
  );
}

function itemCard(item: SupervisionItem, canWrite: boolean, onAdded: (textareaId: string) => void, fail: (error: unknown) => void): HTMLElement {
  const text = h('textarea', { name: 'note', rows: '2', maxlength: '500', required: true, id: `note-${item.hallCode}-${item.followupId}` });
  const form = h(
    'form',
    { class: 'note-form' },
    h('label', { for: text.id }, t('noteLabel')),
    text,
    h('button', { type: 'submit' }, t('addNote')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    void request(centreRoutes.addNote, { params: { hallCode: item.hallCode, followupId: item.followupId }, body: { text: value } })
      .then(() => {
        text.value = '';
        onAdded(text.id);
      })
      .catch(fail);
  });
  return h(
    'article',
    { class: `card followup${item.isOverdue ? ' overdue' : ''}`, 'data-hall': item.hallCode, 'data-followup': item.followupId },
    h(
      'header',
      {},
      h('strong', {}, item.hallName),
      ` · ${t('ticket')} ${item.ticketNumber} · ${item.serviceName ?? t('service')}`,
      ' · ',
      h('span', { class: item.isOverdue ? 'over' : 'muted' }, `${item.isOverdue ? `⚠ ${t('overdue')}` : t('dueIn')} · ${t('due')} ${clock(item.dueAt, undefined, true)}`),
    ),
    h(
      'p',
      {},
      `${t('level')}${colon()}${ratingWords(item.score)}`,
      item.tags.length > 0 ? ` · ${t('reasons')}${colon()}${item.tags.map(tagWords).join(language() === 'en' ? ', ' : '、')}` : '',
      ` · ${t('assignee')}${colon()}${item.assignee ?? t('nobody')} · ${t('ratedAt')} ${clock(item.ratedAt, undefined, true)}`,
    ),
    item.comment ? h('p', { class: 'comment' }, `${t('comment')}${colon()}${item.comment}`) : '',
    noteList(item),
    canWrite ? form : h('p', { class: 'muted' }, t('noteReadOnly')),
  );
}

export function renderSupervision(reply: SupervisionReply, canWrite: boolean, onAdded: (textareaId: string) => void, fail: (error: unknown) => void): HTMLElement {
  return h(
    'section',
    { id: 'supervision' },
    h('h2', {}, t('tabSupervision')),
    reply.items.length === 0 ? h('p', { class: 'card' }, t('noFollowups')) : '',
    ...reply.items.map((item) => itemCard(item, canWrite, onAdded, fail)),
  );
}

export const loadSupervision = (): Promise<SupervisionReply> => request(centreRoutes.supervision, {});
