/**
 * The visitor's phone page in headless Chromium (phone viewport) against a real hub: waiting with people
 * ahead, called to a window, then the five-level rating with reason tags and a comment, once; no form once
 * the pad rated the visit; the same level names as the rating pad.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import type { WindowCommandReply } from '../../server/protocol/events';
import type { KioskIssuedTicket } from '../../server/protocol/http';
import type { RatingRecord, RatingsExport } from '../../server/protocol/reports';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { managerExtension } from '../../server/wings/manager';

const BOUND = { timeout: 30_000 };
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
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** The rating as the hub stored it, read back through the managers' export (GET /api/ratings/export). */
async function storedRating(ticketId: string): Promise<RatingRecord | undefined> {
  const answer = await api<RatingsExport>(hub, 'GET', '/api/ratings/export?from=2026-11-27&to=2026-11-27', { token: manager });
  expect(answer.status).toBe(200);
  return answer.body.records.find((r) => r.ticketId === ticketId);
}

/** One visit served at window 1 and finished; its phone page open on the rating form. */
async function finishedVisit(query = ''): Promise<{ ticket: KioskIssuedTicket; context: BrowserContext; page: Page }> {
  const ticket = await issue(hub, 'A');
  const called = await api<Required<WindowCommandReply>>(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
  expect(called.body.ticket.number).toBe(ticket.number);
  clock.advance(60_000);
  await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${hub.url}/t/${ticket.trackToken}${query}`);
  await page.locator('form.rating').waitFor(BOUND);
  return { ticket, context, page };
}

describe('visitor phone page /t/<trackToken>', () => {
  it('goes from waiting to called to rated, live, with reasons and a comment, and rates only once', async () => {
    const token = clerk;
    await issue(hub, 'A'); // someone ahead
    const ticket = await issue(hub, 'A');
    expect(ticket.trackUrl).toContain(`/t/${ticket.trackToken}`);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${hub.url}/t/${ticket.trackToken}`);

    await expect.poll(() => page.locator('.number').textContent(), BOUND).toBe(ticket.number);
    expect(await page.locator('.service').textContent()).toBe('综合受理');
    expect(await page.locator('.ahead').textContent()).toBe('1 人');
    // Small page: no socket.io, only a few kilobytes of script.
    expect(requested.some((url) => url.includes('socket.io'))).toBe(false);
    const scriptBytes = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).reduce((sum, e) => sum + (e as PerformanceResourceTiming).decodedBodySize, 0),
    );
    expect(scriptBytes).toBeLessThan(20_000);

    // The visitor ahead is called: the page updates by itself.
    await api(hub, 'POST', '/api/windows/w1/call-next', { token, body: {} });
    await expect.poll(() => page.locator('.ahead').textContent(), BOUND).toBe('0 人');

    await api(hub, 'POST', '/api/windows/w1/finish', { token, body: {} });
    const called = await api<Required<WindowCommandReply>>(hub, 'POST', '/api/windows/w1/call-next', { token, body: {} });
    expect(called.body.ticket.number).toBe(ticket.number);
    await page.locator('.called .window').waitFor(BOUND);
    expect(await page.locator('.called .window').textContent()).toBe('1 号窗口');

    await api(hub, 'POST', '/api/windows/w1/finish', { token, body: {} });
    await page.locator('form.rating').waitFor(BOUND);
    const levels = await page.locator('.level').allTextContents();
    expect(levels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(await page.locator('.reasons').count()).toBe(0);
    expect(await page.locator('button.submit').isDisabled()).toBe(true);

    await page.locator('.level[data-score="2"]').tap();
    await page.locator('.reasons').waitFor(BOUND);
    expect(await page.locator('.tag').count()).toBe(7);
    expect(await page.locator('.reasons legend').textContent()).toBe('请选择不满意的原因（可多选）');
    expect((await page.locator('.tag').allTextContents()).join('')).not.toMatch(/[a-z]/); // words, never codes
    await page.locator('.tag', { hasText: '等候时间长' }).locator('input').check();
    await page.locator('.tag', { hasText: '告知不清楚' }).locator('input').check();
    // The comment is optional (the button is enabled without it) and kept while the page polls.
    expect(await page.locator('button.submit').isDisabled()).toBe(false);
    expect(await page.locator('.comment-label').textContent()).toContain('选填');
    await page.locator('textarea[name=comment]').fill('叫号后窗口没有人');
    await page.waitForTimeout(3_500);
    expect(await page.locator('textarea[name=comment]').inputValue()).toBe('叫号后窗口没有人');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/rating'));
    await page.locator('button.submit').tap();
    const body = (await posted).postDataJSON() as { score: number; tags: string[]; comment: string };
    expect(body).toEqual({ score: 2, tags: ['unclear-guidance', 'long-wait'], comment: '叫号后窗口没有人' });
    // After sending, the page shows the rating given: level, reasons and comment.
    await page.locator('.thanks').waitFor(BOUND);
    expect(await page.locator('.thanks').textContent()).toBe('感谢您的评价！');
    expect(await page.locator('.given').textContent()).toBe('您的评价：不满意');
    expect(await page.locator('.given-reasons').textContent()).toBe('原因：告知不清楚、等候时间长');
    expect(await page.locator('.given-comment').textContent()).toBe('您的留言：叫号后窗口没有人');
    expect(await storedRating(ticket.id)).toMatchObject({ level: 2, reasons: ['unclear-guidance', 'long-wait'], comment: '叫号后窗口没有人', channel: 'phone' });

    const tracked = await api(hub, 'GET', `/api/track/${ticket.trackToken}`);
    expect(tracked.body).toMatchObject({ status: 'done', rating: 2, canRate: false });
    // Once: reloading shows the thanks, not the form; a second POST is refused.
    await page.reload();
    await page.locator('.thanks').waitFor(BOUND);
    expect(await page.locator('.given').textContent()).toBe('您的评价：不满意');
    expect(await page.locator('form.rating').count()).toBe(0);
    const again = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 5 } });
    expect(again.status).toBe(409);
    // No personal data on the page.
    expect(await page.locator('body').textContent()).not.toMatch(/王芳|clerk1/);
    await context.close();
  }, 180_000);

  it('sends 满意 without reasons, even after 不满意 was touched first; the keys keep their focus', async () => {
    const { ticket, context, page } = await finishedVisit();
    await page.locator('.level[data-score="2"]').tap();
    await page.locator('.reasons').waitFor(BOUND);
    // Choosing with the keys: a re-render keeps the focus on the box just ticked.
    await page.locator('.tag input[value="slow"]').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('.tag input[value="slow"]').isChecked()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('slow');
    await page.locator('.level[data-score="4"]').tap();
    expect(await page.locator('.reasons').count()).toBe(0);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/rating'));
    await page.locator('button.submit').tap();
    expect((await posted).postDataJSON()).toEqual({ score: 4 });
    await page.locator('.given').waitFor(BOUND);
    expect(await page.locator('.given').textContent()).toBe('您的评价：满意');
    expect(await page.locator('.given-reasons').count()).toBe(0);
    const stored = await storedRating(ticket.id);
    expect(stored).toMatchObject({ level: 4, reasons: [], channel: 'phone' });
    expect(stored?.comment).toBeUndefined();
    await context.close();
  }, 120_000);

  it('takes the form away within seconds once the pad rated the visit, and does not thank for a choice never sent', async () => {
    const { ticket, context, page } = await finishedVisit();
    await page.locator('.level[data-score="3"]').tap(); // this visitor started choosing here…
    const padRated = await api(hub, 'POST', '/api/windows/w1/rating-pad', { token: 'demo-pad-1', body: { number: ticket.number, score: 5 } });
    expect(padRated.status).toBe(201); // …while the pad at the window was used
    await page.locator('.notice.already').waitFor({ timeout: 8_000 });
    expect(await page.locator('form.rating').count()).toBe(0);
    expect(await page.locator('.given').textContent()).toBe('已记录的评价：非常满意');
    expect(await page.locator('.thanks').count()).toBe(0);
    expect((await storedRating(ticket.id))?.channel).toBe('pad');
    await context.close();
  }, 120_000);

  it('names the five levels and the reasons exactly as the rating pad does, in Chinese and in English', async () => {
    const { ticket, context, page } = await finishedVisit();
    const pad = await context.newPage();
    await pad.goto(`${hub.url}/rate?window=1`);
    await pad.waitForSelector(`#pad-question:has-text("${ticket.number}")`, BOUND);
    const words = async (): Promise<{ phone: string[]; pad: string[]; phoneTags: string[]; padTags: string[] }> => {
      await page.locator('.level[data-score="1"]').tap();
      await pad.locator('button[data-score="1"]').tap();
      return {
        phone: await page.locator('.level').allTextContents(),
        pad: await pad.locator('#pad-levels .level').allTextContents(),
        phoneTags: (await page.locator('.tag').allTextContents()).map((t) => t.trim()),
        padTags: await pad.locator('#pad-tags .tag').allTextContents(),
      };
    };
    const zh = await words();
    expect(zh.phone).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(zh.pad).toEqual(zh.phone);
    expect(zh.padTags).toEqual(zh.phoneTags);
    await page.goto(`${hub.url}/t/${ticket.trackToken}?lang=en`);
    await page.locator('form.rating').waitFor(BOUND);
    await pad.locator('#pad-lang').tap();
    const en = await words();
    expect(en.phone).toEqual(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied']);
    expect(en.pad).toEqual(en.phone);
    expect(en.padTags).toEqual(en.phoneTags);
    await context.close();
  }, 120_000);

  it('says so when the link is not valid', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${hub.url}/t/not-a-real-token-123`);
    await page.locator('.notice.invalid').waitFor(BOUND);
    expect(await page.locator('.notice.invalid').textContent()).toContain('链接无效');
    await page.close();
  }, 60_000);
});
