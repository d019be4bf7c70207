/**
 * A hub in its own process (started by hub-process.ts): the load generators and hundreds of socket
 * clients then run on the other core, and the hub's memory is its own. Real clock, no extensions unless
 * `withManager` asks for the manager console (the reports figure).
 */
import { startHub, type RunningHub } from '../../server/compose';
import type { HallConfigFile } from '../../server/config-schema';
import { managerExtension } from '../../server/wings/manager';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import { toConfig } from './bench-config';

/** `fastClock`: hall time starts at `startAt` and runs `speed` times real time (the soak's simulated week). */
export type FastClock = { readonly startAt: number; readonly speed: number };
export type ToChild = { type: 'start'; configFile: HallConfigFile; dataDir: string; withManager?: boolean; withWindowDevices?: boolean; fastClock?: FastClock } | { type: 'memory' } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; url: string; startMs: number; cpuMs: number }
  | { type: 'memory'; rss: number; heapUsed: number; hallNow: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

let running: RunningHub | undefined;

function send(message: FromChild): void {
  process.send?.(message);
}

process.on('message', (message: ToChild) => {
  void handle(message).catch((error: unknown) => send({ type: 'failed', message: String(error) }));
});

async function handle(message: ToChild): Promise<void> {
  switch (message.type) {
    case 'start': {
      const config = toConfig(message.configFile);
      const t0 = performance.now();
      const extensions = [...(message.withManager ? [managerExtension(config)] : []), ...(message.withWindowDevices ? [windowDevicesExtension(config)] : [])];
      const fast = message.fastClock;
      const clock = fast ? { now: () => Math.floor(fast.startAt + (performance.now() - t0) * fast.speed) } : undefined;
      running = await startHub({ config, dataDir: message.dataDir, host: '127.0.0.1', port: 0, uiDir: message.dataDir, extensions, clock });
      // CPU since the process began (node's start, loading the modules, startHub): unlike wall time, not
      // stretched by other work on a shared machine.
      const cpu = process.cpuUsage();
      send({ type: 'ready', url: running.url, startMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
      return;
    }
    case 'memory': {
      // Collect first (the child runs with --expose-gc) so idle figures do not depend on GC timing.
      (globalThis as { gc?: () => void }).gc?.();
      const usage = process.memoryUsage();
      send({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, hallNow: running?.hub.ports.time.now() ?? 0 });
      return;
    }
    case 'stop': {
      await running?.close();
      send({ type: 'stopped' });
      process.disconnect();
      return;
    }
  }
}
