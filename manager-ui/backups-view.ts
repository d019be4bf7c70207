/**
 * The backups card of the configuration tab: the files in the hub's backup folder and "backup now". It re-reads
 * itself after "backup now" and whenever the hub announces a backup (main.ts), without re-rendering the tab:
 * the forms above it keep what the admin is typing.
 */
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import type { BackupStatus } from '../server/protocol/manager-model';
import { h, clock, table } from './dom';
import { t } from './i18n';
import { download, request } from './api';

const CARD_ID = 'backups-card';
let failed: (error: unknown) => void = () => undefined;

function cardBody(backups: BackupStatus, notify: (text: string) => void): HTMLElement[] {
  const list = table(
    [t('backups'), t('bytes'), t('since'), ''],
    backups.backups.map((b) => [b.name, b.bytes, clock(b.at), h('button', { type: 'button', onclick: () => void download(adminRoutes.downloadBackup, { params: { name: b.name } }, b.name).catch(failed) }, t('download'))]),
    { id: 'backup-list' },
  );
  const backupNow = h(
    'button',
    // Redrawn after a failure too: the card then says that (and when) the last one failed.
    { type: 'button', id: 'backup-now', onclick: () => void request(adminRoutes.backupNow, { body: {} }).then(() => (notify(t('saved')), refreshBackups()), (error: unknown) => (failed(error), refreshBackups())) },
    t('backupNow'),
  );
  const last = backups.lastDaily ? `${t('lastDaily')}: ${backups.lastDaily.name} ${clock(backups.lastDaily.at)}${backups.lastDaily.isToday ? ' ✓' : ' ⚠'}` : `${t('lastDaily')}: –`;
  // In words with its time, never the file system's English message (the hub's log keeps that).
  const failure = backups.lastError ? h('span', { id: 'backup-failed', class: 'over' }, ` · ${t('backupFailed')} ${clock(backups.lastError.at)}`) : '';
  return [h('h2', {}, t('backups')), h('p', {}, last, failure), backupNow, list];
}

let notifyOf: (text: string) => void = () => undefined;

export async function renderBackups(notify: (text: string) => void, fail: (error: unknown) => void): Promise<HTMLElement> {
  notifyOf = notify;
  failed = fail;
  const backups = await request(adminRoutes.backups, {});
  return h('div', { class: 'card', id: CARD_ID }, ...cardBody(backups, notify));
}

/** Re-reads the folder and redraws the card, if it is on the page. */
export function refreshBackups(): void {
  if (!document.getElementById(CARD_ID)) return;
  request(adminRoutes.backups, {}).then((backups) => document.getElementById(CARD_ID)?.replaceChildren(...cardBody(backups, notifyOf)), failed);
}
