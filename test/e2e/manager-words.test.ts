/**
 * Chinese everywhere on the console (issue 19 item 6), in headless Chromium against a real hub: a hall day with
 * a 差评 and its appeal, a paused window, a printer out of paper, a long wait and a released window; every zh-CN
 * tab of the console is scanned for codes (rating reasons, 申诉 states, window ids, usernames, roles, device
 * kinds and states, alert kinds, fact names). The 操作日志 tab shows each entry in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FollowupList } from '../../server/protocol/manager-model';
import { hubExtensions } from '../../server/extensions';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { waitFor } from '../support/wait';

/** Words the zh-CN console must never show as such (usernames are shown only in the staff table's first column). */
const CODES = [
  'clerk', 'admin', 'online', 'offline', 'error', 'printer', 'paper-out', 'attitude', 'long-wait', 'none', 'pending', 'meeting', 'paused', 'serving',
  'wait-overdue', 'device-offline', 'pause-overdue', 'ticket:called', 'ticket:issued', 'window:updated', 'admin:changed', 'staff:clerk1', 'clerk1', 'clerk2',
  'w1', 'w2', 'websocket', 'undefined', 'NaN', 'null', 'phone', 'pad',
];
const codeIn = (text: string): string[] => CODES.filter((c) => new RegExp(`(^|[^A-Za-z0-9:-])${c}($|[^A-Za-z0-9:-])`).test(text));

describe('the console in Chinese (browser)', () => {
  let hub: TestHub;
  let browser: Browser;
  let clock: TestClock;

  beforeAll(async () => {
    clock = new TestClock();
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: hubExtensions(config) });
    browser = await launchBrowser();
    const manager = await login(hub, 'manager');
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    for (const appeal of [true, false]) {
      const ticket = await issue(hub, 'A');
      expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} })).status).toBe(200);
      clock.advance(60_000);
      expect((await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk1, body: {} })).status).toBe(200);
      expect((await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 2, tags: ['attitude', 'long-wait'] } })).status).toBe(201);
      // The follow-up opens from the rating's fact, after the rating's answer: wait for it, not for a while.
      const followup = await waitFor(`the follow-up of ${ticket.number}`, async () => (await api<FollowupList>(hub, 'GET', '/api/followups', { token: manager })).body.items.find((f) => f.ticketId === ticket.id));
      if (appeal) {
        expect((await api(hub, 'POST', `/api/followups/${followup.id}/appeal`, { token: clerk1, body: { reason: '排队系统故障' } })).status).toBe(200);
      }
    }
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    expect((await api(hub, 'POST', '/api/windows/w2/pause', { token: clerk2, body: { reason: 'meeting' } })).status).toBe(200);
    hub.hub.ports.devices.reportDevice({ id: 'kiosk1-printer', kind: 'printer', status: 'error', code: 'paper-out', since: clock.now(), owner: 'kiosk1' });
    await issue(hub, 'B');
    clock.advance(40 * 60_000);
    expect((await api(hub, 'POST', '/api/alerts/evaluate', { token: await login(hub, 'manager') })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/windows/w1/release', { token: await login(hub, 'manager'), body: {} })).status).toBe(200);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  /** The tab's visible words, without form controls (their values are what the admin types: ids, JSON). */
  const tabText = async (page: Page, tab: string, ready: string): Promise<string> => {
    await page.click(`button[data-tab=${tab}]`);
    await page.waitForSelector(ready);
    return page.evaluate(() => {
      const view = document.querySelector('#view')?.cloneNode(true) as HTMLElement;
      for (const el of view.querySelectorAll('input, textarea, select, details, #staff tbody td:first-child, #sign-in-locks td:first-child')) el.remove();
      return `${document.querySelector('#connection')?.textContent ?? ''}\n${view.innerText || view.textContent || ''}`;
    });
  };

  it('shows words, never codes, on every tab in zh-CN', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(page, hub.url);
    await page.waitForSelector('#connection[data-state=online]');
    await page.waitForFunction(() => document.querySelector('#devices')?.textContent?.includes('打印机'));

    const live = await tabText(page, 'live', '#live-windows');
    expect(live).toContain('故障（缺纸）');
    expect(live).toContain('开会');
    const alerts = await tabText(page, 'alerts', '#alerts thead');
    expect(alerts).toMatch(/等候超时/);
    expect(await page.locator('#alerts thead th').allTextContents()).toEqual(['类型', '对象', '窗口', '工作人员', '时限', '发生时间', '状态', '确认处理']);
    const followups = await tabText(page, 'followups', '#followups');
    expect(followups).toContain('A001（1号窗口）');
    expect(followups).toContain('王芳');
    expect(followups).toContain('不满意：服务态度差、等候时间长');
    expect(followups).toContain('未申诉');
    const audit = await tabText(page, 'audit', '#audit tr[data-kind="ticket:called"]');
    expect(audit).toContain('在 1号窗口 呼叫 A001');
    expect(audit).toMatch(/强制关闭 1号窗口/);
    const admin = await tabText(page, 'admin', '#staff');
    expect(await page.locator('#staff select').first().locator('option').allTextContents()).toEqual(['窗口人员', '值班主任', '管理员']);

    for (const [name, text] of Object.entries({ live, alerts, followups, audit, admin })) expect(codeIn(text), `${name}: ${text}`).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
