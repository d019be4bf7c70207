/** `/healthz` and `/readyz` on a real hub: what a monitor sees when the hall is fine and when its disk fails. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestHub, type TestHub } from '../support/hub';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('health endpoints', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('/healthz answers with the version and uptime, without a token', async () => {
    const answer = await api<{ status: string; version: string; uptimeSeconds: number }>(hub, 'GET', '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ok', version });
    expect(answer.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('/readyz is 200 with a device summary while the database can be written', async () => {
    const answer = await api<{ isReady: boolean; database: { isWritable: boolean }; disk: { freeBytes?: number }; devices: { total: number } }>(hub, 'GET', '/readyz');
    expect(answer.status).toBe(200);
    expect(answer.body.isReady).toBe(true);
    expect(answer.body.database.isWritable).toBe(true);
    expect(answer.body.disk.freeBytes).toBeGreaterThan(0);
    expect(answer.body.devices.total).toBe(hub.hub.ports.devices.devices.size);
  });

  it('/readyz is 503 with a sentence while the disk is full, and 200 again once it can write', async () => {
    const storage = hub.hub.ports.storage;
    storage.noteFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    const down = await api<{ error: string; message: string }>(hub, 'GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.body.error).toBe('storage-unavailable');
    expect(down.body.message).toMatch(/disk is full/);
    expect((await api(hub, 'GET', '/healthz')).status).toBe(200);
    storage.noteWritable();
    expect((await api(hub, 'GET', '/readyz')).status).toBe(200);
  });
});
