/**
 * Figure 1: durable ticket issuance through the real HTTP API (synchronous=FULL), one kiosk stream and
 * many concurrent kiosks, against bare fsync'd single-row better-sqlite3 transactions on the same disk.
 * Beside them, the HTTP floor (bench/support/http-floor-child.ts): the same client against a server that
 * only commits the body, which is the most any hub could reach through HTTP on this machine.
 *
 * The hub and the baseline are timed in alternating slices (bare, hub, bare, hub…) over the same minutes:
 * this machine's disk and CPU speed drift by a third from one minute to the next, and a baseline measured
 * once, before the hub, moved the ratio more than any change to the hub did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfigFile, kioskToken } from './support/bench-config';
import { BareCommits, newTimings, summarizeTimings, type BareFsync, type Timings } from './support/bare-fsync';
import { forkBenchChild, nextMessage, startHubProcess } from './support/hub-process';
import { KioskClient } from './support/clients';
import { row, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

const SERVICES = ['A', 'B', 'C', 'D'] as const;
const WARM_UP_TICKETS = 2000;
const SLICES = 6;

/** `kiosks` loops, each issuing `perKiosk` tickets one after another on its own connection, as a kiosk does. */
async function issueStreams(clients: readonly KioskClient[], perKiosk: number, into: Timings = newTimings()): Promise<Timings> {
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, k) => {
      for (let i = 0; i < perKiosk; i++) {
        const t0 = performance.now();
        const answer = await client.issue({ serviceId: SERVICES[(k + i) % SERVICES.length] });
        into.samples.push(performance.now() - t0);
        if (answer.status !== 201) throw new Error(`issue failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }),
  );
  into.elapsedMs += performance.now() - started;
  return into;
}

interface Shape {
  readonly hub: BareFsync;
  readonly bare: BareFsync;
  readonly floor: BareFsync;
}

interface FloorProcess {
  readonly url: string;
  stop(): Promise<void>;
}

async function startFloor(): Promise<FloorProcess> {
  const child = forkBenchChild('http-floor-child.ts');
  const ready = await nextMessage<{ type: string; url?: string }>(child, (m) => m.type === 'ready');
  return {
    url: ready.url ?? '',
    async stop() {
      const stopped = nextMessage(child, (m: { type: string }) => m.type === 'stopped', 30_000).catch(() => undefined);
      child.send({ type: 'stop' });
      await stopped;
      if (child.exitCode === null) child.kill();
    },
  };
}

/** A fresh hub per stream shape (both start from an empty day), timed in slices against the baseline. */
async function measureShape(kiosks: number, perKiosk: number, bareCommits: number): Promise<Shape> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-issue-'));
  const hub = await startHubProcess(benchConfigFile({ windows: 5, kiosks }), dataDir);
  const clients = Array.from({ length: kiosks }, (_, k) => new KioskClient(hub.url, kioskToken(k)));
  const floor = await startFloor();
  const floorClients = Array.from({ length: kiosks }, (_, k) => new KioskClient(floor.url, kioskToken(k)));
  const bare = new BareCommits();
  try {
    // Warm-up in the same shape, to the hub's steady state: V8 compiles the hot paths only after some
    // hundreds of requests, and the WAL file grows (an fsync that also extends the file costs more) until
    // its first checkpoint. A cold hub measured those, not the hub: its first 500 tickets ran at about
    // half the later rate. The baseline is warmed the same way.
    await issueStreams(clients, Math.ceil(WARM_UP_TICKETS / kiosks));
    await issueStreams(floorClients, Math.ceil(WARM_UP_TICKETS / kiosks));
    bare.run(bareCommits * SLICES);
    const hubTimings = newTimings();
    const bareTimings = newTimings();
    const floorTimings = newTimings();
    for (let slice = 0; slice < SLICES; slice++) {
      bare.run(bareCommits, bareTimings);
      await issueStreams(floorClients, Math.ceil(perKiosk / SLICES), floorTimings);
      await issueStreams(clients, Math.ceil(perKiosk / SLICES), hubTimings);
    }
    return { hub: summarizeTimings(hubTimings), bare: summarizeTimings(bareTimings), floor: summarizeTimings(floorTimings) };
  } finally {
    bare.close();
    await Promise.all([...clients, ...floorClients].map((c) => c.close()));
    await floor.stop();
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface IssuanceFigures {
  readonly rows: ResultRow[];
  readonly bare: BareFsync;
}

export async function runIssuance(options: BenchOptions): Promise<IssuanceFigures> {
  const bareCommits = options.isQuick ? 50 : 150;
  const single = await measureShape(1, options.isQuick ? 150 : 1200, bareCommits);
  const kiosks = options.isQuick ? 16 : 32;
  const many = await measureShape(kiosks, options.isQuick ? 15 : 100, bareCommits);
  // Bare p50/p99 are per commit; a hub request adds HTTP, validation and the estimate on top.
  const label = 'bare fsync txn';
  const rows = [
    row('1. issue rate, 1 kiosk', 'tickets/s', single.hub.perSecond, single.bare.perSecond, `${label} /s`, { text: '>= 0.5', test: (r) => r >= 0.5 }),
    row('1. issue latency p50, 1 kiosk', 'ms', single.hub.p50Ms, single.bare.p50Ms, `${label} p50`),
    row('1. issue latency p99, 1 kiosk', 'ms', single.hub.p99Ms, single.bare.p99Ms, `${label} p99`),
    row(`1. issue rate, ${kiosks} kiosks`, 'tickets/s', many.hub.perSecond, many.bare.perSecond, `${label} /s`, { text: '> 1', test: (r) => r > 1 }),
    row(`1. issue latency p50, ${kiosks} kiosks`, 'ms', many.hub.p50Ms, many.bare.p50Ms, `${label} p50`),
    row(`1. issue latency p99, ${kiosks} kiosks`, 'ms', many.hub.p99Ms, many.bare.p99Ms, `${label} p99`),
    // The machine's ceiling through HTTP, and how much of it the hub reaches (no goal: context for the two above).
    row('1. HTTP floor rate, 1 kiosk', 'tickets/s', single.floor.perSecond, single.bare.perSecond, `${label} /s`),
    row('1. issue rate vs HTTP floor, 1 kiosk', 'tickets/s', single.hub.perSecond, single.floor.perSecond, 'HTTP floor /s'),
    row(`1. HTTP floor rate, ${kiosks} kiosks`, 'tickets/s', many.floor.perSecond, many.bare.perSecond, `${label} /s`),
    row(`1. issue rate vs HTTP floor, ${kiosks} kiosks`, 'tickets/s', many.hub.perSecond, many.floor.perSecond, 'HTTP floor /s'),
  ];
  return { rows, bare: many.bare };
}
