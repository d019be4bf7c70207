/**
 * The release archive (issue 20, item 2) on a hall PC with no registry and no checkout: `npm run release`
 * builds hallq-<version>-linux-x64.tar.gz, which is unpacked into an empty directory and started as a demo
 * hall with `npm start`, npm pointed at a registry that does not answer, no NODE_PATH, HOME an empty
 * directory and nothing named node_modules above it. The hub must answer GET /api/hall from what the
 * archive holds alone: its own node_modules (production packages only) and its native better-sqlite3.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../crash/hub-process';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'hallq-release-'));
let hub: ChildProcess | undefined;

afterAll(() => {
  if (hub && hub.exitCode === null) hub.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dirname(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) found.push(at);
    if (dirname(at) === at) return found;
  }
}

async function waitForHall(url: string, child: ChildProcess, output: () => string): Promise<unknown> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the released hub exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/hall`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return response.json();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the released hub did not answer within 60 s:\n${output()}`);
}

describe('npm run release', () => {
  it('builds an archive that starts a hall offline, from nothing but itself', async () => {
    const out = join(work, 'out');
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'release.ts'), '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const name = `hallq-${version}-linux-x64`;
    const archive = join(out, `${name}.tar.gz`);
    expect(existsSync(archive)).toBe(true);

    const hall = join(work, 'hall-pc');
    mkdirSync(hall);
    execFileSync('tar', ['-xzf', archive, '-C', hall]);
    const unpacked = join(hall, name);
    // The clean machine: no node_modules anywhere above the unpacked release for Node to fall back on.
    expect(ancestorsWithNodeModules(unpacked)).toEqual([]);

    // What is in it: built code and pages, production packages only, no TypeScript sources, the installer.
    expect(existsSync(join(unpacked, 'dist', 'server', 'cli', 'hallq.js'))).toBe(true);
    expect(existsSync(join(unpacked, 'dist', 'ui', 'kiosk-ui', 'index.html'))).toBe(true);
    expect(existsSync(join(unpacked, 'docs', 'deploy', 'hallq.service'))).toBe(true);
    expect(existsSync(join(unpacked, 'install.sh'))).toBe(true);
    expect(existsSync(join(unpacked, 'node_modules', 'better-sqlite3'))).toBe(true);
    for (const dev of ['vitest', 'typescript', 'vite', 'playwright-core', 'escpos']) expect(existsSync(join(unpacked, 'node_modules', dev)), dev).toBe(false);
    expect(readdirSync(join(unpacked, 'server', 'cli'))).toEqual(['hallq.mjs']);
    const release = JSON.parse(readFileSync(join(unpacked, 'RELEASE.json'), 'utf8')) as { abi: string };
    expect(release.abi).toBe(process.versions.modules);

    const port = await freePort();
    const home = join(work, 'home');
    mkdirSync(home);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      PORT: String(port),
      HOST: '127.0.0.1',
      HALLQ_DATA_DIR: join(work, 'data'),
      HALLQ_LOG_LEVEL: 'warn',
      // Any attempt to fetch a package fails at once instead of succeeding from the internet.
      npm_config_registry: 'http://127.0.0.1:9',
      npm_config_cache: join(home, '.npm'),
      npm_config_offline: 'true',
    };
    const version2 = execFileSync(process.execPath, ['server/cli/hallq.mjs', '--version'], { cwd: unpacked, env, encoding: 'utf8' });
    expect(version2.trim()).toBe(`hallq ${version}`);

    let output = '';
    hub = spawn('npm', ['start'], { cwd: unpacked, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    hub.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    hub.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const answer = (await waitForHall(`http://127.0.0.1:${port}`, hub, () => output)) as { hall?: { name?: unknown }; services?: unknown[] };
    expect(typeof answer.hall?.name).toBe('string');
    expect(answer.services?.length).toBeGreaterThan(0);
    // The built hub, not tsx: nothing of tsx is loaded by the released start command.
    expect(output).not.toMatch(/tsx/);
    const page = await fetch(`http://127.0.0.1:${port}/kiosk`);
    expect(page.status).toBe(200);

    const exited = new Promise((resolve) => hub?.once('exit', resolve));
    // npm start runs node as its child: signal the whole group, as systemd would the unit's cgroup.
    process.kill(-(hub.pid ?? 0), 'SIGTERM');
    await exited;
  }, 420_000);
});
