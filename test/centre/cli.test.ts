/**
 * `hallq central` as an operator runs it: help, a new hall token with its hash, a password hash for the
 * registry, and clear refusals (a bad configuration: 2; PostgreSQL unreachable: 1, saying so).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runHallq } from '../cli/run-hallq';
import { verifyPassword } from '../../server/app/passwords';
import { centreConfigFile } from './support/centre';
import { writeCentreConfig } from './support/centre-process';

describe('hallq central', () => {
  it('explains itself', async () => {
    const help = await runHallq(['central', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/hall-token/);
    expect((await runHallq(['--help'])).stdout).toMatch(/central --config <file>/);
  });

  it('makes a hall token and the sha256 the registry holds', async () => {
    const made = await runHallq(['central', 'hall-token']);
    expect(made.status).toBe(0);
    const token = /token:\s+(\S+)/.exec(made.stdout)?.[1] ?? '';
    const hash = /tokenHash:\s+([0-9a-f]{64})/.exec(made.stdout)?.[1];
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('hashes a console password for the users list', async () => {
    const made = await runHallq(['central', 'password-hash', 'dc-zhang', '--password-stdin'], { input: 'a-long-password\n' });
    expect(made.status).toBe(0);
    expect(await verifyPassword('a-long-password', made.stdout.trim())).toBe(true);
  });

  it('refuses a bad configuration with 2 and an unreachable PostgreSQL with 1, saying what to do', { timeout: 60_000 }, async () => {
    const missing = await runHallq(['central', '--config', '/nonexistent/centre.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    const written = writeCentreConfig(await centreConfigFile('postgres://hallq:hallq@127.0.0.1:1/none'));
    try {
      const down = await runHallq(['central', '--config', written.path]);
      expect(down.status).toBe(1);
      expect(down.stderr).toMatch(/Is PostgreSQL running/);
      expect(down.stderr).not.toMatch(/hallq:hallq@/);
    } finally {
      written.remove();
    }
  });
});
