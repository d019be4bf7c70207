/**
 * A global bound on scrypt work. One check costs ~50–100 ms of a core and 32 MiB; 600 sign-ins from 600
 * addresses ran 35 s of scrypt at full CPU and starved the kiosks. At most `concurrency` checks run at once,
 * at most `maxQueued` wait (each at most `maxWaitMs`); beyond that the sign-in is refused with 503 `busy`,
 * which costs nothing.
 */
import { HubError } from './errors';
import { hashPassword, verifyPassword } from './passwords';

/** The scrypt primitives, injected so tests can count concurrent work. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export const SCRYPT_HASHER: PasswordHasher = { hash: hashPassword, verify: verifyPassword };

export interface PasswordWorkLimits {
  readonly concurrency: number;
  readonly maxQueued: number;
  readonly maxWaitMs: number;
}

/**
 * One check at a time: the hall box often has two cores, and the kiosks and displays need the other. A
 * check takes ~50–100 ms, so the 30 clerks of a shift signing in at once are through in about 3 s.
 */
export const DEFAULT_PASSWORD_LIMITS: PasswordWorkLimits = { concurrency: 1, maxQueued: 32, maxWaitMs: 5_000 };

const BUSY = 'The hub is busy checking other sign-ins. Wait a few seconds and sign in again.';

interface Waiter {
  readonly start: () => void;
  readonly timer: NodeJS.Timeout;
}

export class PasswordWork {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly hasher: PasswordHasher = SCRYPT_HASHER,
    private readonly limits: PasswordWorkLimits = DEFAULT_PASSWORD_LIMITS,
  ) {}

  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() => this.hasher.verify(password, stored));
  }

  hash(password: string): Promise<string> {
    return this.run(() => this.hasher.hash(password));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    await this.slot();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.queue.length >= this.limits.maxQueued) return Promise.reject(new HubError('busy', BUSY));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        // The slot passes straight from the finishing check to this one: `running` does not change.
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(new HubError('busy', BUSY));
        }, this.limits.maxWaitMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.start();
    else this.running -= 1;
  }
}
