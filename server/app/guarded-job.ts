/**
 * The one way the hub runs work nobody waits for: timers (housekeeping, midnight, the storage probe, the
 * manager's sweeps, backups, device settling) and loops (the uplink and province relays). A job that
 * throws never reaches the process (an uncaught exception in a timer kills Node, and once killed the hub's
 * restart loop on a full disk took reads and displays down too); the failure is logged once per change of
 * state, not on every tick; a storage failure marks the hub read-only (app/storage-health.ts); and the job
 * runs again on its next tick, which is how it retries.
 */
import { HubError } from './errors';
import { storageFaultKind, type StorageHealth } from './storage-health';

export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface JobGuardOptions {
  /** Read at each failure: a guard may exist before the hub has its logger. */
  readonly log: () => JobLog | undefined;
  /** When given, a storage failure of the job turns the hub read-only until the probe can write again. */
  readonly storage?: StorageHealth;
}

export class JobGuard {
  /** What the last failure was (code or message), so a repeat on every tick is not logged again. */
  private failing: string | undefined;

  constructor(
    readonly name: string,
    private readonly options: JobGuardOptions,
  ) {}

  get isFailing(): boolean {
    return this.failing !== undefined;
  }

  /** Runs `work` now; answers whether it succeeded. Never throws. */
  run(work: () => void): boolean {
    try {
      work();
    } catch (error) {
      this.failed(error);
      return false;
    }
    this.succeeded();
    return true;
  }

  /** `run` for asynchronous work: the promise always resolves. */
  async runAsync(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
    } catch (error) {
      this.failed(error);
      return false;
    }
    this.succeeded();
    return true;
  }

  /** For loops that catch for themselves (relays): the same logging and marking as `run`. */
  failed(error: unknown): void {
    const isRefused = error instanceof HubError && error.code === 'storage-unavailable';
    if (!isRefused && storageFaultKind(error)) this.options.storage?.noteFailure(error);
    const signature = isRefused ? 'storage-unavailable' : signatureOf(error);
    if (signature === this.failing) return;
    this.failing = signature;
    const log = this.options.log();
    // Refused because the disk is already known to be full: the hub logged that once; this job just waits.
    if (isRefused) log?.warn({ job: this.name }, `${this.name}: paused while the database cannot be written; retrying on its next run`);
    else log?.error({ job: this.name, err: error }, `${this.name} failed; retrying on its next run`);
  }

  succeeded(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.options.log()?.info({ job: this.name }, `${this.name} works again`);
  }
}

function signatureOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A repeating job: `work` every `ms`, guarded; unref'd, so it never keeps a finishing process alive. */
export function guardedInterval(guard: JobGuard, ms: number, work: () => void): NodeJS.Timeout {
  const timer = setInterval(() => guard.run(work), ms);
  timer.unref();
  return timer;
}

/** A one-shot job, guarded and unref'd. */
export function guardedTimeout(guard: JobGuard, ms: number, work: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => guard.run(work), ms);
  timer.unref();
  return timer;
}

/** A fire-and-forget promise: its rejection is logged through the guard instead of reaching the process. */
export function guardedPromise(guard: JobGuard, work: () => Promise<unknown>): void {
  void guard.runAsync(work);
}
