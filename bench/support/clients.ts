/** Load-generator clients: HTTP (fetch, keep-alive) and socket.io, always against 127.0.0.1. */
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

export async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<Answer<T>> {
  assertLocal(base);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
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
  const response = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await response.arrayBuffer();
  return { status: response.status, body: body.byteLength };
}
