/**
 * The console's state, rebuilt from the staff snapshot on every (re)connect and advanced by facts.
 * A pure reducer: no DOM, no fetch; the views render whatever it holds.
 */
import type { StaffEvent } from '../server/protocol/events';
import type { CallView, DeviceHealthView, ServiceView, StaffSnapshot, TicketView, WindowView } from '../server/protocol/model';
import type { AlertView, FollowupView } from '../server/protocol/manager-model';

export interface ManagerState {
  seq: number;
  services: ServiceView[];
  windows: WindowView[];
  tickets: Map<string, TicketView>;
  recentCalls: CallView[];
  devices: DeviceHealthView[];
  notices: string[];
  alerts: Map<string, AlertView>;
  followups: Map<string, FollowupView>;
  /** Which follow-ups the list shows: open ones, those closed lately, or all of the last 90 days. */
  followupScope: FollowupScope;
}

export type FollowupScope = 'open' | 'closed' | 'recent';

/** Whether a follow-up belongs in the list the manager chose: a closed one stays in the history lists. */
function isShown(f: FollowupView, scope: FollowupScope): boolean {
  return scope === 'recent' || f.status === scope;
}

export function emptyState(): ManagerState {
  return { seq: 0, services: [], windows: [], tickets: new Map(), recentCalls: [], devices: [], notices: [], alerts: new Map(), followups: new Map(), followupScope: 'open' };
}

export function fromSnapshot(previous: ManagerState, s: StaffSnapshot): ManagerState {
  return {
    ...previous,
    seq: s.seq,
    services: s.services,
    windows: s.windows,
    tickets: new Map(s.tickets.map((t) => [t.id, t])),
    recentCalls: s.recentCalls,
    devices: s.devices,
    notices: s.notices,
  };
}

const ACTIVE = new Set(['waiting', 'called', 'parked']);

function withTicket(state: ManagerState, ticket: TicketView): Map<string, TicketView> {
  const tickets = new Map(state.tickets);
  if (ACTIVE.has(ticket.status)) tickets.set(ticket.id, ticket);
  else tickets.delete(ticket.id);
  return tickets;
}

/** Applies one fact. Unknown facts (from newer hubs or other extensions) only advance the sequence. */
export function reduce(state: ManagerState, event: StaffEvent): ManagerState {
  const next = { ...state, seq: event.seq };
  switch (event.type) {
    case 'ticket:issued':
    case 'ticket:updated':
      return { ...next, tickets: withTicket(state, event.data.ticket) };
    case 'ticket:called':
      return { ...next, tickets: withTicket(state, event.data.ticket), recentCalls: [event.data.call, ...state.recentCalls].slice(0, 12) };
    case 'window:updated':
      return { ...next, windows: state.windows.map((w) => (w.id === event.data.window.id ? event.data.window : w)) };
    case 'config:updated':
      return { ...next, services: event.data.services, windows: event.data.windows };
    case 'notices:updated':
      return { ...next, notices: event.data.notices };
    case 'day:rolled':
      return { ...next, tickets: new Map(), recentCalls: [] };
    case 'alert:raised':
    case 'alert:cleared': {
      // The list holds unacknowledged alerts only: one acknowledged while it held stays out when it clears.
      const alerts = new Map(state.alerts);
      if (event.data.alert.acknowledgedAt === undefined) alerts.set(event.data.alert.id, event.data.alert);
      else alerts.delete(event.data.alert.id);
      return { ...next, alerts };
    }
    case 'alert:acknowledged': {
      const alerts = new Map(state.alerts);
      alerts.delete(event.data.alert.id);
      return { ...next, alerts };
    }
    case 'followup:updated': {
      const followups = new Map(state.followups);
      if (isShown(event.data.followup, state.followupScope)) followups.set(event.data.followup.id, event.data.followup);
      else followups.delete(event.data.followup.id);
      return { ...next, followups };
    }
    default:
      return next;
  }
}

export function withAlerts(state: ManagerState, alerts: readonly AlertView[]): ManagerState {
  return { ...state, alerts: new Map(alerts.map((a) => [a.id, a])) };
}

export function withFollowups(state: ManagerState, followups: readonly FollowupView[], scope: FollowupScope = state.followupScope): ManagerState {
  return { ...state, followupScope: scope, followups: new Map(followups.filter((f) => isShown(f, scope)).map((f) => [f.id, f])) };
}
