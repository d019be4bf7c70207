/**
 * 电子监察 rules: which overdue conditions hold right now. Pure — the facts and the clock come in, a list of
 * conditions goes out; the use case (app/alerts.ts) turns new conditions into alerts and ended ones into clears.
 */
import type { DeviceHealthView } from '../protocol/model';
import type { AlertKind } from '../protocol/manager-model';
import type { TerminalFaultCode } from '../protocol/terminals';
import type { Service, Ticket, Window, WindowStatus } from './types';
import { overdueStep, type FollowupDeadlines } from './followup-rules';

/** An open 差评 follow-up with its deadlines (app/followups.ts computes them from the rules in force). */
export interface OpenFollowup extends FollowupDeadlines {
  readonly id: string;
  readonly number: string;
  readonly status: 'open' | 'closed';
  readonly callbackAt?: number;
  readonly serviceId?: string;
  readonly windowId?: string;
}

export interface AlertFacts {
  readonly now: number;
  /** Active tickets (waiting, called, parked). */
  readonly tickets: readonly Ticket[];
  readonly services: ReadonlyMap<string, Service>;
  readonly windows: ReadonlyMap<string, Window>;
  readonly statuses: ReadonlyMap<string, WindowStatus>;
  readonly devices: readonly DeviceHealthView[];
  readonly pauseLimitMinutes: number;
  /** Open 差评 follow-ups: past the 回访 or 整改 deadline is a 电子监察 alert too. */
  readonly followups?: readonly OpenFollowup[];
}

export interface AlertCondition {
  /** Identifies one occurrence: the same ticket waiting, the same pause, the same outage. */
  readonly key: string;
  readonly kind: AlertKind;
  readonly subjectId: string;
  readonly subject: string;
  readonly serviceId?: string;
  readonly windowId?: string;
  readonly limitMinutes?: number;
  readonly since: number;
  /** The fault a terminal reported (terminal-fault), for the console to word. */
  readonly faultCode?: TerminalFaultCode;
  /** When a response is due (terminal-fault: the grade's target in the hall's configuration). */
  readonly dueAt?: number;
}

const MINUTE = 60_000;
/**
 * A device must stay down this long before it is an alert: every device starts "offline" until its first
 * answer, and a hub restart or a cable wiggle should not sound an alarm in the manager's office.
 */
export const DEVICE_OFFLINE_GRACE_MS = 30_000;

function condition(kind: AlertKind, subjectId: string, since: number, rest: Omit<AlertCondition, 'key' | 'kind' | 'subjectId' | 'since'>): AlertCondition {
  return { key: `${kind}:${subjectId}:${since}`, kind, subjectId, since, ...rest };
}

/** Every overdue condition that holds at `facts.now`. A limit is passed when strictly more time has gone by. */
export function overdueConditions(facts: AlertFacts): AlertCondition[] {
  const found: AlertCondition[] = [];
  for (const ticket of facts.tickets) {
    const service = facts.services.get(ticket.serviceId);
    if (!service) continue;
    if (ticket.status === 'waiting' && facts.now - ticket.issuedAt > service.waitLimitMinutes * MINUTE) {
      found.push(condition('wait-overdue', ticket.id, ticket.issuedAt, { subject: ticket.number, serviceId: service.id, limitMinutes: service.waitLimitMinutes }));
    }
    const servingSince = ticket.firstCalledAt ?? ticket.calledAt;
    if (ticket.status === 'called' && servingSince !== undefined && facts.now - servingSince > service.serviceLimitMinutes * MINUTE) {
      found.push(
        condition('service-overdue', ticket.id, servingSince, {
          subject: ticket.number,
          serviceId: service.id,
          windowId: ticket.windowId,
          limitMinutes: service.serviceLimitMinutes,
        }),
      );
    }
  }
  for (const [windowId, status] of facts.statuses) {
    const window = facts.windows.get(windowId);
    if (!window || status.state !== 'paused') continue;
    if (facts.now - status.since > facts.pauseLimitMinutes * MINUTE) {
      found.push(condition('pause-overdue', windowId, status.since, { subject: window.name, windowId, limitMinutes: facts.pauseLimitMinutes }));
    }
  }
  for (const f of facts.followups ?? []) {
    const step = overdueStep(f, f, facts.now);
    // One alert per deadline missed: the call-back one, then (if it stays open) the 整改 one.
    const since = step === 'callback' ? f.callbackDueAt : step === 'remedy' ? f.dueAt : undefined;
    if (step && since !== undefined) found.push(condition('followup-overdue', `${f.id}:${step}`, since, { subject: `${f.number} ${step === 'callback' ? '回访' : '整改'}`, serviceId: f.serviceId, windowId: f.windowId }));
  }
  for (const device of facts.devices) {
    // The hub's own disk: shown live while it cannot be written, and recorded once it can (app/alerts.ts).
    if (device.kind === 'storage') continue;
    // A printer out of paper also reports itself offline: the more specific alert tells staff what to do.
    if (device.code === 'clock-step') {
      // The hub's own clock (app/clock-health.ts): raised at once, one alert per step.
      found.push(condition('clock-step', device.id, device.since, { subject: device.id }));
    } else if (device.code === 'paper-out') {
      found.push(condition('paper-out', device.id, device.since, { subject: device.owner ? `${device.owner}/${device.id}` : device.id }));
    } else if (device.status !== 'online' && facts.now - device.since >= DEVICE_OFFLINE_GRACE_MS) {
      found.push(condition('device-offline', device.id, device.since, { subject: device.owner ? `${device.owner}/${device.id}` : device.id }));
    }
  }
  return found;
}

export interface AlertPlan {
  readonly raise: readonly AlertCondition[];
  /** Ids of uncleared alerts whose condition no longer holds. */
  readonly clear: readonly string[];
}

/**
 * What to change: raise conditions never seen before (`knownKeys` holds every key ever raised, cleared or
 * not, so an acknowledged alert does not come back), clear open alerts whose condition has ended.
 */
export function planAlerts(conditions: readonly AlertCondition[], uncleared: readonly { id: string; key: string }[], knownKeys: ReadonlySet<string>): AlertPlan {
  const holding = new Set(conditions.map((c) => c.key));
  return {
    raise: conditions.filter((c) => !knownKeys.has(c.key)),
    clear: uncleared.filter((a) => !holding.has(a.key)).map((a) => a.id),
  };
}
