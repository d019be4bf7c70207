/** `hallq uplink`: help, usage errors, and the status of a hall that has no uplink (read from its database). */
import { afterEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/storage/db';
import { runHallq } from './run-hallq';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hallq uplink', { timeout: 120_000 }, () => {
  test('is listed, has help, and names its one subcommand', async () => {
    expect((await runHallq(['--help'])).stdout).toContain('uplink status');
    const help = await runHallq(['uplink', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hallq uplink status/);
    const wrong = await runHallq(['uplink', 'restart']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('one subcommand: status');
  });

  test('says off for a hall without an uplink; --json answers like the API', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hallq-uplink-cli-'));
    openDatabase(join(dir, 'hallq.db')).close();
    const text = await runHallq(['uplink', 'status', '--data-dir', dir]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Uplink: off');
    expect(text.stdout).toContain('No uplink is configured');
    const json = await runHallq(['uplink', 'status', '--data-dir', dir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'off', backlog: 0, ackedSeq: 0, notes: [] });
  });

  test('a missing database is a wrong --data-dir', async () => {
    const missing = await runHallq(['uplink', 'status', '--data-dir', join(tmpdir(), 'no-such-hallq-dir')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No hallq database');
  });
});
