/**
 * The clerk page's queue and its smaller defects (issue 19 items 1 and 7), in headless Chromium against a
 * real hub: window 2 lists exactly the order F1 then takes (a transfer sent here by name included); Q and N
 * ask first and a no-show can be undone; the recall that would be a no-show is announced; a pause shows its
 * reason and time; the chooser takes a typed number and arrow keys; the transfer dialog offers only open
 * windows; a new window reaches the sign-in list without a reload; "等待评价…" ends when the pad gives up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pressDeskKey } from '../support/browser';
import { api, issue, login, openWindow, startTestHub, testConfig, unlimitedConfig, type TestHub } from '../support/hub';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { managerExtension } from '../../server/wings/manager';
import type { Layout } from '../../server/protocol/layout';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, url: string, username: string, windowId: string): Promise<void> {
  await page.goto(`${url}/window`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', 'demo1234');
  await page.selectOption('#login-window', windowId);
  await page.click('#login-submit');
  await page.waitForSelector('#desk:not([hidden])');
  await page.waitForSelector('#desk-connection[data-state="online"]');
}

const listed = (page: Page): Promise<string[]> => page.$$eval('#queue-tickets .ticket .number', (items) => items.map((i) => i.textContent ?? ''));

async function withHub(config: ReturnType<typeof testConfig>, body: (hub: TestHub, page: Page) => Promise<void>, withManager = false): Promise<void> {
  const extensions = [windowDevicesExtension(config), ...(withManager ? [managerExtension(config, { alertIntervalMs: 3_600_000 })] : [])];
  const hub = await startTestHub({ config, extensions });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  try {
    await body(hub, page);
  } finally {
    await page.close();
    await hub.dispose();
  }
}

describe('/window queue order', () => {
  it('window 2 (B weight 2, A weight 1) lists exactly the order F1 then takes, and names the policy', { timeout: 120_000 }, async () => {
    await withHub(unlimitedConfig(), async (hub, page) => {
      const a1 = await issue(hub, 'A');
      const b1 = await issue(hub, 'B');
      const b2 = await issue(hub, 'B');
      const a2 = await issue(hub, 'A');
      const a3 = await issue(hub, 'A');
      // Window 1 sends its first visitor to window 2 by name, with a note: called first there.
      const clerk1 = await openWindow(hub, 'clerk1', 'w1');
      await openWindow(hub, 'clerk2', 'w2');
      await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
      expect((await api(hub, 'POST', '/api/windows/w1/transfer', { token: clerk1, body: { toWindowId: 'w2', note: '材料已核对' } })).status).toBe(200);
      await signIn(page, hub.url, 'clerk2', 'w2');
      await page.waitForFunction(() => document.querySelectorAll('#queue-tickets .ticket').length === 5);
      const order = await listed(page);
      // The page's old sort would list A001 (transferred) second, after nothing, then by arrival: A002 before B001.
      expect(order).toEqual([a1.number, b1.number, b2.number, a2.number, a3.number]);
      expect(await page.textContent('#queue-policy')).toContain('按加权等候时间');
      expect(await page.textContent('#queue-tickets')).toContain('材料已核对');
      const taken: string[] = [];
      for (let i = 0; i < order.length; i++) {
        await pressDeskKey(page, 'F1');
        await page.waitForSelector('#current[data-empty="false"]');
        const number = (await page.textContent('#current-number')) ?? '';
        taken.push(number);
        // The transfer's note reaches the receiving clerk's serving card.
        if (i === 0) expect(await page.textContent('#current-note')).toBe('转办备注：材料已核对');
        await pressDeskKey(page, 'f');
        await page.waitForSelector('#current[data-empty="true"]');
        // The list follows at once: what is left is still the head-first order.
        await page.waitForFunction((n) => document.querySelectorAll('#queue-tickets .ticket').length === n, order.length - i - 1);
        expect(await listed(page)).toEqual(order.slice(i + 1));
      }
      expect(taken).toEqual(order);
    });
  });
});

describe('/window smaller defects', () => {
  it('Q and N ask first (Esc cancels, Enter confirms); a no-show can be undone; the last recall is announced', { timeout: 120_000 }, async () => {
    await withHub(testConfig(), async (hub, page) => {
      const ticket = await issue(hub, 'A');
      await signIn(page, hub.url, 'clerk1', 'w1');
      await page.waitForSelector(`#queue-tickets >> text=${ticket.number}`);
      await pressDeskKey(page, 'F1');
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);

      await pressDeskKey(page, 'n');
      await page.waitForSelector('#confirm-dialog[open]');
      expect(await page.textContent('#confirm-text')).toBe(`确定将 ${ticket.number} 记为过号吗？`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('#confirm-dialog:not([open])', { state: 'attached' });
      expect(await page.textContent('#current-number')).toBe(ticket.number);

      // Three recalls reach the limit (3): the card warns, and the fourth asks before it becomes a no-show.
      for (let i = 0; i < 3; i++) {
        await pressDeskKey(page, 'r');
        await page.waitForSelector(`#current-calls:text-is("已呼叫 ${i + 2} 次")`);
      }
      await page.waitForSelector('#current-warning:text-is("再次重呼将记为过号")');
      await pressDeskKey(page, 'r');
      await page.waitForSelector('#confirm-dialog[open]');
      expect(await page.textContent('#confirm-text')).toContain('再次重呼将记为过号');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#confirm-dialog:not([open])', { state: 'attached' });
      expect(hub.hub.staffSnapshot().tickets.find((t) => t.id === ticket.id)?.status).toBe('called');

      await pressDeskKey(page, 'n');
      await page.waitForSelector('#confirm-dialog[open]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#current[data-empty="true"]');
      const undo = page.locator('button[data-action="undo-no-show"]');
      await undo.waitFor({ state: 'visible' });
      expect(await undo.textContent()).toContain(`撤销过号 ${ticket.number}`);
      await pressDeskKey(page, 'u');
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);
      await undo.waitFor({ state: 'hidden' });

      await pressDeskKey(page, 'f');
      await page.waitForSelector('#current[data-empty="true"]');
      await pressDeskKey(page, 'q');
      await page.waitForSelector('#confirm-dialog[open]');
      expect(await page.textContent('#confirm-text')).toBe('确定关闭本窗口并退出吗？');
      await page.keyboard.press('Escape');
      expect(await page.isVisible('#desk')).toBe(true);
      await pressDeskKey(page, 'q');
      await page.waitForSelector('#confirm-dialog[open]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#login:not([hidden])');
    });
  });

  it('a pause shows its reason and time; the chooser takes a typed number and arrow keys; transfer offers open windows only', { timeout: 120_000 }, async () => {
    await withHub(unlimitedConfig(), async (hub, page) => {
      const tickets = [];
      for (let i = 0; i < 12; i++) tickets.push(await issue(hub, 'A'));
      await openWindow(hub, 'clerk2', 'w2');
      await signIn(page, hub.url, 'clerk1', 'w1');
      await page.waitForFunction(() => document.querySelectorAll('#queue-tickets .ticket').length === 12);

      await pressDeskKey(page, 'z');
      await page.waitForSelector('#pause-dialog[open]');
      await page.click('#pause-reasons button[data-reason="meeting"]');
      await page.waitForSelector('#current-pause:has-text("暂停中：会议，已暂停 00:0")');
      await page.waitForSelector('#current-pause:has-text("00:02")');
      await pressDeskKey(page, 'x');
      await page.waitForSelector('#current-pause', { state: 'hidden' });

      // Typing the number: "9" finds A009 alone; Enter calls it.
      const ninth = tickets[8]!.number;
      await pressDeskKey(page, 'c');
      await page.waitForSelector('#pick-dialog[open]');
      await page.keyboard.type(ninth.replace(/^A0+/, ''));
      expect(await page.$$eval('#pick-list li:not([hidden]) button', (b) => b.map((x) => x.dataset.ticket))).toEqual([ninth]);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#current-number:text-is("${ninth}")`);

      // The transfer dialog: window 2 is open, the others are closed; 公安户政 (D) has no open window.
      await pressDeskKey(page, 't');
      await page.waitForSelector('#transfer-dialog[open]');
      expect(await page.$$eval('#transfer-window option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['', 'w2']);
      expect(await page.$eval('#transfer-service option[value="D"]', (o) => (o as HTMLOptionElement).disabled)).toBe(true);
      expect(await page.textContent('#transfer-service option[value="D"]')).toContain('暂无开放窗口办理');
      await page.click('#transfer-dialog button[value="cancel"]');
      await page.waitForSelector('#transfer-dialog:not([open])', { state: 'attached' });
      await pressDeskKey(page, 'f');
      await page.waitForSelector('#current[data-empty="true"]');

      // Arrow keys: down from the field to the first ticket, two more down, Enter calls the third listed.
      const third = (await listed(page))[2];
      await pressDeskKey(page, 'c');
      await page.waitForSelector('#pick-dialog[open]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#current-number:text-is("${third}")`);
    });
  });

  it('a window added by an admin appears on the sign-in list without a reload; 等待评价 ends when the pad gives up', { timeout: 120_000 }, async () => {
    const config = testConfig((file) => {
      file.policy = { ...file.policy!, ratingTimeoutSeconds: 10 };
    });
    await withHub(config, async (hub, page) => {
      await page.goto(`${hub.url}/window`);
      await page.waitForSelector('#login:not([hidden])');
      const admin = await login(hub, 'manager');
      const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
      layout.windows.push({ id: 'w9', number: 9, name: '9号窗口 临时加开', services: [{ serviceId: 'A', weight: 1 }] });
      expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: layout })).status).toBe(200);
      await page.waitForSelector('#login-window option[value="w9"]', { state: 'attached', timeout: 15_000 });

      const ticket = await issue(hub, 'A');
      await page.fill('#login-username', 'clerk1');
      await page.fill('#login-password', 'demo1234');
      await page.selectOption('#login-window', 'w9');
      await page.click('#login-submit');
      await page.waitForSelector('#desk-connection[data-state="online"]');
      await page.waitForSelector(`#queue-tickets >> text=${ticket.number}`);
      await pressDeskKey(page, 'F1');
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);
      await pressDeskKey(page, 'f');
      await page.waitForSelector('#after-text:has-text("等待评价")');
      // Nobody presses the pad: after the hall's rating time (10 s) the page stops saying it waits.
      await page.waitForSelector(`#after-text:text-is("${ticket.number}: 尚未评价")`, { timeout: 30_000 });
    }, true);
  });
});
