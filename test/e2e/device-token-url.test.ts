/**
 * Device tokens leave the URL (issue 21, item 6): a kiosk opened once as /kiosk?token=… and a rating pad as
 * /rate?window=1&token=… keep the token in localStorage and replace the address at once, so it is not left in
 * the address bar, the history or a Referer; a reload works from storage, and requests carry the token in the
 * Authorization header, never in the query. Not a demo hall: without a stored token the kiosk would refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { KIOSK_TOKEN, startTestHub, testConfig, type TestHub } from '../support/hub';
import { kioskExtension } from '../../server/wings/kiosk';

let browser: Browser;
let hub: TestHub;

beforeAll(async () => {
  browser = await launchBrowser();
  const config = testConfig(undefined, { isDemo: false });
  hub = await startTestHub({ config, extensions: [kioskExtension(config, { printerPollMs: 0 })] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => void requests.push(request));
  return requests;
}

describe('device tokens in URLs', () => {
  it('a kiosk stores its token, drops it from the address at once, and works after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const response = await page.goto(`${hub.url}/kiosk?token=${KIOSK_TOKEN}&idle=60`);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
    expect(page.url()).toBe(`${hub.url}/kiosk?idle=60`);
    expect(await page.evaluate(() => localStorage.getItem('hallq.kioskToken'))).toBe(KIOSK_TOKEN);

    await page.reload();
    await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
    expect(page.url()).not.toContain('token');
    await page.click('[data-testid="service-A"]');
    expect(await page.locator('[data-testid="ticket-number"]').textContent()).toMatch(/^A\d{3}$/);

    const issued = requests.find((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets');
    expect(issued?.headers().authorization).toBe(`Bearer ${KIOSK_TOKEN}`);
    // Only the very first navigation had it; no request made by the page puts it in a URL.
    expect(requests.slice(1).filter((r) => r.url().includes(KIOSK_TOKEN))).toEqual([]);
    await context.close();
  }, 60_000);

  it('a rating pad stores its token and drops it from the address, keeping its other settings', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    await page.goto(`${hub.url}/rate?window=1&token=demo-pad-1`);
    await page.waitForSelector('#pad-idle:not([hidden])');
    expect(page.url()).toBe(`${hub.url}/rate?window=1`);
    expect(await page.evaluate(() => localStorage.getItem('hallq.rate.token'))).toBe('demo-pad-1');
    await page.reload();
    await page.waitForSelector('#pad-idle:not([hidden])');
    expect(page.url()).toBe(`${hub.url}/rate?window=1`);
    expect(requests.slice(1).filter((r) => r.url().includes('demo-pad-1'))).toEqual([]);
    await context.close();
  }, 60_000);
});
