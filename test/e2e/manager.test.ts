/**
 * The manager console in headless Chromium against a real hub: sign in, see a call arrive live, acknowledge
 * an alert (raised by a device going offline) with a note, and download an XLSX report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { api, issue, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { managerExtension } from '../../server/wings/manager';

describe('manager console (browser)', () => {
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config)] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('signs in, follows a live call, acknowledges an alert and downloads an XLSX report', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(page, hub.url);
    await page.waitForSelector('#connection[data-state=online]');

    // A call made at a window appears live (no reload).
    const ticket = await issue(hub, 'A');
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    await page.waitForFunction((n) => document.querySelector('#recent-calls')?.textContent?.includes(n), ticket.number);
    await page.waitForFunction((n) => document.querySelector('#live-windows')?.textContent?.includes(n), ticket.number);

    // A printer runs out of paper: the alert shows with a badge; the manager acknowledges it with a note.
    hub.hub.ports.devices.reportDevice({ id: 'kiosk1-printer', kind: 'printer', status: 'offline', code: 'paper-out', since: hub.clock?.now() ?? 0, owner: 'kiosk1' });
    await page.waitForSelector('#alert-count');
    await page.click('button[data-tab=alerts]');
    const row = page.locator('tr.alert-row').first();
    await row.waitFor();
    await row.locator('input[name=note]').fill('已更换纸卷');
    await row.locator('button[type=submit]').click();
    await page.waitForSelector('#no-alerts');
    const logged = hub.db.prepare("SELECT actor, data FROM events WHERE type = 'alert:acknowledged'").all() as { actor: string; data: string }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]?.actor).toBe('staff:manager');
    expect(JSON.parse(logged[0]?.data ?? '{}').alert.note).toBe('已更换纸卷');

    // The report for today downloads as a real XLSX (a zip: "PK").
    await page.click('button[data-tab=reports]');
    await page.waitForSelector('#download-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/^hallq-report-2026-11-27_2026-11-27\.xlsx$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(problems).toEqual([]);
    await page.close();
  });
});
