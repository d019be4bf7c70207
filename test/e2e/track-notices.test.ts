/**
 * The phone tells the visitor in time (issue 18 item 7), in headless Chromium against a real hub: a notice
 * (and a vibration) once N people are ahead (policy.phoneNoticeAhead, 3) and at the call; 挂起 and 过号 in
 * words with what to do; a rating sent after the pad rated is answered 「本次服务已经评价过」, not thanked;
 * and a stopped hub reads 「系统连接中断」, not the visitor's network.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { api, issue, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import type { WindowCommandReply } from '../../server/protocol/events';
import type { KioskIssuedTicket } from '../../server/protocol/http';
import { windowDevicesExtension } from '../../server/wings/window-devices';

const BOUND = { timeout: 30_000 };
const config = testConfig();
let browser: Browser;
let hub: TestHub;
let clock: TestClock;
let clerk: string;

beforeAll(async () => {
  browser = await launchBrowser();
  clock = new TestClock();
  hub = await startTestHub({ config, clock, extensions: [windowDevicesExtension(config)] });
  clerk = await openWindow(hub, 'clerk1', 'w1');
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** A phone with a vibration motor the test can read: navigator.vibrate records its patterns. */
async function phone(hubUrl: string, ticket: KioskIssuedTicket): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await context.addInitScript(() => {
    const record: unknown[] = [];
    Object.defineProperty(window, 'vibrations', { value: record });
    Object.defineProperty(navigator, 'vibrate', { value: (pattern: unknown) => record.push(pattern) > 0, configurable: true });
  });
  const page = await context.newPage();
  await page.goto(`${hubUrl}/t/${ticket.trackToken}`);
  await expect.poll(() => page.locator('.number').textContent(), BOUND).toBe(ticket.number);
  return { context, page };
}

/** The boxes added here (快轮到您了, 挂起, 过号) must stay readable: axe-core, as test/e2e/accessibility.test.ts. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await seriousViolations(page))).toBe(`${where}: no serious violations`);
}

const vibrations = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length);

/** Calls the next visitor at window 1 (finishing the one there first) and checks who it was. */
async function callNext(number?: string): Promise<void> {
  await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  const called = await api<Required<WindowCommandReply>>(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
  expect(called.status).toBe(200);
  if (number !== undefined) expect(called.body.ticket.number).toBe(number);
}

describe('the phone tells the visitor in time', () => {
  it('says 快轮到您了 once 3 people are ahead, vibrates once for it and once for the call', async () => {
    for (let i = 0; i < 4; i += 1) await issue(hub, 'A');
    const ticket = await issue(hub, 'A');
    const { context, page } = await phone(hub.url, ticket);
    expect(await page.locator('.ahead').textContent()).toBe('4 人');
    expect(await page.locator('.banner.near').count()).toBe(0);
    expect(await vibrations(page)).toBe(0);

    await callNext();
    await page.locator('.banner.near').waitFor(BOUND);
    expect(await page.locator('.ahead').textContent()).toBe('3 人');
    expect(await page.locator('.banner.near').getAttribute('role')).toBe('alert');
    expect(await page.locator('.banner.near .banner-title').textContent()).toBe('快轮到您了');
    expect(await page.locator('.banner.near .banner-text').textContent()).toContain('前面还有 3 人');
    expect(await vibrations(page)).toBe(1);
    await expectAccessible(page, '/t/<token> near');

    // Still near, one fewer ahead: the words follow, the phone does not buzz again.
    await callNext();
    await expect.poll(() => page.locator('.ahead').textContent(), BOUND).toBe('2 人');
    expect(await vibrations(page)).toBe(1);

    await callNext();
    await callNext();
    await callNext(ticket.number);
    await page.locator('.called .window').waitFor(BOUND);
    expect(await page.locator('.called .window').textContent()).toBe('1 号窗口');
    await expect.poll(() => vibrations(page), BOUND).toBe(2);
    await context.close();
  }, 120_000);

  it('says 挂起 in words, with who calls again, never 「即将叫号」', async () => {
    const ticket = await issue(hub, 'A');
    await callNext(ticket.number);
    const { context, page } = await phone(hub.url, ticket);
    await page.locator('.called').waitFor(BOUND);
    expect((await api(hub, 'POST', '/api/windows/w1/park', { token: clerk, body: {} })).status).toBe(200);
    await page.locator('.banner.parked').waitFor(BOUND);
    expect(await page.locator('.banner.parked .banner-title').textContent()).toBe('您的号码已暂时挂起');
    expect(await page.locator('.banner.parked .banner-text').textContent()).toContain('工作人员会再次呼叫您到 1 号窗口');
    expect(await page.locator('body').textContent()).not.toContain('即将叫号');
    expect(await page.locator('.banner.near').count()).toBe(0);
    await expectAccessible(page, '/t/<token> parked');
    await context.close();
  }, 120_000);

  it('says 过号 with what to do: back to the window within the undo time, then the information desk or a new ticket', async () => {
    const ticket = await issue(hub, 'A');
    await callNext(ticket.number);
    const { context, page } = await phone(hub.url, ticket);
    await page.locator('.called').waitFor(BOUND);
    expect((await api(hub, 'POST', '/api/windows/w1/no-show', { token: clerk, body: {} })).status).toBe(200);
    await page.locator('.banner.no-show').waitFor(BOUND);
    expect(await page.locator('.banner.no-show .banner-title').textContent()).toBe('您的号码已过号');
    expect(await page.locator('.banner.no-show .banner-text').textContent()).toContain('请在 2 分钟内到 1 号窗口，工作人员可为您恢复号码');
    await expectAccessible(page, '/t/<token> no-show');
    // policy.noShowUndoMinutes (2) over: the clerk can no longer undo it, and the page says what is left.
    clock.advance(config.policy.noShowUndoMinutes * 60_000 + 1_000);
    await expect.poll(() => page.locator('.banner.no-show .banner-text').textContent(), BOUND).toBe('叫号时您不在窗口。如需继续办理，请到咨询台咨询或重新取号。');
    await context.close();
  }, 120_000);

  it('answers a rating sent after the pad rated with 「本次服务已经评价过」, not a thank-you', async () => {
    const ticket = await issue(hub, 'A');
    await callNext(ticket.number);
    clock.advance(60_000);
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    const { context, page } = await phone(hub.url, ticket);
    await page.locator('form.rating').waitFor(BOUND);
    // The phone has not polled since the pad rated: it keeps getting the view from before, until it sends.
    const before = await api(hub, 'GET', `/api/track/${ticket.trackToken}`);
    let isStale = true;
    await page.route('**/api/track/**', async (route) => {
      if (route.request().method() === 'POST') isStale = false;
      if (isStale) await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(before.body) });
      else await route.continue();
    });
    const padRated = await api(hub, 'POST', '/api/windows/w1/rating-pad', { token: 'demo-pad-1', body: { number: ticket.number, score: 5 } });
    expect(padRated.status).toBe(201);
    await page.locator('.level[data-score="4"]').tap();
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/rating'));
    await page.locator('button.submit').tap();
    expect((await answered).status()).toBe(409);
    await page.locator('.notice.already').waitFor(BOUND);
    expect(await page.locator('.notice.already').textContent()).toContain('本次服务已经评价过');
    expect(await page.locator('.given').textContent()).toBe('已记录的评价：非常满意');
    expect(await page.locator('.thanks').count()).toBe(0);
    expect(await page.locator('form.rating').count()).toBe(0);
    await context.close();
  }, 120_000);

  // Review: a 429 (too many requests from one address: phones behind one guest Wi-Fi) was taken for an answer
  // about the link, and the page went blank (no number, no status) until a later poll.
  it('keeps the number on screen when the hub answers 429, with the connection note', async () => {
    const ticket = await issue(hub, 'A');
    const { context, page } = await phone(hub.url, ticket);
    await page.route('**/api/track/**', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: 'rate-limited', message: 'Too many requests at once from this address.' }) })
        : route.continue(),
    );
    // Either outcome ends the wait: the note (kept state) or the number gone (the defect).
    await page.waitForFunction(() => document.querySelector('.notice.hub-unreachable') !== null || document.querySelector('.number') === null, undefined, BOUND);
    expect(await page.locator('.number').textContent()).toBe(ticket.number);
    expect(await page.locator('.notice.hub-unreachable').textContent()).toBe('系统连接中断，正在重新连接…');
    await context.close();
  }, 120_000);

  it('says 系统连接中断 when the hub stops, and that the phone is offline when it is', async () => {
    const own = await startTestHub({ config, clock: new TestClock() });
    const ticket = await issue(own, 'A');
    const { context, page } = await phone(own.url, ticket);
    expect(await page.locator('.notice.offline').count()).toBe(0);
    await own.stop();
    try {
      await page.locator('.notice.hub-unreachable').waitFor(BOUND);
      expect(await page.locator('.notice.hub-unreachable').textContent()).toBe('系统连接中断，正在重新连接…');
      expect(await page.locator('body').textContent()).not.toContain('网络不佳');
      // The last known state stays on screen.
      expect(await page.locator('.number').textContent()).toBe(ticket.number);
      await context.setOffline(true);
      await page.locator('.notice.phone-offline').waitFor(BOUND);
      expect(await page.locator('.notice.phone-offline').textContent()).toBe('您的手机未连接网络，连接后本页会自动更新。');
    } finally {
      await context.close();
      rmSync(own.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
