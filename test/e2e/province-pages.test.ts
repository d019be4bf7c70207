/**
 * The pages of 好差评 delivery (issue 17) in headless Chromium against a real hub that delivers over
 * `http-json` to the province simulator (drivers/sim/province-platform.ts), which rejects one case number:
 * at /window the clerk attaches two 办件 with keystrokes only, as a barcode scanner types them (digits, then
 * Enter), is told about a duplicate and a wrong number in words, and the verbs' keys do nothing while typing;
 * at /manager the 好差评上报 tab shows the rejected record with the platform's reason, the manager corrects
 * its 办件编号 and resends it, and the record turns 已确认. Both pages in zh-CN show words, never codes, and
 * pass axe's serious/critical rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pressDeskKey, signInToManager } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { api, issue, openWindow, startTestHub, testConfig, until, type TestHub } from '../support/hub';
import { provinceSection, simSpecFor } from '../support/province-sim';
import { startProvinceSim, type ProvinceSim } from '../../drivers/sim/province-platform';
import { hubExtensions } from '../../server/extensions';

const GOOD = '330106202611270001';
const UNKNOWN_AT_PLATFORM = '330106209999999999';
const CORRECTED = '330106202611270002';
/** What a zh-CN page must never show as such: states, kinds, adapters, canonical fields, JS leftovers. */
const CODES = ['pending', 'retrying', 'forwarded', 'held', 'rejected', 'acked', 'appeal-accepted', 'followup-closed', 'http-json', 'city-centre', 'caseNumber', 'taskCode', 'recordId', 'undefined', 'NaN', 'null', 'province:'];

let browser: Browser;
let hub: TestHub;
let sim: ProvinceSim;
let trackToken = '';
let ticketNumber = '';

function expectWordsOnly(text: string | null, where: string): void {
  expect(text, where).toBeTruthy();
  for (const code of CODES) expect(text, `${where} shows the code ${code}`).not.toContain(code);
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await seriousViolations(page))).toBe(`${where}: no serious violations`);
}

beforeAll(async () => {
  const probe = testConfig((f) => (f.province = provinceSection('http://127.0.0.1:1/x')));
  sim = await startProvinceSim(simSpecFor(probe.province!));
  sim.switches.reject = (record) => (record.projectNo === UNKNOWN_AT_PLATFORM ? '办件编号不存在' : undefined);
  const config = testConfig((f) => (f.province = provinceSection(sim.url)));
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
  await sim?.close();
});

describe('province pages (browser)', () => {
  it('/window: the clerk attaches two 办件 with keystrokes only, as a scanner types them', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      const ticket = await issue(hub, 'A');
      trackToken = ticket.trackToken;
      ticketNumber = ticket.number;
      await page.goto(`${hub.url}/window`);
      await page.fill('#login-username', 'clerk1');
      await page.fill('#login-password', 'demo1234');
      await page.selectOption('#login-window', 'w1');
      await page.click('#login-submit');
      await page.waitForSelector('#desk-connection[data-state="online"]');
      await page.waitForSelector(`#queue-tickets >> text=${ticket.number}`);
      // No field while nobody is at the counter.
      expect(await page.isHidden('#cases')).toBe(true);
      await pressDeskKey(page, 'F1');
      await page.waitForSelector(`#current-number:text-is("${ticket.number}")`);
      await page.waitForSelector('#cases:not([hidden])');
      expect(await page.textContent('#current-case-list')).toBe('尚未登记办件编号');
      expect(await page.textContent('#cases label')).toContain('F2');

      // F2, then the scanner: digits and Enter. The field keeps the focus for the next scan.
      await page.keyboard.press('F2');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-input');
      await page.keyboard.type(GOOD);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#current-case-list li:text-is("${GOOD}")`);
      // The staff stream may show the number before the hub's answer arrives: the message comes with the answer.
      await page.waitForSelector(`#case-message:text-is("已登记办件 ${GOOD}")`);
      expect(await page.inputValue('#case-input')).toBe('');

      // The same number again: said, not attached twice.
      await page.keyboard.type(GOOD);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#case-message:has-text("已登记在本号上")');
      expect(await page.textContent('#case-message')).toBe(`办件 ${GOOD} 已登记在本号上，无需重复登记`);

      // Verb letters typed into the field stay text (f = 办结, p = 挂起), and a wrong number is said in words.
      await page.keyboard.type('fp1');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#case-message:has-text("不是有效的办件编号")');
      expect(await page.textContent('#case-message')).toBe('“fp1”不是有效的办件编号：应为4到64位字母或数字（可含 - 和 _），请核对后重新扫描或输入');
      expect(await page.textContent('#desk-state')).toBe('办理中');
      expect(hub.hub.ports.read.tickets.get(ticket.id)?.status).toBe('called');

      // Esc gives the keys back to the page; a scan that starts with a digit then lands in the field by itself.
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      await page.keyboard.type(UNKNOWN_AT_PLATFORM);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#current-case-list li:text-is("${UNKNOWN_AT_PLATFORM}")`);
      expect(await page.locator('#current-case-list li').allTextContents()).toEqual([GOOD, UNKNOWN_AT_PLATFORM]);
      const stored = hub.db.prepare('SELECT case_number FROM province_cases WHERE ticket_id = ? ORDER BY attached_at, case_number').all(ticket.id) as { case_number: string }[];
      expect(stored.map((r) => r.case_number).sort()).toEqual([GOOD, UNKNOWN_AT_PLATFORM].sort());

      await expectAccessible(page, '/window with 办件编号');
      expectWordsOnly(await page.textContent('#current'), '/window serving card');
      expectWordsOnly(await page.textContent('#cases'), '/window 办件编号 field');

      // A reload asks the hub for the list: the numbers are still on the card.
      await page.reload();
      await page.waitForSelector(`#current-case-list li:text-is("${UNKNOWN_AT_PLATFORM}")`);

      // Back on the page's keys: F finishes the visit (the verbs work again once the field lets go).
      await page.keyboard.press('Escape');
      await pressDeskKey(page, 'f');
      await page.waitForSelector('#after-text:has-text("等待评价")');
      await page.waitForSelector('#cases', { state: 'hidden' });

      await page.click('[data-lang-toggle] >> nth=1');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await page.textContent('#cases label')).toBe('Case number F2');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('/manager: the rejected record with the platform’s reason; corrected and resent, it turns 已确认', { timeout: 120_000 }, async () => {
    expect(trackToken).not.toBe('');
    const rated = await api(hub, 'POST', `/api/track/${trackToken}/rating`, { body: { score: 5 } });
    expect(rated.status).toBe(201);
    await until(() => sim.stored.size === 1 && sim.received.length >= 1, 'the good record at the platform');
    await until(() => (hub.db.prepare("SELECT COUNT(*) AS n FROM province_outbox WHERE state = 'rejected'").get() as { n: number }).n === 1, 'the rejection');
    // A second visit, at w2, rated with no 办件编号 on it: held until one is given.
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    const unnumbered = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w2/call-next', { token: clerk2, body: {} });
    await api(hub, 'POST', '/api/windows/w2/finish', { token: clerk2, body: {} });
    expect((await api(hub, 'POST', `/api/track/${unnumbered.trackToken}/rating`, { body: { score: 4 } })).status).toBe(201);
    await until(() => (hub.db.prepare("SELECT COUNT(*) AS n FROM province_outbox WHERE state = 'held'").get() as { n: number }).n === 1, 'the hold');

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await signInToManager(page, hub.url);
      await page.click('button[data-tab="province"]');
      const rejected = page.locator('#province-records tr[data-state="rejected"]');
      await rejected.waitFor({ timeout: 20_000 });
      const recordId = String(await rejected.getAttribute('data-record'));
      const cells = await rejected.locator('td').allTextContents();
      expect(cells.slice(0, 5)).toEqual([ticketNumber, UNKNOWN_AT_PLATFORM, '评价', '被退回', '办件编号不存在']);
      expect(cells[5]).toMatch(/（第 1 次）$/);
      await page.waitForSelector('#province-records tr[data-state="acked"]');
      const held = await page.locator('#province-records tr[data-state="held"] td').allTextContents();
      expect(held.slice(0, 5)).toEqual([unnumbered.number, '（未登记）', '评价', '待补正', '缺少平台必填项：办件编号']);
      expect(await page.isVisible('#province-records tr[data-state="held"] button.correct')).toBe(true);
      expect(await page.textContent('#province-summary')).toMatch(/^待发送 0 条 · 重试中 0 条 · 待补正 1 条 · 被退回 1 条 · 已确认 1 条 · 最近确认 \d{4}/);
      expect(await page.textContent('#province-channel')).toContain('上报方式：省平台接口');
      expectWordsOnly(await page.textContent('#province'), '/manager 好差评上报');
      await expectAccessible(page, '/manager 好差评上报');

      // Filter by state: only the rejected record.
      await page.selectOption('#province-filter', 'rejected');
      await page.waitForFunction(() => document.querySelectorAll('#province-records tbody tr').length === 1 && document.querySelector('#province-records tr[data-state="rejected"]') !== null);

      // Correct the 办件编号; the manager is asked first, and a "no" sends nothing.
      await page.click(`[data-testid="correct-${recordId}"]`);
      await page.fill('#province-case', CORRECTED);
      const questions: string[] = [];
      page.once('dialog', (dialog) => (questions.push(dialog.message()), void dialog.dismiss()));
      await page.click('#province-resend');
      await until(() => questions.length === 1, 'the confirmation');
      expect(questions[0]).toBe(`将号码 ${ticketNumber} 的记录更正为：办件编号 ${CORRECTED}，并重新发送到省平台？`);
      expect((hub.db.prepare('SELECT state FROM province_outbox WHERE id = ?').get(recordId) as { state: string }).state).toBe('rejected');
      await expectAccessible(page, '/manager correction form');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.click('#province-resend');
      await page.waitForSelector('#province-status:has-text("已更正")');

      await page.selectOption('#province-filter', '');
      const row = page.locator(`#province-records tr[data-record="${recordId}"][data-state="acked"]`);
      await row.waitFor({ timeout: 30_000 });
      expect(await row.locator('td').nth(1).textContent()).toBe(CORRECTED);
      expect(await row.locator('td').nth(3).textContent()).toBe('已确认');
      expect(sim.stored.get(recordId)).toMatchObject({ projectNo: CORRECTED, satisfaction: 5 });
      await page.waitForFunction(() => /待补正 1 条 · 被退回 0 条 · 已确认 2 条/.test(document.querySelector('#province-summary')?.textContent ?? ''));
      expectWordsOnly(await page.textContent('#province'), '/manager 好差评上报 after the resend');

      await page.click('#language');
      await page.waitForFunction(() => document.querySelector('#province h2')?.textContent === 'Ratings to the province');
      expect(await row.locator('td').nth(3).textContent()).toBe('Acknowledged');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
