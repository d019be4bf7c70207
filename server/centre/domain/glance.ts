/**
 * The console's figures from what is stored: a hall's glance (its live summary aged to now, against its
 * services' limits), the link's state, the grid grouped by level, and the supervision order. Pure: `now` is
 * the centre's clock, passed in; a hall's own clock is the centre's plus the skew it showed last.
 */
import type { HallGlance, HallsGlanceReply, LinkState, LinkView, LongestWaitView, SatisfactionView, SupervisionItem } from '../../protocol/centre';
import type { HallLevel, UplinkService } from '../../protocol/uplink';
import type { LiveSummary, TodayCounts } from './live-state';

export interface HallRecord {
  readonly code: string;
  readonly name: string;
  readonly level: HallLevel;
  readonly parent?: string;
  readonly timeZone?: string;
  /** From the hall's last profile; empty before its first batch. */
  readonly services: readonly UplinkService[];
  readonly windows: readonly { readonly id: string; readonly number: number; readonly name?: string }[];
}

export interface LinkRecord {
  readonly lastContactAt?: number;
  readonly backlog: number;
  readonly skewMs?: number;
  readonly generation?: string;
  readonly ackedSeq: number;
}

export function linkStateOf(link: LinkRecord, now: number, offlineAfterMs: number): LinkState {
  if (link.lastContactAt === undefined) return 'never';
  if (now - link.lastContactAt > offlineAfterMs) return 'offline';
  return link.backlog > 0 ? 'lagging' : 'live';
}

export function linkView(link: LinkRecord, now: number, offlineAfterMs: number): LinkView {
  return {
    state: linkStateOf(link, now, offlineAfterMs),
    lastContactAt: link.lastContactAt,
    backlog: link.backlog,
    skewMs: link.skewMs,
    generation: link.generation,
    ackedSeq: link.ackedSeq,
  };
}

export function satisfactionOf(today: TodayCounts): SatisfactionView {
  return { ratings: today.ratings, satisfied: today.satisfied, rate: today.ratings > 0 ? today.satisfied / today.ratings : undefined };
}

/** The hall's clock now, as far as the centre can tell (its skew at the last batch). */
export const hallNowOf = (now: number, link: LinkRecord): number => now + (link.skewMs ?? 0);

const minutesBetween = (from: number, to: number): number => Math.max(0, Math.floor((to - from) / 60_000));

/** The service whose oldest waiting ticket is furthest along its limit (ties: the longer wait). */
export function longestWaitOf(summary: LiveSummary, services: readonly UplinkService[], hallNow: number): LongestWaitView | undefined {
  const byId = new Map(services.map((s) => [s.id, s]));
  let best: (LongestWaitView & { ratio: number }) | undefined;
  for (const [serviceId, s] of Object.entries(summary.services)) {
    if (s.waiting === 0) continue;
    const service = byId.get(serviceId);
    const limitMinutes = service?.waitLimitMinutes ?? 60;
    const minutes = minutesBetween(s.oldestIssuedAt, hallNow);
    const ratio = minutes / limitMinutes;
    if (best === undefined || ratio > best.ratio || (ratio === best.ratio && minutes > best.minutes)) {
      best = { serviceId, serviceName: service?.name ?? serviceId, minutes, limitMinutes, isOverLimit: minutes > limitMinutes, since: s.oldestIssuedAt, ratio };
    }
  }
  if (!best) return undefined;
  const { ratio: _ratio, ...view } = best;
  return view;
}

const NO_SUMMARY: LiveSummary = { waiting: 0, services: {}, windows: { open: 0, serving: 0, paused: 0 }, openAlerts: 0, today: { issued: 0, served: 0, noShows: 0, ratings: 0, satisfied: 0 } };

export function glanceOf(hall: HallRecord, summary: LiveSummary | undefined, link: LinkRecord, now: number, offlineAfterMs: number): HallGlance {
  const s = summary ?? NO_SUMMARY;
  return {
    code: hall.code,
    name: hall.name,
    level: hall.level,
    parent: hall.parent,
    day: s.day,
    waiting: s.waiting,
    openWindows: s.windows.open,
    servingWindows: s.windows.serving,
    pausedWindows: s.windows.paused,
    totalWindows: Math.max(hall.windows.length, s.windows.open),
    longestWait: longestWaitOf(s, hall.services, hallNowOf(now, link)),
    satisfaction: satisfactionOf(s.today),
    openAlerts: s.openAlerts,
    link: linkView(link, now, offlineAfterMs),
  };
}

const LEVEL_ORDER: readonly HallLevel[] = ['district', 'town', 'village'];

export function groupByLevel(glances: readonly HallGlance[]): HallsGlanceReply['levels'] {
  return LEVEL_ORDER.map((level) => ({ level, halls: glances.filter((g) => g.level === level).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) })).filter(
    (group) => group.halls.length > 0,
  );
}

/** Overdue first, then by deadline (soonest first), then by hall: what a supervisor works through. */
export function supervisionOrder(a: SupervisionItem, b: SupervisionItem): number {
  if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1;
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  return a.hallCode < b.hallCode ? -1 : a.hallCode > b.hallCode ? 1 : 0;
}
