/**
 * The typed contract (issue 15): the socket handshake reads PROTOCOL_VERSION and a stale page is told to
 * reload; every HTTP route the hub serves is one of the contract's definitions, with its texts for /docs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/events';
import { ALL_ROUTES } from '../../server/protocol/routes/index';
import { hubExtensions } from '../../server/extensions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../../server/compose';
import { api, connectSocket, login, startTestHub, testConfig, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  const config = testConfig();
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
});
afterAll(async () => {
  await hub.close();
});

function refusalOf(auth: Record<string, unknown>): Promise<{ error?: string; message?: string } | 'connected'> {
  const socket = io(hub.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.on('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.on('connect_error', (error) => {
      socket.close();
      resolve((error as Error & { data?: { error?: string; message?: string } }).data ?? {});
    });
  });
}

describe('socket handshake', () => {
  it('accepts the current protocol version', async () => {
    const socket = connectSocket(hub);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    socket.close();
  });

  it('tells a page built for another version, or for none, to reload', async () => {
    for (const auth of [{ protocol: PROTOCOL_VERSION + 1 }, { protocol: 0 }, {}, { protocol: String(PROTOCOL_VERSION) }]) {
      const refusal = await refusalOf(auth);
      expect(refusal, JSON.stringify(auth)).not.toBe('connected');
      if (refusal === 'connected') continue;
      expect(refusal.error).toBe('protocol-outdated');
      expect(refusal.message).toMatch(/reload/);
    }
  });

  it('refuses a malformed handshake with a clear error', async () => {
    const refusal = await refusalOf({ protocol: PROTOCOL_VERSION, token: 42 });
    expect(refusal).not.toBe('connected');
    if (refusal !== 'connected') expect(refusal.error).toBe('invalid-request');
  });
});

describe('HTTP contract', () => {
  it('serves every route through a contract definition with a summary and a description', async () => {
    const answer = await api<{ paths: Record<string, Record<string, { summary?: string; description?: string }>> }>(hub, 'GET', '/docs/json');
    expect(answer.status).toBe(200);
    const served = Object.entries(answer.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
    const contract = new Set(ALL_ROUTES.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
    const outside = served.filter((s) => !contract.has(s.key)).map((s) => s.key);
    expect(outside, 'routes registered outside the contract').toEqual([]);
    const undocumented = served.filter((s) => !s.operation.summary || !s.operation.description).map((s) => s.key);
    expect(undocumented).toEqual([]);
    expect(served.length).toBeGreaterThan(30);
  });
});

describe('a route that answers 204 itself', () => {
  // Regression: a Fastify reply is a thenable, so `return reply.status(204).send()` in an async handler resolved
  // to undefined, and the route kit sent a second reply ("Reply was already sent", logged as an error).
  it('sends one reply and logs no error', async () => {
    const lines: string[] = [];
    const config = testConfig();
    const logged = await startHub({
      config,
      dataDir: mkdtempSync(join(tmpdir(), 'hallq-contract-')),
      host: '127.0.0.1',
      port: 0,
      logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      const token = await login(logged, 'clerk1');
      expect((await api(logged, 'POST', '/api/windows/w1/open', { token, body: {} })).status).toBe(200);
      expect((await api(logged, 'POST', '/api/windows/w1/call-next', { token, body: {} })).status).toBe(204);
      expect(lines.filter((l) => l.includes('already sent'))).toEqual([]);
    } finally {
      await logged.close();
    }
  });
});
