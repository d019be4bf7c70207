/**
 * The services/windows layout form against a real hub in headless Chromium: the admin edits a service's
 * name, daily cap and hours and a window's service order with the form (not the JSON box), and the hub
 * really applies it; when the hub refuses (a backwards number range, a service with visitors waiting) the
 * page shows the hub's words and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, issue, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { launchBrowser, openManagerConsole } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { managerExtension } from '../../server/wings/manager';
import type { ServiceView, WindowView } from '../../server/protocol/model';
import type { Layout, LayoutService, LayoutWindow } from '../../manager-ui/layout-form';

describe('manager layout form (browser)', () => {
  let hub: TestHub;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    browser = await launchBrowser();
    admin = await login(hub, 'manager');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const layoutNow = async (): Promise<Layout> => {
    const answer = await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const service = (layout: Layout, id: string): LayoutService | undefined => layout.services.find((s) => s.id === id);
  const windowOf = (layout: Layout, id: string): LayoutWindow | undefined => layout.windows.find((w) => w.id === id);

  /** Signs in as the demo admin in a 1280-wide page and opens the configuration tab. */
  async function openAdmin(problems: string[]): Promise<Page> {
    return openManagerConsole(browser, hub.url, problems, { tab: { name: 'admin', ready: '#layout-form' }, page: { viewport: { width: 1280, height: 900 } } });
  }

  it('saves a service’s name, daily cap and hours and a window’s service order made with the form', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const page = await openAdmin(problems);
    const before = await layoutNow();
    expect(service(before, 'C')).toMatchObject({ name: '不动产登记', dailyCap: 300, hours: [] });
    expect(windowOf(before, 'w2')?.services).toEqual([{ serviceId: 'B', weight: 2 }, { serviceId: 'A', weight: 1 }]);

    // hallq.yaml owns the layout until an admin saves one here: no override banner yet.
    expect(await page.locator('[data-layout-source=console]').count()).toBe(0);
    // The form is the default: the JSON box is folded away.
    expect(await page.locator('details.layout-json').getAttribute('open')).toBeNull();
    expect(await page.getByLabel('名称 C', { exact: true }).inputValue()).toBe('不动产登记');
    expect(await page.getByLabel('每日限号 C', { exact: true }).inputValue()).toBe('300');

    await page.getByLabel('名称 C', { exact: true }).fill('不动产登记中心');
    await page.getByLabel('每日限号 C', { exact: true }).fill('120');
    await page.getByLabel('办理时段 C', { exact: true }).fill('8:30-12:00，13:30-17:00');

    // Window 2 serves 社保 before 综合: move 综合受理 up with the keyboard; focus stays on the moved service.
    await page.getByRole('button', { name: '上移 综合受理 · 2号窗口', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('下移 综合受理 · 2号窗口');
    expect(await page.locator('#layout-windows tr[data-window=w2] ol.entries > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-service')))).toEqual(['A', 'B']);

    // Window 1 takes 社保医保 too, chosen from the list.
    await page.getByLabel('选择事项 · 1号窗口', { exact: true }).selectOption({ label: '社保医保 (B)' });
    await page.getByRole('button', { name: '加入 · 1号窗口', exact: true }).click();

    // Nothing is wider than a 1280 screen, and the form has no serious accessibility problem.
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.layout-scroll')].map((el) => el.scrollWidth - el.clientWidth),
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    // Departments, services (with their guides), windows, kiosks: none scrolls sideways.
    expect(widths.tables).toEqual([0, 0, 0, 0]);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations('/manager admin (layout form)', violations)).toEqual([]);

    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '已保存');

    const after = await layoutNow();
    // The edits, and the fields the form does not show, as the hub now holds them.
    expect(service(after, 'C')).toEqual({
      ...service(before, 'C'),
      name: '不动产登记中心',
      dailyCap: 120,
      hours: [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:00' }],
    });
    expect(service(after, 'C')?.nameEn).toBe('Real estate registration');
    expect(windowOf(after, 'w2')).toEqual({ ...windowOf(before, 'w2'), services: [{ serviceId: 'A', weight: 2 }, { serviceId: 'B', weight: 1 }] });
    expect(windowOf(after, 'w1')).toEqual({ ...windowOf(before, 'w1'), services: [{ serviceId: 'A', weight: 2 }, { serviceId: 'B', weight: 1 }] });
    expect(windowOf(after, 'w5')).toEqual(windowOf(before, 'w5'));
    expect(service(after, 'B')).toEqual(service(before, 'B'));

    // The public hall follows: the kiosk and display read these.
    const services = (await api<ServiceView[]>(hub, 'GET', '/api/services')).body;
    expect(services.find((s) => s.id === 'C')).toMatchObject({ name: '不动产登记中心', dailyCap: 120 });
    const windows = (await api<WindowView[]>(hub, 'GET', '/api/windows')).body;
    expect(windows.find((w) => w.id === 'w2')?.services).toEqual(['A', 'B']);

    // The form starts again from what the hub kept, and so does the JSON box.
    expect(await page.getByLabel('名称 C', { exact: true }).inputValue()).toBe('不动产登记中心');
    await page.click('details.layout-json summary');
    expect((JSON.parse(await page.locator('#layout-json').inputValue()) as Layout).windows.find((w) => w.id === 'w2')?.services).toEqual([
      { serviceId: 'A', weight: 2 },
      { serviceId: 'B', weight: 1 },
    ]);

    // The advanced box still saves what the form does not show (an English name).
    const json = JSON.parse(await page.locator('#layout-json').inputValue()) as Layout;
    json.services.find((s) => s.id === 'C')!.nameEn = 'Real estate centre';
    await page.locator('#layout-json').fill(JSON.stringify(json, null, 2));
    await page.click('#layout-json-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '已保存' && !(document.querySelector('#layout-json-save') as HTMLButtonElement).disabled);
    expect(service(await layoutNow(), 'C')).toMatchObject({ name: '不动产登记中心', nameEn: 'Real estate centre', dailyCap: 120 });

    // From now on the console's layout overrides hallq.yaml at every start, and the editor says so loudly (issue 20).
    await page.reload();
    await page.click('button[data-tab=admin]');
    const banner = page.locator('[data-layout-source=console]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('此布局已在控制台修改，覆盖 hallq.yaml');
    expect(await banner.textContent()).toContain('manager');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a format problem next to its field without asking the hub, and the hub’s refusals in its own words', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const page = await openAdmin(problems);
    const before = await layoutNow();
    const puts = (): number => (hub.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'config:updated'").get() as { n: number }).n;
    const putsBefore = puts();

    // A malformed period: marked at the field, nothing sent.
    const hours = page.getByLabel('办理时段 A', { exact: true });
    await hours.fill('8点半到12点');
    await page.click('#layout-save');
    await page.waitForFunction(() => document.querySelector('#layout-status')?.textContent === '请先改正标红的内容');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#layout-services-0-hours-error').textContent()).toContain('08:30-12:00');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('办理时段 A');
    await hours.fill('');
    expect(await hours.getAttribute('aria-invalid')).toBeNull();

    // A number range that runs backwards is a rule the hub checks: its refusal shows in the toast and at the field.
    await page.getByLabel('起始号 A', { exact: true }).fill('500');
    await page.getByLabel('结束号 A', { exact: true }).fill('100');
    await page.click('#layout-save');
    // In words, not the hub's English sentence (issue 19: layout errors in English on the Chinese page).
    await page.waitForFunction(() => /^事项与窗口设置有误：第 1 个事项的起始号：起始号 500 大于结束号 100$/.test(document.querySelector('#toast')?.textContent ?? ''));
    expect(await page.locator('#layout-status').textContent()).toBe('事项与窗口设置有误：第 1 个事项的起始号：起始号 500 大于结束号 100');
    expect(await page.getByLabel('起始号 A', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#layout-services-0-rangeStart-error').textContent()).toContain('起始号 500 大于结束号 100');
    expect(service(await layoutNow(), 'A')).toMatchObject({ rangeStart: 1, rangeEnd: 999 });

    // Removing a service while a visitor waits for it: the hub refuses and says why.
    const waiting = await issue(hub, 'B');
    await page.getByLabel('起始号 A', { exact: true }).fill('1');
    await page.getByLabel('结束号 A', { exact: true }).fill('999');
    await page.getByRole('button', { name: '删除事项 B', exact: true }).click();
    expect(await page.locator('#layout-services tr[data-service=B]').count()).toBe(0);
    expect(await page.locator('#layout-windows li[data-service=B]').count()).toBe(0);
    await page.click('#layout-save');
    await page.waitForFunction((n) => {
      const text = document.querySelector('#toast')?.textContent ?? '';
      return text.startsWith('事项与窗口设置有误：') && text.includes('事项 B 还有等候的号码') && text.includes(n);
    }, waiting.number);
    expect(await page.locator('#layout-status').textContent()).toContain('事项 B 还有等候的号码');

    const after = await layoutNow();
    expect(after).toEqual(before);
    expect(puts()).toBe(putsBefore);
    expect(problems).toEqual([]);
    await page.close();
  });
});
