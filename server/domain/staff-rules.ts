/**
 * The rules for staff accounts, in one place for the console (server/app/admin.ts) and `hallq staff`
 * (server/cli/cmd-staff.ts): what a username and a password may be, and which changes would lock the hall
 * out of its own administration (your own admin role, the last enabled admin). Pure.
 */
import type { StaffAction } from '../protocol/audit-words';
import type { StaffRole } from '../protocol/model';
import { accept, refuse, type Decision } from './decision';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;
export const PASSWORD_MIN_LENGTH = 8;
/** The published demo password (docs, README): never a real account's. */
const DEMO_PASSWORD = 'demo1234';

export interface AccountState {
  readonly username: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly isDisabled: boolean;
}

export function checkUsername(username: string): Decision<string> {
  return USERNAME_PATTERN.test(username) ? accept(username) : refuse('invalid-request', `${username} is not a valid username: 1–32 letters, digits, '.', '_' or '-'.`);
}

export function checkNewPassword(password: string): Decision<string> {
  if (password.length < PASSWORD_MIN_LENGTH) return refuse('invalid-request', `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password === DEMO_PASSWORD) return refuse('invalid-request', 'That is the published demo password; choose another.');
  return accept(password);
}

/**
 * Whether `next` may replace `before` (undefined: a new account), done by `actor` (undefined: the server's
 * shell, which may change any account). `accounts` are all accounts as they are now. Answers what changed.
 */
export function checkAccountChange(
  accounts: readonly AccountState[],
  before: AccountState | undefined,
  next: AccountState & { readonly hasPassword: boolean },
  actor: string | undefined,
): Decision<StaffAction[]> {
  const name = checkUsername(next.username);
  if (!name.ok) return name;
  if (!before && !next.hasPassword) return refuse('invalid-request', `A new account needs a password (at least ${PASSWORD_MIN_LENGTH} characters).`);
  const isLosingAdmin = before?.role === 'admin' && !before.isDisabled && (next.role !== 'admin' || next.isDisabled);
  if (actor === next.username && isLosingAdmin) return refuse('forbidden', 'You cannot take the admin role from, or disable, your own account: ask another admin.');
  if (isLosingAdmin) {
    const otherAdmins = accounts.filter((a) => a.username !== next.username && a.role === 'admin' && !a.isDisabled);
    if (otherAdmins.length === 0) {
      return refuse('forbidden', `${next.username} is the last enabled admin: make another account admin first, or nobody could manage staff accounts.`);
    }
  }
  if (!before) return accept(['created']);
  const actions: StaffAction[] = [];
  if (before.name !== next.name) actions.push('renamed');
  if (before.role !== next.role) actions.push('role-changed');
  if (!before.isDisabled && next.isDisabled) actions.push('disabled');
  if (before.isDisabled && !next.isDisabled) actions.push('enabled');
  if (next.hasPassword) actions.push('password-reset');
  return accept(actions.length > 0 ? actions : ['updated']);
}
