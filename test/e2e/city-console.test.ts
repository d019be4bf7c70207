/**
 * The city console in headless Chromium against a real centre on a real PostgreSQL, with three halls that
 * shipped their day over the uplink: sign in as a supervisor, see the grid in words (a silent hall marked),
 * follow a change live, open a hall, run a report and download its XLSX, read the ranking's formula, add a
 * 督办 note, switch to English; then as a hall viewer see one hall only. At 1366×768 and 1920×1080.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { centreConfig, DISTRICT, ManualClock, PASSWORD, TOWN, USERS, VILLAGE } from '../centre/support/centre';
import { buildCity, type City } from '../centre/support/report-scenario';
import { buildCentre, type RunningCentre } from '../../server/centre/compose';
import { ReportsRepo } from '../../server/centre/storage/reports-repo';
import { rollUpReports } from '../../server/centre/app/reports';

let db: TestDatabase;
let centre: RunningCentre;
let browser: Browser;
let city: City;
// 12:00 in Shanghai on the scenario's day: its waiting ticket (issued 09:04) is long past its 20 min limit.
const clock = new ManualClock(Date.parse('2026-03-02T04:00:00Z'));

/** Words the page must never show as such: codes of levels, link states, roles, window states, reasons. */
const CODES = ['district', 'village', 'offline', 'lagging', 'city-supervisor', 'hall-viewer', 'serving', 'paused', 'wait-overdue', 'attitude', 'undefined', 'NaN'];

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${centre.url}/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#grid section.level');
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

beforeAll(async () => {
  db = await createTestDatabase('hallq_city_console');
  const config = await centreConfig(db.url, (f) => {
    f.halls = f.halls.filter((h) => h.code !== '330106-102');
  });
  centre = await buildCentre({ config, clock, host: '127.0.0.1', port: 0, uiDir: process.env.HALLQ_UI_DIR });
  city = buildCity();
  // The halls' clocks agree with the centre's (the grid ages waits by the hall's own clock).
  city.district.at('2026-03-02 12:08').alert('al-1');
  city.district.followup(city.ids.d4 as string, Date.parse('2026-03-01T09:00:00Z'));
  city.town.at('2026-03-02 12:08').followup(city.ids.t1 as string, Date.parse('2026-03-09T09:00:00Z'));
  await city.village.ship(centre);
  // Ten minutes later the district and the town report again; the village has gone quiet (offline after 5 min).
  clock.advance(10 * 60_000);
  await city.district.ship(centre);
  await city.town.ship(centre);
  await rollUpReports({ repo: new ReportsRepo(centre.pool), clock });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await centre?.close();
  await db?.drop();
});

describe('city console (browser)', () => {
  it('as a supervisor: the grid in words, live, a hall, a report and its XLSX, the ranking, a 督办 note, English', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, USERS.supervisor);
    await page.waitForSelector('#connection[data-state=live]');

    // Three halls, grouped by level, in words; the silent village is marked; the overdue wait is red and said.
    const levels = await page.locator('#grid section.level h2').allTextContents();
    expect(levels).toEqual(['区（市）中心', '镇（街道）中心', '村（社区）服务点']);
    expect(await page.locator('#grid tbody tr').count()).toBe(3);
    const village = page.locator(`#grid tr[data-hall="${VILLAGE}"]`);
    expect(await village.getAttribute('class')).toContain('link-down');
    expect(await village.textContent()).toContain('失联');
    const district = page.locator(`#grid tr[data-hall="${DISTRICT}"]`);
    expect(await district.locator('[data-over=true]').textContent()).toContain('超时');
    expect(await district.textContent()).toMatch(/在线|补传中/);
    expect(await page.locator('#who').textContent()).toBe('督查科 张科长 · 督查人员');
    const gridText = (await page.locator('main').textContent()) ?? '';
    for (const code of CODES) expect(gridText, code).not.toContain(code);
    expect(await page.evaluate(() => document.fonts.check('14px "Noto Sans CJK SC"', '大厅'))).toBe(true);
    expect(await fitsWidth(page)).toBe(true);

    // A visitor takes a ticket at the town hall: its row follows without a reload.
    const townWaiting = page.locator(`#grid tr[data-hall="${TOWN}"] td:nth-child(2)`);
    expect(await townWaiting.textContent()).toBe('0');
    city.town.at('2026-03-02 11:59').issue('A');
    await city.town.ship(centre);
    await page.waitForFunction((code) => document.querySelector(`#grid tr[data-hall="${code}"] td:nth-child(2)`)?.textContent === '1', TOWN);

    // One hall, read-only, by keyboard: Enter on its button, Escape back.
    await page.focus(`button.open-hall[data-hall="${DISTRICT}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#hall-title');
    expect(await page.locator('#hall-title').textContent()).toBe('西湖区政务服务中心');
    const windowsText = (await page.locator('#hall-windows').textContent()) ?? '';
    expect(windowsText).toContain('1号窗口');
    expect(windowsText).toMatch(/空闲|办理中|关闭/);
    expect(await page.locator('#hall-view').textContent()).toContain('等候超时');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#grid section.level');

    // A report by window for the day, and its XLSX.
    await page.click('button[data-tab=reports]');
    await page.fill('#report-from', '2026-03-02');
    await page.fill('#report-to', '2026-03-02');
    await page.selectOption('#report-by', 'window');
    await page.click('#report-form button[type=submit]');
    await page.waitForSelector('#report-table');
    const reportText = (await page.locator('#report-table').textContent()) ?? '';
    expect(reportText).toContain('西湖区政务服务中心');
    expect(reportText).toContain('1号窗口');
    expect(await page.locator('#report-table tr.total td').first().textContent()).toBe('合计');
    expect(await page.locator('#report-table thead').textContent()).toContain('满意率');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
    expect(download.suggestedFilename()).toBe('hallq-city-report-window-2026-03-02_2026-03-02.xlsx');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '说明']);
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe('大厅');

    // The ranking states its formula.
    await page.click('button[data-tab=rankings]');
    await page.fill('#ranking-from', '2026-03-02');
    await page.fill('#ranking-to', '2026-03-02');
    await page.click('#ranking-form button[type=submit]');
    await page.waitForSelector('#ranking-formula');
    expect(await page.locator('#ranking-formula').textContent()).toMatch(/^得分 = 满意率 × 50% \+ 办结量（相对最多者）× 20% \+ 限时内等候占比 × 30%/);

    // 差评 supervision: the overdue one first; a note written here reaches the database and the list.
    await page.click('button[data-tab=supervision]');
    await page.waitForSelector('#supervision article.followup');
    const first = page.locator('#supervision article.followup').first();
    expect(await first.getAttribute('data-hall')).toBe(DISTRICT);
    expect(await first.textContent()).toContain('已逾期');
    expect(await first.textContent()).toContain('不满意');
    await first.locator('textarea').fill('请三日内回访并报送整改情况');
    await first.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('#supervision article.followup ol.notes')?.textContent?.includes('请三日内回访并报送整改情况'));
    expect(await page.locator('#supervision article.followup ol.notes').first().textContent()).toContain('送达中');
    const { rows } = await centre.pool.query<{ text: string; by_username: string; hall_code: string }>('SELECT text, by_username, hall_code FROM supervision_notes');
    expect(rows).toEqual([{ text: '请三日内回访并报送整改情况', by_username: USERS.supervisor, hall_code: DISTRICT }]);

    // English, on the same page.
    await page.click('#language');
    expect(await page.locator('#tabs button').allTextContents()).toEqual(['Halls', 'Reports', 'Rankings', 'Bad-rating supervision']);
    expect(await page.locator('#supervision h2').textContent()).toBe('Bad-rating supervision');
    await page.click('button[data-tab=grid]');
    await page.waitForSelector('#grid section.level');
    expect(await page.locator('#grid section.level h2').allTextContents()).toEqual(['District centre', 'Town centre', 'Village point']);
    expect(await village.textContent()).toContain('Offline');

    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('as a hall viewer: one hall only, everywhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, USERS.viewer);
    expect(await page.locator('#grid tbody tr').count()).toBe(1);
    expect(await page.locator('#grid tbody tr').getAttribute('data-hall')).toBe(TOWN);
    expect(await page.locator('#who').textContent()).toBe('转塘查看 · 大厅查看');
    await page.click('button[data-tab=reports]');
    expect(await page.locator('#report-hall option').allTextContents()).toEqual(['全部大厅', '转塘街道便民服务中心']);
    await page.fill('#report-from', '2026-03-01');
    await page.fill('#report-to', '2026-03-31');
    await page.click('#report-form button[type=submit]');
    await page.waitForSelector('#report-table');
    const text = (await page.locator('#report-table tbody').textContent()) ?? '';
    expect(text).toContain('转塘街道便民服务中心');
    expect(text).not.toContain('西湖区');
    await page.click('button[data-tab=supervision]');
    await page.waitForSelector('#supervision article.followup');
    expect(await page.locator('#supervision article.followup').count()).toBe(1);
    expect(await page.locator('#supervision textarea').count()).toBe(0);
    await context.close();
  });
});
