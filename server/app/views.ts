/** Domain values → protocol views. Public views are built here and only here, without personal data. */
import type { CallView, ServiceView, TicketView, TrackView, WindowView } from '../protocol/model';
import type { Service, Ticket, Window, WindowStatus } from '../domain/types';
import type { DayCounter } from '../domain/numbering';
import { unavailableReason } from '../domain/numbering';
import { nextOpening } from '../domain/next-opening';
import type { HallCalendar } from '../domain/working-days';
import { estimateWaitFor, type WaitNotice } from './wait-estimates';

export function toTicketView(t: Ticket): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    day: t.day,
    status: t.status,
    priority: t.priority,
    priorityReason: t.priorityReason,
    arrivedAt: t.arrivedAt,
    issuedAt: t.issuedAt,
    dueAt: t.dueAt,
    windowId: t.windowId,
    staffId: t.staffId,
    targetWindowId: t.targetWindowId,
    calledAt: t.calledAt,
    firstCalledAt: t.firstCalledAt,
    callCount: t.callCount,
    finishedAt: t.finishedAt,
    parkedUntil: t.parkedUntil,
    closeReason: t.closeReason,
    note: t.note,
    personMasked: t.personMasked,
    nameMasked: t.nameMasked,
    waitingAhead: t.waitingAhead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    // Never trackToken: with it anyone, a clerk included, could rate the visit (protocol/model.ts TicketView).
  };
}

export function toWindowView(w: Window, s: WindowStatus | undefined, current: Ticket | undefined, now: number): WindowView {
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    area: w.area,
    services: w.serves.map((x) => x.serviceId),
    weights: w.serves.map((x) => ({ serviceId: x.serviceId, weight: x.weight })),
    state: s?.state ?? 'closed',
    pauseReason: s?.pauseReason,
    since: s?.since ?? now,
    isAutoCall: s?.isAutoCall ?? false,
    current: current && current.calledAt !== undefined
      ? { ticketId: current.id, number: current.number, serviceId: current.serviceId, calledAt: current.calledAt }
      : undefined,
  };
}

export function toCallView(seq: number, ticket: Ticket, window: Window, isRecall: boolean, at: number): CallView {
  return {
    seq,
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    windowId: window.id,
    windowNumber: window.number,
    isRecall,
    callCount: ticket.callCount,
    at,
  };
}

export interface ServiceFacts {
  readonly service: Service;
  readonly counter: DayCounter;
  readonly waiting: number;
  readonly observedMinutes: readonly number[];
  readonly localMinute: number;
  /** The hall's local day, and its holiday calendar: the next working day a service issues again is said by date. */
  readonly day: string;
  readonly calendar: HallCalendar;
}

/** Whether today's cap or numbers are used up, whatever the hour (the reason said first may be the hours). */
function isSpentToday(f: ServiceFacts): boolean {
  return unavailableReason({ ...f.service, hours: [] }, f.counter, f.localMinute) !== undefined;
}

export function toServiceView(f: ServiceFacts, windows: readonly Window[], statuses: ReadonlyMap<string, WindowStatus>): ServiceView {
  const { service } = f;
  const reason = unavailableReason(service, f.counter, f.localMinute);
  const wait = estimateWaitFor({ service, ahead: f.waiting, observedMinutes: f.observedMinutes, windows, statuses });
  return {
    id: service.id,
    name: service.name,
    nameEn: service.nameEn,
    prefix: service.prefix,
    waiting: f.waiting,
    estimatedWaitMinutes: wait.minutes,
    isUnstaffed: wait.isUnstaffed,
    isGuess: wait.isGuess,
    isAvailable: reason === undefined,
    unavailableReason: reason,
    ...(reason !== undefined ? { nextOpening: nextOpening(service.hours, reason, { day: f.day, minute: f.localMinute, calendar: f.calendar }, isSpentToday(f)) } : {}),
    issuedToday: f.counter.issuedToday,
    dailyCap: service.dailyCap,
    hours: service.hours.map((h) => ({ from: h.from, to: h.to })),
    waitLimitMinutes: service.waitLimitMinutes,
    serviceLimitMinutes: service.serviceLimitMinutes,
  };
}

export function toTrackView(
  t: Ticket,
  service: Service,
  hallName: string,
  live: {
    waitingAhead: number; estimatedWaitMinutes: number; notice?: WaitNotice; windowNumber?: number; canRate: boolean; rating?: 1 | 2 | 3 | 4 | 5;
    isNearTurn: boolean; undoMinutesLeft?: number;
  },
): TrackView {
  return {
    number: t.number,
    serviceId: t.serviceId,
    serviceName: service.name,
    serviceNameEn: service.nameEn,
    status: t.status,
    waitingAhead: live.waitingAhead,
    estimatedWaitMinutes: live.estimatedWaitMinutes,
    ...(live.notice ? { isUnstaffed: live.notice.isUnstaffed, isGuess: live.notice.isGuess } : {}),
    windowNumber: live.windowNumber,
    calledAt: t.calledAt,
    isNearTurn: live.isNearTurn,
    ...(live.undoMinutesLeft !== undefined ? { undoMinutesLeft: live.undoMinutesLeft } : {}),
    canRate: live.canRate,
    rating: live.rating,
    hallName,
    ...(service.guide ? { guide: service.guide } : {}),
  };
}
