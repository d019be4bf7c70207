/** The live hall for /manager: per-service and per-window figures that the staff snapshot does not carry. */
import type { ManagerContext } from './context';
import { buildReport } from './reports';

export interface LiveService {
  id: string;
  name: string;
  waiting: number;
  longestWaitSeconds: number;
  meanWaitSeconds?: number;
  meanServiceSeconds?: number;
  served: number;
  noShows: number;
  waitLimitMinutes: number;
}

export interface LiveWindow {
  id: string;
  number: number;
  name: string;
  state: string;
  clerk?: string;
  clerkName?: string;
  currentNumber?: string;
  currentSince?: number;
  pauseReason?: string;
  pauseNote?: string;
  since: number;
}

export function liveHall(ctx: ManagerContext): { now: number; services: LiveService[]; windows: LiveWindow[] } {
  const core = ctx.core;
  const now = core.now();
  const today = core.today(now);
  const report = buildReport(ctx, today, today);
  const active = core.activeTickets();
  const statuses = core.hall.windowStatuses();
  const staffNames = new Map(core.auth.listStaff().map((s) => [s.username, s.name]));
  const services = [...core.services.values()].map((s): LiveService => {
    const waiting = active.filter((t) => t.status === 'waiting' && t.serviceId === s.id);
    const figures = report.byService.find((l) => l.key === s.id);
    return {
      id: s.id,
      name: s.name,
      waiting: waiting.length,
      longestWaitSeconds: waiting.reduce((m, t) => Math.max(m, Math.round((now - t.issuedAt) / 1000)), 0),
      meanWaitSeconds: figures?.waitMeanSeconds,
      meanServiceSeconds: figures?.serviceMeanSeconds,
      served: figures?.served ?? 0,
      noShows: figures?.noShows ?? 0,
      waitLimitMinutes: s.waitLimitMinutes,
    };
  });
  const windows = [...core.windows.values()]
    .sort((a, b) => a.number - b.number)
    .map((w): LiveWindow => {
      const status = statuses.get(w.id);
      const current = status?.currentTicketId ? core.tickets.get(status.currentTicketId) : undefined;
      return {
        id: w.id,
        number: w.number,
        name: w.name,
        state: status?.state ?? 'closed',
        clerk: status?.staffId,
        clerkName: status?.staffId ? staffNames.get(status.staffId) : undefined,
        currentNumber: current?.number,
        currentSince: current?.firstCalledAt ?? current?.calledAt,
        pauseReason: status?.state === 'paused' ? status.pauseReason : undefined,
        pauseNote: status?.state === 'paused' ? status.pauseNote : undefined,
        since: status?.since ?? now,
      };
    });
  return { now, services, windows };
}
