/**
 * Figure 4: the hub's memory (its own process, after a GC) idle, with 500 connected display clients idle,
 * and at peak while those clients watch a load of issuing and calling; and start-up time on a database
 * holding a year of tickets against start-up on an empty one, in the same run. The hub runs compiled, as
 * `hallq start` does (support/built-child.ts); the idle hub under tsx, as production ran before issue 20,
 * is the memory baseline. Start-up is the wall time from fork to listening, after a clean stop, and once
 * after a SIGKILL, when the whole-file integrity check runs (docs/reliability.md, "Start-up check").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfigFile, clerkName, DEMO_PASSWORD, kioskToken, windowId } from './support/bench-config';
import { connectMany, loginAs, post, request } from './support/clients';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { builtBenchChild } from './support/built-child';
import { buildYearDb } from './support/year-db';
import { CONFIGURED_MINUTES, windowServes } from './support/busy-day-model';
import { DAY_WINDOWS } from './support/busy-day-child';
import { inPool, row, sleep, type ResultRow } from './support/stats';
import type { BenchOptions } from './options';

const CLIENTS = 500;
const SERVICES = ['A', 'B', 'C', 'D'] as const;
const MiB = 2 ** 20;
const dayConfig = () => benchConfigFile({ windows: DAY_WINDOWS, kiosks: 8, serves: windowServes, serviceMinutes: CONFIGURED_MINUTES });

/** 8 kiosks issue and every window calls and finishes, as fast as answers come, for `ms`. */
async function load(hub: HubProcess, tokens: readonly string[], ms: number): Promise<number> {
  const until = performance.now() + ms;
  let peak = hub.currentRss();
  const sampler = setInterval(() => (peak = Math.max(peak, hub.currentRss())), 50);
  const kiosks = Array.from({ length: 8 }, async (_, k) => {
    for (let i = 0; performance.now() < until; i++) await post(hub.url, '/api/tickets', { serviceId: SERVICES[(k + i) % 4] }, kioskToken(k));
  });
  const windows = tokens.map(async (token, w) => {
    while (performance.now() < until) {
      const called = await post(hub.url, `/api/windows/${windowId(w)}/call-next`, {}, token);
      if (called.status === 200) await post(hub.url, `/api/windows/${windowId(w)}/finish`, {}, token);
      else await sleep(20);
    }
  });
  await Promise.all([...kiosks, ...windows]);
  clearInterval(sampler);
  return peak;
}

/** Issue 20's goals: an idle hub in at most 100 MiB; start-up on a year within 0.5 s and 1.5× an empty database. */
export const IDLE_RSS_GOAL_MIB = 100;
export const STARTUP_GOAL_MS = 500;
export const STARTUP_GOAL_RATIO = 1.5;

/** RSS of an idle hub (windows open, no clients) after a GC, compiled (`built`) or under tsx. */
async function idleRss(hub: HubProcess, tokens: readonly string[]): Promise<number> {
  await inPool(DAY_WINDOWS, 4, (w) => post(hub.url, `/api/windows/${windowId(w)}/open`, {}, tokens[w]));
  await sleep(500);
  return hub.memory();
}

async function tsxIdleRss(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-mem-tsx-'));
  const hub = await startHubProcess(dayConfig(), dataDir);
  try {
    // One at a time: on a loaded machine four queued scrypt checks can outwait the hub's sign-in queue (503 busy).
    const tokens = await inPool(DAY_WINDOWS, 1, (w) => loginAs(hub.url, clerkName(w), DEMO_PASSWORD));
    return await idleRss(hub, tokens);
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureMemory(options: BenchOptions, built: string): Promise<ResultRow[]> {
  const tsxIdle = await tsxIdleRss();
  const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-mem-'));
  const hub = await startHubProcess(dayConfig(), dataDir, false, undefined, built);
  try {
    // One at a time: on a loaded machine four queued scrypt checks can outwait the hub's sign-in queue (503 busy).
    const tokens = await inPool(DAY_WINDOWS, 1, (w) => loginAs(hub.url, clerkName(w), DEMO_PASSWORD));
    const idle = await idleRss(hub, tokens);
    const clients = await connectMany(hub.url, CLIENTS);
    await Promise.all(clients.map((c) => request(c, 'hall:sync', {})));
    await sleep(1_000);
    const withClients = await hub.memory();
    const peak = await load(hub, tokens, options.isQuick ? 4_000 : 20_000);
    for (const c of clients) c.close();
    const idleMiB = idle / MiB;
    return [
      { ...row('4. hub RSS idle, compiled (node)', 'MiB', idleMiB, tsxIdle / MiB, 'the same hub under tsx'), goal: `≤ ${IDLE_RSS_GOAL_MIB} MiB`, isMet: idleMiB <= IDLE_RSS_GOAL_MIB },
      row(`4. hub RSS, ${CLIENTS} clients idle`, 'MiB', withClients / MiB, idle / MiB, 'hub idle, no clients'),
      row(`4. hub RSS peak, ${CLIENTS} clients + load`, 'MiB', peak / MiB, idle / MiB, 'hub idle, no clients'),
    ];
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Wall and CPU time from fork to listening; the hub is then stopped gracefully, or SIGKILLed with `crash`. */
async function startupOn(dataDir: string, built: string, crash = false): Promise<{ wallMs: number; cpuMs: number }> {
  const hub = await startHubProcess(dayConfig(), dataDir, false, undefined, built);
  await (crash ? hub.kill() : hub.stop());
  return { wallMs: hub.spawnMs, cpuMs: hub.cpuMs };
}

export interface YearOfTickets {
  readonly dir: string;
  readonly days: number;
  readonly tickets: number;
  readonly bytes: number;
}

/** The year database (figure 4's start-up and the reports figure share it); the caller deletes `dir`. */
export function buildYear(options: BenchOptions, busyDayDir: string, progress: (text: string) => void): YearOfTickets {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-bench-year-'));
  const days = options.isQuick ? 20 : 250;
  progress(`building ${days} working days of tickets`);
  const t0 = performance.now();
  const year = buildYearDb(busyDayDir, dir, days);
  progress(`built ${year.tickets} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, days, ...year };
}

export async function runMemoryAndStartup(options: BenchOptions, year: YearOfTickets): Promise<ResultRow[]> {
  const built = await builtBenchChild('hub-child.ts');
  const rows = await measureMemory(options, built);
  const emptyDir = mkdtempSync(join(tmpdir(), 'hallq-bench-empty-'));
  try {
    // Twice each, keeping the second: the first start also pays for a cold page cache (and, on the year, for
    // the integrity check: the file was last closed by the builder, not by a hub).
    await startupOn(emptyDir, built);
    const empty = await startupOn(emptyDir, built);
    await startupOn(year.dir, built);
    const full = await startupOn(year.dir, built);
    const label = `${year.days} days (${year.tickets.toLocaleString('en-US')} tickets, ${Math.round(year.bytes / MiB)} MiB)`;
    const clean = row(`4. start-up, ${label}`, 'ms', full.wallMs, empty.wallMs, 'empty database');
    rows.push({ ...clean, goal: `≤ ${STARTUP_GOAL_RATIO}× and ≤ ${STARTUP_GOAL_MS} ms`, isMet: clean.ratio <= STARTUP_GOAL_RATIO && full.wallMs <= STARTUP_GOAL_MS });
    const cpu = row(`4. start-up CPU, ${label}`, 'ms', full.cpuMs, empty.cpuMs, 'empty database');
    rows.push({ ...cpu, goal: `≤ ${STARTUP_GOAL_RATIO}×`, isMet: cpu.ratio <= STARTUP_GOAL_RATIO });
    // After a power cut: started once more and SIGKILLed, so the next start finds no clean-shutdown mark.
    await startupOn(year.dir, built, true);
    const afterCrash = await startupOn(year.dir, built);
    rows.push(row(`4. start-up after SIGKILL (full check), ${label}`, 'ms', afterCrash.wallMs, empty.wallMs, 'empty database'));
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
  return rows;
}
