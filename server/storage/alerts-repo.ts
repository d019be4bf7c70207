/** Alert rows ↔ AlertView. No SQL leaves this file. */
import type { Db } from './db';
import type { AlertKind, AlertView } from '../protocol/manager-model';
import { TERMINAL_FAULT_CODES, type TerminalFaultCode } from '../protocol/terminals';
import type { AlertCondition } from '../domain/alert-rules';

const isFaultCode = (code: string | null): code is TerminalFaultCode => (TERMINAL_FAULT_CODES as readonly (string | null)[]).includes(code);

interface AlertRow {
  id: string;
  key: string;
  kind: string;
  subject_id: string;
  subject: string;
  service_id: string | null;
  window_id: string | null;
  limit_minutes: number | null;
  since: number;
  fault_code: string | null;
  due_at: number | null;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  note: string | null;
}

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toView(r: AlertRow): AlertView {
  return {
    id: r.id,
    kind: r.kind as AlertKind,
    subjectId: r.subject_id,
    subject: r.subject,
    serviceId: u(r.service_id),
    windowId: u(r.window_id),
    limitMinutes: u(r.limit_minutes),
    since: r.since,
    // A code this version does not know (a row from another version) is left out: the console says 「故障」.
    ...(isFaultCode(r.fault_code) ? { faultCode: r.fault_code } : {}),
    ...(r.due_at === null ? {} : { dueAt: r.due_at }),
    raisedAt: r.raised_at,
    clearedAt: u(r.cleared_at),
    acknowledgedAt: u(r.acknowledged_at),
    acknowledgedBy: u(r.acknowledged_by),
    note: u(r.note),
  };
}

export class AlertsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO alerts (id, key, kind, subject_id, subject, service_id, window_id, limit_minutes, since, fault_code, due_at, raised_at)
         VALUES (@id, @key, @kind, @subject_id, @subject, @service_id, @window_id, @limit_minutes, @since, @fault_code, @due_at, @raised_at)`,
      ),
      byId: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
      hasKey: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM alerts WHERE key = ?'),
      uncleared: db.prepare<[], { id: string; key: string }>('SELECT id, key FROM alerts WHERE cleared_at IS NULL'),
      unacknowledged: db.prepare<[], AlertRow>('SELECT * FROM alerts WHERE acknowledged_at IS NULL ORDER BY raised_at DESC LIMIT 500'),
      recent: db.prepare<[number, number], AlertRow>('SELECT * FROM alerts WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at DESC LIMIT 2000'),
      clear: db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL'),
      acknowledge: db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?'),
    };
  }

  insert(id: string, c: AlertCondition, now: number): AlertView {
    this.s.insert.run({
      id,
      key: c.key,
      kind: c.kind,
      subject_id: c.subjectId,
      subject: c.subject,
      service_id: c.serviceId ?? null,
      window_id: c.windowId ?? null,
      limit_minutes: c.limitMinutes ?? null,
      since: c.since,
      fault_code: c.faultCode ?? null,
      due_at: c.dueAt ?? null,
      raised_at: now,
    });
    return this.get(id) as AlertView;
  }

  get(id: string): AlertView | undefined {
    const r = this.s.byId.get(id);
    return r ? toView(r) : undefined;
  }

  hasKey(key: string): boolean {
    return (this.s.hasKey.get(key)?.n ?? 0) > 0;
  }

  uncleared(): { id: string; key: string }[] {
    return this.s.uncleared.all();
  }

  unacknowledged(): AlertView[] {
    return this.s.unacknowledged.all().map(toView);
  }

  between(from: number, to: number): AlertView[] {
    return this.s.recent.all(from, to).map(toView);
  }

  clear(id: string, now: number): void {
    this.s.clear.run(now, id);
  }

  acknowledge(id: string, by: string, note: string, now: number): void {
    this.s.acknowledge.run(now, by, note, id);
  }
}
