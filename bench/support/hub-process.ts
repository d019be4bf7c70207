/** Starts bench/support/hub-child.ts (or another bench child) with tsx and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HallConfigFile } from '../../server/config-schema';
import type { FastClock, FromChild, ToChild } from './hub-child';

const HERE = import.meta.dirname;

/**
 * Forks a bench child script under tsx, or an already compiled one (`builtFile`, support/built-child.ts)
 * with plain node as production runs; `--expose-gc` lets it settle memory before an idle figure.
 */
export function forkBenchChild(script: string, builtFile?: string): ChildProcess {
  const extra = (process.env.HALLQ_BENCH_CHILD_ARGS ?? '').split(' ').filter(Boolean);
  // The compiled hub runs with the node flags and environment production gives it (docs/deploy/hallq.service).
  const flags = builtFile ? PRODUCTION_NODE_FLAGS : ['--import', 'tsx'];
  const env = builtFile ? { ...process.env, ...PRODUCTION_NODE_ENV } : process.env;
  return fork(builtFile ?? join(HERE, script), [], { execArgv: [...flags, '--expose-gc', ...extra], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * What hallq.service (ExecStart, Environment=) and `npm start` run the hub with: a 2 MiB young generation
 * (V8's default grows to 16 MiB semi-spaces, ~30 MiB of RSS an idle hub never needs back) and two malloc
 * arenas (glibc makes one per thread: scrypt in the thread pool otherwise leaves each its own). Kept equal by hand.
 */
export const PRODUCTION_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=2'] as const;
export const PRODUCTION_NODE_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/** The next IPC message of `child` that `accept` takes, or a rejection if it fails or exits first. */
export function nextMessage<M extends { type: string }>(child: ChildProcess, accept: (m: M) => boolean, timeoutMs = 600_000): Promise<M> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('bench child did not answer in time')), timeoutMs);
    const onMessage = (message: M): void => {
      if (message.type === 'failed') finish(new Error(`bench child failed: ${(message as unknown as { message: string }).message}`));
      else if (accept(message)) finish(undefined, message);
    };
    const onExit = (code: number | null): void => finish(new Error(`bench child exited (${code})`));
    function finish(error: Error | undefined, message?: M): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as M);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export interface HubProcess {
  readonly url: string;
  readonly pid: number;
  /** startHub() time inside the child: open + integrity check + migrations + listen + housekeeping. */
  readonly startMs: number;
  /** Wall time from fork to the hub listening: node's own start, loading the modules, then startHub(). */
  readonly spawnMs: number;
  /** CPU time the child used up to listening (user + system, all threads). */
  readonly cpuMs: number;
  /** RSS after a full GC, in bytes. */
  memory(): Promise<number>;
  /** RSS and heap after a full GC, with the hub's own time then. */
  memoryUsage(): Promise<{ rss: number; heapUsed: number; hallNow: number }>;
  /** Current RSS read from /proc without disturbing the hub (Linux); 0 where unavailable. */
  currentRss(): number;
  stop(): Promise<void>;
  /** SIGKILL, as a power cut would: no graceful close, so no clean-shutdown mark (storage/db.ts). */
  kill(): Promise<void>;
}

/** `builtFile`: the compiled hub-child.js (support/built-child.ts) instead of hub-child.ts under tsx. */
export async function startHubProcess(configFile: HallConfigFile, dataDir: string, withManager = false, fastClock?: FastClock, builtFile?: string, withWindowDevices = false): Promise<HubProcess> {
  const forkedAt = performance.now();
  const child = forkBenchChild('hub-child.ts', builtFile);
  const ready = nextMessage<FromChild>(child, (m) => m.type === 'ready');
  child.send({ type: 'start', configFile, dataDir, withManager, withWindowDevices, fastClock } satisfies ToChild);
  const started = (await ready) as Extract<FromChild, { type: 'ready' }>;
  const spawnMs = performance.now() - forkedAt;
  const pid = child.pid ?? 0;
  const memoryUsage = async (): Promise<{ rss: number; heapUsed: number; hallNow: number }> => {
    const answer = nextMessage<FromChild>(child, (m) => m.type === 'memory');
    child.send({ type: 'memory' } satisfies ToChild);
    const { rss, heapUsed, hallNow } = (await answer) as Extract<FromChild, { type: 'memory' }>;
    return { rss, heapUsed, hallNow };
  };
  return {
    url: started.url,
    pid,
    startMs: started.startMs,
    spawnMs,
    cpuMs: started.cpuMs,
    memory: async () => (await memoryUsage()).rss,
    memoryUsage,
    currentRss: () => rssOf(pid),
    async stop() {
      const stopped = nextMessage<FromChild>(child, (m) => m.type === 'stopped', 30_000).catch(() => undefined);
      child.send({ type: 'stop' } satisfies ToChild);
      await stopped;
      if (child.exitCode !== null) return;
      // A child that closed its hub but lingers (a stray handle) must not hang the bench.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
