/** The sign-in lockout rules (server/domain/sign-in-lockout.ts), as docs/security.md states them. */
import { describe, expect, it } from 'vitest';
import {
  accountAfterFailure, accountDelay, admit, NEW_ACCOUNT, NEW_PAIR, pairAfterFailure, pairAfterUncounted, SIGN_IN_POLICY, startCheck, type AccountState, type PairState,
} from '../../server/domain/sign-in-lockout';

const T0 = 1_000_000_000;

function fail(pair: PairState, account: AccountState, now: number): [PairState, AccountState] {
  return [pairAfterFailure(startCheck(pair, now), now), accountAfterFailure(account, now)];
}

describe('sign-in lockout', () => {
  it('locks the pair at the fifth failure for 1 min, doubling after each further failure, at most 60 min', () => {
    let pair = NEW_PAIR;
    let account = NEW_ACCOUNT;
    for (let i = 0; i < 4; i++) [pair, account] = fail(pair, account, T0 + i);
    expect(pair.lockedUntil).toBeUndefined();
    [pair, account] = fail(pair, account, T0 + 4);
    expect(pair.lockedUntil).toBe(T0 + 4 + 60_000);
    expect(admit(pair, account, T0 + 30_000)).toEqual({ ok: false, retryAfterMs: 30_004 });
    const lengths: number[] = [];
    let now = T0 + 4;
    for (let i = 0; i < 8; i++) {
      now = (pair.lockedUntil ?? now) + 1;
      expect(admit(pair, account, now).ok).toBe(true);
      [pair, account] = fail(pair, account, now);
      lengths.push(((pair.lockedUntil ?? 0) - now) / 60_000);
    }
    expect(lengths).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('slows the account from its fifth failure (any address): 250 ms doubling to at most 3 s, never a refusal', () => {
    let account = NEW_ACCOUNT;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      delays.push(accountDelay(account, T0));
      account = accountAfterFailure(account, T0);
    }
    expect(delays).toEqual([0, 0, 0, 0, 0, 250, 500, 1_000, 2_000, 3_000]);
    // Another address, never failed itself, is admitted with the delay, whatever the account's count.
    for (let i = 0; i < 100; i++) account = accountAfterFailure(account, T0);
    expect(admit(NEW_PAIR, account, T0)).toEqual({ ok: true, delayMs: SIGN_IN_POLICY.accountDelayMaxMs });
  });

  it('forgets after 15 quiet minutes (after a lock: 15 minutes after it ended)', () => {
    let pair = NEW_PAIR;
    let account = NEW_ACCOUNT;
    for (let i = 0; i < 5; i++) [pair, account] = fail(pair, account, T0);
    const end = pair.lockedUntil ?? 0;
    expect(accountDelay(account, T0 + 15 * 60_000 - 1)).toBe(250);
    expect(accountDelay(account, T0 + 15 * 60_000)).toBe(0);
    // Just after the lock: one check at a time, and the next failure locks for 2 min.
    expect(admit(startCheck(pair, end + 1), account, end + 1).ok).toBe(false);
    // 15 minutes after the lock ended: a fresh start (the next failure does not lock).
    const later = end + 15 * 60_000;
    const [fresh] = fail(pair, account, later);
    expect(fresh.failures).toBe(1);
    expect(fresh.lockedUntil).toBeUndefined();
  });

  it('counts checks in flight, so parallel guesses cannot pass the threshold', () => {
    let pair = NEW_PAIR;
    let admitted = 0;
    for (let i = 0; i < 20; i++) {
      if (admit(pair, NEW_ACCOUNT, T0).ok) {
        admitted += 1;
        pair = startCheck(pair, T0);
      }
    }
    expect(admitted).toBe(5);
    // A check that never ran (busy) gives its place back without counting.
    pair = pairAfterUncounted(pair);
    expect(pair.failures).toBe(0);
    expect(admit(pair, NEW_ACCOUNT, T0).ok).toBe(true);
  });
});
