/**
 * Backups from the manager console: "backup now", download, and the status of the daily backup. The daily
 * backup itself is scheduled by the hub (server/app/backup-schedule.ts, started in compose.ts, keeping
 * HALLQ_BACKUP_DAYS files); this reads its files in <dataDir>/backups to show when it last ran.
 */
import { join } from 'node:path';
import { backupTo, listBackups, type BackupInfo } from '../storage/backup';
import type { ManagerContext } from './context';

export interface BackupStatus {
  dir: string;
  /** The newest scheduled daily backup, and whether it is today's. */
  lastDaily?: { name: string; day: string; at: number; bytes: number; isToday: boolean };
  lastError?: { at: number; message: string };
  backups: { name: string; bytes: number; at: number }[];
}

export class Backups {
  private backupDir = '';
  private lastError?: BackupStatus['lastError'];

  constructor(private readonly ctx: ManagerContext) {}

  get dir(): string {
    return this.backupDir;
  }

  /** Set at start: routes are registered before the hub tells extensions its data directory. */
  locate(dir: string): void {
    this.backupDir = dir;
  }

  async backupNow(): Promise<BackupInfo> {
    const stamp = new Date(this.ctx.core.now()).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    try {
      return await backupTo(this.ctx.core.deps.db, join(this.dir, `hallq-manual-${stamp}.db`));
    } catch (error) {
      this.lastError = { at: this.ctx.core.now(), message: (error as Error).message };
      throw error;
    }
  }

  status(): BackupStatus {
    const backups = listBackups(this.dir).map((b) => ({ name: b.file.slice(b.file.lastIndexOf('/') + 1), bytes: b.bytes, at: Math.round(b.at) }));
    const daily = backups.filter((b) => /^hallq-\d{4}-\d{2}-\d{2}\.db$/.test(b.name)).sort((a, b) => b.name.localeCompare(a.name))[0];
    const day = daily?.name.slice(6, 16);
    return {
      dir: this.dir,
      lastDaily: daily && day ? { ...daily, day, isToday: day === this.ctx.core.today() } : undefined,
      lastError: this.lastError,
      backups,
    };
  }
}
