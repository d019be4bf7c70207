/**
 * Starts a real hub for a test: a fresh SQLite file in a temporary directory, a real Fastify server on an
 * ephemeral port, real socket.io. Optionally a controlled clock and a custom configuration.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import type { HallConfigFile } from '../../server/config-schema';
import { startHub, type HubExtension, type RunningHub } from '../../server/compose';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/events';
import { PROTOCOL_VERSION } from '../../server/protocol/events';
import type { IssuedTicket, KioskIssuedTicket } from '../../server/protocol/http';

export class TestClock {
  constructor(public current = Date.parse('2026-11-27T01:00:00Z')) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface TestHub extends RunningHub {
  readonly dataDir: string;
  readonly clock?: TestClock;
  /** Stops the hub and deletes its data directory. */
  dispose(): Promise<void>;
  /** Stops the hub but keeps the data, for restart tests. */
  stop(): Promise<void>;
}

export function testConfig(edit?: (file: HallConfigFile) => void, options: { isDemo?: boolean } = { isDemo: true }): Config {
  const file = demoConfigFile();
  edit?.(file);
  const result = loadConfig(file, options);
  if (!result.ok) throw new Error(`bad test config: ${JSON.stringify(result.problems)}`);
  return result.config;
}

/** The demo config with the flood limits lifted: tests that fire many requests from one address or kiosk. */
export function unlimitedConfig(edit?: (file: HallConfigFile) => void): Config {
  return testConfig((file) => {
    file.policy = { ...file.policy!, ticketsPerMinutePerKiosk: 100_000, loginsPerMinute: 100_000 };
    edit?.(file);
  });
}

export async function startTestHub(
  options: { config?: Config; clock?: TestClock; dataDir?: string; extensions?: HubExtension[]; uiDir?: string; port?: number } = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hallq-test-'));
  const running = await startHub({
    config: options.config ?? testConfig(),
    dataDir,
    clock: options.clock,
    host: '127.0.0.1',
    port: options.port ?? 0,
    extensions: options.extensions,
    uiDir: options.uiDir ?? process.env.HALLQ_UI_DIR,
  });
  return {
    ...running,
    dataDir,
    clock: options.clock,
    stop: () => running.close(),
    dispose: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A thin HTTP client for tests: JSON in, JSON out, status kept. */
export async function api<T = unknown>(
  hub: { url: string },
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(hub.url + path, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body: body as T };
}

export const KIOSK_TOKEN = 'demo-kiosk-token';
export const DEMO_PASSWORD = 'demo1234';

export async function login(hub: { url: string }, username: string, password = DEMO_PASSWORD): Promise<string> {
  const answer = await api<{ token: string }>(hub, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** Signs a clerk in and opens their window; returns the session token. */
export async function openWindow(hub: { url: string }, username: string, windowId: string): Promise<string> {
  const token = await login(hub, username);
  const answer = await api(hub, 'POST', `/api/windows/${windowId}/open`, { token, body: {} });
  if (answer.status !== 200) throw new Error(`open ${windowId} failed: ${JSON.stringify(answer.body)}`);
  return token;
}

/** Issues a ticket as the demo kiosk: the one client whose reply carries the visitor's track token and link. */
export async function issue(hub: { url: string }, serviceId: string, extra: Record<string, unknown> = {}): Promise<KioskIssuedTicket> {
  const answer = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId, ...extra } });
  if (answer.status !== 201) throw new Error(`issue ${serviceId} failed: ${JSON.stringify(answer.body)}`);
  const { trackToken, trackUrl } = answer.body;
  if (trackToken === undefined || trackUrl === undefined) throw new Error(`issue ${serviceId}: the kiosk's reply has no track link`);
  return { ...answer.body, trackToken, trackUrl };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(hub: { url: string }, token?: string): TestSocket {
  return io(hub.url, { auth: { protocol: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function once<T>(socket: TestSocket, event: keyof ServerToClientEvents, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event as 'hub:events', ((payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}

/**
 * Something for a test to aim at: one finished visit at w1 (ratable by its track token), then `waiting`
 * more tickets of service A with the first of them called at w1. `clerkToken` must hold window w1.
 */
export async function seedVisits(hub: { url: string }, clerkToken: string, waiting: number): Promise<{ trackToken: string; ticketId: string }> {
  const first = await issue(hub, 'A');
  await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerkToken, body: {} });
  await api(hub, 'POST', '/api/windows/w1/finish', { token: clerkToken, body: {} });
  for (let i = 0; i < waiting; i++) await issue(hub, 'A');
  await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerkToken, body: {} });
  return { trackToken: first.trackToken, ticketId: first.id };
}

/** Polls `condition` every 25 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function emitAck<T = unknown>(socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: T) => void) => void)(event, payload, resolve));
}
