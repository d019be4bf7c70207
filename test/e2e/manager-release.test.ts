/**
 * 强制关窗 in headless Chromium against a real hub: a clerk's page serves a visitor at window 1; the manager
 * releases the window from the live hall's window list (after a confirmation naming the visitor); the
 * clerk's page goes back to sign-in saying why, the visitor waits again, and the console shows the window closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { issue, startTestHub, testConfig, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { managerExtension } from '../../server/wings/manager';
import { windowDevicesExtension } from '../../server/wings/window-devices';

describe('manager console: release a window (browser)', () => {
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, extensions: [windowDevicesExtension(config), managerExtension(config)] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('asks first, releases, and the clerk page returns to sign-in with the reason', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const desk = await browser.newPage();
    const managerPage = await browser.newPage();
    for (const page of [desk, managerPage]) page.on('pageerror', (e) => problems.push(e.message));

    // clerk1 serves a visitor at window 1.
    const ticket = await issue(hub, 'A');
    await desk.goto(`${hub.url}/window?window=w1`);
    await desk.fill('#login-username', 'clerk1');
    await desk.fill('#login-password', 'demo1234');
    await desk.click('#login-submit');
    await desk.waitForSelector('#desk-connection[data-state="online"]');
    await desk.click('button[data-action="call-next"]');
    await desk.waitForSelector(`#current-number:text-is("${ticket.number}")`);

    await signInToManager(managerPage, hub.url);
    const release = managerPage.locator('#live-windows button[data-release="w1"]');
    await release.waitFor();
    // Only windows that are not closed offer it.
    expect(await managerPage.locator('#live-windows button[data-release]').count()).toBe(1);

    // Cancelling the confirmation changes nothing.
    managerPage.once('dialog', (dialog) => void dialog.dismiss());
    await release.click();
    await managerPage.waitForTimeout(300);
    expect(hub.hub.ports.read.hall.windowStatuses().get('w1')?.state).toBe('serving');

    // Confirmed: the question names the window and the visitor's fate.
    let question = '';
    managerPage.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await release.click();
    await managerPage.locator('#live-windows button[data-release]').waitFor({ state: 'detached' });
    expect(question).toContain('1号窗口');
    expect(question).toContain(ticket.number);
    expect(question).toContain('回到队首');
    await managerPage.waitForFunction(() => document.querySelector('#toast')?.textContent?.includes('已强制关窗'));

    // The hub: window closed with no clerk, the visitor waiting again, the release audited.
    const status = hub.hub.ports.read.hall.windowStatuses().get('w1');
    expect([status?.state, status?.staffId]).toEqual(['closed', undefined]);
    expect(hub.hub.ports.read.activeTickets().filter((t) => t.number === ticket.number).map((t) => t.status)).toEqual(['waiting']);
    const logged = hub.db.prepare("SELECT actor FROM events WHERE type = 'window:released'").all() as { actor: string }[];
    expect(logged).toEqual([{ actor: 'staff:manager' }]);

    // The clerk's page did not stay on a desk with no usable button: it asks to sign in and open again.
    await desk.waitForSelector('#login:not([hidden])');
    await desk.waitForSelector('#login-error:has-text("本窗口已关闭")');
    expect(problems).toEqual([]);
    await desk.close();
    await managerPage.close();
  });
});
