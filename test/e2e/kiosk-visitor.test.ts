/**
 * The kiosk from the visitor's side, in headless Chromium against a real hub with the simulated printer:
 * a visitor who walks away leaves nothing for the next one (it used to: the typed ID, English and large text
 * stayed on the start screen for ever and the next ticket went out under that ID); a printer fault is said
 * before the ticket and an unprinted ticket stays on screen until 完成 (it used to vanish after 20 s); every
 * screen fits portrait and landscape in both text sizes without scrolling (large text used to push 预约取号
 * below the fold and hide 输入身份证号).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestHub, testConfig, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { idCheckCharacter } from '../../drivers/identity';
import type { IssueTicketBody, IssuedTicket } from '../../server/protocol/http';

/** Born 1 January 1950: green channel (≥ 70) in this hall. */
const ELDERLY_ID = '110101195001010017';
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let browser: Browser;
let hub: TestHub;
let kiosk: KioskExtension;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await page?.close();
  await hub?.dispose();
});

/** A hub whose kiosk printer is polled often, so a fault reaches the page within a second or so. */
async function openKiosk(query: string, viewport = PORTRAIT): Promise<void> {
  const config = testConfig();
  kiosk = kioskExtension(config, { printerPollMs: 200 });
  hub = await startTestHub({ config, extensions: [kiosk] });
  page = await browser.newPage({ viewport });
  await page.goto(`${hub.url}/kiosk${query}`);
  await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
}

async function typeId(idNumber: string): Promise<void> {
  await page.click('[data-testid="open-id-keypad"]');
  for (const key of idNumber) await page.click(`[data-testid="key-${key}"]`);
}

function printer() {
  const simulator = kiosk.devices('kiosk1')?.printerSimulator;
  if (!simulator) throw new Error('no simulated printer');
  return simulator;
}

/** Takes a ticket by tapping a service; answers what the page sent and what the hub answered. */
async function takeTicket(serviceId: string, onGuide?: () => Promise<void>): Promise<{ sent: IssueTicketBody; ticket: IssuedTicket }> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
  await page.click(`[data-testid="service-${serviceId}"]`);
  // A service with a 一次性告知 (the demo's C and D) shows its materials first: 继续取号 takes the ticket.
  if ((await page.locator('[data-testid="guide"]').count()) > 0) {
    await onGuide?.();
    await page.click('[data-testid="guide-continue"]');
  }
  const response = await answered;
  await page.locator('[data-testid="ticket-number"]').waitFor();
  return { sent: JSON.parse((response.request() as Request).postData() ?? '{}') as IssueTicketBody, ticket: (await response.json()) as IssuedTicket };
}

const lang = () => page.evaluate(() => document.documentElement.lang);
const isLargeText = () => page.evaluate(() => document.documentElement.classList.contains('elderly'));

describe('a visitor who walks away', () => {
  it('leaves nothing for the next visitor: person, English and large text are reset after the idle time', { timeout: 60_000 }, async () => {
    await openKiosk('?idle=5&warn=3');
    await typeId(ELDERLY_ID);
    await page.click('[data-testid="keypad-confirm"]');
    await page.click('[data-testid="toggle-language"]');
    await page.click('[data-testid="toggle-elderly"]');
    expect(await page.textContent('[data-testid="person"]')).toContain('ID number: 1101**********0017');
    expect(await lang()).toBe('en');
    expect(await isLargeText()).toBe(true);

    // The last seconds are announced, then the clean Chinese start comes back by itself.
    const notice = page.locator('[data-testid="idle-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/Going back to the start in [1-3] s/);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, { timeout: 10_000 });
    expect(await isLargeText()).toBe(false);
    expect(await page.locator('[data-testid="person"]').count()).toBe(0);
    expect(await page.textContent('h1')).toBe('请选择要办理的业务');
    expect(await notice.isVisible()).toBe(false);
    expect(await page.content()).not.toContain('0017');

    // The next visitor's ticket carries nobody's ID and no green channel.
    const { sent, ticket } = await takeTicket('A');
    expect(sent.idNumber).toBeUndefined();
    expect(sent.language).toBe('zh-CN');
    expect(ticket.personMasked).toBeUndefined();
    expect(ticket.priority).toBe('normal');
    expect(await page.locator('[data-testid="priority-line"]').count()).toBe(0);
  });

  it('a touch during the countdown keeps the visitor’s screen; a half-typed keypad is cleared after the idle time', { timeout: 60_000 }, async () => {
    await openKiosk('?idle=5&warn=3');
    await typeId('1101011950');
    const notice = page.locator('[data-testid="idle-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    // A tap on an empty spot (the entry) counts as "still here".
    await page.click('[data-testid="id-entry"]');
    expect(await notice.isVisible()).toBe(false);
    expect(await page.textContent('[data-testid="id-entry"]')).toBe('110101 1950');
    await page.locator('[data-testid="service-A"]').waitFor({ timeout: 10_000 });
    expect(await page.textContent('h1')).toBe('请选择要办理的业务');
  });
});

describe('the ID keypad checks the check digit', () => {
  it('says so on the 18th character and keeps the digits for correction', { timeout: 30_000 }, async () => {
    await openKiosk('');
    await typeId('110101195001010018');
    const problem = page.locator('[data-testid="id-problem"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('身份证号码校验位不对，请核对');
    await page.click('[data-testid="keypad-confirm"]');
    expect(await page.textContent('[data-testid="id-entry"]')).toBe('110101 19500101 0018');
    expect(await page.locator('[data-testid="person"]').count()).toBe(0);
    await page.click('[data-testid="key-delete"]');
    await page.click('[data-testid="key-7"]');
    expect(await problem.count()).toBe(0);
    await page.click('[data-testid="keypad-confirm"]');
    expect(await page.textContent('[data-testid="person"]')).toContain('1101**********0017');
  });
});

describe('printer faults', () => {
  it('shows a banner on the start screen while the printer is out of paper, and an unprinted ticket stays until 完成', { timeout: 60_000 }, async () => {
    await openKiosk('?result=2');
    // Printed: the countdown counts and the screen goes back by itself.
    await takeTicket('A');
    await expect.poll(() => page.getAttribute('[data-testid="print-status"]', 'data-printed')).toBe('true');
    expect(await page.textContent('[data-testid="countdown"]')).toMatch(/^[12] 秒后自动返回首页$/);
    await page.locator('[data-testid="service-A"]').waitFor({ timeout: 5000 });

    printer().setPaperOut(true);
    const banner = page.locator('[data-testid="printer-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe('打印机缺纸，号码将显示在屏幕上，请用手机拍照或扫码');

    const { ticket } = await takeTicket('B');
    expect(ticket.printed).toBe(false);
    expect(await page.getAttribute('[data-testid="print-status"]', 'data-printed')).toBe('false');
    // Well past the printed ticket's 2 s: still there, number and QR code large enough to photograph.
    await page.waitForTimeout(4500);
    expect(await page.textContent('[data-testid="ticket-number"]')).toBe(ticket.number);
    const qr = await page.locator('[data-testid="qr"]').boundingBox();
    expect(qr?.width ?? 0).toBeGreaterThanOrEqual(400);
    const numberSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="ticket-number"]') as Element).fontSize));
    expect(numberSize).toBeGreaterThanOrEqual(180);
    await page.click('[data-testid="done"]');
    await banner.waitFor();

    printer().setPaperOut(false);
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('says when the printer cover is open, in English too', { timeout: 30_000 }, async () => {
    await openKiosk('');
    printer().setCoverOpen(true);
    await page.click('[data-testid="toggle-language"]');
    const banner = page.locator('[data-testid="printer-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe('The printer cover is open: your number will be shown on the screen. Please take a photo or scan the QR code.');
  });

  it('points to the keypad when the ID card reader stops answering', { timeout: 30_000 }, async () => {
    await openKiosk('');
    const hint = page.locator('[data-testid="reader-hint"]');
    expect(await hint.textContent()).toContain('请把身份证放在下方读卡区');
    kiosk.devices('kiosk1')?.readerSimulator?.setSilent(true);
    await page.waitForFunction(() => document.querySelector('[data-testid="reader-hint"]')?.textContent?.includes('读卡器暂时不能用'), undefined, { timeout: 15_000 });
    expect(await page.locator('[data-testid="open-id-keypad"]').isVisible()).toBe(true);
  });
});

/** Overflow and off-screen buttons on the current screen; empty when everything fits. */
function layoutProblems(page: Page, minTarget: number): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const scroller = document.scrollingElement as Element;
    if (scroller.scrollHeight > innerHeight) problems.push(`page scrolls vertically: ${scroller.scrollHeight} > ${innerHeight}`);
    if (scroller.scrollWidth > innerWidth) problems.push(`page scrolls sideways: ${scroller.scrollWidth} > ${innerWidth}`);
    for (const button of document.querySelectorAll('button')) {
      if (button.offsetParent === null) continue;
      const box = button.getBoundingClientRect();
      const name = (button.dataset.testid ?? button.textContent ?? '').trim();
      if (box.top < 0 || box.left < 0 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5) problems.push(`${name} is not fully on screen: ${JSON.stringify(box)}`);
      if (box.width < min || box.height < min) problems.push(`${name} is ${Math.round(box.width)}×${Math.round(box.height)}, under ${min} px`);
      // Text cut off inside a button is as bad as a button cut off by the screen.
      if (button.scrollHeight > button.clientHeight + 1) problems.push(`${name}: its text overflows (${button.scrollHeight} > ${button.clientHeight})`);
    }
    return problems;
  }, minTarget);
}

describe('layout', () => {
  it('fits every screen without scrolling, portrait and landscape, normal and large text, Chinese and English', { timeout: 120_000 }, async () => {
    await openKiosk('');
    printer().setPaperOut(true);
    await page.locator('[data-testid="printer-banner"]').waitFor({ timeout: 10_000 });
    let serial = 0;
    const check = async (where: string, min: number): Promise<void> => {
      for (const viewport of [PORTRAIT, LANDSCAPE]) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise(requestAnimationFrame));
        expect(await layoutProblems(page, min), `${where} at ${viewport.width}×${viewport.height}`).toEqual([]);
      }
    };
    for (const language of ['zh-CN', 'en'] as const) {
      for (const isLarge of [false, true]) {
        const where = `${language}${isLarge ? ' large text' : ''}`;
        const min = isLarge ? 88 : 64;
        if ((await lang()) !== language) await page.click('[data-testid="toggle-language"]');
        if ((await isLargeText()) !== isLarge) await page.click('[data-testid="toggle-elderly"]');
        // Large text keeps the way in for a visitor without a card.
        expect(await page.locator('[data-testid="open-id-keypad"]').isVisible(), where).toBe(true);
        await check(`${where} start (printer banner)`, min);

        const first17 = `11010119500101${String(100 + serial++)}`;
        const good = first17 + idCheckCharacter(first17);
        const bad = first17 + (good.endsWith('0') ? '1' : '0');
        await typeId(bad);
        await page.locator('[data-testid="id-problem"]').waitFor();
        await check(`${where} ID keypad with a problem`, min);
        await page.click('[data-testid="key-delete"]');
        await page.click(`[data-testid="key-${good.slice(-1)}"]`);
        await page.click('[data-testid="keypad-confirm"]');
        await page.locator('[data-testid="person"]').waitFor();
        await check(`${where} start with a person`, min);

        await takeTicket('D', () => check(`${where} materials before printing`, min));
        await page.locator('[data-testid="priority-line"]').waitFor();
        await check(`${where} unprinted green-channel ticket`, min);
        await page.click('[data-testid="done"]');
        await page.locator('[data-testid="service-A"]').waitFor();
        // 完成 starts afresh for the next visitor: set the mode again for the next round.
      }
    }
  });
});
