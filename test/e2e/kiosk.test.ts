/** The kiosk page in headless Chromium against a real hub with the simulated printer and ID card reader. */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api, login, startTestHub, testConfig, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { printedJob } from '../support/printer';
import type { StaffSnapshot } from '../../server/protocol/model';

describe('kiosk page', () => {
  let browser: Browser;
  let hub: TestHub;
  let kiosk: KioskExtension;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    const config = testConfig();
    kiosk = kioskExtension(config, { printerPollMs: 0 });
    hub = await startTestHub({ config, extensions: [kiosk] });
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-testid="service-A"]:not([disabled])').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await hub.dispose();
  });

  it('takes a ticket and the printer simulator prints it with the tracking QR code', async () => {
    await page.click('[data-testid="service-A"]');
    const number = (await page.locator('[data-testid="ticket-number"]').textContent()) ?? '';
    expect(number).toMatch(/^A\d{3}$/);
    await expect.poll(() => page.getAttribute('[data-testid="print-status"]', 'data-printed')).toBe('true');
    expect(await page.locator('[data-testid="ticket-ahead"]').textContent()).toContain('前面');
    expect(await page.locator('[data-testid="qr"]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    const job = await printedJob(kiosk.devices('kiosk1')?.printerSimulator, number);
    const text = readFileSync(job.txtPath, 'utf8');
    expect(text).toContain(number);
    expect(text).toMatch(/QR: http:\/\/127\.0\.0\.1:\d+\/t\/[A-Za-z0-9_-]+/);
    expect(readFileSync(job.binPath).length).toBeGreaterThan(50);

    await page.click('[data-testid="done"]');
    await page.locator('[data-testid="service-A"]').waitFor();
  });

  it('still shows the ticket and QR code when the printer is out of paper, and says so plainly', async () => {
    kiosk.devices('kiosk1')?.printerSimulator?.setPaperOut(true);
    await page.click('[data-testid="service-B"]');
    const status = page.locator('[data-testid="print-status"]');
    await status.waitFor();
    expect(await status.getAttribute('data-printed')).toBe('false');
    expect(await status.textContent()).toContain('缺纸');
    expect(await page.locator('[data-testid="ticket-number"]').textContent()).toMatch(/^B\d{3}$/);
    expect(await page.locator('[data-testid="qr"]').count()).toBe(1);
    expect(kiosk.devices('kiosk1')?.printerSimulator?.jobs).toHaveLength(0);
    const staff = await api<StaffSnapshot>(hub, 'GET', '/api/hall/staff', { token: await login(hub, 'manager') });
    expect(staff.body.devices).toContainEqual(expect.objectContaining({ id: 'kiosk1-printer', status: 'error', code: 'paper-out' }));
  });

  // The strip once read 「李秀英, 78 (green channel 绿色通道)」 and 「A 10:15, on-time」 on the Chinese start screen.
  it('words the demo strip all in Chinese on the zh-CN start screen, and all in English when switched', async () => {
    const strip = page.locator('footer.demo');
    await strip.locator('[data-testid="demo-appointments"]').waitFor();
    const zhText = (await strip.innerText()).replace(/\s+/g, ' ');
    expect(zhText).not.toMatch(/[A-Za-z]/);
    expect(await page.locator('[data-testid="demo-elderly"]').innerText()).toMatch(/^李秀英（\d+岁，绿色通道）$/);
    expect(await page.locator('[data-testid="demo-adult"]').innerText()).toMatch(/^张伟（\d+岁）$/);
    expect(zhText).toContain('准时');
    expect(zhText).toContain('已过时段');
    expect(zhText).toContain('今天稍后');
    await page.click('[data-testid="toggle-language"]');
    await expect.poll(() => page.locator('[data-testid="demo-elderly"]').innerText()).toMatch(/^Li Xiuying \(\d+, green channel\)$/);
    const enText = await strip.innerText();
    expect(enText).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    expect(enText).toMatch(/on time.*slot passed.*later today/s);
  });

  it('takes a green-channel ticket for an elderly visitor who lays an ID card on the reader', async () => {
    await page.click('[data-testid="demo-elderly"]');
    const person = page.locator('[data-testid="person"]');
    await person.waitFor();
    expect(await person.textContent()).toContain('李**');
    expect(await page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    await page.click('[data-testid="service-D"]');
    // 公安户政 has a 一次性告知 in the demo hall: the materials first, then the ticket.
    await page.click('[data-testid="guide-continue"]');
    expect(await page.locator('[data-testid="priority-line"]').textContent()).toContain('绿色通道');
    expect(await page.content()).not.toContain('110101');
  });
});
