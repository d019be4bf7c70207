/**
 * The audit search over the event log (电子监察). No SQL leaves this file.
 *
 * Speed on a year of events without a new index: the hub stamps every fact with the hall clock, which never
 * runs backwards (app/hall-clock.ts, storage/clock-mark.ts), and numbers facts in commit order, so `at` grows
 * with `seq`. A time range is therefore a seq range, found by a binary search over the primary key (about 20
 * point reads for a million events); the page is then read backwards along the primary key from there.
 * An index on the whole log would cost a page on every commit (issue #8 took such pages out); only the rare
 * kinds are indexed (migration `events_rare_by_kind`), so "every 强制关窗 this year" reads just those. `at`
 * is still checked on every row, so a fact stamped out of order could be left out, never wrongly shown.
 */
import type { Db } from './db';

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly type: string;
  readonly data: string;
}

export interface AuditFilter {
  readonly fromAt: number;
  readonly toAt: number;
  readonly actor?: string;
  readonly kind?: string;
  readonly windowId?: string;
  readonly number?: string;
  readonly beforeId?: number;
  readonly limit: number;
}

/** Where each fact keeps its window and its ticket number (events.ts payloads). */
const WINDOW_PATHS = ['$.ticket.windowId', '$.call.windowId', '$.window.id', '$.windowId', '$.rating.windowId', '$.alert.windowId', '$.followup.windowId'];
const NUMBER_PATHS = ['$.ticket.number', '$.call.number', '$.number', '$.rating.number', '$.followup.number', '$.alert.subject'];
/** The frequent kinds, left out of the partial index: the statement repeats the index's own condition so SQLite uses it. */
const FREQUENT_KINDS = ['ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated', 'rating:recorded'];
const NOT_FREQUENT = `type NOT IN (${FREQUENT_KINDS.map((k) => `'${k}'`).join(', ')})`;
const anyOf = (paths: readonly string[]): string => paths.map((p) => `json_extract(data, '${p}')`).join(', ');

interface PageParams {
  lo: number; hi: number; fromAt: number; toAt: number; actor: string | null; kind: string | null;
  windowId: string | null; windowQuoted: string; number: string | null; numberQuoted: string; limit: number;
}

function pageSql(kindClause: string): string {
  return `SELECT seq, at, actor, type, data FROM events
    WHERE seq >= @lo AND seq <= @hi AND at >= @fromAt AND at < @toAt AND ${kindClause}
      AND (@actor IS NULL OR actor = @actor)
      AND (@windowId IS NULL OR (instr(data, @windowQuoted) > 0 AND @windowId IN (${anyOf(WINDOW_PATHS)})))
      AND (@number IS NULL OR (instr(data, @numberQuoted) > 0 AND @number IN (${anyOf(NUMBER_PATHS)})))
    ORDER BY seq DESC LIMIT @limit`;
}

export class AuditRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      atOf: db.prepare<[number], { at: number }>('SELECT at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1'),
      // Two statements: SQLite answers a lone MIN() or MAX() of the key from the B-tree's edge, both at once by a scan.
      first: db.prepare<[], { seq: number | null }>('SELECT MIN(seq) AS seq FROM events'),
      last: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events'),
      page: db.prepare<PageParams, AuditRow>(pageSql('(@kind IS NULL OR type = @kind)')),
      pageOfRareKind: db.prepare<PageParams, AuditRow>(pageSql(`type = @kind AND ${NOT_FREQUENT}`)),
    };
  }

  /** The first seq whose `at` is at least `at` (hi + 1 when none is). */
  private firstSeqAtOrAfter(at: number, lo: number, hi: number): number {
    let low = lo;
    let high = hi + 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const row = this.s.atOf.get(mid);
      if (row !== undefined && row.at < at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Up to `limit` entries matching, newest first, older than `beforeId` when given. */
  search(filter: AuditFilter): AuditRow[] {
    const first = this.s.first.get()?.seq ?? null;
    const last = this.s.last.get()?.seq ?? null;
    if (first === null || last === null) return [];
    const lo = this.firstSeqAtOrAfter(filter.fromAt, first, last);
    const hiByTime = this.firstSeqAtOrAfter(filter.toAt, first, last) - 1;
    const hi = Math.min(hiByTime, filter.beforeId !== undefined ? filter.beforeId - 1 : hiByTime);
    if (hi < lo) return [];
    const isRare = filter.kind !== undefined && !FREQUENT_KINDS.includes(filter.kind);
    return (isRare ? this.s.pageOfRareKind : this.s.page).all({
      lo, hi, fromAt: filter.fromAt, toAt: filter.toAt, actor: filter.actor ?? null, kind: filter.kind ?? null,
      // A cheap substring test first: json_extract parses the whole payload, instr only scans it.
      windowId: filter.windowId ?? null, windowQuoted: JSON.stringify(filter.windowId ?? ''),
      number: filter.number ?? null, numberQuoted: JSON.stringify(filter.number ?? ''), limit: filter.limit,
    });
  }
}
