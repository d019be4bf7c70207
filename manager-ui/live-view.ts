/** The live hall: services, windows (with 强制关窗 for a window left open), recent calls, device health and the charts. */
import type { WindowView } from '../server/protocol/model';
import type { LiveHall } from '../server/protocol/manager-model';
import type { ManagerState } from './state';
import { h, minutes, clock, table } from './dom';
import { t, isKey, language, windowLabel } from './i18n';
import { CONSOLE_WORDS, deviceKindWord, deviceStateWords } from '../server/protocol/console-words';

const STATE_KEYS = { closed: 'closedState', open: 'openState', paused: 'pausedState', serving: 'servingState' } as const;

/** Asks the hub to release a window (the page confirms first). */
export type ReleaseWindow = (window: WindowView) => void;

export function renderLive(state: ManagerState, live: LiveHall | undefined, now: number, release?: ReleaseWindow): HTMLElement {
  const byId = new Map(live?.services.map((s) => [s.id, s]));
  const services = table(
    [t('service'), t('waiting'), `${t('longestWait')} (${t('minutes')})`, `${t('meanWait')} (${t('minutes')})`, `${t('meanService')} (${t('minutes')})`, t('served'), t('noShows')],
    state.services.map((s) => {
      const f = byId.get(s.id);
      // Waiting and longest wait come from the live tickets, so they move with every fact.
      const waiting = [...state.tickets.values()].filter((x) => x.status === 'waiting' && x.serviceId === s.id);
      const longest = waiting.reduce((m, x) => Math.max(m, (now - x.issuedAt) / 1000), 0);
      const isOver = longest > s.waitLimitMinutes * 60;
      return [language() === 'en' ? s.nameEn || s.name : s.name, waiting.length, h('span', { class: isOver ? 'over' : '' }, minutes(longest)), minutes(f?.meanWaitSeconds), minutes(f?.meanServiceSeconds), f?.served ?? 0, f?.noShows ?? 0];
    }),
    { id: 'live-services' },
  );
  const clerks = new Map(live?.windows.map((w) => [w.id, w]));
  const windows = table(
    [t('window'), t('state'), t('clerk'), t('current'), `${t('forHow')} (${t('minutes')})`, t('pauseReason'), t('since'), t('actions')],
    state.windows.map((w) => {
      const extra = clerks.get(w.id);
      const stateKey = STATE_KEYS[w.state];
      return [
        w.name,
        t(stateKey),
        extra?.clerkName ?? extra?.clerk ?? '–',
        w.current?.number ?? '–',
        w.current ? minutes((now - w.current.calledAt) / 1000) : '–',
        w.state === 'paused' ? `${w.pauseReason ? CONSOLE_WORDS[language()].pauseReasons[w.pauseReason] : ''} ${extra?.pauseNote ?? ''}`.trim() : '',
        clock(w.since),
        // Any window not closed can be released: its clerk may have left, been disabled, or not come back.
        w.state !== 'closed' && release
          ? h('button', { type: 'button', class: 'release', 'data-release': w.id, title: t('releaseHint'), onclick: () => release(w) }, t('release'))
          : '',
      ];
    }),
    { id: 'live-windows' },
  );
  const calls = h('ol', { id: 'recent-calls' }, ...state.recentCalls.map((c) => h('li', {}, `${c.number} → ${windowLabel(c.windowNumber)} ${clock(c.at)}`)));
  const devices = state.devices.length === 0
    ? h('p', {}, t('noDevices'))
    : table([t('device'), t('kind'), t('status'), t('since')], state.devices.map((d) => [h('span', { title: d.id }, ownerLabel(state, d.owner ?? d.id)), deviceKindWord(d.kind, language()), deviceStateWords(d.status, d.code, language()), clock(d.since)]), { id: 'devices' });
  const followups = live ? h('p', {}, `${t('followupRate')}: ${Math.round(live.followups.rate * 1000) / 10}% (${live.followups.closed}/${live.followups.total}), ${t('overdueItems')}: ${live.followups.overdue}`) : null;
  return h(
    'div',
    {},
    h('div', { class: 'grid' }, h('div', { class: 'card' }, h('h2', {}, t('service')), services), h('div', { class: 'card' }, h('h2', {}, t('window')), windows)),
    h(
      'div',
      { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, t('recentCalls')), calls),
      h('div', { class: 'card' }, h('h2', {}, t('devices')), devices, followups),
    ),
    h(
      'div',
      { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, t('chartArrivals')), h('div', { style: 'height:260px' }, h('canvas', { id: 'chart-hourly' }))),
      h('div', { class: 'card' }, h('h2', {}, t('chartWaiting')), h('div', { style: 'height:260px' }, h('canvas', { id: 'chart-waiting' }))),
    ),
  );
}

export function alertKindLabel(kind: string): string {
  const kinds = CONSOLE_WORDS[language()].alertKinds;
  return Object.hasOwn(kinds, kind) ? kinds[kind as keyof typeof kinds] : isKey(kind) ? t(kind) : t('alerts');
}

/** A window's device is named by the window (「1号窗口」); a kiosk's by the kiosk's own name in the config. */
function ownerLabel(state: ManagerState, owner: string): string {
  const w = state.windows.find((x) => x.id === owner);
  return w ? windowLabel(w.number) : owner;
}
