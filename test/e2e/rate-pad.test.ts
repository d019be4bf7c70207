/** The rating pad (/rate?window=N) in headless Chromium: it wakes when the window finishes and rates that visit once. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api, issue, openWindow, startTestHub, testConfig } from '../support/hub';
import { windowDevicesExtension } from '../../server/window-devices/index';

const config = testConfig();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

it('offers the finished visit and records a 差评 with its reasons', { timeout: 90_000 }, async () => {
  const hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
  const page = await browser.newPage();
  try {
    await page.goto(`${hub.url}/rate?window=1`);
    await page.waitForSelector('#pad-idle:not([hidden])');
    const token = await openWindow(hub, 'clerk1', 'w1');
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token, body: {} });
    await api(hub, 'POST', '/api/windows/w1/finish', { token, body: {} });
    await page.waitForSelector(`#pad-question:has-text("${ticket.number}")`);
    await page.click('button[data-score="2"]');
    await page.click('button[data-tag="slow"]');
    await page.click('#pad-submit');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    expect(hub.hub.core.hall.ratingForTicket(ticket.id)).toMatchObject({ score: 2, tags: ['slow'], channel: 'pad', windowId: 'w1', staffId: 'clerk1' });
  } finally {
    await page.close();
    await hub.dispose();
  }
});
