/**
 * The visitor's phone page in headless Chromium (phone viewport) against a real hub: waiting with people
 * ahead, called to a window, then the five-level rating with reason tags, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api, issue, openWindow, startTestHub, type TestHub } from '../support/hub';
import type { WindowCommandReply } from '../../server/protocol/events';

const BOUND = { timeout: 30_000 };
let browser: Browser;
let hub: TestHub;

beforeAll(async () => {
  browser = await launchBrowser();
  hub = await startTestHub();
});
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('visitor phone page /t/<trackToken>', () => {
  it('goes from waiting to called to rated, live, and rates only once', async () => {
    const token = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A'); // someone ahead
    const ticket = (await issue(hub, 'A')) as { number: string; trackToken: string; trackUrl: string };
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
    await page.locator('.tag', { hasText: '等候时间长' }).locator('input').check();
    await page.locator('.tag', { hasText: '指引不清' }).locator('input').check();
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/rating'));
    await page.locator('button.submit').tap();
    const body = (await posted).postDataJSON() as { score: number; tags: string[] };
    expect(body.score).toBe(2);
    expect([...body.tags].sort()).toEqual(['long-wait', 'unclear-guidance']);
    await page.locator('.thanks').waitFor(BOUND);
    expect(await page.locator('.thanks').textContent()).toContain('不满意');

    const tracked = await api(hub, 'GET', `/api/track/${ticket.trackToken}`);
    expect(tracked.body).toMatchObject({ status: 'done', rating: 2, canRate: false });
    // Once: reloading shows the thanks, not the form; a second POST is refused.
    await page.reload();
    await page.locator('.thanks').waitFor(BOUND);
    expect(await page.locator('form.rating').count()).toBe(0);
    const again = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 5 } });
    expect(again.status).toBe(409);
    // No personal data on the page.
    expect(await page.locator('body').textContent()).not.toMatch(/王芳|clerk1/);
    await context.close();
  }, 180_000);

  it('says so when the link is not valid', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${hub.url}/t/not-a-real-token-123`);
    await page.locator('.notice.invalid').waitFor(BOUND);
    expect(await page.locator('.notice.invalid').textContent()).toContain('链接无效');
    await page.close();
  }, 60_000);
});
