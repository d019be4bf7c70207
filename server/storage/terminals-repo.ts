/**
 * The `terminals` table: every hall page that said `terminal:hello`, whether it is online and since when, its
 * page version and last self-reported fault. Written through the hub's writer (app/terminals.ts); read once at
 * start, so a restart still knows which screen was dark and since when.
 */
import type { Db } from './db';
import type { TerminalRecord } from '../domain/terminal-rules';
import type { TerminalFaultCode, TerminalKind } from '../protocol/terminals';

interface TerminalRow {
  id: string;
  kind: string;
  name: string;
  is_online: number;
  since: number;
  page_version: string;
  has_left: number;
  fault_code: string | null;
  fault_active: number | null;
  fault_at: number | null;
}

function toRecord(r: TerminalRow): TerminalRecord {
  const base = { id: r.id, kind: r.kind as TerminalKind, name: r.name, isOnline: r.is_online === 1, since: r.since, pageVersion: r.page_version, hasLeft: r.has_left === 1 };
  if (r.fault_code === null || r.fault_at === null) return base;
  return { ...base, lastFault: { code: r.fault_code as TerminalFaultCode, isActive: r.fault_active === 1, at: r.fault_at } };
}

export class TerminalsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      all: db.prepare<[], TerminalRow>('SELECT id, kind, name, is_online, since, page_version, has_left, fault_code, fault_active, fault_at FROM terminals ORDER BY id'),
      save: db.prepare<[string, string, string, number, number, string, number, string | null, number | null, number | null]>(
        `INSERT INTO terminals (id, kind, name, is_online, since, page_version, has_left, fault_code, fault_active, fault_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, is_online = excluded.is_online, since = excluded.since,
           page_version = excluded.page_version, has_left = excluded.has_left, fault_code = excluded.fault_code, fault_active = excluded.fault_active, fault_at = excluded.fault_at`,
      ),
      remove: db.prepare<[string]>('DELETE FROM terminals WHERE id = ?'),
    };
  }

  all(): TerminalRecord[] {
    return this.statements.all.all().map(toRecord);
  }

  /** Call inside the writer's transaction. */
  save(t: TerminalRecord): void {
    const f = t.lastFault;
    this.statements.save.run(t.id, t.kind, t.name, t.isOnline ? 1 : 0, t.since, t.pageVersion, t.hasLeft ? 1 : 0, f?.code ?? null, f ? (f.isActive ? 1 : 0) : null, f?.at ?? null);
  }

  /** A forgotten terminal (「移除」). Call inside the writer's transaction. */
  remove(id: string): void {
    this.statements.remove.run(id);
  }
}
