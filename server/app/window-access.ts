/**
 * Who may operate a window, decided here once for every path: the clerk's page over HTTP or the socket,
 * a hardware caller on the window's bus, and a manager's release (强制关窗). The transports only
 * authenticate; they never refuse a window command themselves.
 *
 * Two steps, so that a caller learns nothing about a window it may not touch: first who the actor is
 * (before the window is even looked up), then, inside the transaction, what it may do at this window
 * with the clerk signed in there now.
 */
import type { WindowVerb } from '../protocol/http';
import { mayReleaseWindow } from '../domain/window-verbs';
import { HubError, must } from './errors';
import { isStaff, type Actor } from './actor';

type Staff = Extract<Actor, { kind: 'staff' }>;
type Device = Extract<Actor, { kind: 'device' }>;

/** An actor that may send window verbs at all: staff, or a window's own device (checked against the window). */
export type WindowOperator = Staff | Device;

/** Verbs a hardware caller (呼叫器) on the window's bus may send for the clerk signed in there. */
const CALLER_VERBS: ReadonlySet<WindowVerb> = new Set(['call-next', 'recall', 'no-show', 'finish', 'pause', 'resume']);

/** Step one, before anything about the window: kiosks and the public never operate a window. */
export function requireWindowOperator(actor: Actor): WindowOperator {
  if (actor.kind === 'device') return actor;
  if (actor.kind === 'kiosk') throw new HubError('forbidden', 'A kiosk cannot operate a window.');
  if (!isStaff(actor)) throw new HubError('unauthenticated', 'Sign in as staff to use a window.');
  return actor;
}

/**
 * Step two, inside the transaction: a device must be this window's caller and send one of its keys while a
 * clerk is signed in; staff must be the clerk signed in here (anyone may `open`, the domain then decides).
 */
export function authorizeWindowVerb(actor: WindowOperator, verb: WindowVerb, window: { readonly id: string; readonly number: number }, signedIn: string | undefined): void {
  if (actor.kind === 'device') {
    if (actor.device !== 'caller' || actor.windowId !== window.id) throw new HubError('forbidden', `This device cannot operate window ${window.number}.`);
    if (!CALLER_VERBS.has(verb)) throw new HubError('forbidden', `A hardware caller cannot ${verb}.`);
    if (!signedIn) throw new HubError('window-closed', `Window ${window.number} is closed: a clerk must sign in first.`);
    return;
  }
  if (verb === 'open') return;
  if (signedIn !== actor.username) {
    throw new HubError('not-signed-in-here', `You are not signed in at window ${window.number}. Open the window first.`);
  }
}

/** Who signs in with `open`: a clerk only (a caller cannot send `open`, see CALLER_VERBS). */
export function openerOf(actor: WindowOperator): Staff {
  if (actor.kind !== 'staff') throw new HubError('forbidden', 'Only staff can open a window.');
  return actor;
}

/**
 * A release (强制关窗) is a manager's or an admin's (the domain's `mayReleaseWindow`), checked before the
 * window is looked up: a clerk learns nothing from the refusal.
 */
export function requireReleaser(actor: Actor): Staff {
  if (!isStaff(actor)) throw new HubError('unauthenticated', 'Sign in as a hall manager to release a window.');
  must(mayReleaseWindow(actor.role));
  return actor;
}
