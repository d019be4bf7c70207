/**
 * 一次性告知 on the kiosk (issue 18 item 4): the service's materials in large text BEFORE the ticket is
 * printed, so a visitor who lacks a document learns it now, not after 40 minutes of waiting. 继续取号 takes
 * the ticket; 返回 goes back to the services with the person still held.
 */
import type { ServiceGuide } from '../server/protocol/layout';
import { h } from './dom';
import type { Strings } from './i18n';
import type { Intents } from './views';
import type { KioskState, Screen } from './state';

export function guideScreen(state: KioskState, s: Extract<Screen, { name: 'guide' }>, t: Strings, intents: Intents): HTMLElement {
  const guide: ServiceGuide = state.config?.guides?.[s.serviceId] ?? { materials: [] };
  const service = state.services.find((x) => x.id === s.serviceId);
  const name = service ? (state.language === 'en' ? service.nameEn : service.name) : s.serviceId;
  const sep = state.language === 'en' ? ': ' : '：';
  const facts = [
    guide.promiseDays !== undefined ? t.guidePromise(guide.promiseDays) : undefined,
    guide.fees ? `${t.guideFees}${sep}${guide.fees}` : undefined,
    guide.basis ? `${t.guideBasis}${sep}${guide.basis}` : undefined,
    guide.notes ? `${t.guideNotes}${sep}${guide.notes}` : undefined,
  ].filter((x): x is string => x !== undefined);
  return h(
    'div',
    { class: 'panel guide', testid: 'guide' },
    h('h1', {}, t.guideTitle),
    h('p', { class: 'big-line guide-service' }, name),
    h('ol', { class: 'guide-materials', testid: 'guide-materials' }, ...guide.materials.map((m) => h('li', {}, m))),
    facts.length > 0 ? h('ul', { class: 'guide-facts' }, ...facts.map((f) => h('li', {}, f))) : null,
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'big secondary', testid: 'guide-back', onClick: () => intents.dispatch({ type: 'guide-back' }) }, t.back),
      h('button', { class: 'big primary', testid: 'guide-continue', onClick: () => intents.takeTicket(s.serviceId, s.appointmentCode) }, t.guideContinue),
    ),
  );
}
