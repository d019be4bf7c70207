/**
 * Accessibility of every page (issue #9): axe-core's WCAG 2 A/AA rules in headless Chromium against a real
 * hub with real content (tickets issued, calls made), no serious or critical violation allowed; the kiosk's
 * touch targets (normal and elderly mode) and the display's call number size measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { api, DEMO_PASSWORD, issue, openWindow, startTestHub, testConfig, type TestHub } from '../support/hub';
import { hubExtensions } from '../../server/extensions';

const BOUND = { timeout: 30_000 };
let browser: Browser;
let hub: TestHub;
/** clerk2 at window 2 (staff API): finishes and calls so the display, rate pad and manager have content. */
let clerk2 = '';
let trackUrl = '';

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await seriousViolations(page))).toBe(`${where}: no serious violations`);
}

/** Width and height of every visible button, smallest side first in the answer's sort. */
function buttonSizes(page: Page): Promise<{ name: string; width: number; height: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const box = b.getBoundingClientRect();
        return { name: (b.dataset.testid ?? b.textContent ?? '').trim(), width: Math.round(box.width), height: Math.round(box.height) };
      }),
  );
}

async function expectTouchTargets(page: Page, min: number, where: string): Promise<void> {
  const sizes = await buttonSizes(page);
  expect(sizes.length, `${where}: no buttons found`).toBeGreaterThan(0);
  const small = sizes.filter((s) => s.width < min || s.height < min);
  expect(small, `${where}: buttons smaller than ${min}×${min} CSS px`).toEqual([]);
}

const post = (path: string, token: string, body: unknown = {}) => api(hub, 'POST', path, { token, body });

beforeAll(async () => {
  browser = await launchBrowser();
  const config = testConfig();
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
  for (const service of ['A', 'A', 'A', 'B', 'B', 'C']) {
    const ticket = await issue(hub, service);
    trackUrl ||= String(ticket.trackUrl);
  }
  clerk2 = await openWindow(hub, 'clerk2', 'w2');
  await post('/api/windows/w2/call-next', clerk2);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

describe('kiosk (/kiosk, 1080×1920 portrait)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hub.url}/kiosk`);
    await page.locator('[data-testid="service-A"]:not([disabled])').waitFor(BOUND);
  }, 60_000);
  afterAll(() => page?.close());

  it('has no serious violations and every button is at least 64×64 px', async () => {
    await expectNoSeriousViolations(page, '/kiosk');
    await expectTouchTargets(page, 64, '/kiosk');
    await page.click('[data-testid="open-id-keypad"]');
    await page.locator('[data-testid="id-entry"]').waitFor();
    await expectNoSeriousViolations(page, '/kiosk ID keypad');
    await expectTouchTargets(page, 64, '/kiosk ID keypad');
    await page.keyboard.press('Escape');
    await page.locator('.keypad-wrap button.secondary').click();
  });

  it('elderly mode: larger text and targets, still no serious violations', async () => {
    const normalFont = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize));
    await page.click('[data-testid="toggle-elderly"]');
    await page.waitForFunction(() => document.body.classList.contains('elderly'));
    const elderlyFont = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize));
    expect(elderlyFont).toBeGreaterThan(normalFont * 1.2);
    await expectNoSeriousViolations(page, '/kiosk elderly');
    await expectTouchTargets(page, 88, '/kiosk elderly');
    await page.click('[data-testid="toggle-elderly"]');
  });

  it('English mode: lang="en" and no serious violations', async () => {
    await page.click('[data-testid="toggle-language"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('h1')).toBe('Choose the service you need');
    await expectNoSeriousViolations(page, '/kiosk en');
    await expectTouchTargets(page, 64, '/kiosk en');
  });

  it('the ticket screen has no serious violations', async () => {
    await page.click('[data-testid="service-C"]');
    // 不动产登记 shows its 一次性告知 first (large text, touch targets checked too).
    await page.locator('[data-testid="guide"]').waitFor(BOUND);
    await expectNoSeriousViolations(page, '/kiosk guide');
    await expectTouchTargets(page, 64, '/kiosk guide');
    await page.click('[data-testid="guide-continue"]');
    await page.locator('[data-testid="ticket-number"]').waitFor(BOUND);
    await expectNoSeriousViolations(page, '/kiosk ticket');
    await expectTouchTargets(page, 64, '/kiosk ticket');
    await page.click('[data-testid="done"]');
  });
});

describe('window desk (/window)', () => {
  it('sign-in form and the desk serving a ticket have no serious violations', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${hub.url}/window`);
      await page.waitForSelector('#login:not([hidden])', BOUND);
      await expectNoSeriousViolations(page, '/window sign-in');
      await page.fill('#login-username', 'clerk1');
      await page.fill('#login-password', DEMO_PASSWORD);
      await page.selectOption('#login-window', 'w1');
      await page.click('#login-submit');
      await page.waitForSelector('#desk-connection[data-state="online"]', BOUND);
      await page.click('button[data-action="call-next"]');
      await page.waitForSelector('#current[data-empty="false"]', BOUND);
      await expectNoSeriousViolations(page, '/window desk');
      await page.click('button[data-action="transfer"]');
      await page.waitForSelector('#transfer-dialog[open]');
      await expectNoSeriousViolations(page, '/window transfer dialog');
      await page.click('#transfer-dialog button[value="cancel"]');
    } finally {
      await page.close();
    }
  });
});

describe('rating pad (/rate)', () => {
  it('idle, armed and the bad-rating reasons have no serious violations', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${hub.url}/rate?window=2`);
      await page.waitForFunction(() => (document.getElementById('pad-window')?.textContent ?? '') !== '', undefined, BOUND);
      await expectNoSeriousViolations(page, '/rate idle');
      await post('/api/windows/w2/finish', clerk2);
      await page.waitForSelector('#pad-rate:not([hidden]) .level', BOUND);
      await expectNoSeriousViolations(page, '/rate armed');
      await page.click('.level-2');
      await page.waitForSelector('#pad-tags-box:not([hidden]) .tag');
      await expectNoSeriousViolations(page, '/rate reasons');
    } finally {
      await page.close();
      await post('/api/windows/w2/call-next', clerk2);
    }
  });
});

describe('manager console (/manager)', () => {
  it('sign-in and the live hall have no serious violations', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(`${hub.url}/manager`);
      await page.waitForSelector('#login input[name=username]', BOUND);
      await expectNoSeriousViolations(page, '/manager sign-in');
      await page.fill('input[name=username]', 'manager');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#live-windows', BOUND);
      await page.waitForSelector('#connection[data-state=online]', BOUND);
      await page.waitForFunction(() => (document.querySelector('#recent-calls')?.childElementCount ?? 0) > 0, undefined, BOUND);
      await expectNoSeriousViolations(page, '/manager live');
      for (const tab of ['alerts', 'terminals', 'followups', 'province', 'reports'] as const) {
        await page.click(`button[data-tab=${tab}]`);
        await page.waitForFunction((t) => document.querySelector(`button[data-tab=${t}]`)?.getAttribute('aria-current') === 'page', tab);
        await expectNoSeriousViolations(page, `/manager ${tab}`);
      }
    } finally {
      await page.close();
    }
  });
});

describe('wall display (/display, 1920×1080)', () => {
  it('shows the call large and has no serious violations', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(`${hub.url}/display?highlight=120&mute=1`);
      await page.waitForFunction(() => window.__hallqDisplay?.state().connection === 'online', undefined, BOUND);
      await post('/api/windows/w2/recall', clerk2);
      await page.waitForSelector('.hero-call:not([hidden]) .number', BOUND);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.hero-call .number') as Element).fontSize));
      expect(size).toBeGreaterThanOrEqual(80);
      await expectNoSeriousViolations(page, '/display');
    } finally {
      await page.close();
    }
  });
});

describe('phone tracking page (/t/<token>)', () => {
  it('has no serious violations', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      await page.goto(trackUrl);
      await page.waitForSelector('.ticket .number', BOUND);
      await expectNoSeriousViolations(page, '/t/<token>');
    } finally {
      await page.close();
    }
  });
});

describe('a hall whose language is English', () => {
  let enHub: TestHub;
  let track = '';
  beforeAll(async () => {
    const config = testConfig((c) => {
      c.hall.language = 'en';
    });
    enHub = await startTestHub({ config, extensions: hubExtensions(config) });
    track = String((await issue(enHub, 'A')).trackUrl);
  }, 60_000);
  afterAll(() => enHub?.dispose());

  /**
   * A fresh browser context in a Chinese locale: the hall's pages follow the hall, not the browser. The phone
   * page follows a Chinese or English phone, else the hall: it is opened in French.
   */
  async function open(path: string, viewport = { width: 1280, height: 900 }, locale = 'zh-CN'): Promise<Page> {
    const page = await browser.newPage({ viewport, locale });
    await page.goto(`${enHub.url}${path}`);
    return page;
  }

  async function expectText(page: Page, selector: string, text: string): Promise<void> {
    await page.waitForFunction(([s, x]) => (document.querySelector(s ?? '')?.textContent ?? '').includes(x ?? ''), [selector, text], BOUND);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  }

  it('the kiosk starts in English and its switch changes to Chinese and back', async () => {
    const page = await open('/kiosk', { width: 1080, height: 1920 });
    try {
      await expectText(page, 'h1', 'Choose the service you need');
      await page.click('[data-testid="toggle-language"]');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect(await page.textContent('h1')).toBe('请选择要办理的业务');
      await page.click('[data-testid="toggle-language"]');
      await expectText(page, 'h1', 'Choose the service you need');
    } finally {
      await page.close();
    }
  });

  it('the window desk, rate pad, manager, display and phone page start in English', { timeout: 120_000 }, async () => {
    const cases: [path: string, selector: string, text: string, locale: string][] = [
      ['/window', '#login h1', 'Window sign-in', 'zh-CN'],
      ['/rate?window=1', '#pad-idle-text', 'Welcome', 'zh-CN'],
      ['/manager', '#login h2', 'Manager sign-in', 'zh-CN'],
      ['/display', '.hero .title', 'Now calling', 'zh-CN'],
      [new URL(track).pathname, '.ticket .label', 'Your number', 'fr-FR'],
    ];
    for (const [path, selector, text, locale] of cases) {
      const page = await open(path, undefined, locale);
      try {
        await expectText(page, selector, text);
      } finally {
        await page.close();
      }
    }
  });
});
