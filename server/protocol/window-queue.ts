/**
 * What a clerk's page is told about its window's queue (GET /api/windows/:windowId/queue): the waiting
 * tickets in the order call-next would take them, decided by the hub's call policy
 * (server/domain/call-policy.ts) and never re-sorted by the page, with the rules the page names.
 */
import { Type, type Static } from '@sinclair/typebox';

export const CALL_ORDERS = ['weighted-wait', 'service-order', 'arrival'] as const;
export type CallOrderName = (typeof CALL_ORDERS)[number];

export const WindowQueueReply = Type.Object({
  windowId: Type.String(),
  /** The hub's clock when the order was decided: weighted waits change as time passes. */
  now: Type.Integer(),
  callOrder: Type.Union(CALL_ORDERS.map((o) => Type.Literal(o))),
  priorityFirst: Type.Boolean(),
  /** Ids of the waiting tickets this window may call; the first is the one call-next takes now. */
  ticketIds: Type.Array(Type.String()),
  /** After this many recalls the next recall marks the visitor a no-show (过号). */
  recallLimit: Type.Integer({ minimum: 0 }),
  /** A no-show can be put back at the counter for this long (0: never). */
  noShowUndoSeconds: Type.Integer({ minimum: 0 }),
});
export type WindowQueueReply = Static<typeof WindowQueueReply>;
