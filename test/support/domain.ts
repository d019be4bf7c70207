/** Builders for domain values in unit tests. */
import type { HallPolicy, Service, Ticket, Window, WindowStatus } from '../../server/domain/types';

export const T0 = Date.parse('2026-11-27T01:00:00Z'); // 09:00 in Asia/Shanghai
export const MIN = 60_000;

export const policy: HallPolicy = {
  callOrder: 'weighted-wait',
  priorityFirst: true,
  appointmentEarlyMinutes: 15,
  appointmentLateMinutes: 15,
  recallLimit: 2,
  parkMinutes: 10,
  ratingTimeoutSeconds: 60,
  phoneRatingHours: 72,
  greenChannelAge: 70,
  perPersonDailyLimit: 3,
};

export function service(overrides: Partial<Service> = {}): Service {
  return {
    id: 'A',
    name: '综合受理',
    nameEn: 'General',
    prefix: 'A',
    rangeStart: 1,
    rangeEnd: 999,
    defaultServiceMinutes: 6,
    waitLimitMinutes: 30,
    serviceLimitMinutes: 15,
    hours: [],
    ...overrides,
  };
}

export function window(id: string, serves: Array<[string, number]>, number = Number(id.replace(/\D/g, '')) || 1): Window {
  return { id, number, name: `${number}号窗口`, serves: serves.map(([serviceId, weight]) => ({ serviceId, weight })) };
}

export function openStatus(windowId: string, staffId = 'clerk1', at = T0): WindowStatus {
  return { windowId, state: 'open', staffId, since: at, isAutoCall: false };
}

let counter = 0;
export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  counter++;
  return {
    id: `t${counter}`,
    day: '2026-11-27',
    serviceId: 'A',
    seq: counter,
    number: `A${String(counter).padStart(3, '0')}`,
    priority: 'normal',
    status: 'waiting',
    trackToken: `track-${counter}`,
    arrivedAt: T0,
    issuedAt: T0,
    isReturn: false,
    callCount: 0,
    waitingAhead: 0,
    estimatedWaitMinutes: 0,
    ...overrides,
  };
}
