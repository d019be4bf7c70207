/**
 * When a staff session ends, its live sockets end with it (issue 21): sign-out and expiry end one session,
 * disabling an account, changing its role or resetting its password end all of the account's. The app
 * decides and announces `session:ended` on the bus; the realtime gateway only disconnects. Every socket
 * command also re-checks its session here, because a disconnect can race a command already sent.
 */
import type { SessionEndReason } from '../protocol/sessions';
import type { StaffRole } from '../protocol/model';
import type { AuthRepo, StaffRecord } from '../storage/auth-repo';
import type { Actor } from './actor';
import type { Bus } from './bus';

type Staff = Extract<Actor, { kind: 'staff' }>;

export interface SessionPorts {
  readonly auth: AuthRepo;
  readonly bus: Bus;
  now(): number;
}

/** Ends one session (sign-out, or found expired) and tells the gateway. */
export function endSession(ports: SessionPorts, sessionId: string, reason: SessionEndReason): void {
  ports.auth.deleteSession(sessionId);
  ports.bus.emit('session:ended', { reason, sessionIds: [sessionId] });
}

/**
 * Which end, if any, an account edit brings to the account's sessions: disabled first (the strongest word
 * for the page), then a password reset, then a role change. Name changes keep the sessions.
 */
export function sessionEndFor(existing: StaffRecord | undefined, next: { readonly role: StaffRole; readonly isDisabled: boolean; readonly hasPassword: boolean }): SessionEndReason | undefined {
  if (!existing) return undefined;
  if (next.isDisabled && !existing.isDisabled) return 'disabled';
  if (next.hasPassword) return 'password-reset';
  if (next.role !== existing.role) return 'role-changed';
  return undefined;
}

/**
 * Cuts sessions whose time is up (run every second by the hub, so a socket outlives its session by at most
 * that). Deleting is best effort: an expired row grants nothing anyway (authenticate checks the time).
 */
export function sweepExpiredSessions(ports: SessionPorts): void {
  const now = ports.now();
  const ids = ports.auth.expiredSessionIds(now);
  if (ids.length === 0) return;
  ports.bus.emit('session:ended', { reason: 'expired', sessionIds: ids });
  ports.auth.deleteExpiredSessions(now);
}

export type LiveSession = { readonly ok: true; readonly actor: Staff } | { readonly ok: false; readonly reason: SessionEndReason };

/** Is the session a socket authenticated with still good for the same person and role? */
export function recheckSession(ports: SessionPorts, sessionId: string, handshake: Staff): LiveSession {
  const session = ports.auth.findSession(sessionId);
  if (!session) return { ok: false, reason: 'signed-out' };
  if (session.expiresAt <= ports.now()) return { ok: false, reason: 'expired' };
  const staff = ports.auth.findStaff(session.username);
  if (!staff || staff.isDisabled) return { ok: false, reason: 'disabled' };
  // A role changed behind the hub's back (the CLI edits the database directly): sign in again to get it.
  if (staff.role !== handshake.role || staff.username !== handshake.username) return { ok: false, reason: 'role-changed' };
  return { ok: true, actor: { kind: 'staff', username: staff.username, name: staff.name, role: staff.role } };
}
