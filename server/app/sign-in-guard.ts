/**
 * The sign-in lockout state (rules: server/domain/sign-in-lockout.ts), kept in memory: a failed guess must
 * not cost a disk write (600 guesses were 600 fsyncs), and a full disk must not stop sign-in. A restart
 * forgets the locks; only a manager or a deploy restarts the hub, not an attacker.
 */
import {
  accountAfterFailure, admit, isAccountStale, isPairLocked, isPairStale, NEW_ACCOUNT, NEW_PAIR, pairAfterFailure, pairAfterUncounted, startCheck,
  type AccountState, type Admission, type PairState,
} from '../domain/sign-in-lockout';

/** Beyond this many records the stale ones are dropped; a flood of invented names cannot grow memory. */
const MAX_RECORDS = 20_000;

export interface SignInLock {
  readonly username: string;
  readonly address: string;
  readonly failures: number;
  readonly since: number;
  readonly until: number;
}

export class SignInGuard {
  private readonly pairs = new Map<string, PairState>();
  private readonly accounts = new Map<string, AccountState>();

  constructor(private readonly now: () => number) {}

  /** Reserves a check for (username, address), or refuses it; the caller must `settle` an admitted check. */
  begin(username: string, address: string): Admission {
    const now = this.now();
    const key = pairKey(username, address);
    const pair = this.pairs.get(key) ?? NEW_PAIR;
    const verdict = admit(pair, this.accounts.get(username) ?? NEW_ACCOUNT, now);
    if (verdict.ok) this.put(this.pairs, key, startCheck(pair, now), (p) => isPairStale(p, now));
    return verdict;
  }

  /** Ends an admitted check: `failed` counts it, `ok` clears the pair and the account, `uncounted` neither. */
  settle(username: string, address: string, outcome: 'failed' | 'ok' | 'uncounted'): void {
    const now = this.now();
    const key = pairKey(username, address);
    const pair = this.pairs.get(key) ?? NEW_PAIR;
    if (outcome === 'ok') {
      this.pairs.delete(key);
      this.accounts.delete(username);
    } else if (outcome === 'uncounted') {
      this.pairs.set(key, pairAfterUncounted(pair));
    } else {
      this.pairs.set(key, pairAfterFailure(pair, now));
      this.put(this.accounts, username, accountAfterFailure(this.accounts.get(username) ?? NEW_ACCOUNT, now), (a) => isAccountStale(a, now));
    }
  }

  /** The pairs locked now, oldest first. */
  locks(): SignInLock[] {
    const now = this.now();
    const locks: SignInLock[] = [];
    for (const [key, pair] of this.pairs) {
      if (!isPairLocked(pair, now)) continue;
      const [username = '', address = ''] = JSON.parse(key) as [string, string];
      locks.push({ username, address, failures: pair.failures, since: pair.lockedSince ?? pair.lastFailureAt, until: pair.lockedUntil ?? now });
    }
    return locks.sort((a, b) => a.since - b.since);
  }

  /** Lifts one pair's lock and forgets its count; false when there was no such lock. */
  clear(username: string, address: string): boolean {
    const key = pairKey(username, address);
    const pair = this.pairs.get(key);
    if (!pair || !isPairLocked(pair, this.now())) return false;
    this.pairs.set(key, { ...NEW_PAIR, pending: pair.pending });
    return true;
  }

  /** Forgets every lock and count of an account (its password was reset). */
  clearAccount(username: string): void {
    for (const [key, pair] of this.pairs) if ((JSON.parse(key) as [string])[0] === username) this.pairs.set(key, { ...NEW_PAIR, pending: pair.pending });
    this.accounts.delete(username);
  }

  private put<V>(map: Map<string, V>, key: string, value: V, isStale: (v: V) => boolean): void {
    if (!map.has(key) && map.size >= MAX_RECORDS) {
      for (const [k, v] of map) if (isStale(v)) map.delete(k);
      // Still full of live records: drop the oldest, which at worst shortens someone's lock.
      if (map.size >= MAX_RECORDS) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
    }
    map.set(key, value);
  }
}

function pairKey(username: string, address: string): string {
  return JSON.stringify([username, address]);
}
