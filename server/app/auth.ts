/**
 * Staff sign-in and who a bearer token belongs to. Tokens are random; only their SHA-256 is stored.
 * Failed sign-ins are counted per account and lock it for a while, so passwords cannot be guessed online.
 */
import type { LoginReply } from '../protocol/http';
import type { HubCore } from './core';
import { HubError } from './errors';
import { hashToken, newToken, verifyPassword } from './passwords';
import type { Actor } from './actor';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

export async function login(core: HubCore, username: string, password: string): Promise<LoginReply> {
  const now = core.now();
  const staff = core.auth.findStaff(username);
  if (staff?.lockedUntil !== undefined && staff.lockedUntil > now) {
    const minutes = Math.ceil((staff.lockedUntil - now) / 60_000);
    throw new HubError('rate-limited', `Too many failed sign-ins for ${username}. Try again in ${minutes} minute(s) or ask a manager to reset the password.`);
  }
  // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
  const isValid = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
  // Re-read after the await: parallel guesses all read the count before any of them failed, so counting
  // from the first read let a burst of wrong passwords slip past the lock (and a right one through it).
  const fresh = core.auth.findStaff(username);
  if (fresh?.lockedUntil !== undefined && fresh.lockedUntil > now) {
    throw new HubError('rate-limited', `Too many failed sign-ins for ${username}. Try again later or ask a manager to reset the password.`);
  }
  if (!fresh || !isValid || fresh.isDisabled) {
    if (fresh) {
      const failures = fresh.failedLogins + 1;
      core.auth.recordLoginFailure(username, failures >= LOCK_AFTER_FAILURES ? now + LOCK_MS : undefined);
    }
    throw new HubError('bad-credentials', 'Wrong username or password.');
  }
  core.auth.recordLoginSuccess(username);
  const token = newToken();
  const expiresAt = now + core.config.policy.sessionHours * 3600_000;
  core.auth.createSession(hashToken(token), username, now, expiresAt);
  return { token, expiresAt, user: { username: fresh.username, name: fresh.name, role: fresh.role } };
}

export function logout(core: HubCore, token: string): void {
  core.auth.deleteSession(hashToken(token));
}

/** Resolves a bearer token: a staff session, a kiosk's or a rating pad's device token; public for none. */
export function authenticate(core: HubCore, token: string | undefined): Actor {
  if (!token) return { kind: 'public' };
  const hash = hashToken(token);
  const kiosk = core.config.kiosks.find((k) => k.tokenHash === hash);
  if (kiosk) return { kind: 'kiosk', kioskId: kiosk.id };
  const pad = core.config.ratingPads.find((p) => p.tokenHash === hash);
  if (pad) return { kind: 'device', device: 'pad', deviceId: pad.id, windowId: pad.windowId };
  const session = core.auth.findSession(hash);
  if (!session) throw new HubError('unauthenticated', 'Your sign-in is not valid. Please sign in again.');
  if (session.expiresAt <= core.now()) {
    core.auth.deleteSession(hash);
    throw new HubError('session-expired', 'Your session has expired. Please sign in again.');
  }
  const staff = core.auth.findStaff(session.username);
  if (!staff || staff.isDisabled) throw new HubError('unauthenticated', 'This account is disabled. Ask a manager.');
  return { kind: 'staff', username: staff.username, name: staff.name, role: staff.role };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
