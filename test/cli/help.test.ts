/** Every command answers --help, and mistakes give a clear message and a usage exit status (2). */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runHallq } from './run-hallq';

const COMMANDS = ['init', 'check', 'kiosk-token', 'cert', 'start', 'devices', 'staff', 'backup', 'restore', 'export', 'layout', 'status'];

describe('hallq help and usage errors', { timeout: 120_000 }, () => {
  test('hallq --help lists every command', async () => {
    const result = await runHallq(['--help']);
    expect(result.status).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command);
  });

  test.each(COMMANDS)('hallq %s --help prints its usage and exits 0', async (command) => {
    const result = await runHallq([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: hallq ${command}`));
  });

  test('hallq --version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runHallq(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`hallq ${version}`);
  });

  test('no command: usage on stdout, status 2', async () => {
    const result = await runHallq([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('Usage: hallq <command>');
  });

  test('an unknown command is named, status 2', async () => {
    const result = await runHallq(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command frobnicate');
  });

  test('an unknown option is an error, not ignored', async () => {
    const result = await runHallq(['check', 'x.yaml', '--strict-mode']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--strict-mode'");
    expect(result.stderr).toContain('hallq check --help');
  });

  test('start without a configuration says how to give one', async () => {
    const result = await runHallq(['start']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--config');
  });
});
