/**
 * Backups from the manager console: "backup now", download, and the status of the daily backup. The daily
 * backup itself is scheduled by the hub (server/app/backup-schedule.ts, started in compose.ts, keeping
 * HALLQ_BACKUP_DAYS files); this reads its files in <dataDir>/backups to show when it last ran.
 */
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupFile, BackupStatus } from '../protocol/manager-model';
import { backupTo, listBackups, manualBackupName } from '../storage/backup';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { HubPorts } from './ports';

export type BackupPorts = Pick<HubPorts, 'writer' | 'time' | 'database' | 'config'>;

export class Backups {
  private dir = '';
  private lastError?: BackupStatus['lastError'];
  /** The "backup now" in progress, if any. */
  private running: Promise<BackupFile> | undefined;

  constructor(private readonly ports: BackupPorts) {}

  /** Set at start: routes are registered before the hub tells its extensions the data directory. */
  locate(dir: string): void {
    this.dir = dir;
  }

  /**
   * A consistent copy now (hallq-manual-<hall-local date-time>.db, as `hallq backup` names it), audited as the admin's
   * action. One at a time: a second click (or a second admin) while one runs gets that one, since both would write
   * the same file in the same second and the second would remove the first's half-written copy.
   */
  backupNow(actor: Extract<Actor, { kind: 'staff' }>): Promise<BackupFile> {
    if (this.running) return this.running;
    const running = this.backUp(actor).finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async backUp(actor: Extract<Actor, { kind: 'staff' }>): Promise<BackupFile> {
    let info;
    try {
      info = await backupTo(this.ports.database.db, join(this.dir, manualBackupName(this.ports.time.now(), this.ports.config.hall.timeZone)));
    } catch (error) {
      this.lastError = { at: this.ports.time.now(), message: (error as Error).message };
      throw error;
    }
    // A failure is "the last one" only until a backup succeeds again.
    this.lastError = undefined;
    const name = basename(info.file);
    this.ports.writer.commit(actor, (tx) => tx.emit('admin:changed', { area: 'backup', summary: `backup ${name} (${info.bytes} bytes)` }));
    return { name, bytes: info.bytes, at: Math.round(info.at) };
  }

  status(): BackupStatus {
    const backups = listBackups(this.dir).map((b) => ({ name: basename(b.file), bytes: b.bytes, at: Math.round(b.at) }));
    const daily = backups.filter((b) => /^hallq-\d{4}-\d{2}-\d{2}\.db$/.test(b.name)).sort((a, b) => b.name.localeCompare(a.name))[0];
    const day = daily?.name.slice(6, 16);
    return {
      dir: this.dir,
      lastDaily: daily && day ? { ...daily, day, isToday: day === this.ports.time.today() } : undefined,
      lastError: this.lastError,
      backups,
    };
  }

  /** The backup `name` (already checked against hallq-*.db by the route's schema) to stream to the admin. */
  open(name: string): ReadStream {
    const file = join(this.dir, name);
    if (!existsSync(file)) throw new HubError('not-found', `There is no backup ${name}.`);
    return createReadStream(file);
  }
}
