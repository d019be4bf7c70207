/**
 * Terminal health in headless Chromium against a real hub: two real wall display pages say hello, one is closed
 * (a dark screen); the manager's 终端 tab shows it dark, in Chinese words, with its grade; 「刷新页面」 on the
 * other makes that real display page reload itself, and it comes back online; 「移除」 on a dark one, once
 * confirmed, takes its row away (a replaced screen no longer stays dark in the list forever). A display's own
 * fault is an alert in the 电子监察 tab, in words: the terminal (an unnamed one by words), the fault, the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectSocket, emitAck, startTestHub, testConfig, TestClock, until, type TestHub } from '../support/hub';
import { HALLQ_VERSION } from '../../server/version';
import { launchBrowser, signInToManager } from '../support/browser';
import { managerExtension } from '../../server/wings/manager';

describe('manager console: terminals (browser)', () => {
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, extensions: [managerExtension(config)] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const isOnline = (id: string): boolean | undefined => hub.hub.terminals.all().find((t) => t.id === id)?.isOnline;

  it('shows a dark display in Chinese and reloads a live one', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const left = await browser.newPage();
    const right = await browser.newPage();
    const managerPage = await browser.newPage();
    for (const page of [left, right, managerPage]) page.on('pageerror', (e) => problems.push(e.message));

    await left.goto(`${hub.url}/display?terminal=hall-left&name=${encodeURIComponent('一楼大屏')}`);
    await right.goto(`${hub.url}/display?terminal=hall-right&name=${encodeURIComponent('二楼大屏')}`);
    await until(() => isOnline('display:hall-left') === true && isOnline('display:hall-right') === true, 'both displays to say hello');
    // The screen goes dark: its page is gone without a word.
    await right.close();
    await until(() => isOnline('display:hall-right') === false, 'the right display to be dark');

    await signInToManager(managerPage, hub.url);
    await managerPage.click('#tabs button[data-tab="terminals"]');
    const darkRow = managerPage.locator('#terminals tr[data-terminal="display:hall-right"]');
    await darkRow.locator('[data-state="dark"]').waitFor();
    const darkText = await darkRow.innerText();
    expect(darkText).toContain('二楼大屏');
    expect(darkText).toContain('大厅显示屏');
    expect(darkText).toContain('离线');
    expect(darkText).toContain('B级 · 2小时内响应');
    expect(await darkRow.locator('button[data-reload]').isDisabled()).toBe(true);
    // Chinese words only: no code of a kind, state or grade shows on the page.
    const tabText = await managerPage.locator('#terminals').innerText();
    expect(tabText).not.toMatch(/\b(display|kiosk|pad|clerk|online|dark|speech-unavailable)\b/);
    expect(await managerPage.locator('#tabs button[data-tab="terminals"]').innerText()).toBe('终端');

    // 「刷新页面」 on the live one: the real page reloads and says hello again.
    await left.evaluate(() => ((window as unknown as { beforeReload?: boolean }).beforeReload = true));
    const reloaded = left.waitForEvent('load');
    await managerPage.click('#terminals button[data-reload="display:hall-left"]');
    await reloaded;
    expect(await left.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload ?? false)).toBe(false);
    await managerPage.locator('#terminals tr[data-terminal="display:hall-left"] [data-state="online"]').waitFor();
    await until(() => isOnline('display:hall-left') === true, 'the reloaded display to be back');
    expect(problems).toEqual([]);
  });

  it('「移除」 asks first, then removes a dark display\'s row; an online one has no 「移除」', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const replaced = await browser.newPage();
    const managerPage = await browser.newPage();
    for (const page of [replaced, managerPage]) page.on('pageerror', (e) => problems.push(e.message));
    await replaced.goto(`${hub.url}/display?terminal=hall-old&name=${encodeURIComponent('旧大屏')}`);
    await until(() => isOnline('display:hall-old') === true, 'the old display to say hello');
    await replaced.close();
    await until(() => isOnline('display:hall-old') === false, 'the old display to be dark');

    await signInToManager(managerPage, hub.url);
    await managerPage.click('#tabs button[data-tab="terminals"]');
    const row = managerPage.locator('#terminals tr[data-terminal="display:hall-old"]');
    await row.locator('[data-state="dark"]').waitFor();
    await managerPage.locator('#terminals tr[data-terminal="display:hall-left"] [data-state="online"]').waitFor();
    expect(await managerPage.locator('#terminals tr[data-terminal="display:hall-left"] button[data-forget]').count()).toBe(0);
    const questions: string[] = [];
    managerPage.once('dialog', (dialog) => void (questions.push(dialog.message()), dialog.accept()));
    const button = row.locator('button[data-forget="display:hall-old"]');
    expect(await button.innerText()).toBe('移除');
    await button.click();
    await row.waitFor({ state: 'detached' });
    expect(questions).toEqual([expect.stringContaining('移除「旧大屏」')]);
    expect(hub.hub.terminals.all().map((t) => t.id)).not.toContain('display:hall-old');
    await managerPage.locator('#terminals tr[data-terminal="display:hall-left"]').waitFor();
    expect(problems).toEqual([]);
  });

  // A screen opened without `?name=` used to be listed under the id its page made up (display-3fa2b9c1).
  it('words a display and a clerk PC opened without ?name=, with how to name them, in Chinese and English', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const screen = await browser.newPage();
    const clerkPc = await browser.newPage();
    const managerPage = await browser.newPage();
    for (const page of [screen, clerkPc, managerPage]) page.on('pageerror', (e) => problems.push(e.message));
    await screen.goto(`${hub.url}/display`);
    await clerkPc.goto(`${hub.url}/window`);
    await clerkPc.fill('#login-username', 'clerk1');
    await clerkPc.fill('#login-password', 'demo1234');
    await clerkPc.selectOption('#login-window', 'w1');
    await clerkPc.click('#login-submit');
    const unnamed = (kind: string) => hub.hub.terminals.all().find((t) => t.kind === kind && /^(display|clerk)-[0-9a-f]{8}$/.test(t.name) && t.isOnline);
    await until(() => unnamed('display') !== undefined && unnamed('clerk') !== undefined, 'the unnamed display and clerk PC to say hello');
    const display = unnamed('display');
    const clerk = unnamed('clerk');

    await signInToManager(managerPage, hub.url);
    await managerPage.click('#tabs button[data-tab="terminals"]');
    const displayName = managerPage.locator(`#terminals tr[data-terminal="${display?.id}"] td:first-child`);
    const clerkName = managerPage.locator(`#terminals tr[data-terminal="${clerk?.id}"] td:first-child`);
    await displayName.waitFor();
    const displayText = await displayName.innerText();
    expect(displayText).toContain('未命名的显示屏');
    expect(displayText).toContain(`识别码 ${display?.name.replace('display-', '')}`);
    expect(displayText).toContain('?name=');
    expect(displayText).not.toContain(display?.name ?? '');
    const clerkText = await clerkName.innerText();
    expect(clerkText).toContain('未命名的窗口电脑');
    expect(clerkText).not.toContain(clerk?.name ?? '');
    // Still no code of a kind in the Chinese tab.
    expect(await managerPage.locator('#terminals').innerText()).not.toMatch(/\b(display|kiosk|pad|clerk|online|dark)\b/);
    // A named one keeps its name.
    expect(await managerPage.locator('#terminals tr[data-terminal="display:hall-left"] td:first-child').innerText()).toBe('一楼大屏');

    await managerPage.click('#language');
    await expect.poll(() => displayName.innerText()).toContain('Unnamed display');
    expect(await displayName.innerText()).toContain('add ?name=');
    expect(await clerkName.innerText()).toContain('Unnamed clerk PC');
    // The live link's badge follows the switch too (it was only worded when the link changed).
    expect(await managerPage.locator('#connection').innerText()).toBe('Online');
    await managerPage.click('#language');
    await expect.poll(() => managerPage.locator('#connection').innerText()).toBe('在线');
    expect(problems).toEqual([]);
    await Promise.all([screen.close(), clerkPc.close(), managerPage.close()]);
  });
});

describe('manager console: a terminal fault in the alerts tab (browser)', () => {
  let hub: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    // Friday 09:00 hall time, every service open: a fault is an alert during opening hours only.
    const config = testConfig((file) => file.services.forEach((s) => (s.hours = [{ from: '08:30', to: '17:00' }])));
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config)] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('words an unnamed display\'s fault, with its deadline, never a code; cleared when the display reports it ended', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    // A display opened without ?name= (its page made up the id), posing as display-ui over its socket.
    const display = connectSocket(hub);
    await emitAck(display, 'terminal:hello', { kind: 'display', id: 'display-3fa2b9c1', pageVersion: HALLQ_VERSION });
    await emitAck(display, 'terminal:fault', { code: 'printer-unreachable', isActive: true });

    const managerPage = await browser.newPage();
    managerPage.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(managerPage, hub.url);
    await managerPage.click('#tabs button[data-tab="alerts"]');
    await managerPage.locator('#alerts tr.alert-row', { hasText: '终端故障' }).waitFor();
    const alertId = await managerPage.locator('#alerts tr.alert-row', { hasText: '终端故障' }).getAttribute('data-alert');
    const row = managerPage.locator(`#alerts tr.alert-row[data-alert="${alertId}"]`);
    expect(await row.locator('.alert-subject').innerText()).toBe('未命名的显示屏（识别码 3fa2b9c1）：取号机连不上打印机');
    // Grade B: 2 hours from the report (09:00), so due at 11:00 hall time.
    const limit = await row.locator('.alert-limit').innerText();
    expect(limit).toContain('120 分钟');
    expect(limit).toMatch(/11:00:00 前响应/);
    expect(await managerPage.locator('#alerts').innerText()).not.toMatch(/terminal-fault|printer-unreachable|display-3fa2b9c1|display:/);

    await managerPage.click('#language');
    await expect.poll(() => row.locator('.alert-subject').innerText()).toBe('Unnamed display (ID 3fa2b9c1): printer unreachable from the kiosk');
    expect(await row.locator('.alert-limit').innerText()).toContain('respond by');
    await managerPage.click('#language');

    await emitAck(display, 'terminal:fault', { code: 'printer-unreachable', isActive: false });
    await expect.poll(() => row.getAttribute('data-cleared')).toBe('true');
    display.close();
    expect(problems).toEqual([]);
    await managerPage.close();
  });
});
