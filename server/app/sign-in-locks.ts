/**
 * A manager sees the sign-in locks in force and clears one (audited). Only existing accounts are listed:
 * a lock on a name nobody has protects nobody, and what was typed as that name may be someone's password.
 */
import type { SignInLockView } from '../protocol/sessions';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { Writer } from './ports';
import type { AuthRepo } from '../storage/auth-repo';
import type { SignInGuard } from './sign-in-guard';

type Staff = Extract<Actor, { kind: 'staff' }>;

export interface SignInLockPorts {
  readonly guard: SignInGuard;
  readonly auth: AuthRepo;
  readonly writer: Writer;
}

function requireManagement(actor: Actor): Staff {
  if (actor.kind !== 'staff') throw new HubError('unauthenticated', 'Sign in as a manager first.');
  if (actor.role !== 'manager' && actor.role !== 'admin') throw new HubError('forbidden', 'This needs the manager or admin role.');
  return actor;
}

export function listSignInLocks(ports: SignInLockPorts, actor: Actor): SignInLockView[] {
  requireManagement(actor);
  return ports.guard.locks().filter((lock) => ports.auth.findStaff(lock.username) !== undefined);
}

export function clearSignInLock(ports: SignInLockPorts, actor: Actor, username: string, address: string): void {
  const staff = requireManagement(actor);
  if (!ports.auth.findStaff(username) || !ports.guard.locks().some((l) => l.username === username && l.address === address)) {
    throw new HubError('not-found', `${username} is not locked from ${address} (the lock may have ended already). Reload the list.`);
  }
  // Audited first: if the log cannot be written, the lock stays.
  ports.writer.commit(staff, (tx) => {
    tx.emit('admin:changed', { area: 'staff', summary: `sign-in lock of ${username} from ${address} cleared` });
  });
  ports.guard.clear(username, address);
}
