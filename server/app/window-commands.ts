/**
 * The window verbs: authorize, load the window's inputs, ask the domain, persist the outcome and its facts.
 * All inside one transaction, so two windows calling at the same instant can never get the same ticket.
 */
import type { WindowCommandReply } from '../protocol/events';
import type { WindowVerb, WindowVerbBodyMap } from '../protocol/http';
import { chooseNext } from '../domain/call-policy';
import * as verbs from '../domain/window-verbs';
import { undoNoShow } from '../domain/no-show-undo';
import type { Decision } from '../domain/decision';
import type { HubCore, Tx } from './core';
import { HubError, must } from './errors';
import { actorLabel, isStaff, type Actor } from './actor';
import { commitOnce, commitOnceBatched } from './idempotency';
import { authorizeWindowVerb, openerOf, requireWindowOperator, type WindowOperator } from './window-access';
import { toTicketView, toWindowView } from './views';
import { apply } from './window-apply';
import { callAtIdleWindows } from './auto-call';

/** Runs one verb. Answers null when call-next finds nobody waiting (HTTP 204). */
export function runWindowVerb<V extends WindowVerb>(core: HubCore, actor: Actor, windowId: string, verb: V, body: WindowVerbBodyMap[V], idempotencyKey?: string): WindowCommandReply | null {
  const plan = planWindowVerb(core, actor, windowId, verb, body, idempotencyKey);
  return commitOnce(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

/**
 * `runWindowVerb` through the group commit: many windows calling at the same moment share one fsync
 * (bench figure 2). Each verb still runs in its own savepoint after the ones before it in the batch, so
 * two windows can never take the same ticket. Resolves once durable and announced. The one write path of
 * the clerk's page (HTTP and socket) and of a window's hardware caller.
 */
export async function runWindowVerbBatched<V extends WindowVerb>(
  core: HubCore, actor: Actor, windowId: string, verb: V, body: WindowVerbBodyMap[V], idempotencyKey?: string,
): Promise<WindowCommandReply | null> {
  const plan = planWindowVerb(core, actor, windowId, verb, body, idempotencyKey);
  return commitOnceBatched(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

function planWindowVerb<V extends WindowVerb>(core: HubCore, actor: Actor, windowId: string, verb: V, body: WindowVerbBodyMap[V], idempotencyKey: string | undefined) {
  // Who the actor is first: a kiosk or a stranger learns nothing about the window.
  const operator = requireWindowOperator(actor);
  const window = core.window(windowId);
  const key = idempotencyKey ?? body.idempotencyKey;
  const request = { windowId, verb, body: { ...body, idempotencyKey: undefined } };
  const work = (tx: Tx): WindowCommandReply | null => {
    const statuses = core.hall.windowStatuses();
    const status = core.windowStatus(window.id, statuses);
    authorizeWindowVerb(operator, verb, window, status.staffId);
    const current = status.currentTicketId ? core.tickets.get(status.currentTicketId) : undefined;
    const ctx: verbs.WindowContext = { window, status, current, now: tx.now, policy: core.config.policy };
    const decision = DECIDE[verb]({ core, actor: operator, ctx }, body);
    if (decision === null) return null;
    const outcome = must(decision);
    let result = apply(core, tx, window.id, outcome);
    // Auto-call: any idle auto-call window (this one after a finish, no-show, park or transfer; the one a
    // transfer sent the visitor to) calls in this same transaction, so nobody is called twice.
    result = callAtIdleWindows(core, tx).get(window.id) ?? result;
    return { window: toWindowView(window, result.status, result.current, tx.now), ticket: outcome.ticket ? toTicketView(outcome.ticket) : undefined };
  };
  return { scope: `window:${windowId}:${actorLabel(actor)}`, key, request, work };
}

interface VerbInput {
  readonly core: HubCore;
  readonly actor: WindowOperator;
  readonly ctx: verbs.WindowContext;
}

/** A verb's decision from its own body; null only for call-next finding nobody waiting. */
type Decide = { [V in WindowVerb]: (input: VerbInput, body: WindowVerbBodyMap[V]) => Decision<verbs.VerbOutcome> | null };

const DECIDE: Decide = {
  'open': ({ core, actor, ctx }) => {
    const clerk = openerOf(actor);
    for (const [otherId, other] of core.hall.windowStatuses()) {
      if (otherId !== ctx.window.id && other.staffId === clerk.username && other.state !== 'closed') {
        const otherNumber = core.windows.get(otherId)?.number;
        throw new HubError('signed-in-elsewhere', `You are still signed in at window ${otherNumber}. Close it before opening window ${ctx.window.number}.`);
      }
    }
    return verbs.openWindow(ctx, clerk.username);
  },
  'close': ({ ctx }) => verbs.closeWindow(ctx),
  'pause': ({ ctx }, body) => verbs.pauseWindow(ctx, body.reason, body.note),
  'resume': ({ ctx }) => verbs.resumeWindow(ctx),
  'auto-call': ({ ctx }, body) => verbs.setAutoCall(ctx, body.enabled),
  'call-next': ({ core, ctx }) => {
    const ready = verbs.requireIdle(ctx);
    if (!ready.ok) return ready;
    const next = chooseNext(ctx.window, core.activeTickets(), core.config.policy, ctx.now);
    return next ? verbs.callTicket(ctx, next) : null;
  },
  'call': ({ core, actor, ctx }, body) => {
    const ticket = core.tickets.get(body.ticketId);
    if (!ticket || ticket.day !== core.today(ctx.now)) throw new HubError('unknown-ticket', 'That ticket is not in today\'s queue.');
    const isOwnPark = ticket.status === 'parked' && ticket.targetWindowId === ctx.window.id;
    if (!isOwnPark && isStaff(actor, 'clerk') && !core.config.policy.clerksMayCallOutOfOrder) {
      throw new HubError('forbidden', 'In this hall only a manager may call a chosen ticket out of order. Use "call next", or ask a manager.');
    }
    const decision = verbs.callTicket(ctx, ticket);
    return decision.ok && !isOwnPark ? { ok: true, value: { ...decision.value, isChosen: true } } : decision;
  },
  'recall': ({ ctx }) => verbs.recallTicket(ctx),
  'no-show': ({ ctx }) => verbs.markNoShow(ctx),
  'undo-no-show': ({ core, ctx }, body) => {
    const ticket = core.tickets.get(body.ticketId);
    if (!ticket || ticket.day !== core.today(ctx.now)) throw new HubError('unknown-ticket', 'That ticket is not in today\'s queue.');
    return undoNoShow(ctx, ticket, core.config.policy.noShowUndoMinutes);
  },
  'park': ({ core, ctx }, body) => verbs.parkTicket(ctx, body.minutes ?? core.config.policy.parkMinutes),
  'finish': ({ core, ctx }) => verbs.finishTicket(ctx, core.deps.newId()),
  'transfer': ({ core, ctx }, body) => {
    const toService = body.toServiceId !== undefined ? core.service(body.toServiceId) : undefined;
    const toWindow = body.toWindowId !== undefined ? core.window(body.toWindowId) : undefined;
    const statuses = core.hall.windowStatuses();
    const toWindowState = toWindow ? core.windowStatus(toWindow.id, statuses).state : undefined;
    const isServiceServed = toService
      ? [...core.windows.values()].some((w) => w.id !== ctx.window.id && core.windowStatus(w.id, statuses).state !== 'closed' && w.serves.some((s) => s.serviceId === toService.id))
      : undefined;
    return verbs.transferTicket(ctx, { toService, toWindow, toWindowState, isServiceServed, note: body.note, returnAfter: body.returnAfter === true }, core.deps.newId());
  },
};
