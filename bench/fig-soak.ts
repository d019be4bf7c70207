/**
 * Figure 8 (`--only=soak`, issue 21 item 7): a long soak, so that a leak shows as a number. The hub runs in
 * its own process on a fast clock (a simulated week in about 100 s; two days in 20 s with `--quick`), with
 * every client kind at once: kiosks issuing, clerks calling and finishing (reopening their windows after
 * each midnight close), the windows' rating pads rating most visits, the simulated window bus (keypads, LED
 * strips, callers on w1–w5) polled and driven, displays and clerk pages connected over socket.io, a manager
 * reading reports and alerts. Every second the hub's RSS and heap are read after a full GC; after the first simulated day
 * (warm-up) their slopes are fitted by least squares, in MiB per simulated day, and the database file's
 * growth is given per 1,000 tickets issued.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfigFile, clerkName, DEMO_PASSWORD, kioskToken, padToken, windowId } from './support/bench-config';
import { connectMany, getBytes, KioskClient, loginAs, post, request, type BenchSocket } from './support/clients';
import { startHubProcess } from './support/hub-process';
import { inPool, sleep, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

const MiB = 2 ** 20;
const DAY_MS = 86_400_000;
const WINDOWS = 6;
const KIOSKS = 4;
const DISPLAYS = 40;
const CLERK_PAGES = WINDOWS;
const SERVICES = ['A', 'B', 'C', 'D'] as const;
/** Monday 08:00 in Shanghai. */
const START_AT = Date.parse('2026-11-23T00:00:00Z');
export const HEAP_GOAL_MIB_PER_DAY = 1;
export const RSS_GOAL_MIB_PER_DAY = 4;

interface Sample {
  readonly day: number;
  readonly rss: number;
  readonly heap: number;
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

function dbBytes(dataDir: string): number {
  let total = 0;
  for (const name of ['hallq.db', 'hallq.db-wal']) {
    try {
      total += statSync(join(dataDir, name)).size;
    } catch {
      // No WAL yet (or checkpointed away): nothing to add.
    }
  }
  return total;
}

function goalRow(figure: string, unit: string, value: number, goal?: number): ResultRow {
  return { figure, unit, value, baseline: 0, baselineLabel: 'no growth', ratio: Number.NaN, goal: goal === undefined ? undefined : `< ${goal} ${unit}`, isMet: goal === undefined ? undefined : value < goal };
}

export async function runSoak(options: BenchOptions, progress: (text: string) => void): Promise<ResultRow[]> {
  const days = options.isQuick ? 2 : 7;
  const realMs = options.isQuick ? 20_000 : 100_000;
  const speed = (days * DAY_MS) / realMs;
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-soak-'));
  const file = benchConfigFile({ windows: WINDOWS, kiosks: KIOSKS, withDevices: true });
  // At thousands of times real speed the hall's 60-second rating time is a few real milliseconds: give the pads
  // the longest the schema allows, so their ratings land instead of being refused as late.
  file.policy = { ...file.policy!, ratingTimeoutSeconds: 3600 };
  const hub = await startHubProcess(file, dataDir, true, { startAt: START_AT, speed }, undefined, true);
  const sockets: BenchSocket[] = [];
  let isRunning = true;
  let issued = 0;
  let rated = 0;
  const refused = new Map<string, number>();
  try {
    const clerks = await inPool(WINDOWS, 3, (w) => loginAs(hub.url, clerkName(w), DEMO_PASSWORD));
    const manager = await loginAs(hub.url, 'manager', DEMO_PASSWORD);
    sockets.push(...(await connectMany(hub.url, DISPLAYS)));
    for (const token of clerks.slice(0, CLERK_PAGES)) sockets.push(...(await connectMany(hub.url, 1, token)));
    await Promise.all(sockets.map((s) => request(s, 'hall:sync', {})));
    const kiosks = Array.from({ length: KIOSKS }, (_, k) => new KioskClient(hub.url, kioskToken(k)));
    const kioskLoops = kiosks.map(async (kiosk, k) => {
      for (let i = 0; isRunning; i++) {
        const answer = await kiosk.issue<{ error?: string }>({ serviceId: SERVICES[(k + i) % SERVICES.length] });
        if (answer.status === 201) issued++;
        else refused.set(answer.body.error ?? String(answer.status), (refused.get(answer.body.error ?? String(answer.status)) ?? 0) + 1);
        await sleep(15);
      }
      await kiosk.close();
    });
    const windowLoops = clerks.map(async (token, w) => {
      const base = `/api/windows/${windowId(w)}`;
      while (isRunning) {
        const called = await post<{ ticket?: { number: string } }>(hub.url, `${base}/call-next`, {}, token);
        if (called.status === 200) {
          await post(hub.url, `${base}/finish`, {}, token);
          // The window's rating pad (the tablet facing the visitor) rates most visits, as a hall's does.
          const number = called.body.ticket?.number;
          if (number && Math.random() < 0.8) {
            const answer = await post(hub.url, `${base}/rating-pad`, { number, score: 1 + Math.floor(Math.random() * 5) }, padToken(w));
            if (answer.status === 201) rated++;
          }
          continue;
        }
        // Closed by the midnight close (or never opened): open it again; otherwise nobody is waiting.
        await post(hub.url, `${base}/open`, {}, token);
        await sleep(25);
      }
    });
    const managerLoop = (async () => {
      while (isRunning) {
        await post(hub.url, '/api/alerts/evaluate', {}, manager);
        await getBytes(hub.url, '/api/alerts?scope=recent&days=7', manager);
        await getBytes(hub.url, '/api/reports?from=2026-11-23&to=2026-11-30', manager);
        await sleep(1_000);
      }
    })();

    const samples: Sample[] = [];
    let warmUp: { bytes: number; issued: number } | undefined;
    const started = performance.now();
    while (performance.now() - started < realMs) {
      await sleep(options.isQuick ? 500 : 1_000);
      const usage = await hub.memoryUsage();
      const day = (usage.hallNow - START_AT) / DAY_MS;
      samples.push({ day, rss: usage.rss, heap: usage.heapUsed });
      if (!warmUp && day >= 1) warmUp = { bytes: dbBytes(dataDir), issued };
      if (samples.length % 10 === 0) progress(`soak: day ${day.toFixed(1)} of ${days}, ${issued} tickets, RSS ${(usage.rss / MiB).toFixed(0)} MiB, heap ${(usage.heapUsed / MiB).toFixed(0)} MiB`);
    }
    isRunning = false;
    await Promise.all([...kioskLoops, ...windowLoops, managerLoop]);
    const end = { bytes: dbBytes(dataDir), issued };
    if (refused.size > 0) progress(`soak: kiosks refused ${[...refused].map(([code, n]) => `${n} × ${code}`).join(', ')}`);
    const after = samples.filter((s) => s.day >= 1);
    const heapSlope = slope(after.map((s) => ({ x: s.day, y: s.heap / MiB })));
    const rssSlope = slope(after.map((s) => ({ x: s.day, y: s.rss / MiB })));
    const perThousand = warmUp && end.issued > warmUp.issued ? ((end.bytes - warmUp.bytes) / (end.issued - warmUp.issued)) * 1000 : Number.NaN;
    const label = `${days} simulated days, ${issued.toLocaleString('en-US')} tickets, ${rated.toLocaleString('en-US')} pad ratings`;
    return [
      goalRow(`8. soak heap slope after day 1 (${label})`, 'MiB/day', heapSlope, HEAP_GOAL_MIB_PER_DAY),
      goalRow(`8. soak RSS slope after day 1 (${label})`, 'MiB/day', rssSlope, RSS_GOAL_MIB_PER_DAY),
      goalRow('8. soak database growth per 1,000 tickets (file + WAL)', 'KiB', perThousand / 1024),
    ];
  } finally {
    isRunning = false;
    for (const s of sockets) s.close();
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
