/**
 * The centre as a real child process, started as an operator starts it (`hallq central --config <file>`),
 * for the tests that kill it or run two side by side. Its address is read from the line it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HALLQ = join(import.meta.dirname, '..', '..', '..', 'server', 'cli', 'hallq.mjs');

export interface CentreProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Writes the configuration to a temporary JSON file; `remove()` deletes it. */
export function writeCentreConfig(file: unknown): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-centre-'));
  const path = join(dir, 'centre.json');
  writeFileSync(path, JSON.stringify(file, null, 2));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startCentreProcess(configPath: string, timeoutMs = 30_000): Promise<CentreProcess> {
  const child = spawn(process.execPath, [HALLQ, 'central', '--config', configPath, '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HALLQ_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the centre did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        pid: child.pid ?? 0,
        child,
        exited,
        stderr: () => stderr,
        kill: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the centre exited before it listened (code ${code}, signal ${signal}):\n${stderr}`));
    });
  });
}
