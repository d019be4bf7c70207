/**
 * The pieces of "a full disk is a state" (issue #21) on their own: which errors are storage faults, the
 * state's transitions, the guard every timer runs through (logs once per change, marks the state, never
 * throws), the kiosk's 暂停取号 screen and the alert rules leaving the disk to its own alert.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isStorageFailure, StorageHealth, storageFaultKind } from '../../server/app/storage-health';
import { guardedTimeout, JobGuard, type JobLog } from '../../server/app/guarded-job';
import { HubError } from '../../server/app/errors';
import { errorText } from '../../server/protocol/error-words';
import { ERROR_STATUS } from '../../server/protocol/errors';
import { initialState, isTicketingPaused, reduce, type KioskState } from '../../kiosk-ui/state';
import type { ServiceView } from '../../server/protocol/model';
import { overdueConditions } from '../../server/domain/alert-rules';

const sqlite = (code: string): Error => new Database.SqliteError('database or disk is full', code);

function recordingLog(): JobLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (_o, m) => void lines.push(`error ${m}`), warn: (_o, m) => void lines.push(`warn ${m}`), info: (_o, m) => void lines.push(`info ${m}`) };
}

describe('storage faults', () => {
  it('are the SQLite and file-system codes of a full, failing, read-only or missing disk, and nothing else', () => {
    expect(storageFaultKind(sqlite('SQLITE_FULL'))).toBe('full');
    expect(storageFaultKind(sqlite('SQLITE_IOERR_WRITE'))).toBe('io');
    expect(storageFaultKind(sqlite('SQLITE_IOERR_SHMSIZE'))).toBe('io');
    expect(storageFaultKind(sqlite('SQLITE_READONLY_DBMOVED'))).toBe('readonly');
    expect(storageFaultKind(sqlite('SQLITE_CANTOPEN'))).toBe('cantopen');
    expect(storageFaultKind(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('full');
    for (const other of [sqlite('SQLITE_CONSTRAINT_UNIQUE'), sqlite('SQLITE_BUSY'), new HubError('window-busy', 'x'), new Error('plain'), undefined, 'text']) {
      expect(isStorageFailure(other), String(other)).toBe(false);
    }
  });

  it('is one state: raised by the first failure, kept (with its start) by the next, cleared once, announced only on change', () => {
    let now = 1_000;
    const health = new StorageHealth(() => now);
    const changes: (string | undefined)[] = [];
    health.onChange((fault) => changes.push(fault?.code));
    const refusal = health.noteFailure(sqlite('SQLITE_FULL'));
    expect(refusal).toBeInstanceOf(HubError);
    expect((refusal as HubError).code).toBe('storage-unavailable');
    now = 2_000;
    health.noteFailure(sqlite('SQLITE_FULL'));
    expect(health.fault).toEqual({ kind: 'full', code: 'SQLITE_FULL', since: 1_000 });
    expect(() => health.assertWritable()).toThrow(/disk is full/);
    const other = new Error('not the disk');
    expect(health.noteFailure(other)).toBe(other);
    health.noteWritable();
    health.noteWritable();
    expect(health.isWritable).toBe(true);
    expect(changes).toEqual(['SQLITE_FULL', undefined]);
  });

  it('has words a hall can act on, in Chinese and English, and answers 503', () => {
    expect(ERROR_STATUS['storage-unavailable']).toBe(503);
    expect(errorText({ code: 'storage-unavailable', message: 'x' }, 'zh-CN')).toContain('暂停取号');
    expect(errorText({ code: 'storage-unavailable', message: 'x' }, 'zh-CN')).toContain('清理磁盘空间');
  });
});

describe('a guarded job', () => {
  it('logs a failure once per change of state, marks a storage fault, and logs the recovery once', () => {
    const log = recordingLog();
    const health = new StorageHealth(() => 0);
    const job = new JobGuard('park return', { log: () => log, storage: health });
    const full = (): void => {
      throw sqlite('SQLITE_FULL');
    };
    expect(job.run(full)).toBe(false);
    expect(job.run(full)).toBe(false);
    expect(health.fault?.kind).toBe('full');
    // Refused at once by the hub while the fault lasts: a different state of the job, said once, as a warning.
    const refused = (): void => health.assertWritable();
    expect(job.run(refused)).toBe(false);
    expect(job.run(refused)).toBe(false);
    expect(job.run(() => undefined)).toBe(true);
    expect(job.run(() => undefined)).toBe(true);
    expect(log.lines).toEqual([
      'error park return failed; retrying on its next run',
      'warn park return: paused while the database cannot be written; retrying on its next run',
      'info park return works again',
    ]);
  });

  it('keeps a timer that throws from reaching the process (vitest fails a run on an uncaught exception)', async () => {
    const log = recordingLog();
    const job = new JobGuard('midnight', { log: () => log });
    guardedTimeout(job, 1, () => {
      throw new Error('boom');
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(log.lines).toEqual(['error midnight failed; retrying on its next run']);
    await expect(job.runAsync(() => Promise.reject(new Error('boom')))).resolves.toBe(false);
  });
});

describe('the kiosk while the hub cannot save tickets', () => {
  const service = (id: string, isPaused: boolean): ServiceView =>
    ({ id, name: id, nameEn: id, prefix: id, waiting: 0, estimatedWaitMinutes: 0, isAvailable: !isPaused, ...(isPaused ? { unavailableReason: 'storage-unavailable' } : {}), issuedToday: 0, hours: [], waitLimitMinutes: 30, serviceLimitMinutes: 15 }) as ServiceView;

  it('shows 暂停取号 (its own screen, not the generic failure) and returns home by itself when the hub can again', () => {
    let state: KioskState = reduce(initialState, { type: 'services', services: [service('A', false), service('B', false)] });
    expect(isTicketingPaused(state.services)).toBe(false);
    state = reduce(state, { type: 'services', services: [service('A', true), service('B', true)] });
    expect(state.screen.name).toBe('paused');
    state = reduce(state, { type: 'services', services: [service('A', false), service('B', false)] });
    expect(state.screen.name).toBe('home');
    // Refused while issuing (the services had not said it yet): the same screen.
    state = reduce(reduce(state, { type: 'issuing' }), { type: 'failed', code: 'storage-unavailable' });
    expect(state.screen.name).toBe('paused');
    // A service closed for the day is not a pause.
    expect(isTicketingPaused([{ ...service('A', false), isAvailable: false, unavailableReason: 'outside-hours' }])).toBe(false);
  });
});

describe('alert rules and the disk', () => {
  it('leave the hub\'s own storage to its recorded alert (a full disk cannot hold a device-offline alert)', () => {
    const conditions = overdueConditions({
      now: 10 * 60_000,
      tickets: [],
      services: new Map(),
      windows: new Map(),
      statuses: new Map(),
      devices: [{ id: 'storage', kind: 'storage', status: 'error', code: 'storage-full', since: 0 }],
      pauseLimitMinutes: 10,
    });
    expect(conditions).toEqual([]);
  });
});
