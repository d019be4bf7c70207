/**
 * The clerk page's state as a pure reducer: rebuilt from the staff snapshot on every (re)connect, then
 * advanced by each fact in sequence order. Views only render what this holds.
 */
import type { ConnectionState } from '../../ui-client/hub-client';
import type { StaffEvent } from '../../server/protocol/events';
import type { DeviceHealthView, RatingChannel, RatingScore, ServiceView, StaffSnapshot, TicketView, WindowView } from '../../server/protocol/model';
/** GET /api/windows/:id/today (server/protocol/routes/window-devices.ts). */
import type { WindowTodayReply as TodayReply } from '../../server/protocol/window-devices';
/** GET /api/windows/:id/queue (server/protocol/routes/window-queue.ts): the waiting list in call order. */
import type { WindowQueueReply } from '../../server/protocol/window-queue';

export type { TodayReply };

export interface FinishedVisit {
  readonly ticketId: string;
  readonly number: string;
  readonly finishedAt: number;
  readonly rating?: { readonly score: RatingScore; readonly tags: readonly string[]; readonly channel: RatingChannel };
  readonly isAwaitingRating?: boolean;
}

export interface DeskState {
  readonly windowId: string;
  readonly connection: ConnectionState;
  readonly connectionDetail?: string;
  readonly hasSnapshot: boolean;
  /** Hub clock minus this browser's clock, so timers agree with the hub. */
  readonly clockOffset: number;
  readonly services: readonly ServiceView[];
  readonly windows: readonly WindowView[];
  readonly tickets: ReadonlyMap<string, TicketView>;
  readonly devices: readonly DeviceHealthView[];
  readonly today?: TodayReply;
  readonly lastFinished?: FinishedVisit;
  /**
   * The 办件编号 on each ticket this page has asked about (GET /api/tickets/:id/cases), kept current by the
   * `province:case-attached` facts. A ticket missing here has not been asked about yet.
   */
  readonly cases: ReadonlyMap<string, readonly string[]>;
  /** Whether this hall delivers to a province: the 办件编号 field shows only then (unknown until first asked). */
  readonly isProvinceConfigured?: boolean;
  /**
   * The hub's call order for this window (asked after every change and every 15 s). The page never sorts
   * the queue itself: what it lists is what call-next takes.
   */
  readonly queue?: WindowQueueReply;
  /** The visitor this page just marked a no-show, while the hall's undo time lasts (撤销过号). */
  readonly lastNoShow?: { readonly ticketId: string; readonly number: string; readonly until: number };
}

export type DeskUpdate =
  | { type: 'snapshot'; snapshot: StaffSnapshot; localNow: number }
  | { type: 'event'; event: StaffEvent }
  | { type: 'queues'; services: ServiceView[] }
  | { type: 'devices'; devices: DeviceHealthView[] }
  | { type: 'connection'; state: ConnectionState; detail?: string }
  | { type: 'today'; today: TodayReply }
  /** A command's answer: the window after it, and the ticket it concerned. */
  | { type: 'reply'; window: WindowView; ticket?: TicketView }
  /** The 办件 of one ticket as the hub answered them (a GET, or the answer to an attach). */
  | { type: 'cases'; ticketId: string; caseNumbers: readonly string[]; isConfigured?: boolean }
  | { type: 'queue'; queue: WindowQueueReply; localNow: number }
  /** This page's no-show was answered (`ticket`), or its undo time ran out or was used (none). */
  | { type: 'no-show'; ticket?: TicketView };

export function initialState(windowId: string): DeskState {
  return { windowId, connection: 'connecting', hasSnapshot: false, clockOffset: 0, services: [], windows: [], tickets: new Map(), devices: [], cases: new Map() };
}

const ACTIVE: ReadonlySet<TicketView['status']> = new Set(['waiting', 'called', 'parked']);

function withTicket(tickets: ReadonlyMap<string, TicketView>, ticket: TicketView): Map<string, TicketView> {
  const next = new Map(tickets);
  if (ACTIVE.has(ticket.status)) next.set(ticket.id, ticket);
  else next.delete(ticket.id);
  return next;
}

function withWindow(windows: readonly WindowView[], window: WindowView): WindowView[] {
  return windows.some((w) => w.id === window.id) ? windows.map((w) => (w.id === window.id ? window : w)) : [...windows, window];
}

export function reduce(state: DeskState, action: DeskUpdate): DeskState {
  switch (action.type) {
    case 'snapshot': {
      const s = action.snapshot;
      return {
        ...state,
        hasSnapshot: true,
        clockOffset: s.now - action.localNow,
        services: s.services,
        windows: s.windows,
        tickets: new Map(s.tickets.map((t) => [t.id, t])),
        devices: s.devices,
        // A snapshot (not a replay) means facts may have been missed: the cases are asked for again.
        cases: new Map(),
      };
    }
    case 'event':
      return applyFact(state, action.event);
    case 'queues':
      return { ...state, services: action.services };
    case 'devices':
      return { ...state, devices: action.devices };
    case 'connection':
      return { ...state, connection: action.state, connectionDetail: action.detail };
    case 'reply':
      return { ...state, windows: withWindow(state.windows, action.window), tickets: action.ticket ? withTicket(state.tickets, action.ticket) : state.tickets };
    case 'today':
      return { ...state, today: action.today, lastFinished: action.today.lastFinished ?? state.lastFinished };
    case 'queue':
      // Only this window's answer, and never an older one over a newer one (answers can cross).
      if (action.queue.windowId !== state.windowId || (state.queue && state.queue.now > action.queue.now)) return state;
      return { ...state, queue: action.queue, clockOffset: action.queue.now - action.localNow };
    case 'no-show': {
      const { ticket } = action;
      const seconds = state.queue?.noShowUndoSeconds ?? 0;
      if (!ticket || ticket.finishedAt === undefined || seconds <= 0) return { ...state, lastNoShow: undefined };
      return { ...state, lastNoShow: { ticketId: ticket.id, number: ticket.number, until: ticket.finishedAt + seconds * 1000 } };
    }
    case 'cases':
      return { ...state, cases: new Map(state.cases).set(action.ticketId, mergeCases(state.cases.get(action.ticketId), action.caseNumbers)), ...(action.isConfigured !== undefined ? { isProvinceConfigured: action.isConfigured } : {}) };
  }
}

function applyFact(state: DeskState, event: StaffEvent): DeskState {
  switch (event.type) {
    case 'ticket:issued':
    case 'ticket:called':
      return { ...state, tickets: withTicket(state.tickets, event.data.ticket) };
    case 'ticket:updated': {
      const { ticket, reason } = event.data;
      const next = { ...state, tickets: withTicket(state.tickets, ticket) };
      if (reason === 'finished' && ticket.windowId === state.windowId && ticket.finishedAt !== undefined) {
        return { ...next, lastFinished: { ticketId: ticket.id, number: ticket.number, finishedAt: ticket.finishedAt, isAwaitingRating: true } };
      }
      return next;
    }
    case 'window:updated':
      return { ...state, windows: withWindow(state.windows, event.data.window) };
    case 'rating:recorded': {
      const { rating } = event.data;
      if (state.lastFinished?.ticketId !== rating.ticketId) return state;
      return { ...state, lastFinished: { ...state.lastFinished, isAwaitingRating: false, rating: { score: rating.score as RatingScore, tags: rating.tags, channel: rating.channel } } };
    }
    case 'config:updated':
      return { ...state, services: event.data.services, windows: event.data.windows };
    case 'day:rolled':
      return { ...state, lastFinished: undefined, cases: new Map() };
    case 'province:case-attached': {
      const known = state.cases.get(event.data.ticketId);
      // Unknown ticket: not asked about yet, so the page's GET will bring the whole list.
      if (!known) return state;
      return { ...state, cases: new Map(state.cases).set(event.data.ticketId, mergeCases(known, [event.data.caseNumber])) };
    }
    default:
      return state;
  }
}

/** The numbers in the order they were attached, each once (a fact and the attach's answer may both bring one). */
function mergeCases(known: readonly string[] | undefined, more: readonly string[]): readonly string[] {
  const all = [...(known ?? [])];
  for (const n of more) if (!all.includes(n)) all.push(n);
  return all;
}
