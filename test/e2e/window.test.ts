/**
 * The clerk page in headless Chromium against a real hub with the simulated window bus: sign in, call,
 * finish, see the rating pressed on the simulated keypad; a double press calls once; a hub restart
 * mid-press neither loses nor doubles the action, and the page resyncs without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pressDeskKey } from '../support/browser';
import { api, issue, openWindow, startTestHub, testConfig } from '../support/hub';
import { startHub, type RunningHub } from '../../server/compose';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { waitFor } from '../support/wait';

const config = testConfig();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, url: string, windowId: string): Promise<void> {
  await page.goto(`${url}/window`);
  await page.fill('#login-username', 'clerk1');
  await page.fill('#login-password', 'demo1234');
  await page.selectOption('#login-window', windowId);
  await page.click('#login-submit');
  await page.waitForSelector('#desk:not([hidden])');
  await page.waitForSelector('#desk-connection[data-state="online"]');
}

describe('/window', () => {
  it('signs in, calls, finishes and shows the rating from the simulated keypad', { timeout: 90_000 }, async () => {
    const hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
    const page = await browser.newPage();
    try {
      await signIn(page, hub.url, 'w1');
      const ticket = await issue(hub, 'A');
      await page.waitForSelector(`#queue-tickets >> text=${ticket.number}`);
      await page.click('button[data-action="call-next"]');
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);
      expect(await page.isDisabled('button[data-action="call-next"]')).toBe(true);
      await pressDeskKey(page, 'f');
      await page.waitForSelector('#after-text:has-text("等待评价")');
      await waitFor(
        'keypad armed',
        async () => (await api<{ isAccepted: boolean }>(hub, 'POST', '/api/demo/windows/w1/keypad', { body: { level: 5 } })).body.isAccepted,
        20_000,
        50,
      );
      await page.waitForSelector(`#after-text:has-text("${ticket.number}: 5 非常满意")`);
      await page.waitForSelector('#day-text:has-text("办结 1 件")');
      const rating = hub.hub.ports.read.hall.ratingForTicket(ticket.id);
      expect(rating).toMatchObject({ score: 5, channel: 'keypad', windowId: 'w1', staffId: 'clerk1' });
    } finally {
      await page.close();
      await hub.dispose();
    }
  });

  it('shows the hub\'s refusals in the hall\'s language', { timeout: 90_000 }, async () => {
    const hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
    const page = await browser.newPage();
    try {
      await page.goto(`${hub.url}/window`);
      await page.fill('#login-username', 'clerk1');
      await page.fill('#login-password', 'wrong-password');
      await page.selectOption('#login-window', 'w3');
      await page.click('#login-submit');
      await page.waitForSelector('#login-error:text-is("工号或密码错误")');
      // Another clerk holds window 3: the sign-in is refused with the reason, in Chinese.
      await openWindow(hub, 'clerk2', 'w3');
      await page.fill('#login-password', 'demo1234');
      await page.click('#login-submit');
      await page.waitForSelector('#login-error:text-is("该窗口已由其他工作人员登录")');
    } finally {
      await page.close();
      await hub.dispose();
    }
  });

  it('a double press calls one ticket', { timeout: 90_000 }, async () => {
    const hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
    const page = await browser.newPage();
    try {
      await signIn(page, hub.url, 'w2');
      const first = await issue(hub, 'B');
      await issue(hub, 'B');
      await page.waitForSelector(`#queue-tickets >> text=${first.number}`);
      await page.keyboard.press('F1');
      await page.keyboard.press('F1');
      await page.dblclick('button[data-action="call-next"]', { force: true });
      await page.waitForSelector(`#current-number:text-is("${first.number}")`);
      // The stream may show the call before the hub answers the press: a refusal would come with an answer.
      await page.waitForSelector('#desk[aria-busy="false"]', { state: 'attached' });
      const staff = hub.hub.staffSnapshot();
      expect(staff.tickets.filter((t) => t.status === 'called').map((t) => t.number)).toEqual([first.number]);
      expect(await page.textContent('#desk-error')).toBe('');
    } finally {
      await page.close();
      await hub.dispose();
    }
  });

  it('keeps working through a hub restart: the press made while it was down is done once', { timeout: 90_000 }, async () => {
    const first = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
    const page = await browser.newPage();
    let second: RunningHub | undefined;
    try {
      await signIn(page, first.url, 'w1');
      const ticket = await issue(first, 'A');
      await page.waitForSelector(`#queue-tickets >> text=${ticket.number}`);
      await first.stop();
      await page.waitForSelector('#desk-connection[data-state="offline"]');
      await page.keyboard.press('Space');
      await page.waitForSelector('#desk-pending:not([hidden])');
      second = await startHub({
        config,
        dataDir: first.dataDir,
        host: '127.0.0.1',
        port: first.port,
        uiDir: process.env.HALLQ_UI_DIR,
        extensions: [windowDevicesExtension(config)],
      });
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);
      await page.waitForSelector('#desk-pending[hidden]', { state: 'attached' });
      const next = await issue(second, 'A');
      await page.waitForSelector(`#queue-tickets >> text=${next.number}`);
      const calls = second.db.prepare('SELECT COUNT(*) AS n FROM calls WHERE ticket_id = ?').get(ticket.id) as { n: number };
      expect(calls.n).toBe(1);
    } finally {
      await page.close();
      await second?.close();
      await first.dispose();
    }
  });
});
