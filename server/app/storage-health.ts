/**
 * Whether the hall database can be written, as one state of the hub rather than a guess per request.
 * SQLite says a disk is full (SQLITE_FULL), failing (SQLITE_IOERR_*), mounted read-only (SQLITE_READONLY)
 * or gone (SQLITE_CANTOPEN); the first such failure of a write turns the hub read-only: every write is
 * refused at once with `storage-unavailable` (503) while reads, displays and snapshots keep working, the
 * services say they are unavailable, and managers see it live. A probe (Hub.probeStorage, every few
 * seconds through a guarded job) turns writing back on by itself once space returns.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorageFaultKind, StorageFaultView } from '../protocol/model';
import { HubError } from './errors';

export type { StorageFaultKind, StorageFaultView } from '../protocol/model';

/** Below this much free space the probe does not resume writing: a few tickets would only fill it again. */
export const MIN_FREE_BYTES = 1024 * 1024;

/** The storage fault a thrown error stands for, if it is one (a SqliteError's code, or a file system errno). */
export function storageFaultKind(error: unknown): StorageFaultKind | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'readonly';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cantopen';
  return undefined;
}

export function isStorageFailure(error: unknown): boolean {
  return storageFaultKind(error) !== undefined;
}

const MESSAGES: Readonly<Record<StorageFaultKind, string>> = {
  full: "The hub's disk is full, so new tickets and changes cannot be saved. Ask the administrator to free disk space; the hub resumes by itself within seconds.",
  io: "The hub's disk reports read/write errors, so new tickets and changes cannot be saved. Ask the administrator to check the disk; the hub resumes by itself once it can write.",
  readonly: "The hub's disk is read-only, so new tickets and changes cannot be saved. Ask the administrator to make the data directory writable again.",
  cantopen: "The hub cannot open its database files, so new tickets and changes cannot be saved. Ask the administrator to check the data directory.",
};

/** The refusal every write gets while the disk cannot take it. */
export function storageUnavailable(kind: StorageFaultKind, cause?: unknown): HubError {
  return new HubError('storage-unavailable', MESSAGES[kind], cause === undefined ? undefined : { cause });
}

/** What the error handlers answer for a storage failure that reached them without passing the writer. */
export function asStorageRefusal(error: unknown): HubError | undefined {
  const kind = storageFaultKind(error);
  return kind ? storageUnavailable(kind, error) : undefined;
}

export class StorageHealth {
  private current: StorageFaultView | undefined;
  private readonly listeners = new Set<(fault: StorageFaultView | undefined) => void>();

  constructor(
    private readonly now: () => number,
    /** The database file, whose file system the probe asks for free space (':memory:' has none to ask). */
    private readonly file?: string,
  ) {}

  get isWritable(): boolean {
    return this.current === undefined;
  }

  get fault(): StorageFaultView | undefined {
    return this.current;
  }

  /** Called on every change of state (fault raised, fault kind changed, cleared), never on repeats. */
  onChange(listener: (fault: StorageFaultView | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws the refusal while the disk is faulted: a write is not even tried then. */
  assertWritable(): void {
    if (this.current) throw storageUnavailable(this.current.kind);
  }

  /**
   * Looks at a failed write: a storage failure raises (or keeps) the fault and comes back as the refusal to
   * throw instead; anything else comes back unchanged.
   */
  noteFailure(error: unknown): unknown {
    const kind = storageFaultKind(error);
    if (!kind) return error;
    if (this.current?.kind !== kind) {
      this.current = { kind, code: String((error as { code: string }).code), since: this.current?.since ?? this.now() };
      this.announce();
    }
    return storageUnavailable(kind, error);
  }

  /** The probe wrote: the fault is over. */
  noteWritable(): void {
    if (!this.current) return;
    this.current = undefined;
    this.announce();
  }

  /**
   * While writable: goes read-only when the disk has less than MIN_FREE_BYTES free (a statfs, no write), a
   * little before SQLite would fail half-way through a batch, and before a hub started on a full disk meets
   * its first visitor. While read-only: `write`s one small row and, when that (and the free space, where it
   * can be asked) says the disk is back, turns writing back on. Answers whether the hub can write now.
   */
  probe(write: () => void): boolean {
    const free = this.freeBytes();
    const isLow = free !== undefined && free < MIN_FREE_BYTES;
    if (this.isWritable) {
      if (isLow) this.noteFailure(Object.assign(new Error(`less than ${MIN_FREE_BYTES} bytes free`), { code: 'ENOSPC' }));
      return !isLow;
    }
    if (isLow) return false;
    try {
      write();
    } catch (error) {
      this.noteFailure(error);
      return false;
    }
    this.noteWritable();
    return true;
  }

  /** Free bytes where the database lives; undefined where that cannot be asked. */
  freeBytes(): number | undefined {
    if (!this.file || this.file === ':memory:' || this.file === '') return undefined;
    try {
      const stats = statfsSync(dirname(this.file));
      return stats.bavail * stats.bsize;
    } catch {
      return undefined;
    }
  }

  private announce(): void {
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch {
        // A listener's failure is its own; the state has changed either way.
      }
    }
  }
}
