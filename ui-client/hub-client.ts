/**
 * The browser's connection to the hub, shared by every page: socket.io with the sync protocol
 * (snapshot or replay by sequence number on every (re)connect, duplicates dropped), and a fetch helper
 * that retries with the same idempotency key so a lost answer never doubles an action.
 */
import { io, type Socket } from 'socket.io-client';
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorDetails } from '../server/protocol/errors';
import type { ClientToServerEvents, HandshakeAuth, PublicEvent, ServerToClientEvents, StaffEvent, SyncReply } from '../server/protocol/events';
import { PROTOCOL_VERSION } from '../server/protocol/events';
import type { DeviceHealthView, HallSnapshot, ServiceView, StaffSnapshot } from '../server/protocol/model';
import type { SessionEnded } from '../server/protocol/sessions';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface HubClientHandlers<S, E> {
  /** A fresh snapshot: rebuild all state from it. */
  snapshot?(snapshot: S): void;
  /** One fact, in sequence order, never twice. */
  event?(event: E): void;
  queues?(services: ServiceView[]): void;
  /** The hub's clock at each (re)sync, before the snapshot or replayed facts are handed over. */
  clock?(hubNow: number): void;
  devices?(devices: DeviceHealthView[]): void;
  connection?(state: ConnectionState, detail?: string): void;
  /** The hub speaks another protocol version than this page: by default the page reloads (once a minute at most). */
  outdated?(): void;
  /** The staff session ended (sign-out, expiry, disabled, role changed, password reset): go to sign-in, saying why. */
  sessionEnded?(ended: SessionEnded): void;
}

const RELOADED_AT = 'hallq:reloaded-for-protocol';

/** Reloads the page to fetch the hub's current build; a page that is still stale after that waits a minute. */
function reloadOnce(): void {
  if (typeof location === 'undefined' || typeof sessionStorage === 'undefined') return;
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  location.reload();
}

type Kind = 'public' | 'staff';
type SnapshotOf<K extends Kind> = K extends 'staff' ? StaffSnapshot : HallSnapshot;
type EventOf<K extends Kind> = K extends 'staff' ? StaffEvent : PublicEvent;

export class HubClient<K extends Kind> {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private lastSeq: number | undefined;

  constructor(
    kind: K,
    private readonly handlers: HubClientHandlers<SnapshotOf<K>, EventOf<K>>,
    options: { url?: string; token?: string } = {},
  ) {
    this.socket = io(options.url ?? '', {
      auth: { protocol: PROTOCOL_VERSION, token: options.token } satisfies HandshakeAuth,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      transports: ['websocket', 'polling'],
    });
    handlers.connection?.('connecting');
    this.socket.on('connect', () => this.sync());
    this.socket.on('disconnect', () => handlers.connection?.('offline'));
    this.socket.on('connect_error', (error) => {
      const refusal = (error as Error & { data?: ErrorBody }).data;
      if (refusal?.error === 'protocol-outdated') {
        this.socket.disconnect();
        (handlers.outdated ?? reloadOnce)();
      }
      handlers.connection?.('offline', refusal?.message ?? error.message);
    });
    this.socket.on('hub:closing', () => handlers.connection?.('offline', 'hub restarting'));
    this.socket.on('session:ended', (ended) => {
      // The token is dead: reconnecting with it would only be refused again.
      this.socket.disconnect();
      handlers.sessionEnded?.(ended);
    });
    /** False when a fact is missing before `event`: the rest of its message waits for the sync. */
    const onFact = (event: StaffEvent | PublicEvent): boolean => {
      if (this.lastSeq !== undefined && event.seq <= this.lastSeq) return true;
      if (kind === 'staff' && this.lastSeq !== undefined && event.seq > this.lastSeq + 1) {
        // Staff see every fact: a gap means something was missed, so ask again.
        this.sync();
        return false;
      }
      this.lastSeq = event.seq;
      handlers.event?.(event as EventOf<K>);
      return true;
    };
    this.socket.on(kind === 'staff' ? 'hub:events' : 'hub:public-events', (events: Array<StaffEvent | PublicEvent>) => void events.every(onFact));
    this.socket.on('queues:updated', (payload) => handlers.queues?.(payload.services));
    this.socket.on('devices:updated', (devices) => handlers.devices?.(devices));
  }

  get seq(): number | undefined {
    return this.lastSeq;
  }

  /** Asks for what was missed since the last fact seen (or a snapshot on first connect). */
  sync(): void {
    this.socket.emit('hall:sync', this.lastSeq === undefined ? {} : { lastSeq: this.lastSeq }, (result) => {
      if (!result.ok) {
        this.handlers.connection?.('offline', result.error.message);
        return;
      }
      const reply = result.data as SyncReply<SnapshotOf<K>, EventOf<K>>;
      this.handlers.clock?.(reply.mode === 'snapshot' ? reply.snapshot.now : reply.now);
      if (reply.mode === 'snapshot') {
        this.lastSeq = reply.snapshot.seq;
        this.handlers.snapshot?.(reply.snapshot);
      } else {
        for (const event of reply.events) {
          if (this.lastSeq !== undefined && event.seq <= this.lastSeq) continue;
          this.lastSeq = event.seq;
          this.handlers.event?.(event);
        }
        this.lastSeq = Math.max(this.lastSeq ?? 0, reply.seq);
        this.handlers.queues?.(reply.services);
      }
      this.handlers.connection?.('online');
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** A refusal from the hub, by the one error vocabulary (server/protocol/errors.ts); pages word it by code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    /** The refusal's facts (protocol/errors.ts), when the hub sends them. */
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

function asErrorCode(value: unknown): ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value) ? (value as ErrorCode) : 'internal';
}

/**
 * A fresh key: the time (base 36, fixed width, so keys sort by time) and 128 random bits. Keys made close
 * together sit together in the hub's idempotency index, which keeps each commit's page writes few.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${Date.now().toString(36).padStart(9, '0')}-${random}`;
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly body?: unknown;
  readonly token?: string;
  readonly retries?: number;
  readonly idempotencyKey?: string;
  /** Another origin (tests, the city console's hall links); default: the page's own. */
  readonly base?: string;
  /** The answer is a file: hand back its Blob. */
  readonly asBlob?: boolean;
  /**
   * How long one attempt may take before it is given up and retried (with the same idempotency key, so a
   * mutation that did reach the hub is applied once). Default 30 s, files 5 min.
   */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const FILE_TIMEOUT_MS = 300_000;

/**
 * Calls the HTTP API. Mutations carry an idempotency key and are retried on network failure with that
 * same key, so the hub applies them once. Answers the parsed body (undefined for 204).
 */
export async function callApi<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = typeof options.body === 'string' ? 'text/csv' : 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  const attempts = (options.retries ?? (method === 'GET' ? 1 : 3)) + 1;
  const timeoutMs = options.timeoutMs ?? (options.asBlob ? FILE_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text = '';
    // A cable pulled mid-request leaves fetch waiting for minutes (a kiosk stuck on 正在取号…): each attempt is
    // bounded. An AbortController rather than AbortSignal.timeout: the kiosk browsers of UOS/Kylin are older Chromiums.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      response = await fetch(path, { method, headers, body, signal: abort.signal });
      if (response.status === 204) return undefined as T;
      if (options.asBlob && response.ok) return (await response.blob()) as T;
      text = await response.text();
    } catch {
      if (attempt >= attempts) throw new ApiError('unavailable', 'Cannot reach the hub. Check the network and try again.', 0);
      await new Promise((r) => setTimeout(r, 400 * attempt));
      continue;
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = body as Partial<ErrorBody> | undefined;
      throw new ApiError(asErrorCode(error?.error), error?.message ?? `The hub answered ${response.status}.`, response.status, error?.details);
    }
    return body as T;
  }
}
