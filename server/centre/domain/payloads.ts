/**
 * Tolerant readers of the hall's projected payloads. The centre stores every event raw; these pick out the
 * fields the read models use and answer undefined when a payload does not have them, so an older or newer
 * hall (or a fact type the centre does not know) never stops a batch. Pure.
 */
export type Obj = Readonly<Record<string, unknown>>;

export const objectOf = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
export const stringOf = (o: Obj | undefined, key: string): string | undefined => {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
};
export const numberOf = (o: Obj | undefined, key: string): number | undefined => {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
export const booleanOf = (o: Obj | undefined, key: string): boolean | undefined => {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : undefined;
};
export const stringsOf = (o: Obj | undefined, key: string): string[] => {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (v: string | undefined): v is string => v !== undefined && DAY.test(v);

export interface TicketFacts {
  readonly id: string;
  readonly number: string;
  readonly serviceId: string;
  readonly day: string;
  readonly status: string;
  readonly priority?: string;
  readonly closeReason?: string;
  readonly issuedAt: number;
  readonly arrivedAt: number;
  readonly firstCalledAt?: number;
  readonly calledAt?: number;
  readonly finishedAt?: number;
  readonly windowId?: string;
  /** The clerk's username (the hall's staffId); the only staff identity the centre keeps. */
  readonly clerk?: string;
  readonly callCount: number;
}

export function readTicket(value: unknown): TicketFacts | undefined {
  const t = objectOf(value);
  const id = stringOf(t, 'id');
  const number = stringOf(t, 'number');
  const serviceId = stringOf(t, 'serviceId');
  const day = stringOf(t, 'day');
  const status = stringOf(t, 'status');
  const issuedAt = numberOf(t, 'issuedAt');
  if (!id || number === undefined || !serviceId || !isDay(day) || !status || issuedAt === undefined) return undefined;
  return {
    id, number, serviceId, day, status, issuedAt,
    priority: stringOf(t, 'priority'),
    closeReason: stringOf(t, 'closeReason'),
    arrivedAt: numberOf(t, 'arrivedAt') ?? issuedAt,
    firstCalledAt: numberOf(t, 'firstCalledAt'),
    calledAt: numberOf(t, 'calledAt'),
    finishedAt: numberOf(t, 'finishedAt'),
    windowId: stringOf(t, 'windowId'),
    clerk: stringOf(t, 'staffId'),
    callCount: numberOf(t, 'callCount') ?? 0,
  };
}

export interface CallFacts {
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly windowNumber?: number;
  readonly isRecall: boolean;
  readonly callCount: number;
  readonly at: number;
}

export function readCall(value: unknown, fallbackAt: number): CallFacts | undefined {
  const c = objectOf(value);
  const ticketId = stringOf(c, 'ticketId');
  const serviceId = stringOf(c, 'serviceId');
  const windowId = stringOf(c, 'windowId');
  if (!ticketId || !serviceId || !windowId) return undefined;
  return {
    ticketId, serviceId, windowId,
    number: stringOf(c, 'number') ?? '',
    windowNumber: numberOf(c, 'windowNumber'),
    isRecall: booleanOf(c, 'isRecall') ?? false,
    callCount: numberOf(c, 'callCount') ?? 1,
    at: numberOf(c, 'at') ?? fallbackAt,
  };
}

export interface WindowFacts {
  readonly id: string;
  readonly number?: number;
  readonly name?: string;
  readonly state: string;
  readonly since?: number;
  readonly pauseReason?: string;
  readonly current?: { readonly number: string; readonly serviceId: string; readonly calledAt: number };
}

export function readWindow(value: unknown): WindowFacts | undefined {
  const w = objectOf(value);
  const id = stringOf(w, 'id');
  const state = stringOf(w, 'state');
  if (!id || !state) return undefined;
  const c = objectOf(w?.current);
  const number = stringOf(c, 'number');
  const serviceId = stringOf(c, 'serviceId');
  const calledAt = numberOf(c, 'calledAt');
  return {
    id, state,
    number: numberOf(w, 'number'),
    name: stringOf(w, 'name'),
    since: numberOf(w, 'since'),
    pauseReason: stringOf(w, 'pauseReason'),
    current: number !== undefined && serviceId && calledAt !== undefined ? { number, serviceId, calledAt } : undefined,
  };
}

export interface RatingFacts {
  readonly id: string;
  readonly ticketId: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly clerk?: string;
  readonly score: number;
  readonly tags: string[];
  readonly comment?: string;
  readonly channel: string;
  readonly finishedAt?: number;
  readonly ratedAt: number;
}

export function readRating(value: unknown, fallbackAt: number): RatingFacts | undefined {
  const r = objectOf(value);
  const id = stringOf(r, 'id');
  const ticketId = stringOf(r, 'ticketId');
  const score = numberOf(r, 'score');
  if (!id || !ticketId || score === undefined || !Number.isInteger(score) || score < 1 || score > 5) return undefined;
  return {
    id, ticketId, score,
    serviceId: stringOf(r, 'serviceId') ?? '',
    windowId: stringOf(r, 'windowId') ?? '',
    clerk: stringOf(r, 'staffId'),
    tags: stringsOf(r, 'tags'),
    comment: stringOf(r, 'comment'),
    channel: stringOf(r, 'channel') ?? 'unknown',
    finishedAt: numberOf(r, 'finishedAt'),
    ratedAt: numberOf(r, 'ratedAt') ?? fallbackAt,
  };
}

export interface FollowupFacts {
  readonly id: string;
  readonly ratingId?: string;
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly assignee?: string;
  readonly score: number;
  readonly tags: string[];
  readonly comment?: string;
  readonly ratedAt: number;
  readonly dueAt: number;
  readonly status: string;
  readonly closedAt?: number;
  readonly appealStatus?: string;
}

export function readFollowup(value: unknown): FollowupFacts | undefined {
  const f = objectOf(value);
  const id = stringOf(f, 'id');
  const ticketId = stringOf(f, 'ticketId');
  const dueAt = numberOf(f, 'dueAt');
  const ratedAt = numberOf(f, 'ratedAt');
  const status = stringOf(f, 'status');
  if (!id || !ticketId || dueAt === undefined || ratedAt === undefined || !status) return undefined;
  return {
    id, ticketId, dueAt, ratedAt, status,
    ratingId: stringOf(f, 'ratingId'),
    number: stringOf(f, 'number') ?? '',
    serviceId: stringOf(f, 'serviceId') ?? '',
    windowId: stringOf(f, 'windowId') ?? '',
    assignee: stringOf(f, 'assignee'),
    score: numberOf(f, 'score') ?? 0,
    tags: stringsOf(f, 'tags'),
    comment: stringOf(f, 'comment'),
    closedAt: numberOf(f, 'closedAt'),
    appealStatus: stringOf(f, 'appealStatus'),
  };
}

export interface AlertFacts {
  readonly id: string;
  readonly kind: string;
  readonly subject: string;
  readonly raisedAt: number;
  readonly clearedAt?: number;
  readonly limitMinutes?: number;
}

export function readAlert(value: unknown, fallbackAt: number): AlertFacts | undefined {
  const a = objectOf(value);
  const id = stringOf(a, 'id');
  if (!id) return undefined;
  return {
    id,
    kind: stringOf(a, 'kind') ?? 'unknown',
    subject: stringOf(a, 'subject') ?? stringOf(a, 'subjectId') ?? '',
    raisedAt: numberOf(a, 'raisedAt') ?? fallbackAt,
    clearedAt: numberOf(a, 'clearedAt'),
    limitMinutes: numberOf(a, 'limitMinutes'),
  };
}

export interface DeviceFacts {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly since?: number;
}

/** `device:changed` `{ device: { id, kind, status, … } }`, or `device:health` `{ id, kind, state, … }`. */
export function readDevice(data: Obj): DeviceFacts | undefined {
  const d = objectOf(data.device) ?? data;
  const id = stringOf(d, 'id');
  const state = stringOf(d, 'state') ?? stringOf(d, 'status');
  if (!id || !state) return undefined;
  return { id, state, kind: stringOf(d, 'kind') ?? 'device', since: numberOf(d, 'since') };
}

export interface ServiceDaySummary {
  readonly serviceId: string;
  readonly issued: number;
  readonly served: number;
  readonly noShows: number;
  /** Nearest-rank percentiles in seconds, as the hall computed them for the closed day. */
  readonly waitP50Seconds?: number;
  readonly waitP90Seconds?: number;
  readonly serviceP50Seconds?: number;
  readonly serviceP90Seconds?: number;
  readonly ratings?: number;
  readonly satisfied?: number;
  readonly bad?: number;
}

/**
 * `day:summary` `{ summary: DaySummary }` (server/protocol/uplink.ts): the closing figures of one hall day.
 * A summary sent flat (without the `summary` wrapper) is read too.
 */
export function readDaySummary(data: Obj): { day: string; services: ServiceDaySummary[]; document: Obj } | undefined {
  const doc = objectOf(data.summary) ?? data;
  const day = stringOf(doc, 'day');
  if (!isDay(day)) return undefined;
  const list = Array.isArray(doc.services) ? doc.services : [];
  const services: ServiceDaySummary[] = [];
  for (const item of list) {
    const s = objectOf(item);
    const serviceId = stringOf(s, 'serviceId');
    if (!serviceId) continue;
    services.push({
      serviceId,
      issued: numberOf(s, 'issued') ?? 0,
      served: numberOf(s, 'served') ?? 0,
      noShows: numberOf(s, 'noShows') ?? 0,
      waitP50Seconds: numberOf(s, 'waitP50Seconds'),
      waitP90Seconds: numberOf(s, 'waitP90Seconds'),
      serviceP50Seconds: numberOf(s, 'serviceP50Seconds'),
      serviceP90Seconds: numberOf(s, 'serviceP90Seconds'),
      ratings: numberOf(s, 'ratings'),
      satisfied: numberOf(s, 'satisfied'),
      bad: numberOf(s, 'bad'),
    });
  }
  return { day, services, document: doc };
}
