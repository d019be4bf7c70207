/**
 * The hall side of the city uplink (issue 16) in one process: a real hub (SQLite file, port 0, its
 * extensions) shipping over real HTTP to a small centre (test/support/fake-centre.ts) that applies the real
 * centre's batch rules. Order, no loss, no duplicates, the link states, 督办 notes, the status route, a restore.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { backupTo, restoreBackup } from '../../server/storage/backup';
import { hubExtensions } from '../../server/extensions';
import type { UplinkStatus } from '../../server/protocol/uplink';
import type { StaffEvent } from '../../server/protocol/events';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { startFakeCentre, type FakeCentre } from '../support/fake-centre';
import { waitFor } from '../support/wait';

const TOKEN = 'hall-token-330106-001-for-tests';
const hubs: TestHub[] = [];
const centres: FakeCentre[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.dispose();
  for (const centre of centres.splice(0)) await centre.stop();
});

function uplinkConfig(url: string, edit: Record<string, unknown> = {}) {
  return testConfig((file) => {
    file.uplink = { url, token: TOKEN, batchSize: 7, retryMinSeconds: 0.05, retryMaxSeconds: 0.3, heartbeatSeconds: 60, requestTimeoutSeconds: 2, ...edit };
  });
}

async function start(centreUrl: string, options: { dataDir?: string; clock?: TestClock; uplink?: Record<string, unknown> } = {}): Promise<TestHub> {
  const config = uplinkConfig(centreUrl, options.uplink);
  const hub = await startTestHub({ config, extensions: hubExtensions(config), ...options });
  hubs.push(hub);
  return hub;
}

const status = async (hub: TestHub, token: string): Promise<UplinkStatus> => (await api<UplinkStatus>(hub, 'GET', '/api/uplink/status', { token })).body;
const lastSeq = (hub: TestHub): number => (hub.db.prepare('SELECT MAX(seq) AS s FROM events').get() as { s: number }).s;

async function someVisits(hub: TestHub, clerk: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await issue(hub, 'A', i % 2 === 0 ? { idNumber: '33010619900101123X' } : {});
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
  }
}

describe('the uplink shipper', () => {
  it('ships every fact in order, once, and nothing personal', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await someVisits(hub, clerk, 6);
    const manager = await login(hub, 'manager');
    const done = await waitFor('the centre to hold everything', async () => {
      const s = await status(hub, manager);
      return s.state === 'ok' && s.backlog === 0 && s.ackedSeq === lastSeq(hub) ? s : undefined;
    });
    const generation = done.generation?.id ?? '';
    const events = centre.eventsOf('330106-001', generation);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.filter((e) => e.type === 'ticket:issued')).toHaveLength(6);
    const wire = JSON.stringify(centre.batches);
    for (const secret of ['33010619900101123X', '1234', 'personMasked', 'nameMasked', 'trackToken', '王芳', 'demo1234', 'scrypt']) {
      if (secret === '1234') expect(wire).not.toMatch(/\*{3,}123X/);
      else expect(wire, secret).not.toContain(secret);
    }
    // Batches are contiguous runs: each starts right after the one before (or repeats it on a resend).
    const runs = centre.batches.filter((b) => b.toSeq >= b.fromSeq);
    for (let i = 1; i < runs.length; i++) expect(runs[i]?.fromSeq).toBeLessThanOrEqual((runs[i - 1]?.toSeq ?? 0) + 1);
    expect(centre.batches[0]?.hall).toMatchObject({ code: '330106-001', level: 'district', services: expect.arrayContaining([expect.objectContaining({ id: 'A', itemCode: 'ZH-0001' })]) });
  });

  it('keeps working while the centre is down, says so, and drains the backlog in order when it is back', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    const manager = await login(hub, 'manager');
    await waitFor('first contact', async () => ((await status(hub, manager)).state === 'ok' ? true : undefined));
    await centre.stop();
    const clerk = await openWindow(hub, 'clerk2', 'w1');
    await someVisits(hub, clerk, 5);
    const down = await waitFor('the link to notice', async () => {
      const s = await status(hub, manager);
      return s.state === 'retrying' ? s : undefined;
    });
    expect(down.backlog).toBeGreaterThan(0);
    expect(down.lastError).toMatch(/cannot be reached|did not answer/);
    expect(down.nextAttemptAt).toBeGreaterThan(0);
    await centre.start();
    const back = await waitFor('the backlog to drain', async () => {
      const s = await status(hub, manager);
      return s.state === 'ok' && s.backlog === 0 ? s : undefined;
    });
    const events = centre.eventsOf('330106-001', back.generation?.id ?? '');
    expect(events.at(-1)?.seq).toBeLessThanOrEqual(lastSeq(hub));
    expect(events.filter((e) => e.type === 'ticket:issued')).toHaveLength(5);
    expect(back.lastError).toBeUndefined();
  });

  it('sends smaller batches when large ones are not answered in time (a slow line), and still drains in order', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url, { uplink: { batchSize: 80, requestTimeoutSeconds: 1 } });
    const manager = await login(hub, 'manager');
    await waitFor('first contact', async () => ((await status(hub, manager)).state === 'ok' ? true : undefined));
    await centre.stop();
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    for (let i = 0; i < 25; i++) {
      await issue(hub, 'A');
      await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
      await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} });
    }
    // The line takes a batch of up to 30 facts in time; anything larger is still on the wire at the timeout.
    centre.slowAbove = { events: 30, ms: 1500 };
    await centre.start();
    const backlogAtStart = lastSeq(hub) - ((await status(hub, manager)).ackedSeq ?? 0);
    expect(backlogAtStart).toBeGreaterThan(80);
    const drained = await waitFor('the backlog to drain over the slow line', async () => {
      const s = await status(hub, manager);
      return s.state === 'ok' && s.backlog === 0 && s.ackedSeq === lastSeq(hub) ? s : undefined;
    }, 20_000);
    const events = centre.eventsOf('330106-001', drained.generation?.id ?? '');
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.filter((e) => e.type === 'ticket:issued')).toHaveLength(25);
    // What the slow line took: runs of at most 40 facts (80 halved, then halved again while 40 still timed out).
    const taken = centre.batches.filter((b) => b.events.length > 0 && b.events.length <= 30);
    expect(taken.length).toBeGreaterThan(1);
    expect(Math.max(...taken.map((b) => b.toSeq - b.fromSeq + 1))).toBeLessThanOrEqual(40);
  });

  it('stops at a refused token, shows why, and resumes when the centre accepts it again', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    centre.mode = 401;
    const hub = await start(centre.url);
    const manager = await login(hub, 'manager');
    const refused = await waitFor('refused', async () => {
      const s = await status(hub, manager);
      return s.state === 'refused' ? s : undefined;
    });
    expect(refused.lastErrorCode).toBe('unauthenticated');
    expect(refused.lastError).toMatch(/token/);
    centre.mode = 'ok';
    await waitFor('accepted again', async () => ((await status(hub, manager)).state === 'ok' ? true : undefined), 15_000);
  });

  it('stores the centre\'s supervision notes once and announces them to managers', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    const seen: StaffEvent[] = [];
    hub.hub.bus.on('facts', (events) => seen.push(...events));
    const note = { id: 'note-1', followupId: 'f-unknown', text: '请于三个工作日内回访并反馈', by: 'duban1', at: 1_800_000_000_000 };
    centre.outbox.push(note, note);
    await issue(hub, 'B');
    await waitFor('the note', () => seen.some((e) => e.type === 'supervision:noted'));
    const manager = await login(hub, 'manager');
    const s = await status(hub, manager);
    expect(s.notes).toEqual([expect.objectContaining({ id: 'note-1', text: note.text, by: 'duban1' })]);
    expect(seen.filter((e) => e.type === 'supervision:noted')).toHaveLength(1);
    // And the note does not go back up.
    await waitFor('acked', async () => ((await status(hub, manager)).backlog === 0 ? true : undefined));
    expect(JSON.stringify(centre.batches)).not.toContain('supervision:noted');
  });

  it('answers the link status to managers only', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    expect((await api(hub, 'GET', '/api/uplink/status')).status).toBe(401);
    expect((await api(hub, 'GET', '/api/uplink/status', { token: await login(hub, 'clerk1') })).status).toBe(403);
    const body = await status(hub, await login(hub, 'manager'));
    expect(body).toMatchObject({ hallCode: '330106-001', url: centre.url });
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });

  it('is off without an uplink section', async () => {
    const hub = await startTestHub();
    hubs.push(hub);
    expect(await status(hub, await login(hub, 'manager'))).toMatchObject({ state: 'off', backlog: 0, hallCode: '330106-001' });
  });

  it('ships a restored hall as a new generation, and the centre keeps both histories', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    const manager = await login(hub, 'manager');
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await someVisits(hub, clerk, 3);
    const backup = join(hub.dataDir, 'backups', 'before.db');
    await backupTo(hub.db, backup);
    const forkSeq = (await import('better-sqlite3')).default;
    const copy = new forkSeq(backup, { readonly: true });
    const backupLast = (copy.prepare('SELECT MAX(seq) AS s FROM events').get() as { s: number }).s;
    copy.close();
    await someVisits(hub, clerk, 2);
    const first = await waitFor('shipped', async () => {
      const s = await status(hub, manager);
      return s.backlog === 0 && s.state === 'ok' ? s : undefined;
    });
    await hub.stop();
    restoreBackup(backup, join(hub.dataDir, 'hallq.db'));
    const again = await start(centre.url, { dataDir: hub.dataDir });
    await issue(again, 'C');
    const manager2 = await login(again, 'manager');
    const second = await waitFor('the new generation shipped', async () => {
      const s = await status(again, manager2);
      return s.backlog === 0 && s.state === 'ok' ? s : undefined;
    });
    expect(second.generation?.id).not.toBe(first.generation?.id);
    expect(second.generation).toMatchObject({ parent: first.generation?.id, forkSeq: backupLast });
    const held = centre.halls.get('330106-001');
    expect(held?.size).toBe(2);
    // The old history keeps the two visits after the backup; the new one has the visit after the restore.
    expect(centre.eventsOf('330106-001', first.generation?.id ?? '').at(-1)?.seq).toBe(first.lastSeq);
    expect(centre.eventsOf('330106-001', second.generation?.id ?? '').some((e) => e.type === 'ticket:issued' && (e.data.ticket as { serviceId: string }).serviceId === 'C')).toBe(true);
  });

  it('starts a new generation when a database put back by hand repeats numbers with other facts', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const hub = await start(centre.url);
    const manager = await login(hub, 'manager');
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await someVisits(hub, clerk, 2);
    const copy = join(hub.dataDir, 'backups', 'copy.db');
    await waitFor('shipped', async () => ((await status(hub, manager)).backlog === 0 ? true : undefined));
    await backupTo(hub.db, copy);
    await someVisits(hub, clerk, 3);
    const first = await waitFor('shipped again', async () => {
      const s = await status(hub, manager);
      return s.backlog === 0 && s.state === 'ok' ? s : undefined;
    });
    await hub.stop();
    // Copied over by hand: no `hallq restore`, so the database still claims the old generation.
    const { copyFileSync, rmSync } = await import('node:fs');
    for (const suffix of ['-wal', '-shm']) rmSync(join(hub.dataDir, `hallq.db${suffix}`), { force: true });
    copyFileSync(copy, join(hub.dataDir, 'hallq.db'));
    const again = await start(centre.url, { dataDir: hub.dataDir });
    await issue(again, 'D');
    const manager2 = await login(again, 'manager');
    const second = await waitFor('a new generation', async () => {
      const s = await status(again, manager2);
      return s.generation?.id !== first.generation?.id && s.backlog === 0 && s.state === 'ok' ? s : undefined;
    });
    expect(second.generation?.parent).toBe(first.generation?.id);
    // The old history is intact at the centre; the new one carries the hall's own facts after the fork.
    expect(centre.eventsOf('330106-001', first.generation?.id ?? '').at(-1)?.seq).toBe(first.lastSeq);
    expect(centre.eventsOf('330106-001', second.generation?.id ?? '').some((e) => e.type === 'ticket:issued' && (e.data.ticket as { serviceId: string }).serviceId === 'D')).toBe(true);
  });

  it('logs the closed day\'s summary at the rollover and ships it', async () => {
    const centre = await startFakeCentre({ [TOKEN]: '330106-001' });
    centres.push(centre);
    const clock = new TestClock();
    const hub = await start(centre.url, { clock });
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await someVisits(hub, clerk, 2);
    clock.advance(24 * 3600_000);
    hub.hub.housekeeping();
    await waitFor('the summary at the centre', () => centre.batches.some((b) => b.events.some((e) => e.type === 'day:summary')));
    const summary = centre.batches.flatMap((b) => b.events).find((e) => e.type === 'day:summary');
    expect(summary?.data.summary).toMatchObject({ day: '2026-11-27', totals: { issued: 2, served: 2 } });
  });
});
