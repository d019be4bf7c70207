/**
 * A reply lost on the way back (a cable pulled, a switch rebooting): the kiosk page used to wait on 「正在取号…」 for
 * as long as the browser kept the request open — minutes, with no idle timeout on that screen. Each attempt is
 * now bounded (ui-client/hub-client.ts, `timeoutMs`) and retried with the same idempotency key, so the visitor
 * gets the ticket the hub already issued: one number, not two. In headless Chromium against a real hub; the
 * first reply is swallowed after the hub has answered it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestHub, testConfig, type TestHub } from '../support/hub';
import { kioskExtension } from '../../server/wings/kiosk';

let browser: Browser;
let hub: TestHub;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const config = testConfig();
  hub = await startTestHub({ config, extensions: [kioskExtension(config)] });
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await hub?.dispose();
});

describe('a ticket whose reply is lost', () => {
  it('is shown after a bounded wait, as the one number the hub issued', { timeout: 90_000 }, async () => {
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-testid="service-A"]:not([disabled])').waitFor({ timeout: 30_000 });
    const keys: string[] = [];
    let swallowed: Route | undefined;
    await page.route('**/api/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (swallowed) return route.continue();
      swallowed = route;
      await route.fetch(); // the hub issues and answers; the page never hears it
    });
    await page.click('[data-testid="service-A"]');
    const number = page.locator('[data-testid="ticket-number"]');
    await number.waitFor({ timeout: 60_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const issued = hub.db.prepare("SELECT number FROM tickets WHERE service_id = 'A'").pluck().all();
    expect(issued).toEqual([await number.textContent()]);
  });
});
