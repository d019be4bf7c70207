/**
 * Figure 2: call-to-display latency. 50 windows call (`window:command call-next` over their sockets);
 * the figure for one call is the time from sending it to the moment the LAST of N displays received its
 * `ticket:called`. Baseline: the same clients against a bare socket.io server that commits one fsync'd
 * transaction and broadcasts the same payload (bench/support/bare-child.ts), in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicEvent, WindowCommandReply } from '../server/protocol/events';
import type { AckResult } from '../server/protocol/events';
import { benchConfigFile, clerkName, DEMO_PASSWORD, kioskToken, windowId } from './support/bench-config';
import { connect, connectMany, loginAs, post, request, type BenchSocket } from './support/clients';
import { forkBenchChild, nextMessage, startHubProcess } from './support/hub-process';
import { CallTracker } from './support/call-tracker';
import { inPool, percentile, row, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

const WINDOWS = 50;
const SERVICES = ['A', 'B', 'C', 'D'] as const;

interface Latencies {
  readonly p50: number;
  readonly p99: number;
}

const summarize = (samples: number[]): Latencies => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });

async function connectDisplays(url: string, count: number, tracker: CallTracker, join: (s: BenchSocket) => Promise<unknown>): Promise<BenchSocket[]> {
  const displays = await connectMany(url, count);
  for (const d of displays) tracker.watch(d);
  await Promise.all(displays.map(join));
  return displays;
}

/** The hub side: every window calls `rounds` times, finishing each visitor before the next call. */
async function measureHub(url: string, windows: BenchSocket[], displays: number, rounds: number): Promise<{ latencies: Latencies; payload: PublicEvent | undefined }> {
  const tracker = new CallTracker(displays);
  const screens = await connectDisplays(url, displays, tracker, (s) => request(s, 'hall:sync', {}));
  let payload: PublicEvent | undefined;
  const capture = (events: PublicEvent[]): void => {
    payload ??= events.find((e) => e.type === 'ticket:called');
    if (payload) screens[0]?.off('hub:public-events', capture);
  };
  screens[0]?.on('hub:public-events', capture);
  const samples: number[] = [];
  await Promise.all(
    windows.map(async (socket, w) => {
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const ack = await request<AckResult<WindowCommandReply | null>>(socket, 'window:command', { windowId: windowId(w), verb: 'call-next', body: {} });
        const ticketId = ack.ok ? ack.data?.ticket?.id : undefined;
        if (!ticketId) throw new Error(`call-next at ${windowId(w)} called nobody: ${JSON.stringify(ack)}`);
        samples.push((await tracker.allReceived(ticketId)) - t0);
        await request(socket, 'window:command', { windowId: windowId(w), verb: 'finish', body: {} });
      }
    }),
  );
  for (const s of screens) s.close();
  return { latencies: summarize(samples), payload };
}

/** The baseline side: the same cadence of calls against the bare server. */
async function measureBare(url: string, displays: number, rounds: number, payload: PublicEvent): Promise<Latencies> {
  const tracker = new CallTracker(displays);
  const screens = await connectDisplays(url, displays, tracker, (s) => new Promise<void>((resolve) => (s.emit as (e: string, ack: () => void) => void)('join', resolve)));
  const windows = await connectMany(url, WINDOWS);
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    windows.map(async (socket) => {
      for (let r = 0; r < rounds; r++) {
        const ticketId = `bare-${next++}`;
        const event = payload.type === 'ticket:called' ? { ...payload, data: { call: { ...payload.data.call, ticketId } } } : payload;
        const t0 = performance.now();
        await new Promise((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)('call', { ticketId, event }, resolve));
        samples.push((await tracker.allReceived(ticketId)) - t0);
      }
    }),
  );
  for (const s of [...screens, ...windows]) s.close();
  return summarize(samples);
}

export async function runCallLatency(options: BenchOptions, progress: (text: string) => void): Promise<ResultRow[]> {
  const displayCounts = [10, 100, 500];
  const rounds = options.isQuick ? 1 : 4;
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-call-'));
  const hub = await startHubProcess(benchConfigFile({ windows: WINDOWS, kiosks: 8 }), dataDir);
  const hubResults: Array<{ latencies: Latencies; payload: PublicEvent | undefined }> = [];
  try {
    const tokens = await inPool(WINDOWS, 4, (w) => loginAs(hub.url, clerkName(w), DEMO_PASSWORD));
    await inPool(WINDOWS, 8, async (w) => {
      const opened = await post(hub.url, `/api/windows/${windowId(w)}/open`, {}, tokens[w]);
      if (opened.status !== 200) throw new Error(`open ${windowId(w)}: ${opened.status}`);
    });
    const tickets = WINDOWS * rounds * displayCounts.length + WINDOWS;
    await inPool(tickets, 8, (i) => post(hub.url, '/api/tickets', { serviceId: SERVICES[i % SERVICES.length] }, kioskToken(i % 8)));
    const windows = await Promise.all(tokens.map((t) => connect(hub.url, t)));
    await Promise.all(windows.map((s) => request(s, 'hall:sync', {})));
    for (const displays of displayCounts) {
      progress(`figure 2: hub, ${displays} displays`);
      hubResults.push(await measureHub(hub.url, windows, displays, rounds));
    }
    for (const s of windows) s.close();
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const payload = hubResults.find((r) => r.payload)?.payload;
  if (!payload) throw new Error('no ticket:called payload was captured');
  const bare = forkBenchChild('bare-child.ts');
  const rows: ResultRow[] = [];
  try {
    const ready = await nextMessage<{ type: string; url?: string }>(bare, (m) => m.type === 'ready');
    const url = ready.url ?? '';
    for (const [i, displays] of displayCounts.entries()) {
      progress(`figure 2: bare baseline, ${displays} displays`);
      const base = await measureBare(url, displays, rounds, payload);
      const mine = hubResults[i]?.latencies ?? { p50: Number.NaN, p99: Number.NaN };
      const label = 'bare io + fsync';
      rows.push(row(`2. call→display p50, ${displays} displays`, 'ms', mine.p50, base.p50, `${label} p50`));
      rows.push(row(`2. call→display p99, ${displays} displays`, 'ms', mine.p99, base.p99, `${label} p99`, { text: '<= 1.5', test: (r) => r <= 1.5 }));
    }
  } finally {
    const stopped = nextMessage(bare, (m: { type: string }) => m.type === 'stopped', 30_000).catch(() => undefined);
    bare.send({ type: 'stop' });
    await stopped;
    if (bare.exitCode === null) bare.kill();
  }
  return rows;
}
