/**
 * 人员考核 (issue 19): per-clerk and per-window figures for a range, and the quarter's 红旗窗口 / 服务明星,
 * added up from the per-day digests (storage/clerk-days-repo.ts, domain/clerk-day.ts). A closed day is read
 * from the tickets and the event log once and stored; today is computed on every request, up to now.
 */
import type { ClerkReport, DutyLine as DutyLineView, HonourRow, Honours } from '../protocol/clerk-reports';
import { utcOffsetAt } from '../domain/calendar';
import { addLine, digestClerkDay, dutyFigures, emptyLine, type ClerkDayDigest, type DutyLine } from '../domain/clerk-day';
import { DEFAULT_RANKING_WEIGHTS, rankCandidates, type RankingWeights } from '../domain/clerk-ranking';
import { periodOf, quarterDays } from '../domain/report-figures';
import { addDays } from '../domain/working-days';
import type { ClerkDaysRepo } from '../storage/clerk-days-repo';
import type { ReportsRepo } from '../storage/reports-repo';
import { checkRange } from './reports';
import type { HubPorts } from './ports';

export type ClerkReportPorts = Pick<HubPorts, 'time' | 'layout' | 'accounts' | 'config'>;
export type ClerkPeriod = 'day' | 'month' | 'quarter' | 'range';

const DAY_MS = 86_400_000;
const MAX_DAYS = 1000;

export class ClerkReports {
  constructor(
    private readonly ports: ClerkReportPorts,
    private readonly repo: ClerkDaysRepo,
    private readonly reports: ReportsRepo,
    /** The weighting in force: an admin's from the console, else hallq.yaml `policy.ranking`, else the defaults. */
    private readonly rankingWeights: () => RankingWeights = () => this.ports.config.policy.ranking ?? DEFAULT_RANKING_WEIGHTS,
  ) {}

  /** The weighting of the 红旗窗口 / 服务明星 lists, read at every request: an admin's change applies at once. */
  get weights(): RankingWeights {
    return this.rankingWeights();
  }

  private offsetOf(day: string): number {
    return utcOffsetAt(Date.parse(`${day}T12:00:00Z`), this.ports.config.hall.timeZone);
  }

  /** Every day of `from`..`to`: closed days stored (read and stored on a miss), today and later computed. */
  days(from: string, to: string): { day: string; digest: ClerkDayDigest }[] {
    const offset = this.offsetOf(from);
    const now = this.ports.time.now();
    const today = this.ports.time.today(now);
    const stored = new Map(this.repo.stored(from, to, offset).map((r) => [r.day, r.body]));
    const result: { day: string; digest: ClerkDayDigest }[] = [];
    const fresh: { day: string; digest: ClerkDayDigest }[] = [];
    let day = from;
    for (let i = 0; i < MAX_DAYS && day <= to; i++, day = addDays(day, 1)) {
      const body = stored.get(day);
      if (body !== undefined) {
        result.push({ day, digest: JSON.parse(body) as ClerkDayDigest });
        continue;
      }
      if (day > today) continue;
      const digest = this.compute(day, offset, day < today ? undefined : now);
      result.push({ day, digest });
      if (day < today) fresh.push({ day, digest });
    }
    this.repo.store(fresh, offset);
    return result;
  }

  /** One day from the tickets, calls, ratings and the event log; `until` cuts today's window time at now. */
  private compute(day: string, offset: number, until: number | undefined): ClerkDayDigest {
    const start = Date.parse(`${day}T00:00:00Z`) - offset;
    const end = Math.min(start + DAY_MS, until ?? Infinity);
    return digestClerkDay({
      start,
      end,
      windowStates: this.repo.windowStates(start, start + DAY_MS),
      handled: this.repo.handled(day),
      recalls: this.repo.recalls(day),
      ratings: this.reports.ratingCounts(day, day),
    });
  }

  /** Per clerk and per window, one line per period (`range`: one for the whole range). */
  report(from: string, to: string, period: ClerkPeriod = 'range'): ClerkReport {
    checkRange(from, to);
    const label = period === 'range' ? `${from}~${to}` : undefined;
    const clerks = new Map<string, DutyLine>();
    const windows = new Map<string, DutyLine>();
    const add = (map: Map<string, DutyLine>, p: string, lines: Record<string, DutyLine>): void => {
      for (const [key, line] of Object.entries(lines)) {
        const id = `${p}\u0000${key}`;
        let sum = map.get(id);
        if (!sum) map.set(id, (sum = emptyLine()));
        addLine(sum, line);
      }
    };
    for (const { day, digest } of this.days(from, to)) {
      const p = label ?? periodOf(day, period as 'day' | 'month' | 'quarter');
      add(clerks, p, digest.clerks);
      add(windows, p, digest.windows);
    }
    if (label !== undefined) {
      // Over a whole range every clerk has a line, so a clerk who never opened a window shows as 0.
      for (const s of this.ports.accounts.auth.listStaff()) if (s.role === 'clerk' && !clerks.has(`${label}\u0000${s.username}`)) clerks.set(`${label}\u0000${s.username}`, emptyLine());
    }
    return { from, to, period, clerks: this.view(clerks, this.clerkNames(), 'clerk'), windows: this.view(windows, this.windowNames(), 'window') };
  }

  private view(map: Map<string, DutyLine>, names: Map<string, { label: string; order: number }>, kind: 'clerk' | 'window'): DutyLineView[] {
    const lines = [...map].map(([id, line]) => {
      const [period = '', key = ''] = id.split('\u0000');
      return { period, key, label: names.get(key)?.label ?? key, order: names.get(key)?.order ?? Number.MAX_SAFE_INTEGER, line };
    });
    const collator = new Intl.Collator('zh-CN');
    lines.sort((a, b) => a.period.localeCompare(b.period) || (kind === 'window' ? a.order - b.order : collator.compare(a.label, b.label)) || a.key.localeCompare(b.key));
    return lines.map(({ period, key, label, line }) => toView(period, key, label, line));
  }

  private clerkNames(): Map<string, { label: string; order: number }> {
    return new Map(this.ports.accounts.auth.listStaff().map((s) => [s.username, { label: s.name, order: 0 }]));
  }

  private windowNames(): Map<string, { label: string; order: number }> {
    return new Map([...this.ports.layout.windows.values()].map((w) => [w.id, { label: w.name, order: w.number }]));
  }

  /** The quarter's 红旗窗口 (by window) and 服务明星 (by clerk), each with its score broken down. */
  honours(quarter: string): Honours {
    const { from, to } = quarterDays(quarter);
    const report = this.report(from, to, 'range');
    const weights = this.weights;
    const ranked = (lines: DutyLineView[]): { rows: HonourRow[]; notQualified: string[] } => {
      const byKey = new Map(lines.map((l) => [l.key, l]));
      const ranking = rankCandidates(
        lines.map((l) => ({ key: l.key, served: l.served, rate: l.rate, handlingP50Seconds: l.handlingP50Seconds, noShowRate: l.noShowRate })),
        weights,
      );
      return {
        rows: ranking.ranked.map((r) => ({ rank: r.rank, key: r.key, label: byKey.get(r.key)?.label ?? r.key, score: r.score, served: byKey.get(r.key)?.served ?? 0, factors: [...r.factors] })),
        notQualified: ranking.notQualified.map((k) => byKey.get(k)?.label ?? k),
      };
    };
    const w = ranked(report.windows);
    const c = ranked(report.clerks);
    return { quarter, from, to, weights: { ...weights }, windows: w.rows, clerks: c.rows, notQualified: { windows: w.notQualified, clerks: c.notQualified } };
  }

  /**
   * Stores the closed days of the last 400 that are missing — after an upgrade, the past read from the event
   * log — one day per event-loop turn, so the hub keeps answering. `done` once, with the error if a day failed.
   */
  warmCache(isStopped: () => boolean, done: (error?: unknown) => void): void {
    const today = this.ports.time.today();
    const from = addDays(today, -400);
    const offset = this.offsetOf(from);
    let missing: string[];
    try {
      const have = this.repo.storedDays(from, addDays(today, -1), offset);
      missing = [];
      for (let day = from, i = 0; day < today && i < MAX_DAYS; day = addDays(day, 1), i++) if (!have.has(day)) missing.push(day);
    } catch (error) {
      return done(error);
    }
    const next = (i: number): void => {
      const day = missing[i];
      if (day === undefined || isStopped()) return done();
      try {
        this.days(day, day);
      } catch (error) {
        return done(error);
      }
      setImmediate(() => next(i + 1));
    };
    next(0);
  }
}

function toView(period: string, key: string, label: string, line: DutyLine): DutyLineView {
  const f = dutyFigures(line);
  const optional = {
    handlingP50Seconds: f.handlingP50Seconds,
    handlingP90Seconds: f.handlingP90Seconds,
    noShowRate: f.noShowRate,
    rate: f.rate,
  };
  const view: DutyLineView = {
    period,
    key,
    label,
    served: f.served,
    noShows: f.noShows,
    recalls: f.recalls,
    transfers: f.transfers,
    pauseSeconds: f.pauseSeconds,
    pauseTotalSeconds: f.pauseTotalSeconds,
    onDutySeconds: f.onDutySeconds,
    servingSeconds: f.servingSeconds,
    idleSeconds: f.idleSeconds,
    ratings: f.ratings,
    satisfied: f.satisfied,
    bad: f.bad,
    byLevel: { ...f.byLevel },
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(view, { [k]: v });
  return view;
}
