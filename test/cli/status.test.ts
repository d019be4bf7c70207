/** `hallq status` against a data directory with no hub, then with a real hub process running on it. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { killHard, spawnHub, waitReady, type HubProcess } from '../crash/hub-process';
import { runHallq } from './run-hallq';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const dataDir = mkdtempSync(join(tmpdir(), 'hallq-status-'));
let hub: HubProcess | undefined;
afterAll(async () => {
  if (hub) await killHard(hub);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hallq status', { timeout: 180_000 }, () => {
  test('says no hub runs, with exit status 1', async () => {
    const result = await runHallq(['status', '--data-dir', dataDir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`hallq ${version}: no hub is running on ${dataDir}`);
    expect(result.stdout).toMatch(/disk free\s+\d+ MiB/);
  });

  test('shows the running hub: version, uptime, last backup, disk and city link', async () => {
    hub = await spawnHub(dataDir);
    await waitReady(hub);
    const result = await runHallq(['status', '--data-dir', dataDir, '--url', hub.url]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^hallq ${version.replace(/\./g, '\\.')} runs \\(pid ${hub.child.pid}\\) at ${hub.url}, up \\d+ min`));
    // The hub writes the day's backup at start.
    expect(result.stdout).toMatch(/last backup\s+\d{4}-\d\d-\d\d \d\d:\d\d .*hallq-\d{4}-\d\d-\d\d\.db/);
    expect(result.stdout).toMatch(/city link\s+off/);
    const json = JSON.parse((await runHallq(['status', '--data-dir', dataDir, '--url', hub.url, '--json'])).stdout) as { isAnswering: boolean; hubVersion: string };
    expect(json).toMatchObject({ isAnswering: true, hubVersion: version });
  });
});
