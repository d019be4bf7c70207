/**
 * The rating pad (/rate?window=N) in headless Chromium on a 1280×800 tablet: it wakes when the window
 * finishes, rates that visit once, asks why for 不满意/非常不满意 (reasons in words and an optional
 * comment, both reaching the hub), sends 满意 at once without them, can be used with the keys alone, and
 * goes back to its waiting screen and its own language for the next visitor.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { managerExtension } from '../../server/wings/manager';
import type { RatingRecord, RatingsExport } from '../../server/protocol/reports';
import { RATING_TAG_CHOICES, RATING_WORDS } from '../../server/protocol/rating-words';

const BOUND = { timeout: 20_000 };
const config = testConfig();
let browser: Browser;
let hub: TestHub;
let clock: TestClock;
let clerk: string;
let manager: string;

beforeAll(async () => {
  browser = await launchBrowser();
  clock = new TestClock(); // Friday 2026-11-27 09:00 in Asia/Shanghai
  hub = await startTestHub({ config, clock, extensions: [windowDevicesExtension(config), managerExtension(config, { alertIntervalMs: 3_600_000 })] });
  clerk = await openWindow(hub, 'clerk1', 'w1');
  manager = await login(hub, 'manager');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function openPad(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'zh-CN' });
  await page.goto(`${hub.url}/rate?window=1${query}`);
  await page.waitForSelector('#pad-idle:not([hidden])');
  return page;
}

/** One visit at window 1, finished: the pad then offers it. */
async function serveOne(page: Page): Promise<{ id: string; number: string }> {
  const ticket = await issue(hub, 'A');
  await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
  clock.advance(60_000);
  await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  await page.waitForSelector(`#pad-question:has-text("${ticket.number}")`, BOUND);
  return ticket;
}

/**
 * After the thanks: the pad's poll may show the waiting screen a moment before its own timer (50 ms after the
 * thanks end) puts its language back, so the test waits for the language, then reads the words.
 */
async function padLanguageIsBack(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, BOUND);
}

/** The rating as the hub stored it, read back through the managers' export (GET /api/ratings/export). */
async function storedRating(ticketId: string): Promise<RatingRecord | undefined> {
  const answer = await api<RatingsExport>(hub, 'GET', '/api/ratings/export?from=2026-11-27&to=2026-11-27', { token: manager });
  expect(answer.status).toBe(200);
  return answer.body.records.find((r) => r.ticketId === ticketId);
}

it('asks why for 不满意, in words, with big targets; the reasons and the comment reach the hub', { timeout: 90_000 }, async () => {
  const page = await openPad();
  try {
    const ticket = await serveOne(page);
    expect(await page.locator('#pad-tags-box').isVisible()).toBe(false);
    expect(await page.locator('#pad-levels .level').allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await page.tap('button[data-score="2"]');
    await page.waitForSelector('#pad-tags-box:not([hidden])');
    expect(await page.locator('#pad-tags-question').textContent()).toBe('请选择不满意的原因（可多选）');
    const tagWords = await page.locator('#pad-tags .tag').allTextContents();
    expect(tagWords).toEqual(RATING_TAG_CHOICES.map((tag) => RATING_WORDS['zh-CN'].tags[tag]));
    expect(tagWords.join('')).not.toMatch(/[a-z]/); // words, never codes
    expect(await page.locator('#pad-comment-label').textContent()).toContain('选填');
    expect(await page.locator('#pad-submit').textContent()).toBe('提交评价');
    // Every control is a large touch target, and the whole form fits the tablet without scrolling.
    for (const box of await page.locator('button, textarea').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent).map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
    }
    const submitBox = await page.locator('#pad-submit').boundingBox();
    expect((submitBox?.y ?? 1e9) + (submitBox?.height ?? 0)).toBeLessThanOrEqual(800);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);

    await page.tap('button[data-tag="long-wait"]');
    await page.tap('button[data-tag="slow"]');
    await page.tap('button[data-tag="long-wait"]'); // changed their mind
    await page.tap('button[data-tag="process"]');
    expect(await page.locator('button[data-tag="slow"]').getAttribute('aria-pressed')).toBe('true');
    await page.fill('#pad-comment', '  材料要求没有一次说清楚  ');
    await page.tap('#pad-submit');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    expect(await page.locator('#pad-thanks-text').textContent()).toBe('感谢您的评价！');
    expect(await storedRating(ticket.id)).toMatchObject({ level: 2, reasons: ['slow', 'process'], comment: '材料要求没有一次说清楚', channel: 'pad', windowId: 'w1', staffId: 'clerk1' });
    // Then the waiting screen again, with nothing of this visitor's left for the next one.
    await page.waitForSelector('#pad-idle:not([hidden])', BOUND);
    const next = await serveOne(page);
    await page.tap('button[data-score="1"]');
    expect(await page.inputValue('#pad-comment')).toBe('');
    expect(await page.locator('#pad-tags .tag[aria-pressed="true"]').count()).toBe(0);
    // The comment is optional: 提交 with a reason and no comment.
    await page.tap('button[data-tag="attitude"]');
    await page.tap('#pad-submit');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    const stored = await storedRating(next.id);
    expect(stored).toMatchObject({ level: 1, reasons: ['attitude'] });
    expect(stored?.comment).toBeUndefined();
  } finally {
    await page.close();
  }
});

it('sends 满意 at once, without reasons or comment, even after 不满意 was touched first', { timeout: 90_000 }, async () => {
  const page = await openPad();
  try {
    const ticket = await serveOne(page);
    await page.tap('button[data-score="2"]');
    await page.tap('button[data-tag="slow"]');
    await page.fill('#pad-comment', '本来想写点什么');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/rating-pad'));
    await page.tap('button[data-score="4"]');
    expect((await posted).postDataJSON()).toEqual({ number: ticket.number, score: 4 });
    await page.waitForSelector('#pad-thanks:not([hidden])');
    const stored = await storedRating(ticket.id);
    expect(stored).toMatchObject({ level: 4, reasons: [] });
    expect(stored?.comment).toBeUndefined();
  } finally {
    await page.close();
  }
});

it('works with the keys alone, and a poll does not take the focus away', { timeout: 90_000 }, async () => {
  const page = await openPad();
  try {
    const ticket = await serveOne(page);
    await page.focus('button[data-score="1"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#pad-tags-box:not([hidden])');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag)).toBe('slow');
    await page.keyboard.press('Space');
    await page.waitForTimeout(3_500); // at least one poll of the pad's state
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag)).toBe('slow');
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id)) !== 'pad-comment'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type('Too slow');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pad-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    expect(await storedRating(ticket.id)).toMatchObject({ level: 1, reasons: ['slow'], comment: 'Too slow' });
  } finally {
    await page.close();
  }
});

it('goes back to its own language for the next visitor, after a rating and after a visit left unrated', { timeout: 120_000 }, async () => {
  const page = await openPad();
  try {
    await serveOne(page);
    await page.tap('#pad-lang');
    expect(await page.locator('#pad-levels .level').allTextContents()).toEqual(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied']);
    await page.tap('button[data-score="5"]');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    expect(await page.locator('#pad-thanks-text').textContent()).toBe('Thank you for your rating!');
    await page.waitForSelector('#pad-idle:not([hidden])', BOUND);
    await padLanguageIsBack(page);
    expect(await page.locator('#pad-idle-text').textContent()).toBe('欢迎您，办结后请对本次服务进行评价');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const next = await serveOne(page);
    expect(await page.locator('#pad-question').textContent()).toBe(`${next.number} 号，请对本次服务进行评价`);

    // This visitor switches to English and walks away: once the rating time is over, Chinese again.
    await page.tap('#pad-lang');
    await page.tap('button[data-score="2"]');
    await page.fill('#pad-comment', 'half written');
    clock.advance(config.policy.ratingTimeoutSeconds * 1000 + 1000);
    await page.waitForSelector('#pad-idle:not([hidden])', BOUND);
    expect(await page.locator('#pad-idle-text').textContent()).toBe('欢迎您，办结后请对本次服务进行评价');
    expect(await page.inputValue('#pad-comment')).toBe('');
    // A reload does not bring a visitor's language back either.
    await page.reload();
    await page.waitForSelector('#pad-idle:not([hidden])');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  } finally {
    await page.close();
  }
});

it('goes back to its own language when the window calls the next visitor, not while a visit waits for its rating', { timeout: 120_000 }, async () => {
  const page = await openPad();
  try {
    // Someone switches the idle pad to English and walks away; the window calls the next visitor.
    await page.tap('#pad-lang');
    await expect.poll(() => page.getAttribute('html', 'lang'), BOUND).toBe('en');
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    const next = await issue(hub, 'A');
    const called = await api<{ ticket: { number: string } }>(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    expect(called.body.ticket.number).toBe(next.number);
    await expect.poll(() => page.getAttribute('html', 'lang'), BOUND).toBe('zh-CN');
    expect(await page.locator('#pad-idle-text').textContent()).toBe('欢迎您，办结后请对本次服务进行评价');
    clock.advance(60_000);
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    await page.waitForSelector(`#pad-question:has-text("${next.number}")`, BOUND);
    expect(await page.locator('#pad-question').textContent()).toBe(`${next.number} 号，请对本次服务进行评价`);

    // This visitor rates in English while the clerk already calls the one after: their language stays.
    await page.tap('#pad-lang');
    const after = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    await page.tap('button[data-score="5"]');
    await page.waitForSelector('#pad-thanks:not([hidden])');
    expect(await page.locator('#pad-thanks-text').textContent()).toBe('Thank you for your rating!');
    expect(await storedRating(next.id)).toMatchObject({ level: 5 });
    await page.waitForSelector('#pad-idle:not([hidden])', BOUND);
    await padLanguageIsBack(page);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    await page.waitForSelector(`#pad-question:has-text("${after.number}")`, BOUND);
  } finally {
    await page.close();
  }
});
