/**
 * Sign-in lockout rules (docs/security.md, "Sessions and sign-in"). Pure: time comes in as `now`.
 *
 * The old rule — five wrong passwords from anywhere lock the account for five minutes — let anyone on the
 * hall LAN lock a clerk out at opening time. Now:
 *  - a PAIR (account, address) is locked after 5 failures in a row from that address: 1 minute, doubling
 *    with every further failure after a lock (1, 2, 4 … at most 60 minutes). Only that address is refused;
 *  - the ACCOUNT only slows down: from its 5th recent failure (any address) every attempt waits
 *    250 ms × 2^(failures − 5), at most 3 s, before its password is checked. The right password from an
 *    address that is not itself locked is therefore never refused because of others' failures, only late
 *    by at most ACCOUNT_DELAY_MAX_MS;
 *  - counts are forgotten after 15 minutes without failures (after a lock: 15 minutes after it ended);
 *    a success from an address clears that pair and the account's count.
 * Unknown usernames go through the same rules, so the answers and their timing do not reveal which exist.
 */

export const SIGN_IN_POLICY = {
  pairFailures: 5,
  pairLockMs: 60_000,
  pairLockMaxMs: 60 * 60_000,
  accountFreeFailures: 5,
  accountDelayBaseMs: 250,
  accountDelayMaxMs: 3_000,
  forgetAfterMs: 15 * 60_000,
} as const;

export type SignInPolicy = { readonly [K in keyof typeof SIGN_IN_POLICY]: number };

/** Failures of one account from one address. `pending` counts checks still running (parallel guesses). */
export interface PairState {
  readonly failures: number;
  readonly pending: number;
  readonly lastFailureAt: number;
  readonly lockedSince?: number;
  readonly lockedUntil?: number;
}

export interface AccountState {
  readonly failures: number;
  readonly lastFailureAt: number;
}

export const NEW_PAIR: PairState = { failures: 0, pending: 0, lastFailureAt: 0 };
export const NEW_ACCOUNT: AccountState = { failures: 0, lastFailureAt: 0 };

export type Admission = { readonly ok: true; readonly delayMs: number } | { readonly ok: false; readonly retryAfterMs: number };

export function isPairLocked(pair: PairState, now: number): boolean {
  return pair.lockedUntil !== undefined && pair.lockedUntil > now;
}

/** Whether the pair's record can be dropped: no check running, no lock, nothing recent. */
export function isPairStale(pair: PairState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): boolean {
  return pair.pending === 0 && !isPairLocked(pair, now) && now - Math.max(pair.lastFailureAt, pair.lockedUntil ?? 0) >= policy.forgetAfterMs;
}

export function isAccountStale(account: AccountState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): boolean {
  return now - account.lastFailureAt >= policy.forgetAfterMs;
}

/**
 * May an attempt from this pair go ahead, and after how long a wait? A pair with as many failures plus
 * checks in flight as the lock threshold is refused too: parallel guesses must not slip past the lock.
 */
export function admit(pair: PairState, account: AccountState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): Admission {
  if (isPairLocked(pair, now)) return { ok: false, retryAfterMs: (pair.lockedUntil ?? now) - now };
  const failures = isPairStale(pair, now, policy) ? 0 : pair.failures;
  // After a lock ended, one check at a time: the next failure locks again, for twice as long.
  const allowed = failures >= policy.pairFailures ? 1 : policy.pairFailures - failures;
  if (pair.pending >= allowed) return { ok: false, retryAfterMs: 1_000 };
  return { ok: true, delayMs: accountDelay(account, now, policy) };
}

export function accountDelay(account: AccountState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): number {
  if (isAccountStale(account, now, policy) || account.failures < policy.accountFreeFailures) return 0;
  return Math.min(policy.accountDelayBaseMs * 2 ** (account.failures - policy.accountFreeFailures), policy.accountDelayMaxMs);
}

export function startCheck(pair: PairState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): PairState {
  const base = isPairStale(pair, now, policy) ? NEW_PAIR : pair;
  return { ...base, pending: base.pending + 1 };
}

/** A wrong password (or unknown or disabled account): counts, and locks the pair at the threshold. */
export function pairAfterFailure(pair: PairState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): PairState {
  const failures = pair.failures + 1;
  const pending = Math.max(0, pair.pending - 1);
  if (failures < policy.pairFailures) return { failures, pending, lastFailureAt: now };
  const lockMs = Math.min(policy.pairLockMs * 2 ** (failures - policy.pairFailures), policy.pairLockMaxMs);
  return { failures, pending, lastFailureAt: now, lockedSince: now, lockedUntil: now + lockMs };
}

export function accountAfterFailure(account: AccountState, now: number, policy: SignInPolicy = SIGN_IN_POLICY): AccountState {
  const failures = isAccountStale(account, now, policy) ? 1 : account.failures + 1;
  return { failures, lastFailureAt: now };
}

/** A check that ended without counting (the right password, or the hub was too busy to check). */
export function pairAfterUncounted(pair: PairState): PairState {
  return { ...pair, pending: Math.max(0, pair.pending - 1) };
}
