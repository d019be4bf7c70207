/**
 * 好差评 delivery survives a hub killed mid-upload (issue 17): the real hub as a child process delivers to
 * the platform simulator in this process; the simulator holds its answers (slowMs) so the SIGKILL lands
 * while a batch is in flight — the platform stores the records, the hub never hears the ack. After the
 * restart the hub sends the same record ids again, the platform answers `duplicate`, and in the end every
 * record is acknowledged, none lost, and no record id was ever accepted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProvinceSim } from '../../drivers/sim/province-platform';
import { killHard, sleep, spawnHub, waitReady, type HubProcess } from './hub-process';
import { openW1, rateFromPhone, servedVisit, startSimFor, writeProvinceHall } from './province-hall';

// The phone rating route allows 10 a minute per address.
const VISITS = 9;
const KILLS = 2;
const dataDir = mkdtempSync(join(tmpdir(), 'hallq-province-crash-'));
let sim: ProvinceSim | undefined;
let hub: HubProcess | undefined;
afterAll(async () => {
  if (hub) await killHard(hub);
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Row { id: string; state: string }
function outbox(): Row[] {
  const db = new Database(join(dataDir, 'hallq.db'), { readonly: true });
  try {
    return db.prepare('SELECT id, state FROM province_outbox ORDER BY ord').all() as Row[];
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${hub ? `\n${hub.stderr()}` : ''}`);
    await sleep(10);
  }
}

describe('province delivery: the hub killed mid-upload', () => {
  it('loses nothing and has no record accepted twice', { timeout: 240_000 }, async () => {
    const s = (sim = await startSimFor());
    // Small batches, quick retries: several batches are in play when the kill lands.
    const configPath = await writeProvinceHall(dataDir, s.url, (p) => {
      p.batchSize = 2;
      p.retryMinSeconds = 0.2;
      p.retryMaxSeconds = 1;
    });
    const env = { HALLQ_CONFIG: configPath };
    hub = await spawnHub(dataDir, env);
    await waitReady(hub);

    // The platform is down while the hall rates: every record waits in the outbox.
    s.switches.mode = 'down';
    const clerk = await openW1(hub.url);
    for (let i = 0; i < VISITS; i++) {
      const visit = await servedVisit(hub.url, clerk, `33010620261127${String(i).padStart(4, '0')}`);
      await rateFromPhone(hub.url, visit, 1 + (i % 5), i % 2 === 0 ? '办事很顺利' : undefined);
    }
    expect(outbox().length).toBe(VISITS);

    let lostAcks = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      // Back up, but slow: the answer is held while the hub is killed.
      s.switches.slowMs = 700;
      s.switches.mode = 'ok';
      await until(() => s.inFlight() > 0, 'a batch in flight');
      await killHard(hub);
      // Let the simulator finish the batch it was holding: it stores the records, the answer goes nowhere.
      await until(() => s.inFlight() === 0, 'the held batch to finish');
      const rows = outbox();
      const unheard = rows.filter((r) => r.state !== 'acked' && s.stored.has(r.id));
      lostAcks += unheard.length;
      s.switches.mode = 'down';
      s.switches.slowMs = 0;
      hub = await spawnHub(dataDir, env);
      await waitReady(hub);
    }
    // The kills really landed between the platform storing records and the hub hearing of it.
    expect(lostAcks).toBeGreaterThan(0);

    s.switches.mode = 'ok';
    await until(() => outbox().every((r) => r.state === 'acked'), 'every record acknowledged');
    const rows = outbox();
    expect(rows.length).toBe(VISITS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(VISITS);
    // Nothing lost: the platform holds every record of the hall, and only those.
    expect([...s.stored.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
    // Nothing twice in effect: one acceptance per record id; the resends after the kills were duplicates.
    const accepted = new Map<string, number>();
    for (const a of s.answers) if (a.status === 'accepted') accepted.set(a.id, (accepted.get(a.id) ?? 0) + 1);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expect(accepted.size).toBe(VISITS);
    expect(s.answers.filter((a) => a.status === 'duplicate').length).toBeGreaterThanOrEqual(lostAcks);
    expect(s.answers.filter((a) => a.status === 'rejected')).toEqual([]);
  });
});
