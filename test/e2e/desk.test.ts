/**
 * The front desk page (/desk, issue 18 item 3) and the kiosk's 一次性告知 step (item 4) in headless Chromium
 * against a real hub with the simulated kiosk printer: a clerk signs in with the keyboard, issues a green
 * ticket with a reason and sees it as 绿色通道 in the queue (and the window's queue order puts it first); a
 * visitor at the kiosk is shown the materials before printing and continues; axe finds nothing serious.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { api, DEMO_PASSWORD, issue, login, startTestHub, testConfig, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { printedJob } from '../support/printer';
import type { WindowQueueReply } from '../../server/protocol/window-queue';
import type { TicketLookup } from '../../server/protocol/desk';

const BOUND = { timeout: 30_000 };
let browser: Browser;
let hub: TestHub;
let kiosk: KioskExtension;

beforeAll(async () => {
  browser = await launchBrowser();
  const config = testConfig();
  kiosk = kioskExtension(config, { printerPollMs: 0 });
  hub = await startTestHub({ config, extensions: [kiosk] });
}, 60_000);
afterAll(async () => {
  await browser.close();
  await hub.dispose();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${hub.url}/desk`);
  await page.locator('input[name="username"]').waitFor(BOUND);
  // Keyboard first: the username field has the focus, Tab and Enter do the rest.
  await page.keyboard.type('clerk3');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('#issue-form').waitFor(BOUND);
}

describe('front desk (/desk)', () => {
  it('issues a green-channel ticket with a reason; it shows as 绿色通道 in the queue and is called first', async () => {
    const first = await issue(hub, 'A'); // a visitor already waiting at a kiosk
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await signIn(page);
      expect(await page.textContent('h1')).toBe('导办台');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('desk-service');
      await page.selectOption('#desk-service', 'A');
      await page.selectOption('#desk-green', 'elderly');
      await page.fill('#desk-note', '家属代办');
      await page.press('#desk-note', 'Enter');
      const number = (await page.locator('#issued-number').textContent(BOUND)) ?? '';
      expect(number).toMatch(/^A\d{3}$/);
      expect(await page.textContent('#issued-priority')).toBe('绿色通道 · 老年人');
      expect(await page.textContent('#issued-print')).toContain('已打印');
      await printedJob(kiosk.devices('kiosk1')?.printerSimulator, number);
      // The queue on the desk, live: the new ticket as 绿色通道 with its reason and note, in words.
      const row = page.locator(`#queue-table tr[data-number="${number}"]`);
      await row.waitFor(BOUND);
      expect(await row.getAttribute('data-priority')).toBe('green');
      expect(await row.textContent()).toContain('绿色通道 · 老年人');
      expect(await row.textContent()).toContain('家属代办');
      // The window's own queue (call order) takes it before the visitor who came first.
      const clerk = await login(hub, 'clerk1');
      const green = await api<TicketLookup>(hub, 'GET', `/api/desk/lookup/${number}`, { token: clerk });
      const queue = await api<WindowQueueReply>(hub, 'GET', '/api/windows/w1/queue', { token: clerk });
      expect(queue.body.ticketIds.slice(0, 2)).toEqual([green.body.ticket.id, first.id]);
    } finally {
      await page.close();
    }
  });

  it('looks a ticket up by number and moves it to the green channel', async () => {
    const waiting = await issue(hub, 'B');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await signIn(page);
      await page.fill('#lookup-number', waiting.number.toLowerCase());
      await page.press('#lookup-number', 'Enter');
      await page.locator('#lookup-wait').waitFor(BOUND);
      expect(await page.textContent('#lookup-wait')).toMatch(/前面|窗口暂未开放|即将叫号/);
      await page.selectOption('#upgrade-reason', 'disability');
      await page.click('#upgrade-button');
      expect(await page.locator('#upgraded').textContent(BOUND)).toBe(`${waiting.number} 已改为绿色通道：残疾人`);
      await expect.poll(() => page.locator(`#queue-table tr[data-number="${waiting.number}"]`).getAttribute('data-priority'), BOUND).toBe('green');
      await page.fill('#lookup-number', 'Z999');
      await page.press('#lookup-number', 'Enter');
      // Words, never a code.
      await expect.poll(() => page.textContent('#lookup-result'), BOUND).not.toMatch(/unknown-ticket|^$/);
    } finally {
      await page.close();
    }
  });

  // Found in a walk-through: the sign-in card stayed on screen beside the desk (CSS display beat [hidden]),
  // and the print choice read 「在 kiosk1 打印」 instead of the kiosk's name from hallq.yaml.
  it('hides the sign-in card once signed in and shows it again after sign-out and a session end; names the kiosk to print at', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await signIn(page);
      expect(await page.locator('#login').isVisible()).toBe(false);
      expect(await page.locator('#issue-form').isVisible()).toBe(true);
      const choices = await page.locator('#desk-print option').allInnerTexts();
      expect(choices).toContain('在一楼取号机打印');
      expect(choices.join(' ')).not.toContain('kiosk1');
      expect(await page.inputValue('#desk-print')).toBe('kiosk1');

      await page.click('#logout');
      await page.locator('#login').waitFor({ state: 'visible', ...BOUND });
      expect(await page.locator('#issue-form').count()).toBe(0);

      await signIn(page);
      expect(await page.locator('#login').isVisible()).toBe(false);
      // The session ends elsewhere (signed out from another tab, expired): the page is back at sign-in.
      const token = await page.evaluate(() => sessionStorage.getItem('hallq.desk.token'));
      expect((await api(hub, 'POST', '/api/auth/logout', { token: token ?? '', body: {} })).status).toBeLessThan(300);
      await page.locator('#login').waitFor({ state: 'visible', ...BOUND });
      expect(await page.locator('#issue-form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('has no serious accessibility violations, signed out and signed in, in Chinese and English', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${hub.url}/desk`);
      await page.locator('#login').waitFor(BOUND);
      expect(describeViolations('/desk sign-in', await seriousViolations(page))).toBe('/desk sign-in: no serious violations');
      await signIn(page);
      await page.locator('#queue-table, #queue p').first().waitFor(BOUND);
      expect(describeViolations('/desk', await seriousViolations(page))).toBe('/desk: no serious violations');
      await page.click('#language');
      await page.locator('#issue-form').waitFor(BOUND);
      expect(await page.textContent('h1')).toBe('Front desk');
      expect(describeViolations('/desk en', await seriousViolations(page))).toBe('/desk en: no serious violations');
    } finally {
      await page.evaluate(() => localStorage.clear()).catch(() => undefined);
      await page.close();
    }
  });
});

describe('kiosk 一次性告知 (guide before printing)', () => {
  it('shows the materials in large text before printing, 返回 goes back, 继续取号 prints with the reminder', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    try {
      await page.goto(`${hub.url}/kiosk`);
      await page.locator('[data-testid="service-D"]:not([disabled])').waitFor(BOUND);
      await page.click('[data-testid="service-D"]');
      await page.locator('[data-testid="guide"]').waitFor(BOUND);
      expect(await page.textContent('[data-testid="guide"] h1')).toBe('请确认已带齐以下材料');
      const items = await page.locator('[data-testid="guide-materials"] li').allTextContents();
      expect(items).toEqual(['居民户口簿', '本人居民身份证（换领、补领时）', '近期免冠彩色照片（可现场拍照）']);
      const size = await page.locator('[data-testid="guide-materials"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(24);
      expect(describeViolations('/kiosk guide', await seriousViolations(page))).toBe('/kiosk guide: no serious violations');
      await page.click('[data-testid="guide-back"]');
      await page.locator('[data-testid="service-D"]').waitFor(BOUND);
      await page.click('[data-testid="service-D"]');
      await page.click('[data-testid="guide-continue"]');
      const number = (await page.locator('[data-testid="ticket-number"]').textContent(BOUND)) ?? '';
      expect(number).toMatch(/^D\d{3}$/);
      const job = await printedJob(kiosk.devices('kiosk1')?.printerSimulator, number);
      // The paper wraps at its width: the reminder's start and its pointer to the phone.
      const paper = readFileSync(job.txtPath, 'utf8');
      expect(paper).toContain('请带齐：居民户口簿');
      expect(paper).toContain('详见手机');
      // The phone page (the QR code) has the whole list.
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(/QR: (\S+)/.exec(paper)?.[1] ?? '');
      await phone.locator('[data-testid="guide"] li').first().waitFor(BOUND);
      expect(await phone.locator('[data-testid="guide"] li').count()).toBe(3);
      // The phone follows its own language (headless Chromium says en-US): either way in words.
      expect(await phone.textContent('[data-testid="guide"]')).toMatch(/承诺时限：20 个工作日|Time limit: 20 working days/);
      await phone.close();
      await page.click('[data-testid="done"]');
      // A service without a guide still takes one tap.
      await page.click('[data-testid="service-A"]');
      await page.locator('[data-testid="ticket-number"]').waitFor(BOUND);
    } finally {
      await page.close();
    }
  });
});
