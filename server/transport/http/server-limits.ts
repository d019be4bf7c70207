/**
 * The hub's HTTP(S) server with bounds (issue 21): header, body and idle timeouts, a cap on open connections per
 * client address and in all, and a cap on requests in progress per address. Without them silent connections and
 * bodies trickled a byte at a time stayed open for minutes, and about 1,000 of them used up the process's file
 * descriptors so that new kiosks could not connect.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Server as NetServer, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../protocol/errors';
import type { HttpSettings, TlsSettings } from '../../network-config';

/** The certificate and key themselves (PEM), read from the files `tls:` names. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string;
}

export function readTlsMaterial(tls: TlsSettings): TlsMaterial {
  const read = (path: string, what: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`the TLS ${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check tls: in the hall configuration, or make the files with \`hallq cert\`.`);
    }
  };
  return { cert: read(tls.cert, 'certificate'), key: read(tls.key, 'key'), ...(tls.ca ? { ca: read(tls.ca, 'CA file') } : {}) };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Node's own timeouts, for the HTTPS server and the plain listener alike. */
function serverOptions(settings: HttpSettings): http.ServerOptions {
  return {
    headersTimeout: settings.headersTimeoutSeconds * 1000,
    requestTimeout: settings.requestTimeoutSeconds * 1000,
    keepAliveTimeout: settings.keepAliveTimeoutSeconds * 1000,
    // Node checks the two timeouts above only this often (30 s by default): a slow body would outlive them.
    connectionsCheckingInterval: 1000,
  };
}

/** An HTTP server (or HTTPS, with `tls`) with the timeouts and caps of `settings`; Fastify's serverFactory. */
export function createHubServer(settings: HttpSettings, tls: TlsMaterial | undefined, handler: Handler): http.Server {
  const options = serverOptions(settings);
  const server = tls ? createHttpsServer(options, settings, tls, handler) : http.createServer(options, handler);
  bound(server, settings, Boolean(tls));
  // https.Server has every http.Server member Fastify and socket.io use; the types differ only in TLS extras.
  return server as unknown as http.Server;
}

function createHttpsServer(options: http.ServerOptions, settings: HttpSettings, tls: TlsMaterial, handler: Handler): https.Server {
  try {
    // A silent client would otherwise hold a TLS handshake open for Node's default 120 s.
    return https.createServer({ ...options, cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}), handshakeTimeout: settings.headersTimeoutSeconds * 1000 }, handler);
  } catch (error) {
    throw new Error(`the TLS certificate and key cannot be used (${(error as Error).message}). Check that tls.key is the key of tls.cert, or run \`hallq cert\` again.`);
  }
}

/** A plain HTTP server with the same bounds, for the listener next to HTTPS (plain-http.ts). */
export function createPlainServer(settings: HttpSettings, handler: Handler): http.Server {
  const server = http.createServer(serverOptions(settings), handler);
  bound(server, settings, false);
  return server;
}

function bound(server: http.Server | https.Server, settings: HttpSettings, isTls: boolean): void {
  server.timeout = settings.idleTimeoutSeconds * 1000;
  server.maxConnections = settings.maxConnections;
  limitConnectionsPerAddress(server, settings, isTls);
}

/** `::ffff:10.0.0.5` and `10.0.0.5` are one client. */
export function clientAddress(address: string | undefined): string {
  const text = address ?? 'unknown';
  return text.startsWith('::ffff:') ? text.slice(7) : text;
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

const REFUSED_CONNECTION: ErrorBody = {
  error: 'rate-limited',
  message: 'Too many open connections from this address. Close other tabs or programs connected to the hub, then try again.',
};

/** Counts open connections by address; one past the cap is answered 503 (plain HTTP) or simply closed (TLS). */
function limitConnectionsPerAddress(server: NetServer, settings: HttpSettings, isTls: boolean): void {
  const open = new Map<string, number>();
  const refusal = JSON.stringify(REFUSED_CONNECTION);
  const raw = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(refusal)}\r\nretry-after: 5\r\nconnection: close\r\n\r\n${refusal}`;
  // Before Node's own listener: a refused connection never reaches the HTTP parser.
  server.prependListener('connection', (socket: Socket) => {
    const address = clientAddress(socket.remoteAddress);
    if (settings.exemptLoopback && isLoopback(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > settings.connectionsPerAddress) {
      // Plain HTTP can still say why; on TLS there is no handshake yet to say it in.
      if (!isTls) socket.write(raw);
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Requests in progress per address, over the cap: 429 with a sentence. Counted until the response closes. */
export function limitRequestsInFlight(app: FastifyInstance, settings: HttpSettings): void {
  const inFlight = new Map<string, number>();
  const body: ErrorBody = {
    error: 'rate-limited',
    message: `Too many requests at once from this address (more than ${settings.requestsPerAddress} in progress). Wait a few seconds and try again.`,
  };
  app.addHook('onRequest', (request, reply, done) => {
    const address = clientAddress(request.raw.socket.remoteAddress);
    if (settings.exemptLoopback && isLoopback(address)) return done();
    const count = (inFlight.get(address) ?? 0) + 1;
    if (count > settings.requestsPerAddress) {
      void reply.status(429).header('retry-after', '2').send(body);
      return;
    }
    inFlight.set(address, count);
    reply.raw.once('close', () => {
      const left = (inFlight.get(address) ?? 1) - 1;
      if (left > 0) inFlight.set(address, left);
      else inFlight.delete(address);
    });
    done();
  });
}

/**
 * Fastify's clientErrorHandler in our vocabulary: a request cut by the header or request timeout gets 408
 * `request-timeout`, unreadable HTTP 400 `invalid-request` (Fastify's default shape is not `{ error, message }`).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const isTimeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = isTimeout ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body: ErrorBody = isTimeout
    ? { error: 'request-timeout', message: 'The request did not arrive in time and the connection was closed. Check the network and send it again.' }
    : { error: 'invalid-request', message: 'The request could not be read as HTTP.' };
  const text = JSON.stringify(body);
  if (socket.writable) socket.write(`HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
  socket.destroy();
}
