/**
 * Pages follow the end of their session (issue 21) in headless Chromium: the clerk's page returns to sign-in
 * saying 「账号已停用」 when an admin disables the account; the manager console lists a sign-in lock, clears it,
 * and returns to sign-in saying why when the manager's role is changed.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInToManager } from '../support/browser';
import { api, login, startTestHub, testConfig, type TestHub } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import { hashPassword } from '../../server/app/passwords';

const config = testConfig();
let hub: TestHub;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub({ config, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
  browser = await launchBrowser();
  admin = await login(hub, 'manager');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

/** A wrong sign-in from another loopback address (the browser's are from 127.0.0.1). */
function wrongSignIn(from: string, username: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: hub.port, localAddress: from, method: 'POST', path: '/api/auth/login', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ username, password: 'wrong-password' }));
  });
}

describe('session end in the pages', () => {
  it('the clerk page goes back to sign-in with 账号已停用 when the account is disabled', { timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${hub.url}/window`);
      await page.fill('#login-username', 'clerk1');
      await page.fill('#login-password', 'demo1234');
      await page.selectOption('#login-window', 'w1');
      await page.click('#login-submit');
      await page.waitForSelector('#desk-connection[data-state="online"]');
      const disabled = await api(hub, 'PUT', '/api/admin/staff/clerk1', { token: admin, body: { name: '王芳', role: 'clerk', isDisabled: true } });
      expect(disabled.status).toBe(200);
      await page.waitForSelector('#login:not([hidden])', { timeout: 3_000 });
      await page.waitForSelector('#login-error:text-is("账号已停用，请联系管理员")');
      expect(await page.isHidden('#desk')).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('the console lists a sign-in lock and clears it; a role change sends it to sign-in, saying why', { timeout: 90_000 }, async () => {
    hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr2', name: '副主任', role: 'manager', passwordHash: await hashPassword('mgr2-password-1') });
    for (let i = 0; i < 5; i++) expect(await wrongSignIn('127.0.0.2', 'clerk2')).toBe(401);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await signInToManager(page, hub.url, 'mgr2', 'mgr2-password-1');
      await page.click('button[data-tab=admin]');
      const card = page.locator('#sign-in-locks');
      await card.locator('td:text-is("127.0.0.2")').waitFor();
      expect(await card.locator('td').first().textContent()).toBe('clerk2');
      await card.locator('button:has-text("解除锁定")').click();
      await card.locator('text=当前没有被锁定的账号。').waitFor();
      const audit = hub.db.prepare("SELECT actor, data FROM events WHERE type = 'admin:changed'").all() as Array<{ actor: string; data: string }>;
      expect(audit.some((e) => e.actor === 'staff:mgr2' && e.data.includes('sign-in lock of clerk2 from 127.0.0.2 cleared'))).toBe(true);

      const changed = await api(hub, 'PUT', '/api/admin/staff/mgr2', { token: admin, body: { name: '副主任', role: 'clerk' } });
      expect(changed.status).toBe(200);
      await page.waitForSelector('#login-error:text-is("账号权限已变更，请重新登录")', { timeout: 5_000 });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
