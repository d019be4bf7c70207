/**
 * The 人员考核 section of the reports tab in headless Chromium against a real hub (issue 19): after a visit
 * and a break at window 1, the clerk shows by name (王芳, never clerk1), the pause by its reason in words
 * (休息, never break), and the quarter's 服务明星 lists the clerk with the score broken down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, issue, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { managerExtension } from '../../server/wings/manager';

describe('人员考核 in the manager console (browser)', () => {
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const clock = new TestClock();
    const config = testConfig((file) => {
      file.policy = { ...file.policy!, ranking: { satisfaction: 40, served: 30, handling: 15, noShowRate: 15, minServed: 1 } };
    });
    hub = await startTestHub({ config, clock, extensions: [managerExtension(config)] });
    await issue(hub, 'A');
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    for (const [verb, body, seconds] of [['call-next', {}, 60], ['finish', {}, 240], ['pause', { reason: 'break' }, 10], ['resume', {}, 300]] as const) {
      clock.advance(seconds * 1000);
      expect((await api(hub, 'POST', `/api/windows/w1/${verb}`, { token: clerk, body })).status).toBe(200);
    }
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows clerks by name and pauses and factors in words', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(page, hub.url);
    await page.click('button[data-tab=reports]');
    await page.waitForSelector('#clerk-report-form');
    await page.click('#clerk-report-form button[type=submit]');
    await page.waitForSelector('#clerk-report-clerks');
    const clerks = (await page.textContent('#clerk-report-clerks')) ?? '';
    expect(clerks).toContain('工作人员');
    expect(clerks).toContain('王芳');
    expect(clerks).toContain('休息 5'); // five minutes of break, by its reason's word
    expect(clerks).not.toMatch(/clerk\d|break|undefined|NaN/);
    expect(await page.textContent('#clerk-report-windows')).toContain('1号窗口');

    await page.click('#honours-form button[type=submit]');
    await page.waitForSelector('#honours-clerks');
    const stars = (await page.textContent('#honours-clerks')) ?? '';
    expect(stars).toContain('王芳');
    expect(stars).toContain('满意率');
    expect(stars).not.toMatch(/clerk\d|satisfaction|noShowRate|undefined|NaN/);
    expect(await page.textContent('#honours')).toContain('红旗窗口');
    expect(problems).toEqual([]);
  });
});
