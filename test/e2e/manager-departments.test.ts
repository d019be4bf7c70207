/**
 * Departments in the layout form (issue 18), against a real hub in headless Chromium: the admin adds a 部门,
 * puts a service in it and limits a kiosk to it with the form (not the JSON box); after saving, that kiosk's
 * menu offers only the department's services. Removing a department a service still belongs to is refused
 * in Chinese words naming the service, by the form and (from the JSON box) by the hub.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, openManagerConsole } from '../support/browser';
import { managerExtension } from '../../server/wings/manager';
import { kioskExtension } from '../../server/wings/kiosk';
import type { KioskMenu } from '../../server/protocol/kiosk';
import type { Layout } from '../../manager-ui/layout-form';

const SECOND_KIOSK_TOKEN = 'second-floor-kiosk-token-0001';

describe('departments in the manager layout form (browser)', () => {
  let hub: TestHub;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    const config = testConfig((file) => {
      file.kiosks = [...file.kiosks, { id: 'kiosk2', name: '二楼取号机', tokenHash: createHash('sha256').update(SECOND_KIOSK_TOKEN).digest('hex') }];
    });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 }), kioskExtension(config, { printerPollMs: 0 })] });
    browser = await launchBrowser();
    admin = await login(hub, 'manager');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const menuOf = async (token: string): Promise<KioskMenu> => {
    const answer = await api<KioskMenu>(hub, 'GET', '/api/kiosk/menu', { token });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  async function openAdmin(problems: string[]): Promise<Page> {
    return openManagerConsole(browser, hub.url, problems, { tab: { name: 'admin', ready: '#layout-form' }, page: { viewport: { width: 1280, height: 900 } } });
  }

  it('adds a department, assigns a service, limits a kiosk to it, and the kiosk offers only that', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const page = await openAdmin(problems);
    // Before: the second kiosk offers every service.
    const before = (await menuOf(SECOND_KIOSK_TOKEN)).serviceIds;
    expect(before).toContain('A');
    expect(before).toContain('D');

    await page.click('#layout-add-department');
    await page.locator('#layout-departments-0-name').fill('公安');
    await page.locator('#layout-departments-0-nameEn').fill('Police');
    await page.keyboard.press('Tab');
    // The row is named by its department from now on, not by an id.
    await page.getByRole('button', { name: '删除部门 公安', exact: true }).waitFor();

    await page.getByLabel('所属部门 D', { exact: true }).selectOption({ label: '公安' });
    const kiosk = page.locator('#layout-kiosks tr[data-kiosk=kiosk2]');
    expect(await kiosk.locator('th').textContent()).toBe('二楼取号机');
    await kiosk.getByLabel('只取以下部门或事项').check();
    await kiosk.getByLabel('公安', { exact: true }).check();

    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '已保存');

    const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
    expect(layout.departments).toEqual([{ id: 'dept1', name: '公安', nameEn: 'Police' }]);
    expect(layout.services.find((s) => s.id === 'D')?.department).toBe('dept1');
    expect(layout.kiosks?.find((k) => k.id === 'kiosk2')).toEqual({ id: 'kiosk2', name: '二楼取号机', departments: ['dept1'] });
    const menu = await menuOf(SECOND_KIOSK_TOKEN);
    expect(menu.serviceIds).toEqual(['D']);
    expect(menu.departments).toEqual([{ id: 'dept1', name: '公安', nameEn: 'Police', serviceIds: ['D'] }]);
    // The first kiosk still offers every service.
    expect((await menuOf('demo-kiosk-token')).serviceIds).toContain('A');

    // The form refuses to remove a department a service still belongs to, naming the service.
    await page.getByRole('button', { name: '删除部门 公安', exact: true }).click();
    const refusal = page.locator('#layout-departments-refusal');
    await refusal.waitFor({ state: 'visible' });
    expect(await refusal.textContent()).toBe('不能删除部门「公安」：仍有事项属于它（公安户政）。请先把这些事项改到其他部门或「无」。');
    expect(await page.locator('#layout-departments tbody tr').count()).toBe(1);

    // The hub refuses the same from the JSON box, and the console says so in words.
    await page.click('details.layout-json summary');
    const json = JSON.parse(await page.locator('#layout-json').inputValue()) as Layout;
    expect(json.departments).toEqual([{ id: 'dept1', name: '公安', nameEn: 'Police' }]);
    json.departments = [];
    await page.locator('#layout-json').fill(JSON.stringify(json, null, 2));
    await page.click('#layout-json-save');
    await page.waitForFunction(() => (document.querySelector('#layout-json-error')?.textContent ?? '') !== '');
    const said = (await page.locator('#layout-json-error').textContent()) ?? '';
    expect(said).toContain('没有编号为 dept1 的部门');
    expect(said).not.toMatch(/unknown|department/);
    expect((await menuOf(SECOND_KIOSK_TOKEN)).serviceIds).toEqual(['D']);
    expect(problems).toEqual([]);
    await page.close();
  });
});
