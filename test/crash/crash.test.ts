/**
 * Crash safety (issue #7): the real hub as a child process, steady load from a kiosk, four windows and a
 * phone, SIGKILL at random moments (some during start-up), restart, and after every restart the checks
 * of verify.ts against what the hub acknowledged. At the end, with every lost answer retried under its
 * idempotency key, the database holds exactly what was acknowledged: nothing lost, nothing twice.
 *
 * Reproduce a failure with HALLQ_CRASH_SEED=<seed printed below>; HALLQ_CRASH_KILLS sets the kill count.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBackup } from '../../server/storage/backup';
import type { WindowView } from '../../server/protocol/model';
import { killHard, sleep, spawnHub, waitReady, type HubProcess } from './hub-process';
import { ClerkWorker, KioskWorker, newLedger, RaterWorker, type Target } from './load';
import { EventHistory, lastNumbers, verifyDatabase } from './verify';
import { KIOSK_TOKEN } from '../support/hub';
import { seededRandom } from '../support/random';

const KILLS = Number(process.env.HALLQ_CRASH_KILLS ?? 22);
const SEED = Number(process.env.HALLQ_CRASH_SEED ?? Date.now() % 1_000_000);

async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

const dataDir = mkdtempSync(join(tmpdir(), 'hallq-crash-'));
const dbFile = join(dataDir, 'hallq.db');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe(`crash safety (seed ${SEED})`, () => {
  it(`survives ${KILLS} SIGKILLs under load without losing or doubling an acknowledged action`, async () => {
    const random = seededRandom(SEED);
    const ledger = newLedger();
    const history = new EventHistory();
    const figures = { kills: 0, startupKills: 0, checks: 0 };
    let hub: HubProcess = await spawnHub(dataDir);
    await waitReady(hub);

    // Four clerks sign in and open their windows once; sessions and windows are in the database and survive.
    const clerks: ClerkWorker[] = [];
    for (const n of [1, 2, 3, 4]) {
      const login = await post(hub.url, '/api/auth/login', { username: `clerk${n}`, password: 'demo1234' });
      const token = (login.body as { token: string }).token;
      expect((await post(hub.url, `/api/windows/w${n}/open`, {}, token)).status).toBe(200);
      clerks.push(new ClerkWorker(ledger, random, `w${n}`, token));
    }
    const kiosk = new KioskWorker(ledger, random, KIOSK_TOKEN);
    const rater = new RaterWorker(ledger, random);
    const workers = [kiosk, rater, ...clerks];

    let lastSeen = 0;
    const check = async (): Promise<void> => {
      // The API never announces more than the file holds (the hub's own timers may log more meanwhile).
      const hall = (await (await fetch(`${hub.url}/api/hall`)).json()) as { seq: number; day: string; windows: WindowView[] };
      ledger.day = hall.day;
      const result = verifyDatabase(dbFile, ledger, history);
      expect(result.problems, `after ${figures.kills} kills (seed ${SEED})`).toEqual([]);
      expect(hall.seq).toBeLessThanOrEqual(result.figures.events);
      expect(hall.seq).toBeGreaterThanOrEqual(lastSeen);
      lastSeen = result.figures.events;
      figures.checks += 1;
    };

    while (figures.kills < KILLS) {
      let alive = true;
      const target: Target = { url: hub.url, isAlive: () => alive };
      await check();
      const before = lastNumbers(dbFile);
      const known = new Set(ledger.tickets.keys());
      rater.refill();
      const runs = workers.map((w) => w.run(target));
      // Kill after a random amount of work (not of wall time: a loaded CI box is slow), plus jitter.
      const due = ledger.answers + 5 + Math.floor(random() * 40);
      const giveUp = Date.now() + 30_000;
      while (ledger.answers < due && Date.now() < giveUp) await sleep(10);
      await sleep(random() * 150);
      await killHard(hub);
      alive = false;
      await Promise.all(runs);
      figures.kills += 1;

      // Numbering continued where the previous life stopped: the first new number is the next one.
      const firstNew = new Map<string, number>();
      for (const [id, t] of ledger.tickets) {
        const key = `${t.day}/${t.serviceId}`;
        // A retried request whose first try had committed gets its old number back: not new.
        if (!known.has(id) && t.seq > (before.get(key) ?? 0) && t.seq < (firstNew.get(key) ?? Infinity)) firstNew.set(key, t.seq);
      }
      for (const [key, seq] of firstNew) expect(seq, `first number of ${key} after a restart`).toBe((before.get(key) ?? 0) + 1);

      // Now and then, pull the plug again while the hub is still starting (opening, checking, migrating).
      if (random() < 0.2 && figures.kills < KILLS) {
        hub = await spawnHub(dataDir);
        await sleep(100 + random() * 1200);
        await killHard(hub);
        figures.kills += 1;
        figures.startupKills += 1;
      }
      hub = await spawnHub(dataDir);
      await waitReady(hub);
    }

    // Last life: retry every request whose answer was lost, then stop gracefully.
    await check();
    const target: Target = { url: hub.url, isAlive: () => true };
    await Promise.all(workers.map((w) => w.run(target, { drainOnly: true })));
    expect(workers.filter((w) => w.hasPending)).toEqual([]);
    await check();
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);

    // Exactly once: the file holds what was acknowledged, no more (a retried request did not act twice).
    const final = verifyDatabase(dbFile, ledger, history);
    expect(final.problems).toEqual([]);
    expect(final.figures.tickets).toBe(ledger.tickets.size);
    expect(final.figures.calls).toBe(ledger.calls.length);
    expect(final.figures.ratings).toBe(ledger.ratings.size);
    expect(ledger.anomalies).toEqual([]);
    // A backup interrupted by a kill must not be left looking like a good one.
    for (const name of readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('.db'))) {
      expect(checkBackup(join(dataDir, 'backups', name))).toEqual({ ok: true });
    }
    // The run had teeth: real work was done, and kills cut requests off mid-flight.
    expect(ledger.tickets.size).toBeGreaterThan(KILLS);
    expect(ledger.calls.length).toBeGreaterThan(KILLS / 2);
    expect(ledger.ratings.size).toBeGreaterThan(0);
    expect(ledger.lost).toBeGreaterThanOrEqual(KILLS / 2);

    // The figures docs/reliability.md quotes.
    process.stdout.write(
      `crash run (seed ${SEED}): ${figures.kills} SIGKILLs (${figures.startupKills} during start-up), ${figures.checks} checks; ` +
        `${ledger.requests} requests (${ledger.lost} cut off by a kill and retried); acknowledged ${ledger.tickets.size} tickets, ${ledger.calls.length} calls, ` +
        `${ledger.closed.size} finishes/no-shows, ${ledger.ratings.size} ratings; ${final.figures.events} events in the log` +
        (ledger.excusedByRollover > 0 ? `; ${ledger.excusedByRollover} retried window actions met the hall's midnight\n` : `\n`),
    );
  }, 900_000);
});
