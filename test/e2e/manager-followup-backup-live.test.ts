/**
 * Issue 20 in headless Chromium against one real hub: the follow-up history names who recorded each step (the
 * person's name, never the username), and an open backups card lists the scheduled daily backup without a reload.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, openManagerConsole } from '../support/browser';
import { waitFor } from '../support/wait';
import { managerExtension } from '../../server/wings/manager';
import type { FollowupList, FollowupView } from '../../server/protocol/manager-model';

describe('manager console: follow-up recorders and the scheduled backup (browser)', () => {
  let hub: TestHub;
  let browser: Browser;
  let manager: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const config = testConfig((file) => {
      const admin = file.staff.find((s) => s.username === 'manager')!;
      file.staff.push({ username: 'manager2', name: '孙科长', role: 'manager', passwordHash: admin.passwordHash });
    });
    // 23:30 in the hall (Asia/Shanghai): the start writes the day's backup; the next day's is half an hour on.
    hub = await startTestHub({ config, clock: new TestClock(Date.parse('2026-11-27T15:30:00Z')), extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    await waitFor("the start's backup", () => existsSync(join(hub.dataDir, 'backups', 'hallq-2026-11-27.db')));
    browser = await launchBrowser();
    manager = await openManagerConsole(browser, hub.url, problems);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows who recorded each follow-up step by name', { timeout: 60_000 }, async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    expect((await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 1, tags: ['attitude'] } })).status).toBe(201);
    const other = await login(hub, 'manager2');
    const items = async (): Promise<FollowupView[]> => (await api<FollowupList>(hub, 'GET', '/api/followups', { token: other })).body.items;
    const id = (await waitFor('the follow-up', async () => (await items())[0]))?.id;
    expect((await api(hub, 'POST', `/api/followups/${id}/record`, { token: other, body: { step: 'callback', note: '已电话回访' } })).status).toBe(200);

    // The signed-in admin (刘主任) records the 整改 in the console.
    await manager.click('button[data-tab=followups]');
    const remedy = manager.locator(`form[data-testid="remedy-${id}"]`);
    await remedy.locator('input[name=note]').fill('窗口人员培训');
    await remedy.locator('button[type=submit]').click();
    const row = manager.locator('#followups tbody tr').first();
    await row.locator('[data-step=remedy]').waitFor();
    expect(await row.locator('[data-step=callback]').textContent()).toMatch(/^回访 ✓ .+ · 记录人：孙科长$/);
    expect(await row.locator('[data-step=remedy]').textContent()).toMatch(/^整改 ✓ .+ · 记录人：刘主任$/);
    expect(await row.textContent()).not.toMatch(/manager2|manager\b/);
    expect(problems).toEqual([]);
  });

  it('lists the scheduled daily backup on an open backups card, without a reload', { timeout: 60_000 }, async () => {
    await manager.click('button[data-tab=admin]');
    await manager.waitForSelector('#backup-list >> text=hallq-2026-11-27.db');
    expect(await manager.locator('#backup-list').textContent()).not.toContain('hallq-2026-11-28.db');
    hub.clock?.advance(31 * 60_000);
    expect((await hub.backups.runIfDue())?.file).toContain('hallq-2026-11-28.db');
    await manager.waitForSelector('#backup-list >> text=hallq-2026-11-28.db', { timeout: 10_000 });
    expect(await manager.locator('#backups-card').textContent()).toContain('hallq-2026-11-28.db');
    expect(problems).toEqual([]);
  });
});
