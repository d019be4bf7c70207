/**
 * Bounds on socket.io connections (issue 21): a cap on live connections per client address, checked at the
 * engine handshake, and (with `tls:` and `plainHttp: public-only`) no signed-in or device socket over plain
 * HTTP. How long a connection may stay without completing the hallq handshake is socket.io's `connectTimeout`.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import type { HttpSettings } from '../../network-config';
import type { ErrorBody } from '../../protocol/errors';
import { clientAddress, isLoopback } from '../http/server-limits';
import { isEncrypted } from '../http/plain-http';

interface EngineSocket {
  readonly request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}

export class SocketsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(private readonly settings: HttpSettings) {}

  /**
   * engine.io's `allowRequest`: called for every new connection's first request (polling or websocket). Counted
   * once the connection is open, so handshakes racing in the same instant may pass together; each still needs a
   * TCP connection, which connectionsPerAddress bounds.
   */
  readonly allowRequest = (request: IncomingMessage, answer: (error: string | null | undefined, isAllowed: boolean) => void): void => {
    const address = clientAddress(request.socket.remoteAddress);
    if (this.isExempt(address) || (this.open.get(address) ?? 0) < this.settings.socketsPerAddress) return answer(null, true);
    answer(`Too many live connections from this address (${this.settings.socketsPerAddress}). Close other hallq pages on this device, then reload.`, false);
  };

  /** Counts the engine's connections until they close. */
  watch(engine: { on(event: 'connection', listener: (socket: EngineSocket) => void): unknown }): void {
    engine.on('connection', (socket) => {
      const address = clientAddress(socket.request.socket.remoteAddress);
      if (this.isExempt(address)) return;
      this.open.set(address, (this.open.get(address) ?? 0) + 1);
      socket.once('close', () => {
        const left = (this.open.get(address) ?? 1) - 1;
        if (left > 0) this.open.set(address, left);
        else this.open.delete(address);
      });
    });
  }

  private isExempt(address: string): boolean {
    return this.settings.exemptLoopback && isLoopback(address);
  }
}

/** With `public-only`, a socket that came over plain HTTP may only be a public one (display, kiosk screen list). */
export function refusePlainCredentials(io: Server, mode: HttpSettings['plainHttp']): void {
  if (mode === 'on') return;
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (isEncrypted(socket.request) || typeof token !== 'string' || token.length === 0) return next();
    const body: ErrorBody = { error: 'tls-required', message: 'Signed-in and device connections must use the hub’s https:// address.' };
    next(Object.assign(new Error(body.message), { data: body }));
  });
}
