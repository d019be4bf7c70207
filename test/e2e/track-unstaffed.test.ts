/**
 * The phone page when no window of the service is open yet, at a phone's size (390×844): 「该业务窗口暂未开放，
 * 开放后按顺序叫号」 once sat in the estimate's big figure font and ran over four lines. A sentence gets a
 * reading size (and the full width); the figures (the number, the people ahead) stay large.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { issue, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';

const BOUND = { timeout: 30_000 };
let browser: Browser;
let hub: TestHub;

beforeAll(async () => {
  browser = await launchBrowser();
  // Friday 09:00 in the hall: open hours, and no clerk has opened a window.
  hub = await startTestHub({ config: testConfig(), clock: new TestClock() });
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('phone page, no window open yet', () => {
  it('sets the notice as a sentence of at most three lines, the figures still large', async () => {
    const ticket = await issue(hub, 'A');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/t/${ticket.trackToken}`);
      await expect.poll(() => page.locator('.number').textContent(), BOUND).toBe(ticket.number);
      const notice = page.locator('.estimate');
      expect(await notice.textContent()).toBe('该业务窗口暂未开放，开放后按顺序叫号');
      const box = await notice.evaluate((el) => {
        const style = getComputedStyle(el);
        const fontSize = parseFloat(style.fontSize);
        const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(style.lineHeight);
        return { height: el.getBoundingClientRect().height, fontSize, lineHeight };
      });
      expect(box.height).toBeLessThanOrEqual(3 * box.lineHeight + 1);
      // Readable for the elderly (~1.2–1.5rem of the phone's 16px), not the figure font.
      expect(box.fontSize).toBeGreaterThanOrEqual(19);
      expect(box.fontSize).toBeLessThanOrEqual(24);
      const size = (selector: string): Promise<number> => page.locator(selector).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(await size('.number')).toBeGreaterThanOrEqual(48);
      expect(await size('.ahead')).toBeGreaterThan(box.fontSize);
    } finally {
      await context.close();
    }
  });
});
