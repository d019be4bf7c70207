/**
 * 暂停取号 on the kiosk page in Chromium (issue #21): with the hub's disk full (SQLITE_FULL injected), a
 * visitor's tap ends on a screen of words — what happened and what to do — not a code and not the generic
 * 「取号没有成功」; the services say 暂停取号; once the hub writes again the page returns to its services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestHub, testConfig } from '../support/hub';
import { injectStorageFault } from '../support/storage-fault';
import { kioskExtension } from '../../server/wings/kiosk';

describe('kiosk page on a full disk', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('shows 暂停取号 in words, and its services again once the hub can write', async () => {
    const config = testConfig();
    const hub = await startTestHub({ config, extensions: [kioskExtension(config, { printerPollMs: 0 })] });
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    try {
      await page.goto(`${hub.url}/kiosk`);
      await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
      const disk = injectStorageFault(hub.db);
      disk.fail();
      await page.click('[data-testid="service-A"]');
      const paused = page.locator('[data-testid="paused"]');
      await paused.waitFor();
      const text = (await paused.textContent()) ?? '';
      expect(text).toContain('暂停取号');
      expect(text).toContain('工作人员正在处理');
      expect(text).not.toMatch(/storage|SQLITE|unavailable|503|取号没有成功/);

      // Back home it stays paused: the services themselves say the hub cannot save tickets.
      await page.click('[data-testid="paused"] button');
      await paused.waitFor();
      expect(await page.locator('[data-testid="paused"] button').count()).toBe(0);

      disk.heal();
      expect(hub.hub.probeStorage()).toBe(true);
      await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
      expect(await paused.count()).toBe(0);
    } finally {
      await page.close();
      await hub.dispose();
    }
  });
});
