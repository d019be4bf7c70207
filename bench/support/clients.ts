/**
 * Load-generator clients: HTTP through undici (the HTTP client behind Node's fetch, without fetch's
 * per-request overhead) and socket.io, always against 127.0.0.1. The figures time the hub, so the client's
 * own cost per request is kept small: with fetch it was as large as the hub's HTTP handling.
 */
import { newIdempotencyKey } from '../../ui-client/hub-client';
import { Client, request as undiciRequest } from 'undici';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../../server/protocol/events';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`the bench only loads 127.0.0.1, not ${host}`);
}

function authHeaders(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

export async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<Answer<T>> {
  assertLocal(base);
  const response = await undiciRequest(base + path, { method: 'POST', headers: authHeaders(token), body: JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * One kiosk: one keep-alive connection, one request at a time, each with a fresh Idempotency-Key as
 * kiosk-ui sends it (so the hub stores each reply for retries, as in the hall).
 */
export class KioskClient {
  private readonly client: Client;

  constructor(
    base: string,
    private readonly token: string,
  ) {
    assertLocal(base);
    this.client = new Client(base);
  }

  async issue<T>(body: unknown): Promise<Answer<T>> {
    const response = await this.client.request({
      path: '/api/tickets',
      method: 'POST',
      headers: authHeaders(this.token, { 'idempotency-key': newIdempotencyKey() }),
      body: JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as T };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export async function loginAs(base: string, username: string, password: string): Promise<string> {
  const answer = await post<{ token: string }>(base, '/api/auth/login', { username, password });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status}`);
  return answer.body.token;
}

export function connect(base: string, token?: string): Promise<BenchSocket> {
  assertLocal(base);
  const socket: BenchSocket = io(base, { auth: { protocol: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Emits a command with an ack and resolves with the ack; a lost ack fails the figure instead of hanging the bench. */
export function request<T>(socket: BenchSocket, event: keyof ClientToServerEvents, payload: unknown, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${String(event)} within ${timeoutMs} ms (connected: ${socket.connected})`)), timeoutMs);
    (socket.emit as (e: string, p: unknown, ack: (r: T) => void) => void)(event, payload, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/** Connects `count` sockets a few at a time (a burst of 500 handshakes would measure the handshake). */
export async function connectMany(base: string, count: number, token?: string): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < count; i += 25) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => connect(base, token)))));
  }
  return sockets;
}

/** GET with a bearer token; the body is read to the end (a download is timed whole) and only its size kept. */
export async function getBytes(base: string, path: string, token?: string): Promise<Answer<number>> {
  assertLocal(base);
  const response = await undiciRequest(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await response.body.arrayBuffer();
  return { status: response.statusCode, body: body.byteLength };
}
