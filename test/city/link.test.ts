/**
 * The city link across processes (issue 16, "Tests"): real hubs (`hallq start` with an uplink) shipping into
 * the real centre process on a real PostgreSQL database. The centre stopped and back; a hub SIGKILLed in
 * the middle of shipping; a hall restored from a backup; a long backlog; halls whose clocks are wrong.
 * Each test makes its own database (test/support/pg.ts) and data directories, and removes them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { freePort, sleep } from '../crash/hub-process';
import { runHallq } from '../cli/run-hallq';
import {
  centreEvents, centreQuery, cityHall, drained, hallFacts, killHard, linkStatus, openW1, signIn, spawnCentre, spawnHall, stopGracefully, visits,
  writeCentreConfig, writeHallConfig, type Child, type CityHall,
} from './city-processes';

const DISTRICT = cityHall('330106-001', '示范区政务服务中心', 'district');
const TOWN = cityHall('330106-101', '示范镇便民服务中心', 'town', DISTRICT.code);

let database: TestDatabase;
let dir: string;
const children: Child[] = [];

beforeEach(async () => {
  database = await createTestDatabase('hallq_city');
  dir = mkdtempSync(join(tmpdir(), 'hallq-city-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) await killHard(child);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const track = (child: Child): Child => (children.push(child), child);

async function startCentre(port?: number): Promise<Child> {
  return track(await spawnCentre(writeCentreConfig(join(dir, 'centre'), database.url, [DISTRICT, TOWN]), port));
}

async function startHall(hall: CityHall, centreUrl: string, options: { skewMs?: number; uplink?: Record<string, number> } = {}): Promise<{ child: Child; dataDir: string; config: string }> {
  const dataDir = join(dir, hall.code);
  const config = await writeHallConfig(dataDir, hall, centreUrl, options.uplink);
  return { child: track(await spawnHall(dataDir, config, { skewMs: options.skewMs })), dataDir, config };
}

/** The centre holds exactly the hall's outgoing facts of this generation, each once, in order, as the hall dated them. */
async function expectExactCopy(hall: CityHall, dataDir: string, generation: string, range: { after?: number; upTo?: number } = {}): Promise<void> {
  const expected = hallFacts(dataDir, range.after, range.upTo);
  const held = await centreEvents(database.url, hall.code, generation);
  expect(held.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
  expect(held.map((e) => e.type)).toEqual(expected.map((e) => e.type));
  expect(held.map((e) => e.at)).toEqual(expected.map((e) => e.at));
  // Order kept: the centre received them in sequence order.
  for (let i = 1; i < held.length; i++) expect(held[i]!.receivedAt).toBeGreaterThanOrEqual(held[i - 1]!.receivedAt);
}

describe('the city link across processes', { timeout: 240_000 }, () => {
  it('loses nothing, duplicates nothing and keeps order when the centre stops for a while and comes back', async () => {
    const centrePort = await freePort();
    let centre = await startCentre(centrePort);
    const district = await startHall(DISTRICT, centre.url);
    const town = await startHall(TOWN, centre.url);
    const clerks = [await openW1(district.child), await openW1(town.child)];
    const managers = [await signIn(district.child, 'manager'), await signIn(town.child, 'manager')];
    await visits(district.child, DISTRICT, clerks[0]!, 5);
    await visits(town.child, TOWN, clerks[1]!, 3);
    await drained(district.child, managers[0]!);

    await stopGracefully(centre);
    await visits(district.child, DISTRICT, clerks[0]!, 8);
    await visits(town.child, TOWN, clerks[1]!, 6);
    await sleep(1500);
    const waiting = await linkStatus(district.child, managers[0]!);
    expect(waiting.state).toBe('retrying');
    expect(waiting.backlog).toBeGreaterThan(0);

    centre = await startCentre(centrePort);
    await visits(district.child, DISTRICT, clerks[0]!, 2);
    const done = [await drained(district.child, managers[0]!), await drained(town.child, managers[1]!)];
    await expectExactCopy(DISTRICT, district.dataDir, done[0]!.generation!.id);
    await expectExactCopy(TOWN, town.dataDir, done[1]!.generation!.id);

    // The operator's view says the same, from the database, while the hub runs.
    const cli = await runHallq(['uplink', 'status', '--data-dir', district.dataDir, '--config', district.config]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/Uplink: ok/);
    expect(cli.stdout).toMatch(/backlog\s+0 fact/);
  });

  it('resends what a SIGKILLed hub had not seen acknowledged, once, after its restart', async () => {
    const centrePort = await freePort();
    let centre = await startCentre(centrePort);
    const district = await startHall(DISTRICT, centre.url, { uplink: { batchSize: 5 } });
    const clerk = await openW1(district.child);
    await stopGracefully(centre);
    await visits(district.child, DISTRICT, clerk, 60);
    centre = await startCentre(centrePort);
    // Kill the hub once the centre holds part of the backlog, not all of it.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await centreQuery<{ n: string }>(database.url, 'SELECT count(*) AS n FROM events WHERE hall_code = $1', [DISTRICT.code]);
      if (Number(row?.n ?? 0) > 20) break;
      if (Date.now() > deadline) throw new Error('the centre received nothing');
      await sleep(20);
    }
    await killHard(district.child);
    const total = hallFacts(district.dataDir).length;
    const [held] = await centreQuery<{ n: string }>(database.url, 'SELECT count(*) AS n FROM events WHERE hall_code = $1', [DISTRICT.code]);
    expect(Number(held?.n)).toBeLessThan(total);

    const again = track(await spawnHall(district.dataDir, district.config));
    const manager = await signIn(again, 'manager');
    const done = await drained(again, manager);
    await expectExactCopy(DISTRICT, district.dataDir, done.generation!.id);
  });

  it('ships a hall restored from a backup as a new generation; the centre keeps both histories', async () => {
    const centre = await startCentre();
    const district = await startHall(DISTRICT, centre.url);
    const clerk = await openW1(district.child);
    const manager = await signIn(district.child, 'manager');
    await visits(district.child, DISTRICT, clerk, 4);
    const backup = join(dir, 'before.db');
    const made = await runHallq(['backup', '--data-dir', district.dataDir, '--out', backup]);
    expect(made.status, made.stderr).toBe(0);
    const backupDb = new Database(backup, { readonly: true });
    const forkSeq = (backupDb.prepare('SELECT MAX(seq) AS s FROM events').get() as { s: number }).s;
    backupDb.close();
    await visits(district.child, DISTRICT, clerk, 3);
    const before = await drained(district.child, manager);
    await stopGracefully(district.child);

    const restored = await runHallq(['restore', backup, '--data-dir', district.dataDir]);
    expect(restored.status, restored.stderr).toBe(0);
    const again = track(await spawnHall(district.dataDir, district.config));
    const clerk2 = await openW1(again);
    await visits(again, DISTRICT, clerk2, 2);
    const after = await drained(again, await signIn(again, 'manager'));

    expect(after.generation).toMatchObject({ parent: before.generation!.id, forkSeq });
    const generations = await centreQuery<{ id: string; parent: string | null; fork_seq: string }>(database.url, 'SELECT id, parent, fork_seq FROM generations WHERE hall_code = $1 ORDER BY ordinal', [DISTRICT.code]);
    expect(generations.map((g) => [g.id, g.parent, Number(g.fork_seq)])).toEqual([
      [before.generation!.id, null, 0],
      [after.generation!.id, before.generation!.id, forkSeq],
    ]);
    // Both histories: the old one up to what the old database had, the new one after the fork, both intact.
    const old = await centreEvents(database.url, DISTRICT.code, before.generation!.id);
    expect(old.at(-1)!.seq).toBeLessThanOrEqual(before.lastSeq);
    expect(old.at(-1)!.seq).toBeGreaterThan(forkSeq);
    await expectExactCopy(DISTRICT, district.dataDir, after.generation!.id, { after: forkSeq });
    const [link] = await centreQuery<{ generation: string }>(database.url, 'SELECT generation FROM hall_links WHERE hall_code = $1', [DISTRICT.code]);
    expect(link?.generation).toBe(after.generation!.id);
  });

  it('drains a long backlog in order once the link is back', async () => {
    const centrePort = await freePort();
    const district = await startHall(DISTRICT, `http://127.0.0.1:${centrePort}`, { uplink: { batchSize: 200 } });
    await visits(district.child, DISTRICT, await openW1(district.child), 40);
    await stopGracefully(district.child);
    // Days of a busy hall while the link was down: facts appended to the stopped hall's log as the hub writes them.
    const db = new Database(join(district.dataDir, 'hallq.db'));
    const start = (db.prepare('SELECT MAX(seq) AS s, MAX(at) AS at FROM events').get() as { s: number; at: number });
    const append = db.prepare('INSERT INTO events (seq, at, actor, type, data) VALUES (?, ?, ?, ?, ?)');
    const days = 3;
    const perDay = 2000;
    db.transaction(() => {
      for (let i = 1; i <= days * perDay; i++) {
        const at = start.at + Math.floor(i / perDay) * 86_400_000 + (i % perDay) * 10_000;
        const ticket = { id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, number: `A${String(i % 999 || 1).padStart(3, '0')}`, serviceId: 'A', day: new Date(at).toISOString().slice(0, 10), status: 'waiting', priority: 'normal', arrivedAt: at, issuedAt: at, callCount: 0, waitingAhead: 0, estimatedWaitMinutes: 0, personMasked: '330106********123X' };
        append.run(start.s + i, at, 'kiosk:kiosk1', 'ticket:issued', JSON.stringify({ ticket }));
      }
    })();
    db.close();
    const again = track(await spawnHall(district.dataDir, district.config));
    const manager2 = await signIn(again, 'manager');
    const backlog = await linkStatus(again, manager2);
    expect(backlog.backlog).toBeGreaterThanOrEqual(days * perDay);
    await startCentre(centrePort);
    const done = await drained(again, manager2, 120_000);
    await expectExactCopy(DISTRICT, district.dataDir, done.generation!.id);
    const [personal] = await centreQuery<{ n: string }>(database.url, "SELECT count(*) AS n FROM events WHERE data::text LIKE '%123X%'");
    expect(Number(personal?.n)).toBe(0);
  });

  it('keeps each hall\'s own times and the centre\'s own "last contact" when the halls\' clocks are wrong', async () => {
    const centre = await startCentre();
    const ahead = 2 * 3600_000;
    const behind = -30 * 60_000;
    const district = await startHall(DISTRICT, centre.url, { skewMs: ahead });
    const town = await startHall(TOWN, centre.url, { skewMs: behind });
    const before = Date.now();
    await visits(district.child, DISTRICT, await openW1(district.child), 2);
    await visits(town.child, TOWN, await openW1(town.child), 2);
    const done = [await drained(district.child, await signIn(district.child, 'manager')), await drained(town.child, await signIn(town.child, 'manager'))];
    const after = Date.now();
    for (const [hall, status, skew, dataDir] of [[DISTRICT, done[0]!, ahead, district.dataDir], [TOWN, done[1]!, behind, town.dataDir]] as const) {
      await expectExactCopy(hall, dataDir, status.generation!.id);
      const held = await centreEvents(database.url, hall.code, status.generation!.id);
      const issued = held.filter((e) => e.type === 'ticket:issued');
      // The hall's time is kept as the hall gave it (skewed); the centre's receive time is its own.
      for (const e of issued) {
        expect(e.at).toBeGreaterThanOrEqual(before + skew - 1000);
        expect(e.at).toBeLessThanOrEqual(after + skew + 1000);
        expect(e.receivedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(e.receivedAt).toBeLessThanOrEqual(after + 1000);
      }
      const [link] = await centreQuery<{ last_contact_at: Date; skew_ms: string }>(database.url, 'SELECT last_contact_at, skew_ms FROM hall_links WHERE hall_code = $1', [hall.code]);
      expect(link!.last_contact_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(link!.last_contact_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(Math.abs(Number(link!.skew_ms) - skew)).toBeLessThan(5000);
    }
  });
});
