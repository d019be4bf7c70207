/**
 * The halls at a glance, grouped by level: waiting, open windows, the longest wait against its limit (red
 * and said in words when over), today's satisfaction, open alerts, and the link with its last contact and
 * backlog. A hall whose link is down is marked in words and colour, not by colour alone.
 */
import type { HallGlance } from '../server/protocol/centre';
import { byLevel, isLinkDown, type GridState } from './state';
import { ago, clock, h, percent, ratingsText, table } from './dom';
import { levelWords, linkWords, t } from './i18n';

function longestWait(g: HallGlance): Node | string {
  const lw = g.longestWait;
  if (!lw) return t('none');
  const text = `${lw.minutes} / ${lw.limitMinutes} ${t('minutes')} · ${lw.serviceName}`;
  return lw.isOverLimit ? h('span', { class: 'over', 'data-over': 'true' }, `${text} · ${t('overLimit')}`) : text;
}

function satisfaction(g: HallGlance): string {
  const s = g.satisfaction;
  return s.ratings === 0 ? t('noRatings') : `${percent(s.rate)} (${ratingsText(s.ratings)})`;
}

function linkCell(g: HallGlance, now: number): Node {
  const down = isLinkDown(g);
  return h(
    'span',
    { class: `link link-${g.link.state}`, 'data-link': g.link.state },
    h('strong', {}, `${down ? '⚠ ' : ''}${linkWords(g.link.state)}`),
    ` · ${g.link.lastContactAt === undefined ? t('neverReported') : `${t('lastContact')} ${clock(g.link.lastContactAt)} (${ago(g.link.lastContactAt, now)})`}`,
    g.link.backlog > 0 ? ` · ${t('backlog')} ${g.link.backlog} ${t('items')}` : '',
  );
}

export function renderGrid(root: HTMLElement, state: GridState, onOpen: (code: string) => void): void {
  const now = Date.now() + state.offsetMs;
  const groups = byLevel(state);
  root.replaceChildren(
    ...(groups.length === 0 ? [h('p', {}, t('noHalls'))] : []),
    ...groups.map((group) => {
      const t2 = table(
        [t('hall'), t('waiting'), t('openWindows'), t('longestWait'), t('satisfactionToday'), t('openAlerts'), t('link'), ''],
        group.halls.map((g) => [
          h('span', { class: 'hall-name' }, g.name),
          String(g.waiting),
          `${g.openWindows} / ${g.totalWindows}`,
          longestWait(g),
          satisfaction(g),
          g.openAlerts > 0 ? h('span', { class: 'alerts' }, String(g.openAlerts)) : '0',
          linkCell(g, now),
          h('button', { type: 'button', class: 'open-hall', 'data-hall': g.code, onclick: () => onOpen(g.code) }, t('open')),
        ]),
        { class: 'grid-table' },
      );
      // Rows carry the hall's code and link state for styling (and tests); the page shows only words.
      group.halls.forEach((g, i) => {
        const row = t2.tBodies[0]?.rows[i];
        if (!row) return;
        row.dataset.hall = g.code;
        row.dataset.link = g.link.state;
        if (isLinkDown(g)) row.classList.add('link-down');
      });
      return h('section', { class: 'card level', 'data-level': group.level }, h('h2', {}, levelWords(group.level)), t2);
    }),
    h('p', { class: 'note' }, t('gridSatisfactionRule')),
  );
}
