/**
 * The real hub as a child process (`node --import tsx server/main.ts`, the demo hall) on a given data
 * directory, for the crash harness and the start-up tests: spawn, wait until it answers, SIGKILL, and
 * wait for the exit so the next start does not see a zombie holding hallq.pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process has been reaped. */
  readonly exited: Promise<number | null>;
  /** The tail of stderr, for failure messages. */
  stderr(): string;
  /** Everything the process wrote to stdout and stderr (capped at 8 MB), for the log tests. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function spawnHub(dataDir: string, extraEnv: Record<string, string> = {}): Promise<HubProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HALLQ_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', HALLQ_LOG_LEVEL: 'warn', ...extraEnv };
  // The demo hall unless the test hands in its own configuration file.
  if (extraEnv.HALLQ_CONFIG === undefined) delete env.HALLQ_CONFIG;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let all = '';
  const keep = (chunk: string): void => {
    if (all.length < 8_000_000) all += chunk;
  };
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', keep);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4000);
    keep(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, child, exited, stderr: () => tail, output: () => all };
}

/** Polls GET /api/hall until the hub answers; throws if the process exits first or time runs out. */
export async function waitReady(hub: HubProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void hub.exited.then(() => {
    hasExited = true;
  });
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`the hub exited during start-up:\n${hub.stderr()}`);
    try {
      const response = await fetch(`${hub.url}/api/hall`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(40);
  }
  throw new Error(`the hub did not answer within ${timeoutMs} ms:\n${hub.stderr()}`);
}

/** Pulls the plug: no shutdown hook runs, nothing is flushed beyond what SQLite already synced. */
export async function killHard(hub: HubProcess): Promise<void> {
  if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
  await hub.exited;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
