/**
 * 电子监察 alerts: runs the rules (domain/alert-rules.ts) on the hall as it is now and persists what changed —
 * new alerts raised and ended conditions cleared in one transaction through the writer, so each appears in
 * the audit log and reaches staff clients as a fact. Acknowledging is a manager's action with a note, also
 * committed.
 */
import type { AlertEvaluation, AlertView, RecentQuery } from '../protocol/manager-model';
import { overdueConditions, planAlerts, type OpenFollowup } from '../domain/alert-rules';
import { darkTerminalConditions, faultTerminalConditions, hallOpenedAt, isHallOpen } from '../domain/terminal-rules';
import type { AlertsRepo } from '../storage/alerts-repo';
import type { StorageFaultView } from '../protocol/model';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { HubPorts } from './ports';
import { SYSTEM, type ManagerSettingsSource } from './manager-settings';

export type AlertPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'read' | 'devices' | 'terminals' | 'config'>;

const DAY_MS = 86_400_000;

export class Alerts {
  constructor(
    private readonly ports: AlertPorts,
    private readonly repo: AlertsRepo,
    private readonly settings: ManagerSettingsSource,
    private readonly newId: () => string,
    /** Open 差评 follow-ups with their deadlines (app/followups.ts): an overdue one is an alert too. */
    private readonly openFollowups: () => readonly OpenFollowup[] = () => [],
  ) {}

  /** Raises the conditions that hold and were never raised, clears the raised ones that ended. */
  evaluate(): AlertEvaluation {
    const { writer, time, layout, read, devices, terminals, config } = this.ports;
    const now = time.now();
    // A hall page gone dark during opening hours (domain/terminal-rules.ts): cleared when it is back.
    // Raised outages hold over the lunch break and the evening (until the page is back); new ones wait for the opening plus the grace.
    const hours = [...layout.services.values()].map((s) => s.hours);
    const calendar = this.settings.calendar();
    const isOpen = isHallOpen(now, hours, config.hall.timeZone, calendar);
    const openedAt = isOpen ? hallOpenedAt(now, hours, config.hall.timeZone) : undefined;
    const uncleared = this.repo.uncleared();
    const raisedKeys = new Set(uncleared.map((a) => a.key));
    const targets = config.policy.faultResponse;
    const dark = darkTerminalConditions({ now, terminals: terminals.all(), isOpen, watchingSince: terminals.watchingSince, openedAt, raisedKeys, targets });
    // A page's own fault (printer unreachable, speech unavailable …): cleared when it reports it ended or is forgotten.
    const faults = faultTerminalConditions({ terminals: terminals.all(), isOpen, openedAt, raisedKeys, targets, timeZone: config.hall.timeZone, calendar });
    const conditions = [...overdueConditions({
      now,
      tickets: read.activeTickets(),
      services: layout.services,
      windows: layout.windows,
      statuses: read.hall.windowStatuses(),
      devices: [...devices.devices.values()],
      pauseLimitMinutes: this.settings.current().pauseLimitMinutes,
      followups: this.openFollowups(),
    }), ...dark, ...faults];
    const known = new Set(conditions.filter((c) => this.repo.hasKey(c.key)).map((c) => c.key));
    const plan = planAlerts(conditions, uncleared, known);
    if (plan.raise.length === 0 && plan.clear.length === 0) return { raised: 0, cleared: 0 };
    writer.commit(SYSTEM, (tx) => {
      for (const condition of plan.raise) {
        // Re-check inside the writer's transaction: a timer and a fact may both have planned this alert.
        if (this.repo.hasKey(condition.key)) continue;
        tx.emit('alert:raised', { alert: this.repo.insert(this.newId(), condition, tx.now) });
      }
      for (const id of plan.clear) {
        this.repo.clear(id, tx.now);
        const alert = this.repo.get(id);
        if (alert) tx.emit('alert:cleared', { alert });
      }
    });
    return { raised: plan.raise.length, cleared: plan.clear.length };
  }

  /**
   * A storage fault that has ended, written once the disk takes writes again: raised at its start, cleared at
   * its end, in one transaction (the fault itself was shown live; a full disk cannot hold its own alert).
   */
  recordStorageFault(fault: StorageFaultView, until: number): void {
    const condition = { key: `storage-fault:storage:${fault.since}`, kind: 'storage-fault', subjectId: 'storage', subject: fault.code, since: fault.since } as const;
    this.ports.writer.commit(SYSTEM, (tx) => {
      if (this.repo.hasKey(condition.key)) return;
      const id = this.newId();
      tx.emit('alert:raised', { alert: this.repo.insert(id, condition, tx.now) });
      this.repo.clear(id, until);
      const cleared = this.repo.get(id);
      if (cleared) tx.emit('alert:cleared', { alert: cleared });
    });
  }

  acknowledge(actor: Extract<Actor, { kind: 'staff' }>, alertId: string, note: string): AlertView {
    return this.ports.writer.commit(actor, (tx) => {
      const alert = this.repo.get(alertId);
      if (!alert) throw new HubError('not-found', `There is no alert ${alertId}.`);
      if (alert.acknowledgedAt !== undefined) {
        throw new HubError('already-acknowledged', `This alert was already acknowledged by ${alert.acknowledgedBy ?? 'a manager'}.`);
      }
      this.repo.acknowledge(alertId, actor.username, note, tx.now);
      const acknowledged = this.repo.get(alertId) as AlertView;
      tx.emit('alert:acknowledged', { alert: acknowledged });
      return acknowledged;
    });
  }

  /** The alerts not acknowledged yet, or (`scope=recent`) every alert raised in the last `days` (default 7). */
  list(query: RecentQuery): AlertView[] {
    if (query.scope !== 'recent') return this.repo.unacknowledged();
    const now = this.ports.time.now();
    return this.repo.between(now - daysBack(query, 7) * DAY_MS, now + 1);
  }
}

export const daysBack = (query: { readonly days?: string }, otherwise: number): number => (query.days === undefined ? otherwise : Number(query.days));
