/**
 * The window verbs: authorize, load the window's inputs, ask the domain, persist the outcome and its facts.
 * All inside one transaction, so two windows calling at the same instant can never get the same ticket.
 */
import type { WindowCommandReply } from '../protocol/events';
import type { WindowVerb, WindowVerbBody } from '../protocol/http';
import type { PauseReason } from '../protocol/model';
import { chooseNext } from '../domain/call-policy';
import * as verbs from '../domain/window-verbs';
import type { Decision } from '../domain/decision';
import type { Ticket } from '../domain/types';
import type { HubCore, Tx } from './core';
import { HubError, must } from './errors';
import { actorLabel, isStaff, type Actor } from './actor';
import { commitOnce, commitOnceBatched } from './idempotency';
import { toCallView, toTicketView, toWindowView } from './views';

type Body = Partial<WindowVerbBody<WindowVerb>> & Record<string, unknown>;

/** Verbs a hardware caller (呼叫器) on the window's bus may send for the clerk signed in there. */
const DEVICE_VERBS: ReadonlySet<WindowVerb> = new Set(['call-next', 'recall', 'no-show', 'finish', 'pause', 'resume']);

const TICKET_REASON = {
  'finished': 'finished',
  'no-show': 'no-show',
  'parked': 'parked',
  'transferred': 'transferred',
  'released': 'released',
} as const;

/** Runs one verb. Answers null when call-next finds nobody waiting (HTTP 204). */
export function runWindowVerb(core: HubCore, actor: Actor, windowId: string, verb: WindowVerb, body: Body, idempotencyKey?: string): WindowCommandReply | null {
  const plan = planWindowVerb(core, actor, windowId, verb, body, idempotencyKey);
  return commitOnce(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

/**
 * `runWindowVerb` through the group commit: many windows calling at the same moment share one fsync
 * (bench figure 2). Each verb still runs in its own savepoint after the ones before it in the batch, so
 * two windows can never take the same ticket. Resolves once durable and announced.
 */
export async function runWindowVerbBatched(core: HubCore, actor: Actor, windowId: string, verb: WindowVerb, body: Body, idempotencyKey?: string): Promise<WindowCommandReply | null> {
  const plan = planWindowVerb(core, actor, windowId, verb, body, idempotencyKey);
  return commitOnceBatched(core, actor, plan.scope, plan.key, plan.request, plan.work);
}

function planWindowVerb(core: HubCore, actor: Actor, windowId: string, verb: WindowVerb, body: Body, idempotencyKey: string | undefined) {
  const window = core.window(windowId);
  const key = idempotencyKey ?? (typeof body.idempotencyKey === 'string' ? body.idempotencyKey : undefined);
  const request = { windowId, verb, body: { ...body, idempotencyKey: undefined } };
  const work = (tx: Tx): WindowCommandReply | null => {
    const statuses = core.hall.windowStatuses();
    const status = core.windowStatus(window.id, statuses);
    authorize(actor, verb, window.id, status.staffId, window.number);
    const current = status.currentTicketId ? core.tickets.get(status.currentTicketId) : undefined;
    const ctx: verbs.WindowContext = { window, status, current, now: tx.now, policy: core.config.policy };
    const outcome = decide(core, actor, ctx, verb, body);
    if (outcome === null) return null;
    let result = apply(core, tx, window.id, outcome);
    if (outcome.change === 'finished' && result.status.isAutoCall) {
      // Auto-call (Store-next): the next visitor is called in the same transaction as the finish.
      const next = chooseNext(window, core.activeTickets(), core.config.policy, tx.now);
      if (next) result = apply(core, tx, window.id, must(verbs.callTicket({ ...ctx, status: result.status, current: undefined }, next)));
    }
    return { window: toWindowView(window, result.status, result.current, tx.now), ticket: outcome.ticket ? toTicketView(outcome.ticket) : undefined };
  };
  return { scope: `window:${windowId}:${actorLabel(actor)}`, key, request, work };
}

function authorize(actor: Actor, verb: WindowVerb, windowId: string, signedIn: string | undefined, windowNumber: number): void {
  if (actor.kind === 'device') {
    if (actor.device !== 'caller' || actor.windowId !== windowId) throw new HubError('forbidden', `This device cannot operate window ${windowNumber}.`);
    if (!DEVICE_VERBS.has(verb)) throw new HubError('forbidden', `A hardware caller cannot ${verb}.`);
    if (!signedIn) throw new HubError('window-closed', `Window ${windowNumber} is closed: a clerk must sign in first.`);
    return;
  }
  if (actor.kind === 'kiosk') throw new HubError('forbidden', 'A kiosk cannot operate a window.');
  if (!isStaff(actor)) throw new HubError('unauthenticated', 'Sign in as staff to use a window.');
  if (verb === 'open') return;
  if (signedIn !== actor.username) {
    throw new HubError('not-signed-in-here', `You are not signed in at window ${windowNumber}. Open the window first.`);
  }
}

function decide(core: HubCore, actor: Actor, ctx: verbs.WindowContext, verb: WindowVerb, body: Body): verbs.VerbOutcome | null {
  const { window, now } = ctx;
  const decision = ((): Decision<verbs.VerbOutcome> | null => {
    switch (verb) {
      case 'open': {
        if (!isStaff(actor)) throw new HubError('forbidden', 'Only staff can open a window.');
        for (const [otherId, other] of core.hall.windowStatuses()) {
          if (otherId !== window.id && other.staffId === actor.username && other.state !== 'closed') {
            const otherNumber = core.windows.get(otherId)?.number;
            throw new HubError('signed-in-elsewhere', `You are still signed in at window ${otherNumber}. Close it before opening window ${window.number}.`);
          }
        }
        return verbs.openWindow(ctx, actor.username);
      }
      case 'close':
        return verbs.closeWindow(ctx);
      case 'pause':
        return verbs.pauseWindow(ctx, body.reason as PauseReason, body.note as string | undefined);
      case 'resume':
        return verbs.resumeWindow(ctx);
      case 'auto-call':
        return verbs.setAutoCall(ctx, body.enabled === true);
      case 'call-next': {
        const ready = verbs.requireIdle(ctx);
        if (!ready.ok) return ready;
        const next = chooseNext(window, core.activeTickets(), core.config.policy, now);
        return next ? verbs.callTicket(ctx, next) : null;
      }
      case 'call': {
        const ticket = core.tickets.get(String(body.ticketId));
        if (!ticket || ticket.day !== core.today(now)) throw new HubError('unknown-ticket', 'That ticket is not in today\'s queue.');
        const isOwnPark = ticket.status === 'parked' && ticket.targetWindowId === window.id;
        if (!isOwnPark && isStaff(actor, 'clerk') && !core.config.policy.clerksMayCallOutOfOrder) {
          throw new HubError('forbidden', 'In this hall only a manager may call a chosen ticket out of order. Use "call next", or ask a manager.');
        }
        const decision = verbs.callTicket(ctx, ticket);
        return decision.ok && !isOwnPark ? { ok: true, value: { ...decision.value, isChosen: true } } : decision;
      }
      case 'recall':
        return verbs.recallTicket(ctx);
      case 'no-show':
        return verbs.markNoShow(ctx);
      case 'park':
        return verbs.parkTicket(ctx, typeof body.minutes === 'number' ? body.minutes : core.config.policy.parkMinutes);
      case 'finish':
        return verbs.finishTicket(ctx, core.deps.newId());
      case 'transfer': {
        const toService = typeof body.toServiceId === 'string' ? core.service(body.toServiceId) : undefined;
        const toWindow = typeof body.toWindowId === 'string' ? core.window(body.toWindowId) : undefined;
        const note = typeof body.note === 'string' ? body.note : undefined;
        const toWindowState = toWindow ? core.windowStatus(toWindow.id).state : undefined;
        return verbs.transferTicket(ctx, { toService, toWindow, toWindowState, note, returnAfter: body.returnAfter === true }, core.deps.newId());
      }
    }
  })();
  return decision === null ? null : must(decision);
}

/** Persists a verb's outcome (tickets first, then the window row) and emits its facts; server/app/release-window.ts uses it too. */
export function apply(core: HubCore, tx: Tx, windowId: string, outcome: verbs.VerbOutcome): { status: verbs.VerbOutcome['status']; current?: Ticket } {
  const window = core.window(windowId);
  // Persist the ticket that leaves the window before the window row points elsewhere.
  for (const ticket of outcome.changed) core.tickets.update(ticket);
  for (const ticket of outcome.created) core.tickets.insert(ticket);
  core.hall.saveWindow(outcome.status);
  if (outcome.call) {
    const { ticket, isRecall } = outcome.call;
    const seq = tx.emit('ticket:called', (eventSeq) => ({
      call: toCallView(eventSeq, ticket, window, isRecall, tx.now),
      ticket: toTicketView(ticket),
      ...(outcome.isChosen ? { isChosen: true } : {}),
    }));
    core.tickets.recordCall(seq, ticket, isRecall, tx.now);
  } else if (outcome.change && outcome.change in TICKET_REASON) {
    for (const ticket of outcome.changed) {
      tx.emit('ticket:updated', { ticket: toTicketView(ticket), reason: TICKET_REASON[outcome.change as keyof typeof TICKET_REASON] });
    }
  }
  for (const ticket of outcome.created) tx.emit('ticket:issued', { ticket: toTicketView(ticket) });
  const current = outcome.status.currentTicketId ? (outcome.call?.ticket ?? core.tickets.get(outcome.status.currentTicketId)) : undefined;
  tx.emit('window:updated', { window: toWindowView(window, outcome.status, current, tx.now) });
  return { status: outcome.status, current };
}
