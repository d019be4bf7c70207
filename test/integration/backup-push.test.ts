/**
 * The scheduled daily backup is pushed to managers' sockets (issue 20): an open backups card in the console
 * kept the old list until reloaded, since the schedule announced nothing (only "backup now" did).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSocket, emitAck, login, openWindow, startTestHub, TestClock, type TestHub } from '../support/hub';
import { waitFor } from '../support/wait';
import type { BackupFile } from '../../server/protocol/manager-model';

describe('the scheduled backup, over the managers\' socket stream', () => {
  let hub: TestHub;

  // 23:59 in the hall (Asia/Shanghai): the day's backup is written at start, the next one two minutes on.
  beforeEach(async () => {
    hub = await startTestHub({ clock: new TestClock(Date.parse('2026-11-27T15:59:00Z')) });
    await waitFor("the start's backup", () => existsSync(join(hub.dataDir, 'backups', 'hallq-2026-11-27.db')));
  });
  afterEach(() => hub.dispose());

  it('tells a manager\'s socket which file the schedule wrote, and not a clerk\'s', async () => {
    const manager = connectSocket(hub, await login(hub, 'manager'));
    const clerk = connectSocket(hub, await openWindow(hub, 'clerk1', 'w1'));
    try {
      // The rooms are joined with the first sync, as the pages do.
      await emitAck(manager, 'hall:sync', {});
      await emitAck(clerk, 'hall:sync', {});
      const toManager: BackupFile[] = [];
      const toClerk: BackupFile[] = [];
      manager.on('backup:written', (file) => toManager.push(file));
      clerk.on('backup:written', (file) => toClerk.push(file));

      hub.clock?.advance(2 * 60_000);
      const written = await hub.backups.runIfDue();
      expect(written?.file).toBe(join(hub.dataDir, 'backups', 'hallq-2026-11-28.db'));
      await waitFor('the push to the manager', () => toManager.length > 0);
      expect(toManager).toEqual([{ name: 'hallq-2026-11-28.db', bytes: written?.bytes, at: Math.round(written?.at ?? 0) }]);
      // A run with today's file there writes nothing and says nothing.
      expect(await hub.backups.runIfDue()).toBeUndefined();
      await new Promise((r) => setTimeout(r, 200));
      expect(toManager).toHaveLength(1);
      expect(toClerk).toEqual([]);
    } finally {
      manager.close();
      clerk.close();
    }
  });
});
