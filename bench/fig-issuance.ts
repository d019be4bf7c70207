/**
 * Figure 1: durable ticket issuance through the real HTTP API (synchronous=FULL), one kiosk stream and
 * many concurrent kiosks, against bare fsync'd single-row better-sqlite3 transactions on the same disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfigFile, kioskToken } from './support/bench-config';
import { measureBareFsync, type BareFsync } from './support/bare-fsync';
import { startHubProcess } from './support/hub-process';
import { KioskClient } from './support/clients';
import { percentile, row, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

const SERVICES = ['A', 'B', 'C', 'D'] as const;

interface StreamResult {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** `kiosks` loops, each issuing `perKiosk` tickets one after another on its own connection, as a kiosk does. */
async function issueStreams(url: string, kiosks: number, perKiosk: number): Promise<StreamResult> {
  const clients = Array.from({ length: kiosks }, (_, k) => new KioskClient(url, kioskToken(k)));
  const latencies: number[] = [];
  try {
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, k) => {
        for (let i = 0; i < perKiosk; i++) {
          const t0 = performance.now();
          const answer = await client.issue({ serviceId: SERVICES[(k + i) % SERVICES.length] });
          latencies.push(performance.now() - t0);
          if (answer.status !== 201) throw new Error(`issue failed: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }),
    );
    const elapsed = performance.now() - started;
    return { perSecond: (latencies.length / elapsed) * 1000, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** A fresh hub per stream shape, so both start from the same (empty) day. */
async function measureHub(kiosks: number, perKiosk: number): Promise<StreamResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-issue-'));
  const hub = await startHubProcess(benchConfigFile({ windows: 5, kiosks: Math.max(kiosks, 1) }), dataDir);
  try {
    // Warm-up in the same shape: V8 compiles the hot paths only after a few hundred requests, and a cold
    // hub measured the compiler, not the hub (the first 500 tickets ran at about half the later rate).
    await issueStreams(hub.url, kiosks, Math.max(10, Math.ceil(500 / kiosks)));
    return await issueStreams(hub.url, kiosks, perKiosk);
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface IssuanceFigures {
  readonly rows: ResultRow[];
  readonly bare: BareFsync;
}

export async function runIssuance(options: BenchOptions): Promise<IssuanceFigures> {
  const bare = measureBareFsync(options.isQuick ? 150 : 600);
  const single = await measureHub(1, options.isQuick ? 150 : 600);
  const kiosks = options.isQuick ? 16 : 32;
  const many = await measureHub(kiosks, options.isQuick ? 15 : 50);
  // Bare p50/p99 are per commit; a hub request adds HTTP, validation and the estimate on top.
  const label = 'bare fsync txn';
  const rows = [
    row('1. issue rate, 1 kiosk', 'tickets/s', single.perSecond, bare.perSecond, `${label} /s`, { text: '>= 0.5', test: (r) => r >= 0.5 }),
    row('1. issue latency p50, 1 kiosk', 'ms', single.p50Ms, bare.p50Ms, `${label} p50`),
    row('1. issue latency p99, 1 kiosk', 'ms', single.p99Ms, bare.p99Ms, `${label} p99`),
    row(`1. issue rate, ${kiosks} kiosks`, 'tickets/s', many.perSecond, bare.perSecond, `${label} /s`, { text: '> 1', test: (r) => r > 1 }),
    row(`1. issue latency p50, ${kiosks} kiosks`, 'ms', many.p50Ms, bare.p50Ms, `${label} p50`),
    row(`1. issue latency p99, ${kiosks} kiosks`, 'ms', many.p99Ms, bare.p99Ms, `${label} p99`),
  ];
  return { rows, bare };
}
