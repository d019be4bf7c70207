/**
 * The clerk page's state as a pure reducer: rebuilt from the staff snapshot on every (re)connect, then
 * advanced by each fact in sequence order. Views only render what this holds.
 */
import type { ConnectionState } from '../../ui-client/hub-client';
import type { StaffEvent } from '../../server/protocol/events';
import type { DeviceHealthView, RatingChannel, RatingScore, ServiceView, StaffSnapshot, TicketView, WindowView } from '../../server/protocol/model';
/** GET /api/windows/:id/today (server/protocol/routes/window-devices.ts). */
import type { WindowTodayReply as TodayReply } from '../../server/protocol/window-devices';

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
}

export type DeskUpdate =
  | { type: 'snapshot'; snapshot: StaffSnapshot; localNow: number }
  | { type: 'event'; event: StaffEvent }
  | { type: 'queues'; services: ServiceView[] }
  | { type: 'devices'; devices: DeviceHealthView[] }
  | { type: 'connection'; state: ConnectionState; detail?: string }
  | { type: 'today'; today: TodayReply }
  /** A command's answer: the window after it, and the ticket it concerned. */
  | { type: 'reply'; window: WindowView; ticket?: TicketView };

export function initialState(windowId: string): DeskState {
  return { windowId, connection: 'connecting', hasSnapshot: false, clockOffset: 0, services: [], windows: [], tickets: new Map(), devices: [] };
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
      return { ...state, lastFinished: undefined };
    default:
      return state;
  }
}
