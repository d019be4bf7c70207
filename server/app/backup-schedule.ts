/**
 * The daily backup: once at start (when today's file is missing — a box unplugged overnight still gets
 * its backup) and then shortly after each local midnight, with SQLite's online backup API while the hub
 * keeps serving. Old daily files are pruned to `keepDays`. A failed backup is logged and retried on the
 * next run; it never stops the hub.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../storage/db';
import { dailyBackup, type BackupInfo } from '../storage/backup';
import { dayOf, nextMidnight } from '../domain/calendar';
import type { Clock } from './core';
import { guardedTimeout, JobGuard } from './guarded-job';
import type { Bus } from './bus';

export interface BackupScheduleOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly timeZone: string;
  /** Folder of the daily files, `hallq-YYYY-MM-DD.db`. */
  readonly dir: string;
  /** Read at every run, so a setting changed while the hub runs applies to the next prune. */
  readonly keepDays: () => number;
  readonly log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Told of each file written, so an open backups card in a console re-reads its list without a reload. */
  readonly bus?: Pick<Bus, 'emit'>;
}

export interface BackupSchedule {
  /** Backs up now unless today's file exists; resolves with the file written, if any. */
  runIfDue(): Promise<BackupInfo | undefined>;
  /** Stops the timer and waits for a backup in progress (the database must not close under it). */
  stop(): Promise<void>;
}

/** A few minutes after midnight, so the day rollover has committed first and the file is the closed day. */
const AFTER_MIDNIGHT_MS = 5 * 60_000;

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BackupInfo | undefined> = Promise.resolve(undefined);
  let isStopped = false;

  // A backup onto a full disk fails like any write: logged once per change, retried at the next run. It does
  // not mark the hall database read-only: the backup folder may be on another disk.
  const log = options.log;
  const job = new JobGuard('daily backup', {
    // Pino's methods need their logger as `this`: called through it, never copied off it.
    log: () => ({ info: (obj, msg) => log.info(obj, msg), warn: (obj, msg) => log.error(obj, msg), error: (obj, msg) => log.error(obj, msg) }),
  });

  const runIfDue = (): Promise<BackupInfo | undefined> => {
    running = running.then(async () => {
      let written: BackupInfo | undefined;
      await job.runAsync(async () => {
        if (isStopped) return;
        const day = dayOf(options.clock.now(), options.timeZone);
        if (existsSync(join(options.dir, `hallq-${day}.db`))) return;
        written = await dailyBackup(options.db, options.dir, day, options.keepDays());
        options.log.info({ file: written.file, bytes: written.bytes }, 'daily backup written');
        options.bus?.emit('backup:written', { name: basename(written.file), bytes: written.bytes, at: Math.round(written.at) });
      });
      return written;
    });
    return running;
  };

  const schedule = (): void => {
    const now = options.clock.now();
    const delay = Math.min(nextMidnight(now, options.timeZone) - now + AFTER_MIDNIGHT_MS, 2 ** 31 - 1);
    // Rescheduled first, so a run that throws (or never settles) cannot end the daily cycle.
    timer = guardedTimeout(job, delay, () => {
      if (isStopped) return;
      void runIfDue();
      schedule();
    });
  };

  void runIfDue();
  schedule();
  return {
    runIfDue,
    stop: async () => {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
