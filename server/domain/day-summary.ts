/**
 * The closing figures of a hall day (the fact `day:summary`, logged by the day rollover): counts, wait and
 * service percentiles and satisfaction, for the hall, per service, per window and per clerk. Pure: storage
 * hands over one row per ticket segment of the day, with its rating if any.
 */
import type { TicketStatus } from '../protocol/model';
import type { DaySummary } from '../protocol/uplink';
import { isBadScore, isSatisfiedScore } from '../protocol/rating-levels';

export interface DayTicketRow {
  readonly serviceId: string;
  readonly windowId?: string;
  readonly staffId?: string;
  readonly status: TicketStatus;
  /** A ticket taken by a visitor (it has a daily number), not a segment created by a transfer or a return. */
  readonly isIssued: boolean;
  readonly issuedAt: number;
  readonly firstCalledAt?: number;
  readonly calledAt?: number;
  readonly finishedAt?: number;
  readonly score?: number;
}

type Figures = DaySummary['totals'];

/** Nearest-rank percentile of sorted values (the reports use the same rule). */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function figuresOf(rows: readonly DayTicketRow[]): Figures {
  const waits: number[] = [];
  const services: number[] = [];
  let ratings = 0;
  let satisfied = 0;
  let bad = 0;
  for (const r of rows) {
    if (r.firstCalledAt !== undefined && r.firstCalledAt >= r.issuedAt) waits.push(Math.round((r.firstCalledAt - r.issuedAt) / 1000));
    if (r.status === 'done' && r.calledAt !== undefined && r.finishedAt !== undefined && r.finishedAt >= r.calledAt) services.push(Math.round((r.finishedAt - r.calledAt) / 1000));
    if (r.score !== undefined) {
      ratings += 1;
      if (isSatisfiedScore(r.score)) satisfied += 1;
      if (isBadScore(r.score)) bad += 1;
    }
  }
  waits.sort((a, b) => a - b);
  services.sort((a, b) => a - b);
  const count = (status: TicketStatus): number => rows.filter((r) => r.status === status).length;
  const figures: Figures = {
    issued: rows.filter((r) => r.isIssued).length,
    served: count('done'),
    noShows: count('no-show'),
    transferred: count('transferred'),
    cancelled: count('cancelled'),
    ratings,
    satisfied,
    bad,
  };
  const optional = {
    waitP50Seconds: percentile(waits, 50),
    waitP90Seconds: percentile(waits, 90),
    serviceP50Seconds: percentile(services, 50),
    serviceP90Seconds: percentile(services, 90),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(figures, { [key]: value });
  return figures;
}

function groupBy(rows: readonly DayTicketRow[], key: (r: DayTicketRow) => string | undefined): Map<string, DayTicketRow[]> {
  const groups = new Map<string, DayTicketRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

export function summarizeDay(day: string, rows: readonly DayTicketRow[]): DaySummary {
  return {
    day,
    totals: figuresOf(rows),
    services: [...groupBy(rows, (r) => r.serviceId)].map(([serviceId, list]) => ({ serviceId, ...figuresOf(list) })),
    windows: [...groupBy(rows, (r) => r.windowId)].map(([windowId, list]) => ({ windowId, ...figuresOf(list) })),
    clerks: [...groupBy(rows, (r) => r.staffId)].map(([staffId, list]) => ({ staffId, ...figuresOf(list) })),
  };
}
