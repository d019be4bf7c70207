/**
 * `npm run demo:city` as a person runs it (issue 16, "Set-up"): the script starts the centre on the embedded
 * PostgreSQL and three hall processes with simulated visitors; the console's halls report in over the
 * link; Ctrl-C (SIGINT to the process group) stops everything and the script exits 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from '../crash/hub-process';

const ROOT = join(import.meta.dirname, '..', '..');
let demo: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, 'SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Glance {
  levels: { level: string; halls: { code: string; link?: { state: string; ackedSeq: number } }[] }[];
}

describe('npm run demo:city', { timeout: 240_000 }, () => {
  it('starts a centre and three reporting halls, prints where and how to sign in, and stops on Ctrl-C', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hallq-demo-city-'));
    const port = await freePort();
    demo = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'demo-city.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HALLQ_DEMO_CITY_DIR: dir, HALLQ_DEMO_CITY_PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    demo.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    demo.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => demo?.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 180_000;
    while (!out.includes('Ctrl-C stops the demo city')) {
      if (Date.now() > deadline || demo.exitCode !== null) throw new Error(`the demo city did not start:\n${out}`);
      await sleep(200);
    }
    expect(out).toContain(`http://localhost:${port}/city`);
    expect(out).toMatch(/city-admin\s+city1234/);
    expect(out).toMatch(/duban\s+city1234/);

    const session = await fetch(`http://127.0.0.1:${port}/api/centre/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'city-admin', password: 'city1234' }) });
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    let reporting: string[] = [];
    while (Date.now() < deadline) {
      const glance = (await (await fetch(`http://127.0.0.1:${port}/api/centre/halls`, { headers: { authorization: `Bearer ${token}` } })).json()) as Glance;
      reporting = glance.levels.flatMap((l) => l.halls).filter((h) => (h.link?.ackedSeq ?? 0) > 0).map((h) => h.code).sort();
      if (reporting.length === 3) break;
      await sleep(500);
    }
    expect(reporting).toEqual(['330106-001', '330106-101', '330106-102']);

    process.kill(-(demo.pid ?? 0), 'SIGINT');
    expect(await Promise.race([exited, sleep(30_000).then(() => 'still running')])).toBe(0);
    expect(out).toContain('demo city: stopping');
  });
});
