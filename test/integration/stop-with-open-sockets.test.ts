/**
 * A hub stops while browsers still hold sockets to it (systemctl stop with the hall's pages open): a keep-alive
 * socket mid-request, and one a browser opened ahead of time (preconnect) and never sent a request on. Node's
 * server.close() waits for such sockets until their own timeouts (headers 30 s, keep-alive, idle), and systemd
 * would SIGKILL a hub that waits — an unclean stop, and a full integrity check at the next start. The stop
 * closes them itself after a short grace (server/compose.ts): it ends, and the file is marked cleanly closed.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startTestHub, testConfig, type TestHub } from '../support/hub';
import { createTestDatabase } from '../support/pg';
import { startTestCentre } from '../centre/support/centre';

let hub: TestHub | undefined;
const sockets: Socket[] = [];

afterAll(() => {
  for (const s of sockets) s.destroy();
  if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
});

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    sockets.push(socket);
  });

describe('stopping with sockets still open', () => {
  it('ends while a preconnected socket and a half-sent request are open, and marks the file cleanly closed', { timeout: 20_000 }, async () => {
    hub = await startTestHub({ config: testConfig() });
    await open(hub.port); // never sends a byte
    const half = await open(hub.port);
    half.write('GET /api/hall HTTP/1.1\r\nHost: hall\r\n'); // headers never finished
    const closed = new Promise<void>((resolve) => half.on('close', () => resolve()));
    await hub.stop();
    await closed;
    const db = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'clean_shutdown'").pluck().get()).toBe('1');
    } finally {
      db.close();
    }
  });
});

describe('stopping the centre with sockets still open', () => {
  it('ends while a hall holds a half-sent batch and a socket that never sent a byte', { timeout: 30_000 }, async () => {
    const db = await createTestDatabase('hallq_stop');
    try {
      const centre = await startTestCentre(db.url);
      await open(centre.port);
      const half = await open(centre.port);
      half.write('POST /api/uplink/batches HTTP/1.1\r\nHost: centre\r\n');
      const closed = new Promise<void>((resolve) => half.on('close', () => resolve()));
      await centre.close();
      await closed;
    } finally {
      await db.drop();
    }
  });
});
