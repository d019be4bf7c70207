/**
 * Staff sign-in and who a bearer token belongs to. Tokens are random; only their SHA-256 is stored.
 * Failed sign-ins lock one (account, address) pair and slow the account down, never lock it for everyone
 * (rules: server/domain/sign-in-lockout.ts); scrypt work is bounded globally (server/app/password-work.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginReply } from '../protocol/http';
import type { HubCore } from './core';
import { HubError } from './errors';
import { hashToken, newToken } from './passwords';
import type { Actor } from './actor';
import { endSession } from './sessions';

export async function login(core: HubCore, username: string, password: string, address: string): Promise<LoginReply> {
  const guard = core.signIn;
  // Unknown accounts take the same path (counts, delay, a dummy check): neither the answer nor its time says which exist.
  const admission = guard.begin(username, address);
  if (!admission.ok) {
    const minutes = Math.max(1, Math.ceil(admission.retryAfterMs / 60_000));
    throw new HubError('rate-limited', `Too many failed sign-ins for ${username} from this computer. Try again in ${minutes} minute(s), sign in from another computer, or ask a manager to clear the lock.`);
  }
  let outcome: 'failed' | 'ok' | 'uncounted' = 'uncounted';
  try {
    if (admission.delayMs > 0) await sleep(admission.delayMs);
    const staff = core.auth.findStaff(username);
    const isValid = await core.passwords.verify(password, staff?.passwordHash ?? DUMMY_HASH);
    // Re-read after the awaits: an admin may have disabled the account or reset the password meanwhile.
    const fresh = core.auth.findStaff(username);
    if (!fresh || !isValid || fresh.isDisabled || fresh.passwordHash !== staff?.passwordHash) {
      outcome = 'failed';
      throw new HubError('bad-credentials', 'Wrong username or password.');
    }
    outcome = 'ok';
    const now = core.now();
    const token = newToken();
    const expiresAt = now + core.config.policy.sessionHours * 3600_000;
    core.auth.createSession(hashToken(token), username, now, expiresAt);
    return { token, expiresAt, user: { username: fresh.username, name: fresh.name, role: fresh.role } };
  } finally {
    // `busy` (the check never ran) counts against nobody.
    guard.settle(username, address, outcome);
  }
}

export function logout(core: HubCore, token: string): void {
  endSession(sessionPorts(core), hashToken(token), 'signed-out');
}

/** Resolves a bearer token: a staff session, a kiosk's or a rating pad's device token; public for none. */
export function authenticate(core: HubCore, token: string | undefined): Actor {
  return authenticateSession(core, token).actor;
}

/** `authenticate`, also naming the staff session (its token's hash), which a socket keeps to re-check it. */
export function authenticateSession(core: HubCore, token: string | undefined): { actor: Actor; sessionId?: string } {
  if (!token) return { actor: { kind: 'public' } };
  const hash = hashToken(token);
  const kiosk = core.config.kiosks.find((k) => k.tokenHash === hash);
  if (kiosk) return { actor: { kind: 'kiosk', kioskId: kiosk.id } };
  const pad = core.config.ratingPads.find((p) => p.tokenHash === hash);
  if (pad) return { actor: { kind: 'device', device: 'pad', deviceId: pad.id, windowId: pad.windowId } };
  const session = core.auth.findSession(hash);
  if (!session) throw new HubError('unauthenticated', 'Your sign-in is not valid. Please sign in again.');
  if (session.expiresAt <= core.now()) {
    endSession(sessionPorts(core), hash, 'expired');
    throw new HubError('session-expired', 'Your session has expired. Please sign in again.');
  }
  const staff = core.auth.findStaff(session.username);
  if (!staff || staff.isDisabled) throw new HubError('unauthenticated', 'This account is disabled. Ask a manager.');
  return { actor: { kind: 'staff', username: staff.username, name: staff.name, role: staff.role }, sessionId: hash };
}

export function sessionPorts(core: HubCore): { auth: HubCore['auth']; bus: HubCore['bus']; now(): number } {
  return { auth: core.auth, bus: core.bus, now: () => core.now() };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
