/**
 * What an audit search asks for, in the hub's terms: a hall-local time range turned into instants, the
 * actor as the log spells it, a page size. Pure: the time zone comes in, no clock is read.
 */
import { accept, refuse, type Decision } from './decision';
import { parseLocalDateTime } from './local-time';

export interface AuditSearchInput {
  readonly from: string;
  readonly to: string;
  readonly actor?: string;
  readonly windowId?: string;
  readonly number?: string;
  readonly kind?: string;
  readonly before?: string;
  readonly limit?: string;
}

export interface AuditSearch {
  /** Inclusive. */
  readonly fromAt: number;
  /** Exclusive. */
  readonly toAt: number;
  /** As stored in the log's actor column: `staff:<username>`, `kiosk:<id>`, `device:<id>`, `system`, `public`. */
  readonly actor?: string;
  readonly windowId?: string;
  readonly number?: string;
  readonly kind?: string;
  readonly beforeId?: number;
  readonly limit: number;
}

export const AUDIT_PAGE_DEFAULT = 50;
/** A search over more than this many days is split: a year (and a leap day) is what a 督查 asks for. */
export const AUDIT_MAX_DAYS = 400;

const DAY_MS = 86_400_000;

/** `2026-11-27` is that whole day; `2026-11-27T09:30` that minute. `isEnd` makes the bound exclusive past it. */
function instantOf(text: string, timeZone: string, isEnd: boolean): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = parseLocalDateTime(`${text} 00:00`, timeZone);
    if (start === undefined || !isEnd) return start;
    // The next local midnight: a day with a DST change is 23 or 25 hours long.
    const next = new Date(Date.parse(`${text}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    return parseLocalDateTime(`${next} 00:00`, timeZone);
  }
  const at = parseLocalDateTime(text, timeZone);
  return at === undefined || !isEnd ? at : at + 60_000;
}

/** Staff are searched by username; other actors by the log's own label. */
export function actorLabelOf(actor: string): string {
  return actor === 'system' || actor === 'public' || /^(kiosk|device|staff):/.test(actor) ? actor : `staff:${actor}`;
}

export function planAuditSearch(input: AuditSearchInput, timeZone: string): Decision<AuditSearch> {
  const fromAt = instantOf(input.from, timeZone, false);
  const toAt = instantOf(input.to, timeZone, true);
  if (fromAt === undefined) return refuse('invalid-request', `"from" ${input.from} is not a time in the hall: write 2026-11-27 or 2026-11-27T09:30.`);
  if (toAt === undefined) return refuse('invalid-request', `"to" ${input.to} is not a time in the hall: write 2026-11-27 or 2026-11-27T17:30.`);
  if (toAt <= fromAt) return refuse('invalid-request', `The range ${input.from} … ${input.to} is empty: "from" must come before "to".`);
  if (toAt - fromAt > (AUDIT_MAX_DAYS + 1) * DAY_MS) return refuse('invalid-request', `A search covers at most ${AUDIT_MAX_DAYS} days; narrow "from" … "to".`);
  return accept({
    fromAt,
    toAt,
    actor: input.actor ? actorLabelOf(input.actor) : undefined,
    windowId: input.windowId,
    number: input.number?.toUpperCase(),
    kind: input.kind,
    beforeId: input.before ? Number(input.before) : undefined,
    limit: input.limit ? Number(input.limit) : AUDIT_PAGE_DEFAULT,
  });
}
