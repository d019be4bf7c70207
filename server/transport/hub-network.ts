/**
 * How the hub meets the network (docs/deploy.md, "Connections and TLS"): HTTP or HTTPS with the bounds of
 * `http:`, the socket.io caps, and the optional plain listener next to HTTPS. compose.ts hands these pieces to
 * buildHttp and attachRealtime and listens through here, so the composition root stays a list of parts.
 */
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { Config } from '../config';
import { DEFAULT_HTTP, type HttpSettings } from '../network-config';
import { readTlsMaterial, type TlsMaterial } from './http/server-limits';
import { createPlainListener, locationOn } from './http/plain-http';
import { refusePlainCredentials, SocketsPerAddress } from './realtime/socket-limits';

export interface HubNetwork {
  readonly scheme: 'http' | 'https';
  /** For buildHttp. */
  readonly http: { readonly settings: HttpSettings; readonly tls?: TlsMaterial; readonly httpsPort: () => number };
  /** For attachRealtime. */
  readonly engine: { readonly allowRequest: SocketsPerAddress['allowRequest']; readonly connectTimeout: number };
  /** The base of links given to visitors (ticket QR codes) when hall.publicUrl is not set. */
  publicUrl(requestHost: string | undefined): string;
  /** Starts counting sockets, listens (and opens the plain listener if configured); the port and a local URL. */
  listen(app: FastifyInstance, io: Server, host: string, port: number): Promise<{ port: number; url: string; plainPort?: number }>;
  /** Closes the plain listener (the app and socket.io are closed by their owners). */
  close(): Promise<void>;
}

export function hubNetwork(config: Config): HubNetwork {
  const settings = config.http ?? DEFAULT_HTTP;
  // Read once at start: a missing or unreadable file stops the start with a sentence (main.ts prints it).
  const tls = config.tls ? readTlsMaterial(config.tls) : undefined;
  const sockets = new SocketsPerAddress(settings);
  let httpsPort = 0;
  let plainPort: number | undefined;
  let plain: HttpServer | undefined;
  return {
    scheme: tls ? 'https' : 'http',
    http: { settings, ...(tls ? { tls } : {}), httpsPort: () => httpsPort },
    engine: { allowRequest: sockets.allowRequest, connectTimeout: settings.handshakeTimeoutSeconds * 1000 },
    publicUrl(requestHost) {
      const host = requestHost ?? 'localhost';
      if (!tls) return `http://${host}`;
      // Visitors' phones do not trust the hall CA: their links stay on plain HTTP when public pages are served there.
      if (plainPort !== undefined && settings.plainHttp !== 'off') return locationOn('http', host, plainPort, '');
      return locationOn('https', host, httpsPort, '');
    },
    async listen(app, io, host, port) {
      sockets.watch(io.engine);
      if (tls) refusePlainCredentials(io, settings.plainHttp);
      await app.listen({ host, port });
      httpsPort = (app.server.address() as AddressInfo).port;
      if (tls && settings.plainPort !== undefined) {
        const listener = createPlainListener(app.server, settings, () => httpsPort);
        await new Promise<void>((resolve, reject) => {
          listener.once('error', reject);
          listener.listen(settings.plainPort, host, () => resolve());
        });
        plain = listener;
        plainPort = (listener.address() as AddressInfo).port;
      }
      return { port: httpsPort, url: `${tls ? 'https' : 'http'}://127.0.0.1:${httpsPort}`, ...(plainPort !== undefined ? { plainPort } : {}) };
    },
    async close() {
      const listener = plain;
      if (!listener) return;
      listener.closeAllConnections();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
