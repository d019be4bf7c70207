/**
 * The typed contract (issue 15): the socket handshake reads PROTOCOL_VERSION and a stale page is told to
 * reload; every HTTP route the hub serves is one of the contract's definitions, with its texts for /docs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/events';
import { ALL_ROUTES } from '../../server/protocol/routes/index';
import { Kind } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { RouteDef } from '../../server/protocol/route-map';
import { coreRoutes } from '../../server/protocol/routes/core';
import { provinceRoutes } from '../../server/protocol/routes/province';
import { UplinkBatch } from '../../server/protocol/uplink';
import { UPLINK_BATCH_EXAMPLE } from '../../server/protocol/api-examples';
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

  // Issue 20 item 9: what an integrator needs from /docs, route by route.
  it('gives every route its own description, the role it needs, a real reply schema and the Idempotency-Key header where retries are safe', async () => {
    const answer = await api<{ paths: Record<string, Record<string, Operation>> }>(hub, 'GET', '/docs/json');
    const operations = Object.entries(answer.body.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
    const byKey = new Map(operations.map((o) => [o.key, o.op]));
    const keyOf = (r: RouteDef): string => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const served = ALL_ROUTES.filter((r) => byKey.has(keyOf(r)));
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !r.description?.trim()).map(keyOf), 'routes with a summary only: write a description').toEqual([]);
    expect(operations.filter((o) => !/Who may call it: /.test(o.op.description ?? '')).map((o) => o.key), 'routes that do not say who may call them').toEqual([]);
    expect(served.filter((r) => hasUnknown(r.reply)).map(keyOf), 'replies declared as Type.Unknown: give the real schema').toEqual([]);
    const vague = operations.filter((o) => Object.entries(o.op.responses ?? {}).some(([code, r]) => code.startsWith('2') && (!r.description || r.description === 'Default Response')));
    expect(vague.map((o) => o.key), 'success responses without a description').toEqual([]);
    for (const route of served.filter((r) => r.isIdempotent)) {
      const header = byKey.get(keyOf(route))?.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
      expect(header, `${keyOf(route)} takes an Idempotency-Key`).toBeDefined();
      expect(byKey.get(keyOf(route))?.description).toContain('Idempotency-Key');
    }
    const staffSnapshot = byKey.get('GET /api/hall/staff')?.responses?.['200']?.content?.['application/json']?.schema;
    expect(JSON.stringify(staffSnapshot)).toContain('devices');
  });

  it('shows examples for the main integrator routes, each valid against its own schemas', async () => {
    const answer = await api<{ paths: Record<string, Record<string, Operation>> }>(hub, 'GET', '/docs/json');
    for (const [route, status] of [[coreRoutes.issueTicket, '201'], [provinceRoutes.attachCase, '200'], [provinceRoutes.integrationCase, '200']] as const) {
      const op = answer.body.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op?.requestBody?.content?.['application/json']?.example, route.path).toEqual(route.examples.body);
      expect(op?.responses?.[status]?.content?.['application/json']?.example, route.path).toEqual(route.examples.reply);
      expect([...Value.Errors(route.body, route.examples.body)].map((e) => `${e.path} ${e.message}`), `${route.path} body example`).toEqual([]);
      expect([...Value.Errors(route.reply, route.examples.reply)].map((e) => `${e.path} ${e.message}`), `${route.path} reply example`).toEqual([]);
    }
    expect([...Value.Errors(UplinkBatch, UPLINK_BATCH_EXAMPLE)].map((e) => `${e.path} ${e.message}`)).toEqual([]);
  });
});

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { example?: unknown; schema?: unknown }> }>;
}

/** A reply schema that says nothing: Type.Unknown or Type.Any anywhere in it. */
function hasUnknown(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const kind = (schema as Record<symbol, unknown>)[Kind];
  return kind === 'Unknown' || kind === 'Any' || Object.values(schema).some(hasUnknown);
}

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
