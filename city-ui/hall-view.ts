/** One hall's live view, read-only: its glance, services, windows, alerts, devices and today's counts, in its own time zone. */
import type { HallLiveView } from '../server/protocol/centre';
import { ago, clock, h, percent, ratingsText, table } from './dom';
import { alertWords, deviceKindWords, deviceStateWords, levelWords, linkWords, pauseReasonWords, t, windowStateWords, windowText } from './i18n';
import { isLinkDown } from './state';

export function renderHall(root: HTMLElement, view: HallLiveView, onBack: () => void): void {
  const g = view.hall;
  const zone = view.timeZone;
  const byId = new Map(view.services.map((s) => [s.id, s.name]));
  const card = (title: string, body: Node): HTMLElement => h('section', { class: 'card' }, h('h3', {}, title), body);
  root.replaceChildren(
    h(
      'div',
      { class: 'hall-head' },
      h('button', { type: 'button', id: 'back-to-grid', onclick: onBack }, `← ${t('back')}`),
      h('h2', { id: 'hall-title' }, g.name),
      h('span', { class: 'tag' }, levelWords(g.level)),
      h('span', { class: 'tag' }, t('readOnly')),
      h(
        'span',
        { class: `link link-${g.link.state}`, 'data-link': g.link.state },
        `${isLinkDown(g) ? '⚠ ' : ''}${linkWords(g.link.state)} · ${g.link.lastContactAt === undefined ? t('neverReported') : `${t('lastContact')} ${ago(g.link.lastContactAt, view.now)}`}`,
        g.link.backlog > 0 ? ` · ${t('backlog')} ${g.link.backlog} ${t('items')}` : '',
      ),
      g.day ? h('span', { class: 'muted' }, `${t('businessDay')} ${g.day}`) : '',
    ),
    h(
      'div',
      { class: 'cards' },
      card(
        t('today'),
        table([t('issued'), t('served'), t('noShows'), t('satisfaction'), t('waiting')], [[
          String(view.today.issued), String(view.today.served), String(view.today.noShows),
          view.today.satisfaction.ratings === 0 ? t('noRatings') : `${percent(view.today.satisfaction.rate)} (${ratingsText(view.today.satisfaction.ratings)})`,
          String(g.waiting),
        ]]),
      ),
      card(
        t('services'),
        table(
          [t('service'), t('category'), t('waiting'), t('longestWait')],
          view.services.map((s) => {
            const over = s.longestWaitMinutes !== undefined && s.longestWaitMinutes > s.limitMinutes;
            const wait = s.longestWaitMinutes === undefined ? t('none') : `${s.longestWaitMinutes} / ${s.limitMinutes} ${t('minutes')}`;
            return [s.name, s.category ?? t('noCategory'), String(s.waiting), over ? h('span', { class: 'over' }, `${wait} · ${t('overLimit')}`) : wait];
          }),
          { id: 'hall-services' },
        ),
      ),
    ),
    card(
      t('windows'),
      table(
        [t('window'), t('state'), t('current'), t('pauseReason'), t('since')],
        view.windows.map((w) => [
          windowText(w.number, w.name, w.id),
          h('span', { class: `state state-${w.state}` }, windowStateWords(w.state)),
          w.current ? `${w.current.number} · ${byId.get(w.current.serviceId) ?? t('service')}` : '',
          w.state === 'paused' ? pauseReasonWords(w.pauseReason) : '',
          clock(w.since, zone),
        ]),
        { id: 'hall-windows' },
      ),
    ),
    h(
      'div',
      { class: 'cards' },
      card(
        t('alerts'),
        view.alerts.length === 0
          ? h('p', {}, t('noAlerts'))
          : table([t('kind'), t('subject'), t('raisedAt')], view.alerts.map((a) => [alertWords(a.kind), a.subject, clock(a.raisedAt, zone)])),
      ),
      card(
        t('devices'),
        view.devices.length === 0
          ? h('p', {}, t('noDevices'))
          : table([t('kind'), t('deviceId'), t('state'), t('since')], view.devices.map((d) => [deviceKindWords(d.kind), h('span', { class: 'muted' }, d.id), deviceStateWords(d.state), clock(d.since, zone)])),
      ),
    ),
  );
}
