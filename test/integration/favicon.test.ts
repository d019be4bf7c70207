/**
 * The pages' icon on a real hub and a real city centre: /favicon.ico used to be a 404 on every page load (a
 * console error on every screen and a 404 line in the log). Both /favicon.svg, which the pages link, and
 * /favicon.ico, which browsers ask for anyway, answer the icon, with a long cache header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../support/hub';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { startTestCentre } from '../centre/support/centre';
import type { RunningCentre } from '../../server/centre/compose';

async function expectIcon(base: string, path: string): Promise<void> {
  const answer = await fetch(base + path);
  expect(answer.status, path).toBe(200);
  expect(answer.headers.get('content-type'), path).toMatch(/^image\//);
  expect(Number(/max-age=(\d+)/.exec(answer.headers.get('cache-control') ?? '')?.[1] ?? 0), path).toBeGreaterThanOrEqual(7 * 24 * 3600);
  expect(await answer.text(), path).toContain('<svg');
}

describe('favicon', () => {
  let hub: TestHub;
  beforeAll(async () => void (hub = await startTestHub()));
  afterAll(() => hub?.dispose());

  it('the hub answers /favicon.svg and /favicon.ico with the icon', async () => {
    await expectIcon(hub.url, '/favicon.svg');
    await expectIcon(hub.url, '/favicon.ico');
  });

  it('every page links the icon in its head', () => {
    const root = join(import.meta.dirname, '../..');
    const pages = ['kiosk-ui', 'window-ui', 'manager-ui', 'desk-ui', 'display-ui', 'city-ui'].flatMap((dir) =>
      readdirSync(join(root, dir)).filter((f) => f.endsWith('.html')).map((f) => join(dir, f)),
    );
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) {
      const head = /<head>([\s\S]*)<\/head>/.exec(readFileSync(join(root, page), 'utf8'))?.[1] ?? '';
      expect(head, page).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
    }
  });
});

describe('favicon at the city centre', () => {
  let db: TestDatabase;
  let centre: RunningCentre;
  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startTestCentre(db.url);
  });
  afterAll(async () => {
    await centre?.close();
    await db?.drop();
  });

  it('the centre answers /favicon.svg and /favicon.ico with the same icon', async () => {
    await expectIcon(centre.url, '/favicon.svg');
    await expectIcon(centre.url, '/favicon.ico');
  });
});
