/**
 * The `http:` and `tls:` sections of the hall configuration (docs/deploy.md, "Connections and TLS"): how long
 * the hub waits for a slow or silent client, how many connections one address may hold, and the
 * certificate the hub serves HTTPS and WSS with. Kept out of config-schema.ts so that file stays the hall's.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const HttpConfig = Type.Object(
  {
    /**
     * With `tls:`, what plain HTTP may still do: `on` everything, `public-only` the public pages (display,
     * the visitor's ticket page, static files; staff pages redirect to HTTPS, token-bearing requests are
     * refused), `off` only a redirect to HTTPS. Plain HTTP is served on `plainPort` (none: no plain listener).
     */
    plainHttp: Type.Union([Type.Literal('on'), Type.Literal('public-only'), Type.Literal('off')], { default: 'on' }),
    plainPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'plain-HTTP listener next to HTTPS, e.g. 80 or 8080' })),
    /** A client must send its request headers within this time (slowloris). */
    headersTimeoutSeconds: Type.Number({ minimum: 1, maximum: 300, default: 10 }),
    /** ... and the whole request, body included, within this one (a body trickled a byte a second is cut). */
    requestTimeoutSeconds: Type.Number({ minimum: 1, maximum: 600, default: 30 }),
    /** An idle keep-alive connection between two requests is closed after this. */
    keepAliveTimeoutSeconds: Type.Number({ minimum: 1, maximum: 600, default: 5 }),
    /** A connection on which nothing at all moves is closed after this (socket.io pings every 10 s). */
    idleTimeoutSeconds: Type.Number({ minimum: 15, maximum: 3600, default: 60 }),
    /** Open TCP connections one client address may hold; beyond: refused at once. */
    connectionsPerAddress: Type.Integer({ minimum: 1, maximum: 100000, default: 128 }),
    /** Requests one address may have in progress at once; beyond: 429 with a sentence. */
    requestsPerAddress: Type.Integer({ minimum: 1, maximum: 100000, default: 32 }),
    /** Live socket.io connections one address may hold; beyond: the handshake is refused. */
    socketsPerAddress: Type.Integer({ minimum: 1, maximum: 100000, default: 32 }),
    /** A socket.io connection that has not completed its hallq handshake within this time is dropped. */
    handshakeTimeoutSeconds: Type.Number({ minimum: 1, maximum: 120, default: 10 }),
    /** All connections together; keep it below the service's LimitNOFILE so the database and backups always get a file. */
    maxConnections: Type.Integer({ minimum: 16, maximum: 1000000, default: 16384 }),
    /**
     * Whether the per-address caps spare 127.0.0.0/8 and ::1: the hub's own machine (a reverse proxy there makes
     * every client one address; a local process could stop the hub anyway), the demo hall and the bench.
     */
    exemptLoopback: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);

export const TlsConfig = Type.Object(
  {
    cert: Type.String({ minLength: 1, description: 'PEM file: the server certificate (then any intermediates); `hallq cert` writes one' }),
    key: Type.String({ minLength: 1, description: 'PEM file: its private key (mode 600)' }),
    ca: Type.Optional(Type.String({ minLength: 1, description: 'PEM file: the CA, sent along with the certificate' })),
  },
  { additionalProperties: false },
);

export type HttpSettings = Readonly<Static<typeof HttpConfig>>;
export type TlsSettings = Readonly<Static<typeof TlsConfig>>;

/** `http:` with every default filled in: what a hub without an `http:` section runs with. */
export function httpSettings(input: Partial<Static<typeof HttpConfig>> = {}): HttpSettings {
  return Value.Default(HttpConfig, structuredClone(input)) as HttpSettings;
}

export const DEFAULT_HTTP: HttpSettings = Object.freeze(httpSettings());

/** Combinations the schema cannot say: plain HTTP can only be limited when there is HTTPS to go to. */
export function networkProblems(file: { http?: Static<typeof HttpConfig>; tls?: TlsSettings }): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const http = file.http;
  if (!file.tls && http && http.plainHttp !== 'on') {
    problems.push({ path: '/http/plainHttp', message: `plainHttp: ${http.plainHttp} needs a tls: section (the hub would have nothing but plain HTTP); run \`hallq cert\`` });
  }
  if (!file.tls && http?.plainPort !== undefined) problems.push({ path: '/http/plainPort', message: 'plainPort is the plain-HTTP listener next to HTTPS: it needs a tls: section' });
  if (http && http.headersTimeoutSeconds > http.requestTimeoutSeconds) {
    problems.push({ path: '/http/headersTimeoutSeconds', message: 'headersTimeoutSeconds is above requestTimeoutSeconds' });
  }
  return problems;
}
