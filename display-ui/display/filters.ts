/**
 * Multi-screen filters: one hall can run several displays, each showing only some services, an area
 * (floor) or a set of windows. A call passes when its service AND its window pass every filter given.
 */
import type { CallView, ServiceView, WindowView } from '../../server/protocol/model';

export interface DisplayFilter {
  /** Service ids (service=A,B). */
  readonly services?: ReadonlySet<string>;
  /** Window areas, e.g. 一楼 (area=一楼). */
  readonly areas?: ReadonlySet<string>;
  /** Window numbers (windows=1,2). */
  readonly windowNumbers?: ReadonlySet<number>;
}

export type WindowsById = ReadonlyMap<string, WindowView>;

export function isUnfiltered(filter: DisplayFilter): boolean {
  return !filter.services && !filter.areas && !filter.windowNumbers;
}

export function windowMatches(filter: DisplayFilter, window: Pick<WindowView, 'number' | 'area'>): boolean {
  if (filter.windowNumbers && !filter.windowNumbers.has(window.number)) return false;
  if (filter.areas && (window.area === undefined || !filter.areas.has(window.area))) return false;
  return true;
}

export function callMatches(filter: DisplayFilter, call: CallView, windows: WindowsById): boolean {
  if (filter.services && !filter.services.has(call.serviceId)) return false;
  if (!filter.areas && !filter.windowNumbers) return true;
  // The call carries the window number; the area comes from the window list (config, rarely changes).
  const window = windows.get(call.windowId);
  return windowMatches(filter, { number: call.windowNumber, area: window?.area });
}

/**
 * Services whose queues this screen shows: the filtered services, else those served by the filtered
 * windows, else all.
 */
export function visibleServices(filter: DisplayFilter, services: readonly ServiceView[], windows: WindowsById): ServiceView[] {
  let shown = services.filter((s) => !filter.services || filter.services.has(s.id));
  if (filter.areas || filter.windowNumbers) {
    const served = new Set<string>();
    for (const w of windows.values()) if (windowMatches(filter, w)) for (const id of w.services) served.add(id);
    shown = shown.filter((s) => served.has(s.id));
  }
  return shown;
}
