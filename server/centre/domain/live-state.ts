/**
 * A hall's live state at the centre, reduced from its current generation's events: who waits for which
 * service (and since when), each window's state, open alerts, device health and today's counts. Stored as
 * JSON beside the hall; `summarize` gives the small part the city grid reads. Pure.
 */
import { isSatisfiedScore } from '../../protocol/rating-levels';
import { objectOf, readAlert, readDevice, readTicket, readWindow, stringOf, numberOf, isDay, type Obj, type TicketFacts, type WindowFacts } from './payloads';

export interface LiveTicket {
  readonly serviceId: string;
  readonly number: string;
  readonly issuedAt: number;
}
export interface LiveAlert {
  readonly id: string;
  readonly kind: string;
  readonly subject: string;
  readonly raisedAt: number;
  readonly clearedAt?: number;
  readonly limitMinutes?: number;
}
export interface LiveDevice {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly since?: number;
}
export interface TodayCounts {
  readonly issued: number;
  readonly served: number;
  readonly noShows: number;
  readonly ratings: number;
  readonly satisfied: number;
}

export interface LiveState {
  /** The hall's business day these counts belong to. */
  readonly day?: string;
  readonly waiting: Readonly<Record<string, LiveTicket>>;
  readonly windows: Readonly<Record<string, WindowFacts>>;
  readonly alerts: Readonly<Record<string, LiveAlert>>;
  readonly devices: Readonly<Record<string, LiveDevice>>;
  readonly today: TodayCounts;
}

export interface LiveSummary {
  readonly day?: string;
  readonly waiting: number;
  /** Per service: how many wait and since when the oldest of them (hall time). */
  readonly services: Readonly<Record<string, { readonly waiting: number; readonly oldestIssuedAt: number }>>;
  readonly windows: { readonly open: number; readonly serving: number; readonly paused: number };
  readonly openAlerts: number;
  readonly today: TodayCounts;
}

const NO_COUNTS: TodayCounts = { issued: 0, served: 0, noShows: 0, ratings: 0, satisfied: 0 };
export const EMPTY_LIVE: LiveState = { waiting: {}, windows: {}, alerts: {}, devices: {}, today: NO_COUNTS };

/** The subset of an uplink event the reducer reads. */
export interface LiveEvent {
  readonly type: string;
  readonly at: number;
  readonly data: Obj;
}

/**
 * The reducer works on a draft: one copy per run of events, changed in place, so a batch of a thousand
 * facts at a hall with hundreds waiting costs a thousand small edits, not a thousand copies of the queue.
 */
interface Draft {
  day?: string;
  waiting: Record<string, LiveTicket>;
  windows: Record<string, WindowFacts>;
  alerts: Record<string, LiveAlert>;
  devices: Record<string, LiveDevice>;
  today: { -readonly [K in keyof TodayCounts]: number };
}

function draftOf(state: LiveState): Draft {
  return { day: state.day, waiting: { ...state.waiting }, windows: { ...state.windows }, alerts: { ...state.alerts }, devices: { ...state.devices }, today: { ...state.today } };
}

const resetCounts = (d: Draft): void => void (d.today = { ...NO_COUNTS });

/** A later day seen on any fact starts today's counts afresh (a hall that missed its own rollover fact). */
function onDay(d: Draft, day: string | undefined): void {
  if (!isDay(day) || (d.day !== undefined && day <= d.day)) return;
  d.day = day;
  resetCounts(d);
}

function withTicket(d: Draft, ticket: TicketFacts): void {
  if (ticket.status === 'waiting') d.waiting[ticket.id] = { serviceId: ticket.serviceId, number: ticket.number, issuedAt: ticket.issuedAt };
  else delete d.waiting[ticket.id];
}

const isToday = (d: Draft, day: string): boolean => d.day === undefined || d.day === day;

function apply(d: Draft, event: LiveEvent): void {
  const data = event.data;
  switch (event.type) {
    case 'ticket:issued':
    case 'ticket:called':
    case 'ticket:updated': {
      const ticket = readTicket(data.ticket);
      if (!ticket) return;
      onDay(d, ticket.day);
      withTicket(d, ticket);
      if (!isToday(d, ticket.day)) return;
      // A transfer or return is a new segment of a visit that already arrived: not a new arrival.
      if (event.type === 'ticket:issued' && ticket.arrivedAt >= ticket.issuedAt) d.today.issued++;
      const reason = stringOf(data, 'reason');
      if (event.type === 'ticket:updated' && reason === 'finished') d.today.served++;
      if (event.type === 'ticket:updated' && reason === 'no-show') d.today.noShows++;
      return;
    }
    case 'window:updated': {
      const window = readWindow(data.window);
      if (window) d.windows[window.id] = window;
      return;
    }
    case 'config:updated': {
      // Windows removed by an edit are gone; the remaining keep their live state.
      const list = Array.isArray(data.windows) ? data.windows : [];
      const windows: Record<string, WindowFacts> = {};
      for (const item of list) {
        const w = readWindow(item);
        if (w) windows[w.id] = { ...w, ...pickLive(d.windows[w.id]) };
      }
      d.windows = windows;
      return;
    }
    case 'rating:recorded': {
      const score = numberOf(objectOf(data.rating), 'score');
      if (score === undefined) return;
      d.today.ratings++;
      if (isSatisfiedScore(score)) d.today.satisfied++;
      return;
    }
    case 'alert:raised':
    case 'alert:cleared': {
      const alert = readAlert(data.alert, event.at);
      if (alert) d.alerts[alert.id] = alert;
      return;
    }
    case 'alert:acknowledged': {
      const id = stringOf(objectOf(data.alert), 'id');
      if (id) delete d.alerts[id];
      return;
    }
    case 'device:health':
    case 'device:changed': {
      const device = readDevice(data);
      if (device) d.devices[device.id] = device;
      return;
    }
    case 'day:rolled': {
      const day = stringOf(data, 'day');
      if (!isDay(day)) return;
      // The hall has already closed yesterday's tickets; whatever is left waiting belongs to no day now.
      if (day !== d.day) resetCounts(d);
      d.day = day;
      d.waiting = {};
      return;
    }
    default:
      return;
  }
}

function pickLive(previous: WindowFacts | undefined): Partial<WindowFacts> {
  if (!previous) return {};
  return { state: previous.state, since: previous.since, pauseReason: previous.pauseReason, current: previous.current };
}

export function reduceLive(state: LiveState, event: LiveEvent): LiveState {
  return reduceAll(state, [event]);
}

/** `after(event, snapshot)` runs after each event; `snapshot()` copies the state as it is then (to keep). */
export function reduceAll(state: LiveState, events: readonly LiveEvent[], after?: (event: LiveEvent, snapshot: () => LiveState) => void): LiveState {
  const d = draftOf(state);
  for (const event of events) {
    apply(d, event);
    after?.(event, () => draftOf(d));
  }
  return d;
}

export function summarize(state: LiveState): LiveSummary {
  const services: Record<string, { waiting: number; oldestIssuedAt: number }> = {};
  let waiting = 0;
  for (const ticket of Object.values(state.waiting)) {
    waiting++;
    const s = services[ticket.serviceId];
    if (!s) services[ticket.serviceId] = { waiting: 1, oldestIssuedAt: ticket.issuedAt };
    else services[ticket.serviceId] = { waiting: s.waiting + 1, oldestIssuedAt: Math.min(s.oldestIssuedAt, ticket.issuedAt) };
  }
  let open = 0;
  let serving = 0;
  let paused = 0;
  for (const w of Object.values(state.windows)) {
    if (w.state === 'closed') continue;
    open++;
    if (w.state === 'serving') serving++;
    if (w.state === 'paused') paused++;
  }
  return { day: state.day, waiting, services, windows: { open, serving, paused }, openAlerts: Object.keys(state.alerts).length, today: state.today };
}

/** Reads a stored state back; anything unreadable (a hand edit, an older shape) starts from empty. */
export function parseLive(value: unknown): LiveState {
  const o = objectOf(value);
  if (!o) return EMPTY_LIVE;
  const record = <T>(key: string): Record<string, T> => (objectOf(o[key]) ?? {}) as Record<string, T>;
  const today = objectOf(o.today);
  const count = (key: keyof TodayCounts): number => numberOf(today, key) ?? 0;
  return {
    day: stringOf(o, 'day'),
    waiting: record<LiveTicket>('waiting'),
    windows: record<WindowFacts>('windows'),
    alerts: record<LiveAlert>('alerts'),
    devices: record<LiveDevice>('devices'),
    today: { issued: count('issued'), served: count('served'), noShows: count('noShows'), ratings: count('ratings'), satisfied: count('satisfied') },
  };
}
