/**
 * The audit log for managers (电子监察, issue 19): a search over the append-only event log, each fact
 * projected to an AuditEntry that holds only what its words need, and the same search as a CSV/XLSX file in
 * words with hall-local times. A fact's payload may hold a visitor's masked ID or name (TicketView): the
 * projection copies named fields only, so nothing else can leave.
 */
import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../protocol/audit';
import { AUDIT_KINDS } from '../protocol/audit';
import { AUDIT_WORDS, auditWhat, type StaffAction } from '../protocol/audit-words';
import { CONSOLE_WORDS } from '../protocol/console-words';
import type { Language, StaffRole } from '../protocol/model';
import { planAuditSearch } from '../domain/audit-search';
import { localDateTime } from '../domain/local-time';
import type { AuditRepo, AuditRow } from '../storage/audit-repo';
import { HubError } from './errors';
import type { HubPorts } from './ports';
import type { Table } from './table-files';

export type AuditLogPorts = Pick<HubPorts, 'layout' | 'accounts' | 'config'>;

/** A file holds at most this many entries: a year of every fact of a busy hall is a search to narrow first. */
export const AUDIT_EXPORT_MAX = 50_000;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
const isKind = (type: string): type is AuditKind => (AUDIT_KINDS as readonly string[]).includes(type);

interface StaffName {
  readonly name: string;
  readonly role: StaffRole;
}

export class AuditLog {
  constructor(
    private readonly ports: AuditLogPorts,
    private readonly repo: AuditRepo,
  ) {}

  search(query: AuditQuery): AuditPage {
    const plan = planAuditSearch(query, this.ports.config.hall.timeZone);
    if (!plan.ok) throw new HubError(plan.code, plan.message);
    const rows = this.repo.search({ ...plan.value, limit: plan.value.limit + 1 });
    const names = this.staffNames();
    const page = rows.slice(0, plan.value.limit);
    const entries = page.flatMap((r) => this.toEntry(r, names) ?? []);
    const last = page.at(-1);
    return { entries, next: rows.length > plan.value.limit && last ? last.seq : undefined, timeZone: this.ports.config.hall.timeZone };
  }

  /** Every matching entry (newest first) as one table in words; refused past AUDIT_EXPORT_MAX. */
  table(query: AuditQuery, lang: Language = 'zh-CN'): Table {
    const plan = planAuditSearch(query, this.ports.config.hall.timeZone);
    if (!plan.ok) throw new HubError(plan.code, plan.message);
    const rows = this.repo.search({ ...plan.value, beforeId: undefined, limit: AUDIT_EXPORT_MAX + 1 });
    if (rows.length > AUDIT_EXPORT_MAX) {
      throw new HubError('invalid-request', `The search matches more than ${AUDIT_EXPORT_MAX} entries: narrow the time range or choose an actor, window or kind before exporting.`);
    }
    const names = this.staffNames();
    const words = AUDIT_WORDS[lang];
    const roles = CONSOLE_WORDS[lang].roles;
    const zone = this.ports.config.hall.timeZone;
    return {
      name: lang === 'en' ? 'Audit log' : '操作日志',
      columns: words.columns,
      rows: rows.flatMap((r) => {
        const e = this.toEntry(r, names);
        if (!e) return [];
        return [[
          e.id, localDateTime(e.at, zone), words.actor(e), e.actor.role ? roles[e.actor.role] : '', words.kinds[e.kind],
          e.windowNumber !== undefined ? CONSOLE_WORDS[lang].window(e.windowNumber) : '', e.number, auditWhat(e, lang),
        ]];
      }),
    };
  }

  private staffNames(): Map<string, StaffName> {
    return new Map(this.ports.accounts.auth.listStaff().map((s) => [s.username, { name: s.name, role: s.role }]));
  }

  private windowNumber(windowId: string | undefined): number | undefined {
    return windowId === undefined ? undefined : this.ports.layout.windows.get(windowId)?.number;
  }

  /** Named fields only: a payload's masked ID or name, or anything a newer hub adds, never reaches the entry. */
  private toEntry(row: AuditRow, names: ReadonlyMap<string, StaffName>): AuditEntry | undefined {
    // A fact this hub has no words for (written by a newer version before a downgrade) is left out.
    if (!isKind(row.type)) return undefined;
    const kind = row.type;
    const data = obj(JSON.parse(row.data));
    const entry: AuditEntry = { id: row.seq, at: row.at, kind, actor: actorOf(row.actor, names) };
    const withWindow = (windowId: string | undefined, windowNumber?: number): void => {
      entry.windowId = windowId;
      entry.windowNumber = windowNumber ?? this.windowNumber(windowId);
    };
    const staffName = (username: string | undefined): string | undefined => (username === undefined ? undefined : names.get(username)?.name);
    switch (kind) {
      case 'ticket:issued':
      case 'ticket:updated': {
        const t = obj(data.ticket);
        entry.number = str(t.number);
        entry.serviceId = str(t.serviceId);
        withWindow(str(t.windowId));
        entry.detail = kind === 'ticket:issued' ? str(t.priority) : str(data.reason);
        // Why the green channel (a reason id from policy.greenReasons, never free text about the visitor).
        if (t.priority === 'green') entry.detail2 = str(t.priorityReason);
        break;
      }
      case 'ticket:called': {
        const c = obj(data.call);
        entry.number = str(c.number);
        entry.serviceId = str(c.serviceId);
        withWindow(str(c.windowId), int(c.windowNumber));
        entry.isRecall = c.isRecall === true;
        entry.isChosen = data.isChosen === true;
        break;
      }
      case 'window:updated': {
        const w = obj(data.window);
        withWindow(str(w.id), int(w.number));
        entry.detail = str(w.state);
        entry.detail2 = str(w.pauseReason);
        entry.number = str(obj(w.current).number);
        break;
      }
      case 'window:released':
        withWindow(str(data.windowId), int(data.windowNumber));
        entry.subject = str(data.clerk);
        entry.subjectName = staffName(entry.subject);
        entry.number = str(data.number);
        break;
      case 'rating:recorded': {
        const r = obj(data.rating);
        entry.number = str(r.number);
        entry.serviceId = str(r.serviceId);
        withWindow(str(r.windowId));
        entry.value = int(r.score);
        entry.tags = strings(r.tags);
        entry.detail = str(r.channel);
        entry.subject = str(r.staffId);
        entry.subjectName = staffName(entry.subject);
        break;
      }
      case 'followup:updated': {
        const f = obj(data.followup);
        entry.number = str(f.number);
        entry.serviceId = str(f.serviceId);
        withWindow(str(f.windowId));
        entry.detail = str(f.status);
        entry.detail2 = str(f.appealStatus);
        entry.subject = str(f.assignee);
        entry.subjectName = staffName(entry.subject);
        break;
      }
      case 'alert:raised':
      case 'alert:cleared':
      case 'alert:acknowledged': {
        const a = obj(data.alert);
        entry.detail = str(a.kind);
        entry.serviceId = str(a.serviceId);
        withWindow(str(a.windowId));
        // A ticket's alert names it by its number; a window's or a device's by the window or device.
        if (str(a.kind) === 'wait-overdue' || str(a.kind) === 'service-overdue') entry.number = str(a.subject);
        break;
      }
      case 'admin:changed': {
        entry.detail = str(data.area);
        const account = obj(data.account);
        entry.subject = str(account.username);
        entry.subjectName = staffName(entry.subject) ?? str(account.name);
        entry.detail2 = str(account.role);
        entry.tags = strings(account.actions) as StaffAction[] | undefined;
        break;
      }
      case 'config:updated':
        entry.value = Array.isArray(data.services) ? data.services.length : undefined;
        break;
      case 'notices:updated':
        entry.value = Array.isArray(data.notices) ? data.notices.length : undefined;
        break;
      case 'province:case-attached':
        entry.number = str(data.number);
        entry.text = str(data.caseNumber);
        break;
      case 'province:record-corrected':
        entry.tags = strings(data.fields);
        break;
      case 'device:changed': {
        const d = obj(data.device);
        entry.subject = str(d.id);
        entry.detail = str(d.status);
        entry.detail2 = str(d.kind);
        entry.text = str(d.code);
        break;
      }
      case 'day:summary':
        entry.detail = str(obj(data.summary).day);
        break;
      case 'day:rolled':
        entry.detail = str(data.day);
        break;
      case 'supervision:noted':
        break;
      case 'terminal:reload-requested':
      case 'terminal:forgotten':
        entry.detail = str(data.kind);
        entry.text = str(data.name);
        break;
    }
    return entry;
  }
}

function actorOf(label: string, names: ReadonlyMap<string, StaffName>): AuditEntry['actor'] {
  const colon = label.indexOf(':');
  const kind = colon < 0 ? label : label.slice(0, colon);
  const id = colon < 0 ? undefined : label.slice(colon + 1);
  if (kind === 'staff') {
    const staff = id === undefined ? undefined : names.get(id);
    return { kind: 'staff', id, name: staff?.name, role: staff?.role };
  }
  if (kind === 'kiosk' || kind === 'device') return { kind, id };
  return { kind: kind === 'public' ? 'public' : 'system' };
}
