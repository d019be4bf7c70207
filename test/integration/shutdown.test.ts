/**
 * The production start (`hallq start`, as systemd runs it): it comes up although a configured serial device
 * is missing, holds hallq.pid, and on SIGTERM tells clients, closes, releases the lock and exits 0 with a
 * consistent database.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { api, connectSocket, once } from '../support/hub';
import { initHall, runHallq, startHallq, tempDir, type StartedHub } from '../cli/run-hallq';

const temp = tempDir('hallq-shutdown-');
const started: StartedHub[] = [];
afterAll(() => {
  for (const hub of started) hub.child.kill('SIGKILL');
  temp.remove();
});

describe('hallq start and SIGTERM', { timeout: 180_000 }, () => {
  test('starts without its serial device, serves, refuses a second hub and a restore, then stops cleanly', async () => {
    const missingPort = join(temp.dir, 'ttyUSB-not-plugged-in');
    const { configPath, kioskToken } = await initHall(join(temp.dir, 'etc'), (yaml) =>
      yaml.replace('    # idReader: { type: serial, path: /dev/ttyUSB1, baudRate: 115200 }', `    idReader: { type: serial, path: ${missingPort}, baudRate: 115200 }`),
    );
    expect(readFileSync(configPath, 'utf8')).toContain(missingPort);
    const dataDir = join(temp.dir, 'data');
    const added = await runHallq(['staff', 'add', 'admin', '--name', '管理员', '--role', 'admin', '--password-stdin', '--data-dir', dataDir], { input: 'admin-Password-9\n' });
    expect(added.status).toBe(0);

    const hub = await startHallq(['--config', configPath, '--data-dir', dataDir]);
    started.push(hub);
    expect(readFileSync(join(dataDir, 'hallq.pid'), 'utf8').trim()).toBe(String(hub.child.pid));

    // The account made by the CLI signs in; the kiosk token printed by init issues tickets.
    const login = await api<{ token: string }>(hub, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'admin-Password-9' } });
    expect(login.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const issued = await api(hub, 'POST', '/api/tickets', { token: kioskToken, body: { serviceId: 'general' } });
      expect(issued.status).toBe(201);
    }

    const second = await runHallq(['start', '--config', configPath, '--data-dir', dataDir, '--port', '0']);
    expect(second.status).toBe(4);
    expect(second.stderr).toContain(`another hallq hub (pid ${hub.child.pid}) is running`);
    const backup = join(temp.dir, 'while-running.db');
    expect((await runHallq(['backup', '--out', backup, '--data-dir', dataDir])).status).toBe(0);
    const restore = await runHallq(['restore', backup, '--data-dir', dataDir]);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain('is running');

    const socket = connectSocket(hub);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const closing = once(socket, 'hub:closing', 45_000);
    hub.child.kill('SIGTERM');
    await closing;
    socket.close();
    expect(await hub.exited).toBe(0);
    expect(existsSync(join(dataDir, 'hallq.pid'))).toBe(false);

    const db = new Database(join(dataDir, 'hallq.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM tickets WHERE service_id = 'general'").pluck().get()).toBe(3);
    db.close();

    // Stopped: now the restore is allowed.
    expect((await runHallq(['restore', backup, '--data-dir', dataDir])).status).toBe(0);
  });
});
