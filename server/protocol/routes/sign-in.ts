/**
 * Sign-in locks (docs/security.md, "Sessions and sign-in"): a manager sees which account is locked from
 * which address, and clears one. Registered by server/transport/http/sign-in-routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { ClearSignInLockBody, SignInLockView } from '../sessions';

export const signInRoutes = {
  locks: defineRoute({
    method: 'GET', path: '/api/auth/locks', tags: ['auth'], access: 'manager', reply: Type.Array(SignInLockView),
    summary: 'Sign-in locks in force',
    description:
      'Each (account, address) pair locked after 5 wrong passwords in a row from that address: since when and until when. Other addresses are never locked out, only slowed (at most 3 s). Accounts that do not exist are not listed: what was typed as their name may be a password.',
  }),
  clearLock: defineRoute({
    method: 'POST', path: '/api/auth/locks/clear', tags: ['auth'], access: 'manager', body: ClearSignInLockBody, reply: Type.Null(), status: 204,
    summary: 'Clear one sign-in lock',
    description: 'Lifts the lock of one account from one address and forgets its failures; audited. 404 when that pair is not locked.',
  }),
};
