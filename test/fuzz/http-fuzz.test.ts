/**
 * HTTP fuzz (issue #7): thousands of malformed, oversized and wrong-typed requests to every route, with
 * every kind of credential. Each must be answered 4xx with `{ error, message }` from the error vocabulary —
 * no 5xx, no stack, no crash — and the hall must be exactly as before. Every request is built to be invalid
 * (bad JSON, not an object, too large, or an unknown field that every body schema forbids), so a 2xx is a bug.
 * Raw garbage on the TCP port and connections dropped mid-request must not take the hub down either.
 */
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/protocol/errors';
import { WINDOW_VERBS } from '../../server/protocol/http';
import { api, KIOSK_TOKEN, login, openWindow, seedVisits, startTestHub, type TestHub, unlimitedConfig } from '../support/hub';
import { stateOf } from './state';

const REQUESTS = Number(process.env.HALLQ_FUZZ_REQUESTS ?? 3000);
const SEED = Number(process.env.HALLQ_FUZZ_SEED ?? 7);

let hub: TestHub;
const tokens: Record<string, string | undefined> = { none: undefined, garbage: 'not-a-real-token-at-all', kiosk: KIOSK_TOKEN };
let trackToken = '';
let ticketId = '';

beforeAll(async () => {
  // Flood limits high, so the fuzz reaches validation instead of stopping at 429 (limits have their own tests).
  hub = await startTestHub({
    config: unlimitedConfig(),
  });
  tokens.clerk = await openWindow(hub, 'clerk1', 'w1');
  tokens.otherClerk = await login(hub, 'clerk2');
  tokens.admin = await login(hub, 'manager');
  // Something to aim at: a finished ticket (ratable), a called one, people waiting.
  ({ trackToken, ticketId } = await seedVisits(hub, tokens.clerk, 3));
});
afterAll(() => hub.dispose());

interface Route {
  method: 'GET' | 'POST';
  path: (param: string) => string;
  /** Logout acts on a valid token with any body: only garbage credentials are sent there. */
  isLogout?: boolean;
}

const ROUTES: Route[] = [
  { method: 'POST', path: () => '/api/auth/login' },
  { method: 'POST', path: () => '/api/auth/logout', isLogout: true },
  { method: 'GET', path: () => '/api/auth/me' },
  { method: 'GET', path: () => '/api/services' },
  { method: 'GET', path: () => '/api/windows' },
  { method: 'GET', path: () => '/api/hall' },
  { method: 'GET', path: () => '/api/hall/staff' },
  { method: 'POST', path: () => '/api/tickets' },
  { method: 'GET', path: (p) => `/api/tickets/${p}` },
  { method: 'GET', path: (p) => `/api/track/${p}` },
  { method: 'POST', path: (p) => `/api/track/${p}/rating` },
  ...WINDOW_VERBS.map((verb): Route => ({ method: 'POST', path: (p) => `/api/windows/${p}/${verb}` })),
  { method: 'GET', path: (p) => `/api/${p}` },
];

const params = fc.oneof(
  fc.constantFrom('w1', 'w2', 'w9', () => trackToken, () => ticketId, '..%2F..%2Fetc%2Fpasswd', '%00', '%E4%BD%A0%E5%A5%BD', 'a'.repeat(300), '%', '%zz', '<script>'),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'),
).map((p) => (typeof p === 'function' ? p() : p));

/** An object that no body schema accepts: every schema is closed (additionalProperties: false). */
const hostileObject = fc.record({
  fields: fc.dictionary(fc.constantFrom('serviceId', 'score', 'username', 'password', 'ticketId', 'reason', 'minutes', 'toWindowId', 'enabled', 'tags', 'priority', 'idempotencyKey', 'comment'), fc.anything(), { maxKeys: 5 }),
  extra: fc.constantFrom('__proto__', 'constructor', 'x-fuzz', 'idNumber ', '$where', ''),
  value: fc.anything(),
}).map(({ fields, extra, value }) => `{${[...Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null) ?? 'null'}`), `${JSON.stringify(extra)}:${JSON.stringify(value ?? null) ?? 'null'}`].join(',')}}`);

const body = fc.oneof(
  hostileObject,
  fc.constantFrom('{', '{"serviceId":', 'null', '[]', '"A"', '42', 'true', '{"a":1}{"b":2}', '\u0000', '{"serviceId":"A",}', ''),
  fc.anything().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v) ?? 'undefined'),
  fc.constant(JSON.stringify({ serviceId: 'A', pad: 'x'.repeat(70 * 1024) })),
  fc.nat(40).map((depth) => '['.repeat(depth * 200) + ']'.repeat(depth * 200)),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  param: params,
  who: fc.constantFrom('none', 'garbage', 'kiosk', 'clerk', 'otherClerk', 'admin'),
  authForm: fc.constantFrom('bearer', 'bearer', 'basic', 'empty', 'twice'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', undefined),
  idempotencyKey: fc.option(fc.constantFrom('short', 'has space in it', 'x'.repeat(200), 'valid-key-123456', '../../../'), { nil: undefined }),
  body,
});

describe(`HTTP fuzz (seed ${SEED})`, () => {
  it(`answers ${REQUESTS} malformed requests with 4xx and a clear message, and changes nothing`, async () => {
    const before = await stateOf(hub);
    const statuses = new Map<number, number>();
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
    for (let i = 0; i < samples.length; i += 25) {
      await Promise.all(
        samples.slice(i, i + 25).map(async (r) => {
          const headers: Record<string, string> = {};
          const token = r.route.isLogout && r.who !== 'none' ? tokens.garbage : tokens[r.who];
          if (token) {
            headers.authorization = { bearer: `Bearer ${token}`, basic: `Basic ${token}`, empty: 'Bearer ', twice: `Bearer ${token} ${token}` }[r.authForm] ?? '';
          }
          if (r.contentType && r.route.method === 'POST') headers['content-type'] = r.contentType;
          if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
          const path = r.route.path(r.param);
          const response = await fetch(hub.url + path, { method: r.route.method, headers, body: r.route.method === 'POST' ? r.body : undefined });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${r.route.method} ${path.slice(0, 80)} as ${r.who} → ${response.status} ${text.slice(0, 200)}`;
          // Logout without a valid session has nothing to undo and says so with 204; the state check still applies.
          if (r.route.isLogout && response.status === 204) return;
          if (r.route.method === 'POST') expect(response.status >= 400 && response.status < 500, what).toBe(true);
          else expect(response.status < 500, what).toBe(true);
          if (response.status >= 400) {
            const reply = JSON.parse(text) as { error: unknown; message: unknown };
            expect(Object.hasOwn(ERROR_STATUS, String(reply.error)), what).toBe(true);
            expect(typeof reply.message === 'string' && reply.message.length > 0, what).toBe(true);
            expect(String(reply.message), what).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules/);
          }
        }),
      );
    }
    expect(await stateOf(hub)).toEqual(before);
    process.stdout.write(`http fuzz (seed ${SEED}): ${samples.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 180_000);

  it('survives raw garbage, half requests and dropped connections on its port', async () => {
    const before = await stateOf(hub);
    const { port } = new URL(hub.url);
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { numRuns: 200, seed: SEED });
    const halves = ['POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"serv', 'GET /api/hall HTTP/1.1\r\n', 'POST /api/tickets HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n'];
    await Promise.all(
      [...garbage.map((g) => Buffer.from(g)), ...halves.map((h) => Buffer.from(h))].map(
        (bytes, i) =>
          new Promise<void>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => {
              socket.write(bytes);
              // Some hang up at once, some linger: a device vanishing mid-sentence.
              setTimeout(() => socket.destroy(), i % 3 === 0 ? 0 : 50);
            });
            socket.on('error', () => resolve());
            socket.on('close', () => resolve());
          }),
      ),
    );
    expect((await api(hub, 'GET', '/api/hall')).status).toBe(200);
    expect(await stateOf(hub)).toEqual(before);
  });
});
