/**
 * 办事指南 in the console's layout form (issue 18 item 4), against a real hub in headless Chromium: the admin
 * edits a service's materials line by line, its basis, promised time and fees, and writes a first guide for a
 * service that had none; the hub keeps them (checked with the config file's own schema) and the kiosk shows
 * them. A material too long for the schema is refused by the hub and marked at the field; nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, signInToManager } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { managerExtension } from '../../server/wings/manager';
import { kioskExtension } from '../../server/wings/kiosk';
import type { Layout } from '../../manager-ui/layout-form';
import type { KioskConfig } from '../../server/protocol/kiosk';

describe('办事指南 in the layout form (browser)', () => {
  let hub: TestHub;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({
      config,
      clock: new TestClock(),
      extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 }), kioskExtension(config, { printerPollMs: 0 })],
    });
    browser = await launchBrowser();
    admin = await login(hub, 'manager');
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const layoutNow = async (): Promise<Layout> => (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
  const guideOf = async (id: string) => (await layoutNow()).services.find((s) => s.id === id)?.guide;

  it('saves materials line by line, basis, promised time and fees; the kiosk shows them; the hub refuses a line too long', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    await signInToManager(page, hub.url);
    await page.click('button[data-tab=admin]');
    await page.waitForSelector('#layout-guides');

    const before = await guideOf('C');
    const materials = page.getByLabel('所需材料 C', { exact: true });
    expect((await materials.inputValue()).split('\n')).toEqual(before?.materials);
    expect(await page.getByLabel('承诺时限(工作日) C', { exact: true }).inputValue()).toBe('5');

    // One line more, one blank line (ignored), a changed basis, 即办 and no fees.
    await materials.fill(`${before?.materials.join('\n')}\n\n   \n婚姻状况证明`);
    await page.getByLabel('办理依据 C', { exact: true }).fill('《不动产登记暂行条例实施细则》');
    await page.getByLabel('承诺时限(工作日) C', { exact: true }).fill('0');
    await page.getByLabel('收费标准 C', { exact: true }).fill('不收费');
    // A first guide for 综合受理, which had none.
    await page.getByLabel('所需材料 A', { exact: true }).fill('本人身份证原件\n申请表（现场填写）');

    const violations = await seriousViolations(page);
    expect(violations, describeViolations('/manager admin (办事指南)', violations)).toEqual([]);
    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '已保存');

    expect(await guideOf('C')).toEqual({
      materials: [...(before?.materials ?? []), '婚姻状况证明'],
      basis: '《不动产登记暂行条例实施细则》',
      promiseDays: 0,
      fees: '不收费',
      // Not edited in the form: kept as it was.
      notes: before?.notes,
    });
    expect(await guideOf('A')).toEqual({ materials: ['本人身份证原件', '申请表（现场填写）'] });
    // The kiosk shows it before printing (and the phone page), from the live layout.
    const kiosk = (await api<KioskConfig>(hub, 'GET', '/api/kiosk/config', { token: KIOSK_TOKEN })).body;
    expect(kiosk.guides?.A?.materials).toEqual(['本人身份证原件', '申请表（现场填写）']);
    expect(kiosk.guides?.C?.promiseDays).toBe(0);

    // The form starts again from what the hub kept.
    await page.reload();
    await page.click('button[data-tab=admin]');
    await page.waitForSelector('#layout-guides');
    expect((await page.getByLabel('所需材料 C', { exact: true }).inputValue()).split('\n').at(-1)).toBe('婚姻状况证明');
    expect(await page.getByLabel('承诺时限(工作日) C', { exact: true }).inputValue()).toBe('0');

    // A promised time that is not a number: marked at the field, nothing sent.
    await page.getByLabel('承诺时限(工作日) C', { exact: true }).fill('五天');
    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '请先改正标红的内容');
    expect(await page.getByLabel('承诺时限(工作日) C', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('承诺时限(工作日) C', { exact: true }).fill('0');

    // A material longer than the file's schema allows (80 characters): the hub refuses, the field is marked.
    await page.getByLabel('所需材料 A', { exact: true }).fill(`本人身份证原件\n${'很长的材料名称'.repeat(12)}`);
    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('[aria-label="所需材料 A"]')?.getAttribute('aria-invalid') === 'true');
    // In words on the Chinese page, not the schema's English.
    expect(await page.locator('#layout-status').textContent()).toBe('事项与窗口设置有误：第 1 个事项的所需材料：不能超过 80 个字');
    expect(await page.locator('#layout-services-0-materials-error').textContent()).not.toBe('');
    expect(await guideOf('A')).toEqual({ materials: ['本人身份证原件', '申请表（现场填写）'] });
    expect(problems).toEqual([]);
    await page.close();
  });
});
