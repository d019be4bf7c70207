/**
 * Runs the real `hallq` binary (node server/cli/hallq.mjs) as a child process, as an operator would:
 * the tests see only its exit status, stdout, stderr and the files it leaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HALLQ = join(import.meta.dirname, '..', '..', 'server', 'cli', 'hallq.mjs');

export interface HallqResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runHallq(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<HallqResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HALLQ, ...args], {
      cwd: options.cwd,
      // No inherited HALLQ_* settings: each test says where its data and configuration are.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export function tempDir(prefix = 'hallq-cli-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `hallq init` in a fresh directory; returns the config path and the kiosk token it printed. */
export async function initHall(dir: string, edit?: (yaml: string) => string): Promise<{ configPath: string; kioskToken: string }> {
  const result = await runHallq(['init', dir]);
  if (result.status !== 0) throw new Error(`hallq init failed: ${result.stderr}`);
  const token = /device token[^\n]*\n\s+(\S+)/.exec(result.stdout)?.[1];
  if (!token) throw new Error(`no kiosk token in: ${result.stdout}`);
  const configPath = join(dir, 'hallq.yaml');
  if (edit) writeFileSync(configPath, edit(readFileSync(configPath, 'utf8')));
  return { configPath, kioskToken: token };
}

export interface StartedHub {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit status once the process has ended. */
  readonly exited: Promise<number | null>;
}

/** `hallq start` on port 0; resolves when the hub prints its address. */
export function startHallq(args: string[], timeoutMs = 60_000, env: Record<string, string> = {}): Promise<StartedHub> {
  const child = spawn(process.execPath, [HALLQ, 'start', '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HALLQ_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hallq start did not come up: ${output}`)), timeoutMs);
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      const port = /on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}`, output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hallq start exited with ${code}: ${output}`));
    });
  });
}
