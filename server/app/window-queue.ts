/**
 * A window's waiting list in call order, for the clerk's page. The order is the call policy's
 * (domain/call-policy.ts `orderForWindow`), so the head is what call-next would take at this instant.
 */
import type { WindowQueueReply } from '../protocol/window-queue';
import { orderForWindow } from '../domain/call-policy';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { HubPorts } from './ports';

export type WindowQueuePorts = Pick<HubPorts, 'time' | 'layout' | 'read' | 'config'>;

export function windowQueue(ports: WindowQueuePorts, actor: Actor, windowId: string): WindowQueueReply {
  if (actor.kind !== 'staff') throw new HubError('unauthenticated', 'Sign in as staff first.');
  const window = ports.layout.window(windowId);
  const now = ports.time.now();
  const { policy } = ports.config;
  return {
    windowId: window.id,
    now,
    callOrder: policy.callOrder,
    priorityFirst: policy.priorityFirst,
    ticketIds: orderForWindow(window, ports.read.activeTickets(), policy, now).map((t) => t.id),
    recallLimit: policy.recallLimit,
    noShowUndoSeconds: policy.noShowUndoMinutes * 60,
  };
}
