/**
 * Console sign-in, sign-out and the session behind a bearer token. Users and their roles come from the
 * configuration (a user removed or changed there loses its sessions at once); the sessions themselves live
 * in PostgreSQL. Sign-ins are limited per address and minute across every centre process.
 */
import { hashToken, newToken, verifyPassword } from '../../app/passwords';
import type { CentreSession, CentreUserView } from '../../protocol/centre';
import type { CentreUser } from '../config';
import type { Viewer } from '../domain/access';
import type { SessionsRepo } from '../storage/sessions-repo';
import { CentreError, type Clock } from './errors';

export interface SessionDeps {
  readonly repo: SessionsRepo;
  readonly clock: Clock;
  readonly users: ReadonlyMap<string, Readonly<CentreUser>>;
  readonly sessionHours: number;
  readonly signInsPerMinute: number;
}

/** A password check for an unknown user, so the answer takes as long as for a known one. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function userView(user: Readonly<CentreUser>): CentreUserView {
  return { username: user.username, name: user.name, role: user.role, hallCode: user.hallCode };
}

export async function signIn(deps: SessionDeps, username: string, password: string, address: string): Promise<CentreSession> {
  const now = deps.clock.now();
  const hits = await deps.repo.countHit(`sign-in:${address}`, now - (now % 60_000));
  if (hits > deps.signInsPerMinute) throw new CentreError('rate-limited', 'Too many sign-in attempts from this address. Wait a minute and try again.');
  const user = deps.users.get(username);
  const isRight = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isRight) throw new CentreError('bad-credentials', 'The username or password is wrong.');
  const token = newToken();
  const expiresAt = now + deps.sessionHours * 3600_000;
  await deps.repo.create(hashToken(token), user.username, now, expiresAt);
  return { token, expiresAt, user: userView(user) };
}

export interface SignedIn {
  readonly viewer: Viewer;
  readonly tokenHash: string;
  readonly expiresAt: number;
}

/** The session of `Authorization: Bearer <token>`; a refusal says whether to sign in again. */
export async function authenticate(deps: SessionDeps, token: string | undefined): Promise<SignedIn> {
  if (!token) throw new CentreError('unauthenticated', 'Sign in to the city console first.');
  const tokenHash = hashToken(token);
  const session = await deps.repo.find(tokenHash, deps.clock.now());
  if (!session) throw new CentreError('session-expired', 'Your session has ended (signed out, expired or unknown). Sign in again.');
  const user = deps.users.get(session.username);
  if (!user) throw new CentreError('session-expired', 'Your account is no longer in the centre configuration. Ask the city administrator.');
  return { viewer: userView(user), tokenHash, expiresAt: session.expiresAt };
}

export async function signOut(deps: SessionDeps, signedIn: SignedIn): Promise<void> {
  await deps.repo.delete(signedIn.tokenHash);
}
