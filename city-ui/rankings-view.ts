/** 红旗窗口 and 服务明星, city-wide or in one hall, with the scoring formula stated above the table. */
import { centreReportRoutes, RANKING_KINDS, RANKING_WORDS, rankingFormula, type RankingKind } from '../server/protocol/centre-reports';
import { h, percent, table } from './dom';
import { language, t, w, windowText } from './i18n';
import { request } from './api';
import { todayText, type HallChoice } from './reports-view';

export function renderRankings(halls: () => readonly HallChoice[], fail: (error: unknown) => void): HTMLElement {
  const today = todayText();
  const monthStart = `${today.slice(0, 8)}01`;
  const from = h('input', { type: 'date', name: 'from', id: 'ranking-from', value: monthStart, required: true });
  const to = h('input', { type: 'date', name: 'to', id: 'ranking-to', value: today, required: true });
  const kind = h('select', { name: 'kind', id: 'ranking-kind' }, ...RANKING_KINDS.map((k) => h('option', { value: k }, w(RANKING_WORDS[k]))));
  const scope = h('select', { name: 'hall', id: 'ranking-hall' }, h('option', { value: '' }, t('cityWide')), ...halls().map((x) => h('option', { value: x.code }, x.name)));
  if (halls().length === 1) scope.value = halls()[0]?.code ?? '';
  const output = h('div', { id: 'ranking', 'aria-live': 'polite' });
  const show = async (): Promise<void> => {
    const k = kind.value as RankingKind;
    const reply = await request(centreReportRoutes.ranking, { query: { from: from.value, to: to.value, kind: k, ...(scope.value ? { hall: scope.value } : {}) } });
    output.replaceChildren(
      h('h3', {}, `${w(RANKING_WORDS[k])} · ${reply.from} – ${reply.to}`),
      h('p', { class: 'formula', id: 'ranking-formula' }, rankingFormula(reply.weights, reply.minRatings, language())),
      reply.entries.length === 0
        ? h('p', {}, t('noEntries'))
        : table(
            [t('rank'), t('hall'), k === 'window' ? t('window') : t('clerk'), t('score'), t('satisfaction'), t('served'), t('ratings'), t('withinLimit')],
            reply.entries.map((e) => [
              String(e.rank), e.hallName ?? '',
              k === 'window' ? windowText(e.windowNumber, e.windowName, e.windowId ?? '') : (e.clerk ?? ''),
              e.score.toFixed(1), percent(e.satisfactionRate), String(e.served), String(e.ratings), percent(e.waitWithinLimitRate),
            ]),
            { id: 'ranking-table' },
          ),
      reply.unranked > 0 ? h('p', { class: 'muted' }, `${reply.unranked} ${t('unranked')}`) : '',
    );
  };
  const form = h(
    'form',
    { class: 'inline', id: 'ranking-form' },
    h('label', { for: 'ranking-kind' }, t('rankingKind')), kind,
    h('label', { for: 'ranking-hall' }, t('scope')), scope,
    h('label', { for: 'ranking-from' }, t('from')), from,
    h('label', { for: 'ranking-to' }, t('to')), to,
    h('button', { type: 'submit' }, t('show')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void show().catch(fail);
  });
  return h('section', { class: 'card' }, h('h2', {}, t('tabRankings')), form, output);
}
