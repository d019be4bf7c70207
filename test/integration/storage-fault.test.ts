/**
 * A full disk is a state of the hub, not a crash (issue #21, item 1), with the failure injected: every
 * transaction on the real hub's database throws SQLite's own SQLITE_FULL until healed. Used to be: 500
 * `internal` on issue, services still available, no manager told, and the 5-second housekeeping timer
 * throwing `SqliteError: database or disk is full` out of the process.
 * The same on a real full file system, with a real child process: test/crash/full-disk.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, issue, KIOSK_TOKEN, login, openWindow, startTestHub, testConfig, TestClock, until, type TestHub, type TestSocket } from '../support/hub';
import { injectStorageFault, type StorageFaultSwitch } from '../support/storage-fault';
import { managerExtension } from '../../server/wings/manager';
import { startBackupSchedule } from '../../server/app/backup-schedule';
import type { DeviceHealthView, HallSnapshot, TicketView } from '../../server/protocol/model';
import type { AckResult, StaffEvent } from '../../server/protocol/events';
import type { AlertView } from '../../server/protocol/manager-model';

const MIN = 60_000;
/** One housekeeping period (5 s) and a margin: the timer has fired at least once while the disk was full. */
const PAST_ONE_HOUSEKEEPING = 5_600;

describe('a full disk (injected SQLITE_FULL)', () => {
  let hub: TestHub;
  let clock: TestClock;
  let disk: StorageFaultSwitch;
  let manager: TestSocket;
  let managerToken: string;
  const devices: DeviceHealthView[][] = [];
  const facts: StaffEvent[] = [];

  beforeEach(async () => {
    clock = new TestClock();
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    disk = injectStorageFault(hub.db);
    managerToken = await login(hub, 'manager');
    manager = connectSocket(hub, managerToken);
    devices.length = 0;
    facts.length = 0;
    manager.on('devices:updated', (list) => devices.push(list));
    manager.on('hub:events', (events) => facts.push(...events));
    await emitAck(manager, 'hall:sync', {});
  });

  afterEach(async () => {
    manager.close();
    await hub.dispose();
  });

  const hall = async (): Promise<HallSnapshot> => (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body;

  it('refuses issuing with 503 storage-unavailable, says so in the services, tells managers live, keeps reads; and resumes by itself', async () => {
    const first = await issue(hub, 'A');
    disk.fail();

    const refused = await api<{ error: string; message: string }>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe('storage-unavailable');
    expect(refused.body.message).toMatch(/disk is full.*free disk space/);
    expect(hub.hub.isWritable).toBe(false);

    // The socket's issue path says the same.
    const kiosk = connectSocket(hub, KIOSK_TOKEN);
    const ack = await emitAck<AckResult<unknown>>(kiosk, 'ticket:issue', { serviceId: 'B' });
    kiosk.close();
    expect(ack).toMatchObject({ ok: false, error: { error: 'storage-unavailable' } });

    // Reads and displays keep working; every service says why no ticket can be taken.
    const snapshot = await hall();
    expect(snapshot.windows.length).toBeGreaterThan(0);
    expect(snapshot.services.every((s) => !s.isAvailable && s.unavailableReason === 'storage-unavailable')).toBe(true);
    expect((await api(hub, 'GET', `/api/tickets/${first.id}`, { token: managerToken })).status).toBe(200);

    // The manager's socket heard it without any write: the hub's 'storage' health.
    await until(() => devices.some((list) => list.some((d) => d.id === 'storage' && d.status === 'error' && d.code === 'storage-full')), 'storage health on the manager socket');

    disk.heal();
    expect(hub.hub.probeStorage()).toBe(true);
    expect((await hall()).services.find((s) => s.id === 'A')?.isAvailable).toBe(true);
    expect((await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } })).status).toBe(201);
    // …and the alert nobody could write is written now, raised and cleared, for a manager to acknowledge.
    await until(() => facts.some((f) => f.type === 'alert:raised' && f.data.alert.kind === 'storage-fault'), 'the storage alert once space returned');
    const alerts = (await api<AlertView[]>(hub, 'GET', '/api/alerts', { token: managerToken })).body;
    const recorded = alerts.find((a) => a.kind === 'storage-fault');
    expect(recorded).toMatchObject({ subjectId: 'storage', subject: 'SQLITE_FULL' });
    expect(recorded?.clearedAt).toBeDefined();
    expect(devices.at(-1)?.find((d) => d.id === 'storage')?.status).toBe('online');
  });

  it('survives park return and the midnight close while full, and catches up on both once space returns', async () => {
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const ticket = await issue(hub, 'A');
    expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} })).status).toBe(200);
    expect((await api(hub, 'POST', '/api/windows/w1/park', { token: clerk, body: { minutes: 1 } })).status).toBe(200);
    disk.fail();

    // The park time is up while the disk is full: the housekeeping timer fails (an uncaught throw from it
    // would fail this test run) and the ticket stays parked.
    clock.advance(2 * MIN);
    await new Promise((r) => setTimeout(r, PAST_ONE_HOUSEKEEPING));
    const staff = await api<TicketView>(hub, 'GET', `/api/tickets/${ticket.id}`, { token: clerk });
    expect(staff.body.status).toBe('parked');

    // Past midnight, still full: the rollover fails too, and the hub stays up and readable.
    const before = (await hall()).day;
    clock.advance(18 * 60 * MIN);
    await new Promise((r) => setTimeout(r, PAST_ONE_HOUSEKEEPING));
    expect((await api(hub, 'GET', '/api/hall')).status).toBe(200);

    disk.heal();
    expect(hub.hub.probeStorage()).toBe(true);
    // The probe caught up on the housekeeping it missed: the day rolled, closing yesterday's parked ticket.
    // (Yesterday's sign-in has expired by now; signing in is a write, possible again.)
    const after = await api<TicketView>(hub, 'GET', `/api/tickets/${ticket.id}`, { token: await login(hub, 'manager') });
    expect(after.body).toMatchObject({ status: 'cancelled', closeReason: 'day-closed' });
    expect((await hall()).day).not.toBe(before);
  }, 60_000);

  it('an IO error is the same state, with its own words', async () => {
    disk.fail('SQLITE_IOERR_WRITE');
    const refused = await api<{ error: string; message: string }>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'storage-unavailable', message: expect.stringMatching(/read\/write errors/) });
    // While the fault lasts the probe keeps failing, and writing stays off.
    expect(hub.hub.probeStorage()).toBe(false);
    expect(hub.hub.isWritable).toBe(false);
  });
});

describe('the daily backup on a disk that cannot take it', () => {
  it('fails, is logged once however often it is retried, and never throws out of the schedule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-backup-fault-'));
    const hub = await startTestHub({ clock: new TestClock() });
    try {
      // A backup folder that cannot be created (a file is in the way) fails every run, as a full disk does.
      writeFileSync(join(dir, 'blocked'), 'x');
      const errors: string[] = [];
      const log = { info: () => undefined, error: (_: object, msg: string) => void errors.push(msg) };
      const schedule = startBackupSchedule({ db: hub.db, clock: new TestClock(), timeZone: 'Asia/Shanghai', dir: join(dir, 'blocked', 'backups'), keepDays: () => 3, log });
      expect(await schedule.runIfDue()).toBeUndefined();
      expect(await schedule.runIfDue()).toBeUndefined();
      await schedule.stop();
      expect(errors).toEqual(['daily backup failed; retrying on its next run']);
    } finally {
      await hub.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
