/** Headless Debian Chromium driven by playwright-core (no browser download: CI installs `chromium`). */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Signs in to the manager console (`/manager`) as the demo admin and waits for the live tab. */
export async function signInToManager(page: Page, hubUrl: string, username = 'manager', password = 'demo1234'): Promise<void> {
  await page.goto(`${hubUrl}/manager`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#live-windows');
}

/**
 * A new page signed in to the manager console as the demo admin, its page errors collected in `problems`.
 * With `tab`, that tab is opened and its `ready` selector awaited; without, the live connection.
 */
export async function openManagerConsole(browser: Browser, hubUrl: string, problems: string[], options: { tab?: { name: string; ready: string }; page?: BrowserContextOptions } = {}): Promise<Page> {
  const page = await browser.newPage(options.page);
  page.on('pageerror', (e) => problems.push(e.message));
  await signInToManager(page, hubUrl);
  if (options.tab) {
    await page.click(`button[data-tab=${options.tab.name}]`);
    await page.waitForSelector(options.tab.ready);
  } else {
    await page.waitForSelector('#connection[data-state=online]');
  }
  return page;
}

/**
 * Presses a verb key at /window once the desk is free. The staff stream often shows a command's effect before
 * the hub's answer arrives, and the page ignores verb presses while a command is in flight (one press, one
 * command), so a test that presses on the next state must wait for the answer as a clerk's eyes would.
 */
export async function pressDeskKey(page: Page, key: string): Promise<void> {
  await page.waitForSelector('#desk[aria-busy="false"]', { state: 'attached' });
  await page.keyboard.press(key);
}
