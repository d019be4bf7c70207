/**
 * The cross-hall reports and rankings: who may see which halls (a hall viewer only its own, whatever the
 * query names), the range checked, the rollup caught up when it is older than `refreshSeconds`, then the
 * figures read from the rollup and finished in the domain. The rollup also runs on a timer
 * (`startReportRollup`), so a report rarely waits for it.
 */
import type { RankingQuery, RankingReply, ReportGrouping, ReportQuery, ReportReply, ReportRow, ReportSubject } from '../../protocol/centre-reports';
import type { CentreReportsSettings } from '../config-reports';
import { mayOpenHall, type Viewer } from '../domain/access';
import { addStored, addSums, emptySums, figuresOf, type GroupSums } from '../domain/report-figures';
import { checkRange, splitRange } from '../domain/report-range';
import { rank } from '../domain/report-ranking';
import type { ReportHall, ReportsRepo, SourceRow } from '../storage/reports-repo';
import { CentreError, type CentreLog, type Clock } from './errors';

export interface ReportsDeps {
  readonly repo: ReportsRepo;
  readonly clock: Clock;
  readonly settings: CentreReportsSettings;
  readonly log: CentreLog;
}

/** Hall-days rolled up per transaction: small enough that a batch waiting on a day never waits long. */
const CHUNK = 200;
/** How long a report may spend catching the rollup up before it answers with what is there. */
const REPORT_CATCH_UP_MS = 2_000;

interface RollupRuns {
  running?: Promise<number>;
  /** A run asked for while one was in progress: it starts when that ends, so it sees what came since. */
  next?: Promise<number>;
}
const runsByRepo = new WeakMap<ReportsRepo, RollupRuns>();

async function rollUpOnce(deps: Pick<ReportsDeps, 'repo' | 'clock'>, budgetMs: number): Promise<number> {
  const started = deps.clock.now();
  let total = 0;
  for (;;) {
    const count = await deps.repo.rollUpChanged(CHUNK, deps.clock.now());
    total += count;
    if (count < CHUNK || deps.clock.now() - started >= budgetMs) return total;
  }
}

/**
 * Rolls changed hall-days up until none is left or `budgetMs` has passed; answers how many it rolled up.
 * In one process, callers during a run share one follow-up run (started after it, so nothing committed
 * before the call is missed); across processes, an advisory lock makes the runs take turns.
 */
export function rollUpReports(deps: Pick<ReportsDeps, 'repo' | 'clock'>, budgetMs = Number.POSITIVE_INFINITY): Promise<number> {
  const runs = runsByRepo.get(deps.repo) ?? {};
  runsByRepo.set(deps.repo, runs);
  const start = (): Promise<number> => {
    const run = rollUpOnce(deps, budgetMs).finally(() => {
      if (runs.running === run) runs.running = undefined;
    });
    runs.running = run;
    return run;
  };
  if (!runs.running) return start();
  runs.next ??= runs.running.catch(() => 0).then(() => {
    runs.next = undefined;
    return start();
  });
  return runs.next;
}

/** The rollup on a timer; `stop()` waits for a run in progress. */
export function startReportRollup(deps: ReportsDeps): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    current = rollUpReports(deps).catch((error: unknown) => deps.log.warn({ err: error }, 'the report rollup failed; it runs again shortly'));
  }, deps.settings.refreshSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}

async function catchUp(deps: ReportsDeps, halls: readonly string[], from: string, to: string): Promise<{ asOf?: number; pendingDays: number }> {
  const before = await deps.repo.freshness(halls, from, to);
  const isStale = before.asOf === undefined || deps.clock.now() - before.asOf >= deps.settings.refreshSeconds * 1000;
  // A run already going (the timer's, perhaps a long first rollup of years of history) is not waited for:
  // the report answers now and says how many hall-days are still pending.
  if (!isStale || before.pendingDays === 0 || runsByRepo.get(deps.repo)?.running) return before;
  await rollUpReports(deps, REPORT_CATCH_UP_MS);
  return deps.repo.freshness(halls, from, to);
}

function checkedRange(deps: ReportsDeps, from: string, to: string): void {
  const range = checkRange(from, to, deps.settings.maxDays);
  if (!range.ok) throw new CentreError(range.code, range.message);
}

/** The halls a query covers: a hall viewer's own (naming another is refused), one named hall, or all. */
export async function reportHalls(deps: Pick<ReportsDeps, 'repo'>, viewer: Viewer, hall: string | undefined): Promise<ReportHall[]> {
  if (hall !== undefined || viewer.role === 'hall-viewer') {
    const code = hall ?? viewer.hallCode ?? '';
    const access = mayOpenHall(viewer, code);
    if (!access.ok) throw new CentreError(access.code, access.message);
    const found = await deps.repo.halls([code]);
    if (found.length === 0) throw new CentreError('not-found', `There is no hall ${code} in the centre's registry; choose a hall from the list.`);
    return found;
  }
  return deps.repo.halls();
}

/** The group a stored row adds to: the hall, the category of its service, or the hall's window or clerk. */
function groupOf(by: ReportGrouping, row: SourceRow, halls: ReadonlyMap<string, ReportHall>): { id: string; hallCode: string; key: string } {
  switch (by) {
    case 'hall':
      return { id: row.hallCode, hallCode: row.hallCode, key: '' };
    case 'category': {
      const category = halls.get(row.hallCode)?.services.find((s) => s.id === row.key)?.category ?? '';
      return { id: `category|${category}`, hallCode: '', key: category };
    }
    case 'window':
    case 'clerk':
      return { id: `${row.hallCode}|${row.key}`, hallCode: row.hallCode, key: row.key };
  }
}

function subjectOf(by: ReportGrouping, row: { hallCode: string; key: string }, halls: ReadonlyMap<string, ReportHall>): ReportSubject {
  const hall = halls.get(row.hallCode);
  const base = { hallCode: row.hallCode, hallName: hall?.name ?? row.hallCode };
  switch (by) {
    case 'hall':
      return { key: row.hallCode, ...base };
    case 'category':
      return { key: `category|${row.key}`, category: row.key };
    case 'window': {
      const w = hall?.windows.find((x) => x.id === row.key);
      return { key: `${row.hallCode}|${row.key}`, ...base, windowId: row.key, windowNumber: w?.number, windowName: w?.name };
    }
    case 'clerk':
      return { key: `${row.hallCode}|${row.key}`, ...base, clerk: row.key };
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Halls by code; categories by name with "none" last; windows by number; clerks by username. */
function rowOrder(a: ReportSubject, b: ReportSubject): number {
  if (a.category !== undefined || b.category !== undefined) {
    const [x, y] = [a.category ?? '', b.category ?? ''];
    return x === '' ? 1 : y === '' ? -1 : compareText(x, y);
  }
  return compareText(a.hallCode ?? '', b.hallCode ?? '') || (a.windowNumber ?? 1e9) - (b.windowNumber ?? 1e9) || compareText(a.windowId ?? a.clerk ?? '', b.windowId ?? b.clerk ?? '');
}

interface Grouped {
  readonly halls: ReportHall[];
  readonly rows: { subject: ReportSubject; sums: GroupSums }[];
  readonly freshness: { asOf?: number; pendingDays: number };
}

async function grouped(deps: ReportsDeps, viewer: Viewer, by: ReportGrouping, from: string, to: string, hall: string | undefined): Promise<Grouped> {
  checkedRange(deps, from, to);
  const halls = await reportHalls(deps, viewer, hall);
  const codes = halls.map((h) => h.code);
  const freshness = await catchUp(deps, codes, from, to);
  const parts = splitRange(from, to);
  const source = codes.length === 0 ? [] : await deps.repo.sourceRows(by, codes, parts.months, parts.dayRuns);
  const byCode = new Map(halls.map((h) => [h.code, h]));
  const groups = new Map<string, { hallCode: string; key: string; sums: GroupSums }>();
  for (const row of source) {
    const g = groupOf(by, row, byCode);
    let group = groups.get(g.id);
    if (!group) groups.set(g.id, (group = { hallCode: g.hallCode, key: g.key, sums: emptySums() }));
    addStored(group.sums, row);
  }
  const rows = [...groups.values()].map((g) => ({ subject: subjectOf(by, g, byCode), sums: g.sums })).sort((a, b) => rowOrder(a.subject, b.subject));
  return { halls, rows, freshness };
}

export async function runReport(deps: ReportsDeps, viewer: Viewer, query: ReportQuery): Promise<ReportReply> {
  const by = query.by ?? 'hall';
  const g = await grouped(deps, viewer, by, query.from, query.to, query.hall);
  const rows: ReportRow[] = g.rows.map((r) => ({ ...r.subject, ...figuresOf(r.sums) }));
  const total = figuresOf(g.rows.reduce((acc, r) => addSums(acc, r.sums), emptySums()));
  return { from: query.from, to: query.to, by, hall: query.hall, halls: g.halls.length, ...g.freshness, rows, total };
}

export async function runRanking(deps: ReportsDeps, viewer: Viewer, query: RankingQuery): Promise<RankingReply> {
  const g = await grouped(deps, viewer, query.kind, query.from, query.to, query.hall);
  // A visit without a window or a clerk is nobody's to be ranked for.
  const candidates = g.rows
    .filter((r) => (query.kind === 'window' ? r.subject.windowId : r.subject.clerk) !== '')
    .map((r) => ({ key: r.subject, sortKey: r.subject.key, figures: figuresOf(r.sums) }));
  const policy = deps.settings.ranking;
  const result = rank(candidates, policy);
  return {
    from: query.from,
    to: query.to,
    kind: query.kind,
    hall: query.hall,
    weights: { ...policy.weights },
    minRatings: policy.minRatings,
    top: policy.top,
    entries: result.entries.map((e) => ({
      ...e.key,
      rank: e.rank,
      score: e.score,
      volumeShare: e.volumeShare,
      served: e.figures.served,
      ratings: e.figures.ratings,
      satisfactionRate: e.figures.satisfactionRate,
      waitWithinLimitRate: e.figures.waitWithinLimitRate,
    })),
    unranked: result.unranked,
    asOf: g.freshness.asOf,
  };
}
