/** The live hall for /manager: per-service and per-window figures that the staff snapshot does not carry. */
import type { LiveHall, LiveService, LiveWindow } from '../protocol/manager-model';
import type { HubPorts } from './ports';
import type { Reports } from './reports';
import type { Followups } from './followups';

export type LiveHallPorts = Pick<HubPorts, 'time' | 'layout' | 'read' | 'accounts'>;

/** How far back the live page's 回访整改率 reaches. */
const FOLLOWUP_DAYS = 90;

export function liveHall(ports: LiveHallPorts, reports: Reports, followups: Followups): LiveHall {
  const { time, layout, read, accounts } = ports;
  const now = time.now();
  const today = time.today(now);
  const report = reports.build(today, today);
  const active = read.activeTickets();
  const statuses = read.hall.windowStatuses();
  const staffNames = new Map(accounts.auth.listStaff().map((s) => [s.username, s.name]));
  const services = [...layout.services.values()].map((s): LiveService => {
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
  const windows = [...layout.windows.values()]
    .sort((a, b) => a.number - b.number)
    .map((w): LiveWindow => {
      const status = statuses.get(w.id);
      const current = status?.currentTicketId ? read.tickets.get(status.currentTicketId) : undefined;
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
  return { now, services, windows, followups: followups.summary(FOLLOWUP_DAYS) };
}
