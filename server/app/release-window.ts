/**
 * 强制关窗: a manager releases a window left open by a clerk who went away (signed out, was disabled, or
 * left the terminal). The rule is the domain's (`releaseWindow`); here: authorize, load the window, commit
 * the outcome and its facts in one transaction. The facts then move strips, displays and staff pages as any
 * close does, and `window:released` keeps who released which window in the audit log.
 */
import type { WindowCommandReply } from '../protocol/events';
import * as verbs from '../domain/window-verbs';
import type { HubCore } from './core';
import { must } from './errors';
import { actorLabel, type Actor } from './actor';
import { commitOnce } from './idempotency';
import { toTicketView, toWindowView } from './views';
import { apply } from './window-apply';
import { callAtIdleWindows } from './auto-call';
import { requireReleaser } from './window-access';

/**
 * Closes `windowId` with no clerk; the visitor at its counter waits again at the front of their queue.
 * Releasing a window that is already closed changes nothing and answers the window as it is.
 */
export function releaseWindow(core: HubCore, actor: Actor, windowId: string, idempotencyKey?: string): WindowCommandReply {
  // Rights before anything about the window: a clerk learns nothing from a refusal.
  const manager = requireReleaser(actor);
  const window = core.window(windowId);
  return commitOnce(core, manager, `window-release:${windowId}:${actorLabel(manager)}`, idempotencyKey, { windowId }, (tx) => {
    const status = core.windowStatus(window.id);
    const current = status.currentTicketId ? core.tickets.get(status.currentTicketId) : undefined;
    const ctx: verbs.WindowContext = { window, status, current, now: tx.now, policy: core.config.policy };
    const outcome = must(verbs.releaseWindow(ctx, manager.role, core.deps.newId()));
    if (!outcome.isReleased) return { window: toWindowView(window, status, current, tx.now) };
    const view = toWindowView(window, apply(core, tx, window.id, outcome).status, undefined, tx.now);
    const requeued = outcome.requeued?.to;
    tx.emit('window:released', {
      windowId: window.id,
      windowNumber: window.number,
      by: manager.username,
      ...(outcome.clerk !== undefined ? { clerk: outcome.clerk } : {}),
      ...(requeued ? { ticketId: requeued.id, number: requeued.number } : {}),
    });
    // The requeued visitor is first in line again: an idle auto-call window calls them now.
    if (requeued) callAtIdleWindows(core, tx);
    return { window: view, ticket: requeued ? toTicketView(requeued) : undefined };
  });
}
