/**
 * The city link on the manager console, in headless Chromium against a real hub shipping to a small centre:
 * the 市级联网 card says in words that the link is fine and nothing waits, shows the centre's 督办 note,
 * and says so in English after the language switch; when the centre goes away it says the hall keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hubExtensions } from '../../server/extensions';
import { issue, startTestHub, testConfig, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { startFakeCentre, type FakeCentre } from '../support/fake-centre';

const TOKEN = 'hall-token-for-the-console-test';

describe('manager console: the city link card (browser)', () => {
  let hub: TestHub;
  let centre: FakeCentre;
  let browser: Browser;

  beforeAll(async () => {
    centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centre.outbox.push({ id: 'n-1', followupId: 'f-1', text: '请三个工作日内完成回访', by: 'duban', at: Date.now() });
    const config = testConfig((file) => {
      file.uplink = { url: centre.url, token: TOKEN, batchSize: 50, retryMinSeconds: 0.1, retryMaxSeconds: 0.5, heartbeatSeconds: 1, requestTimeoutSeconds: 2 };
    });
    hub = await startTestHub({ config, extensions: hubExtensions(config) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
    await centre?.stop();
  });

  it('shows the state, backlog and 督办 in Chinese words, then in English', { timeout: 90_000 }, async () => {
    await issue(hub, 'A');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(page, hub.url);
    // The card asks again every 15 s; a fresh render of the live tab shows the latest answer.
    await page.waitForSelector('#uplink-state', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#uplink-state')?.getAttribute('data-state') === 'ok' && document.querySelector('#uplink-notes') !== null, undefined, { timeout: 40_000 });
    const card = page.locator('#uplink');
    expect(await card.locator('h2').textContent()).toBe('市级联网');
    expect(await page.locator('#uplink-state').textContent()).toBe('联网正常');
    expect(await page.locator('#uplink-backlog').textContent()).toMatch(/^\d+ 条$/);
    expect(await page.locator('#uplink-notes').textContent()).toContain('请三个工作日内完成回访');
    // Words, never codes, on the zh-CN page.
    expect(await card.textContent()).not.toMatch(/\b(ok|retrying|refused|unavailable)\b/);

    await page.click('#language');
    await page.waitForFunction(() => document.querySelector('#uplink h2')?.textContent === 'City link');
    expect(await page.locator('#uplink-state').textContent()).toBe('Link is fine');
    expect(problems).toEqual([]);
  });
});
