/**
 * Runs the 电子监察 rules on the hub's facts and persists what changed: new alerts are raised and ended
 * conditions cleared in one transaction through `core.commit`, so each appears in the audit log and reaches
 * staff clients as a fact. Acknowledging is a manager's action with a note, also committed.
 */
import type { AlertView } from '../protocol/manager-model';
import type { Actor } from '../app/actor';
import { HubError } from '../app/errors';
import { overdueConditions, planAlerts } from './alert-rules';
import { SYSTEM, type ManagerContext } from './context';

export function evaluateAlerts(ctx: ManagerContext): { raised: number; cleared: number } {
  const core = ctx.core;
  const conditions = overdueConditions({
    now: core.now(),
    tickets: core.activeTickets(),
    services: core.services,
    windows: core.windows,
    statuses: core.hall.windowStatuses(),
    devices: [...core.devices.values()],
    pauseLimitMinutes: ctx.settings().pauseLimitMinutes,
  });
  const known = new Set(conditions.filter((c) => ctx.alerts.hasKey(c.key)).map((c) => c.key));
  const plan = planAlerts(conditions, ctx.alerts.uncleared(), known);
  if (plan.raise.length === 0 && plan.clear.length === 0) return { raised: 0, cleared: 0 };
  core.commit(SYSTEM, (tx) => {
    for (const condition of plan.raise) {
      // Re-check inside the writer's transaction: a timer and a fact may both have planned this alert.
      if (ctx.alerts.hasKey(condition.key)) continue;
      tx.emit('alert:raised', { alert: ctx.alerts.insert(core.deps.newId(), condition, tx.now) });
    }
    for (const id of plan.clear) {
      ctx.alerts.clear(id, tx.now);
      const alert = ctx.alerts.get(id);
      if (alert) tx.emit('alert:cleared', { alert });
    }
  });
  return { raised: plan.raise.length, cleared: plan.clear.length };
}

export function acknowledgeAlert(ctx: ManagerContext, actor: Extract<Actor, { kind: 'staff' }>, alertId: string, note: string): AlertView {
  return ctx.core.commit(actor, (tx) => {
    const alert = ctx.alerts.get(alertId);
    if (!alert) throw new HubError('not-found', `There is no alert ${alertId}.`);
    if (alert.acknowledgedAt !== undefined) {
      throw new HubError('already-acknowledged', `This alert was already acknowledged by ${alert.acknowledgedBy ?? 'a manager'}.`);
    }
    ctx.alerts.acknowledge(alertId, actor.username, note, tx.now);
    const acknowledged = ctx.alerts.get(alertId) as AlertView;
    tx.emit('alert:acknowledged', { alert: acknowledged });
    return acknowledged;
  });
}
