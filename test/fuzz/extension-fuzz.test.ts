/**
 * HTTP fuzz of the extensions' routes (issue #7): the kiosk, window-device and manager routes of a hub started
 * with `hubExtensions(config)`, with every credential (none, garbage, kiosk, rating pad, two clerks, a manager,
 * an admin): broken JSON, non-objects, closed-schema violations (every body carries a field no schema has),
 * oversized bodies, wrong content types, hostile path parameters and malformed querystrings (impossible dates,
 * reversed and huge ranges, repeated and prototype keys). Commands must be answered 4xx with `{ error, message }`
 * from the vocabulary, reads anything but 5xx; the hub stays up and the hall, the extensions' tables and the
 * backups folder are exactly as before.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/protocol/errors';
import { hubExtensions } from '../../server/extensions';
import { hashPassword } from '../../server/app/passwords';
import { api, KIOSK_TOKEN, login, openWindow, seedVisits, startTestHub, type TestHub, unlimitedConfig } from '../support/hub';
import { stateOf } from './state';

const REQUESTS = Number(process.env.HALLQ_EXT_FUZZ_REQUESTS ?? 2500);
const SEED = Number(process.env.HALLQ_FUZZ_SEED ?? 7);

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Route {
  readonly method: Method;
  readonly path: (param: string) => string;
  /** Reads with a querystring: the fuzz appends a hostile one. */
  readonly hasQuery?: boolean;
}

let hub: TestHub;
const tokens: Record<string, string | undefined> = { none: undefined, garbage: 'not-a-real-token-at-all', kiosk: KIOSK_TOKEN, pad: 'demo-pad-1' };
let trackToken = '';
let ticketId = '';

beforeAll(async () => {
  const config = unlimitedConfig();
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
  hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr', name: '经理', role: 'manager', passwordHash: await hashPassword('mgr-password-1') });
  tokens.clerk = await openWindow(hub, 'clerk1', 'w1');
  tokens.otherClerk = await login(hub, 'clerk2');
  tokens.manager = await login(hub, 'mgr', 'mgr-password-1');
  tokens.admin = await login(hub, 'manager');
  ({ trackToken, ticketId } = await seedVisits(hub, tokens.clerk, 2));
}, 60_000);
afterAll(() => hub.dispose());

const r = (method: Method, path: (p: string) => string, hasQuery = false): Route => ({ method, path, hasQuery });
const ROUTES: Route[] = [
  r('GET', () => '/api/kiosk/config'),
  r('GET', () => '/api/kiosk/identity'),
  r('DELETE', () => '/api/kiosk/identity'),
  r('GET', (p) => `/api/appointments/${p}`),
  r('POST', () => '/api/appointments'),
  r('POST', () => '/api/appointments/import'),
  r('POST', (p) => `/api/demo/kiosks/${p}/card`),
  r('GET', (p) => `/api/windows/${p}/today`),
  r('GET', (p) => `/api/windows/${p}/rating-pad`),
  r('POST', (p) => `/api/windows/${p}/rating-pad`),
  r('POST', (p) => `/api/demo/windows/${p}/keypad`),
  r('POST', (p) => `/api/demo/windows/${p}/caller`),
  r('GET', (p) => `/api/demo/windows/${p}/strip`),
  r('GET', () => '/api/manager/live'),
  r('GET', () => '/api/manager/charts'),
  r('GET', () => '/api/alerts', true),
  r('POST', () => '/api/alerts/evaluate'),
  r('POST', (p) => `/api/alerts/${p}/acknowledge`),
  r('GET', () => '/api/followups', true),
  r('POST', (p) => `/api/followups/${p}/record`),
  r('POST', (p) => `/api/followups/${p}/appeal`),
  r('POST', (p) => `/api/followups/${p}/appeal/decision`),
  r('GET', () => '/api/reports', true),
  r('GET', () => '/api/ratings/export', true),
  r('POST', () => '/api/manager/province/send-now'),
  r('GET', () => '/api/ratings/satisfaction', true),
  r('GET', () => '/api/ratings/ranking', true),
  ...['layout', 'notices', 'staff', 'holidays', 'settings', 'devices', 'backups'].map((part) => r('GET', () => `/api/admin/${part}`)),
  ...['layout', 'notices', 'holidays', 'settings'].map((part) => r('PUT', () => `/api/admin/${part}`)),
  r('PUT', (p) => `/api/admin/staff/${p}`),
  r('POST', (p) => `/api/admin/staff/${p}/password`),
  r('POST', () => '/api/admin/backups'),
  r('GET', (p) => `/api/admin/backups/${p}`),
];

const params = fc.oneof(
  fc.constantFrom('w1', 'w2', 'w9', 'kiosk1', 'manager', 'clerk1', 'hallq-2026-11-27.db', '..%2F..%2Fhallq.db', '%2E%2E', () => trackToken, () => ticketId, '%00', '%E4%BD%A0', 'a'.repeat(300), '%', '%zz', '<script>', '__proto__', 'constructor'),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'),
).map((p) => (typeof p === 'function' ? p() : p));

const queries = fc.oneof(
  fc.constantFrom(
    '', '?', '?from=2026-02-30&to=2026-02-31', '?from=2026-13-45&to=2026-99-99', '?from=2026-11-27&to=2026-01-01', '?from=0000-00-00&to=9999-12-31',
    '?from=0001-01-01&to=9999-12-31&format=xlsx', '?from=2026-11-27&to=2026-11-27&format=pdf', '?days=-1', '?days=1e309', '?days=0x10', '?days=401',
    '?scope=open&scope=recent', '?scope[]=open', '?__proto__[x]=1', '?constructor[prototype][x]=1', '?quarter=2026-Q9', '?quarter=0000-Q1', '?quarter=99999-Q1',
    '?by=window&period=year&from=2026-11-01&to=2026-11-27', '?by=x&period=day&from=2026-11-01&to=2026-11-27', '?by=clerk&period=quarter&from=1970-01-01&to=9999-12-31',
    `?from=${'9'.repeat(5000)}`, '?%zz=1', '?from=%E4%BD%A0&to=%00',
  ),
  fc.dictionary(fc.constantFrom('from', 'to', 'format', 'days', 'scope', 'by', 'period', 'quarter', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 5 }).map((d) => `?${new URLSearchParams(d).toString()}`),
);

const FIELDS = ['code', 'serviceId', 'slotStart', 'slotEnd', 'idNumber', 'name', 'person', 'level', 'reasons', 'key', 'number', 'score', 'tags', 'note', 'step', 'at', 'reason', 'decision', 'from', 'to', 'notices', 'holidays', 'workdays', 'followupWorkingDays', 'pauseLimitMinutes', 'services', 'windows', 'role', 'password', 'isDisabled', 'idempotencyKey'];
/** An object no body schema accepts: every one is closed (additionalProperties: false), so the extra key is refused. */
const hostileObject = fc.record({
  fields: fc.dictionary(fc.constantFrom(...FIELDS), fc.anything(), { maxKeys: 6 }),
  extra: fc.constantFrom('__proto__', 'constructor', 'x-fuzz', 'name ', '$where', ''),
  value: fc.anything(),
}).map(({ fields, extra, value }) => `{${[...Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null) ?? 'null'}`), `${JSON.stringify(extra)}:${JSON.stringify(value ?? null) ?? 'null'}`].join(',')}}`);

const body = fc.oneof(
  hostileObject,
  fc.constantFrom('{', '{"note":', 'null', '[]', '"A"', '42', 'true', '{"a":1}{"b":2}', '\u0000', '{"note":"x",}', ''),
  fc.anything().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v) ?? 'undefined'),
  fc.constant(JSON.stringify({ notices: ['x'.repeat(70 * 1024)] })),
  fc.nat(40).map((depth) => '['.repeat(depth * 200) + ']'.repeat(depth * 200)),
  // CSV for the import: always at least one line that no appointment passes (all-or-nothing import).
  fc.string({ maxLength: 300 }).map((s) => `${s}\nbad-row,,,\n`),
  fc.constant(`code,serviceId,slotStart,slotEnd\n${'X1,A,2026-11-27 09:00,2026-11-27 09:30\n'.repeat(1)}bad\n${'y'.repeat(1100 * 1024)}`),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  param: params,
  query: queries,
  who: fc.constantFrom('none', 'garbage', 'kiosk', 'pad', 'clerk', 'otherClerk', 'manager', 'admin', 'manager', 'admin'),
  authForm: fc.constantFrom('bearer', 'bearer', 'bearer', 'basic', 'empty'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', undefined),
  idempotencyKey: fc.option(fc.constantFrom('short', 'x'.repeat(200), 'valid-key-123456'), { nil: undefined }),
  body,
});

const backupFiles = (): string[] => readdirSync(join(hub.dataDir, 'backups')).sort();

describe(`HTTP fuzz of the extensions' routes (seed ${SEED})`, () => {
  it(`answers ${REQUESTS} malformed requests with 4xx and a clear message, and changes nothing`, async () => {
    const before = { state: await stateOf(hub), backups: backupFiles() };
    const statuses = new Map<number, number>();
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
    for (let i = 0; i < samples.length; i += 25) {
      await Promise.all(
        samples.slice(i, i + 25).map(async (s) => {
          const headers: Record<string, string> = {};
          const token = tokens[s.who];
          if (token) headers.authorization = { bearer: `Bearer ${token}`, basic: `Basic ${token}`, empty: 'Bearer ' }[s.authForm] ?? '';
          const hasBody = s.route.method === 'POST' || s.route.method === 'PUT' || (s.route.method === 'DELETE' && s.body !== '');
          if (s.contentType && hasBody) headers['content-type'] = s.contentType;
          if (s.idempotencyKey) headers['idempotency-key'] = s.idempotencyKey;
          const path = s.route.path(s.param) + (s.route.hasQuery || s.route.method === 'GET' ? s.query : '');
          const response = await fetch(hub.url + path, { method: s.route.method, headers, body: hasBody ? s.body : undefined });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${s.route.method} ${path.slice(0, 100)} as ${s.who} → ${response.status} ${text.slice(0, 200)}`;
          // Clearing the kiosk's pending card acts on the kiosk's token and needs no body: 204 is its answer.
          if (s.route.method === 'DELETE' && s.who === 'kiosk' && response.status === 204) return;
          if (s.route.method === 'GET') expect(response.status < 500, what).toBe(true);
          else expect(response.status >= 400 && response.status < 500, what).toBe(true);
          if (response.status >= 400) {
            const reply = JSON.parse(text) as { error: unknown; message: unknown };
            expect(Object.hasOwn(ERROR_STATUS, String(reply.error)), what).toBe(true);
            expect(typeof reply.message === 'string' && reply.message.length > 0, what).toBe(true);
            expect(String(reply.message), what).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules/);
          }
        }),
      );
    }
    expect((await api(hub, 'GET', '/api/hall')).status).toBe(200);
    expect({ state: await stateOf(hub), backups: backupFiles() }).toEqual(before);
    process.stdout.write(`extension http fuzz (seed ${SEED}): ${samples.length} requests on ${ROUTES.length} routes, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`);
  }, 120_000);
});
