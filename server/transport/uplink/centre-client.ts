/**
 * The hall's HTTP client to the city centre (server/protocol/uplink.ts): POST /api/uplink/batches and
 * GET /api/uplink/cursor with the hall token, over undici with timeouts and an optional client certificate.
 * Every answer, and every failure to get one, becomes a `CentreReply` value: nothing here throws.
 */
import { readFileSync } from 'node:fs';
import type { Agent, RequestInit, Response } from 'undici';
import { Value } from '@sinclair/typebox/value';
import { UplinkAck, UplinkCursor, type UplinkBatch } from '../../protocol/uplink';
import { ERROR_STATUS, type ErrorCode } from '../../protocol/errors';
import type { UplinkSettings } from '../../config';
import type { CentreReply } from '../../domain/uplink-link';
import type { CentreLink } from '../../app/uplink-shipper';

/** The centre's own sentence, kept short; it was written for people (the centre never echoes a token). */
function sentence(text: unknown, fallback: string): string {
  return typeof text === 'string' && text.trim() !== '' ? text.trim().slice(0, 300) : fallback;
}

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

async function classify(response: Response, what: 'ack' | 'cursor'): Promise<CentreReply> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = sentence(fields.message, `The centre answered HTTP ${response.status}.`);
  if (response.status === 200) {
    if (what === 'ack' && Value.Check(UplinkAck, body)) return { kind: 'ack', ack: body };
    if (what === 'cursor' && Value.Check(UplinkCursor, body)) return { kind: 'ack', ack: { ackedSeq: body.ackedSeq } };
    return { kind: 'retry', code: 'unavailable', isAnswer: true, message: 'The centre answered, but not with an acknowledgement: is the uplink URL the centre\'s address?' };
  }
  // A generation the centre has never seen: it holds nothing of it yet.
  if (what === 'cursor' && response.status === 404) return { kind: 'ack', ack: { ackedSeq: 0 } };
  if (response.status === 409 && fields.error === 'uplink-gap' && typeof fields.resendFrom === 'number' && Number.isInteger(fields.resendFrom) && fields.resendFrom >= 1) {
    return { kind: 'gap', resendFrom: fields.resendFrom, message };
  }
  if (response.status === 409 && fields.error === 'uplink-generation-conflict') return { kind: 'conflict', message };
  if (response.status === 413) return { kind: 'too-large', message };
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = retryAfterMs(response);
    return { kind: 'retry', code: response.status === 429 ? 'rate-limited' : 'unavailable', message, isAnswer: true, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  }
  if (response.status === 401) return { kind: 'refused', code: 'unauthenticated', message: `The centre does not accept this hall's token: ${message} Check uplink.tokenFile and the hall's entry at the centre.` };
  if (response.status === 403) return { kind: 'refused', code: 'forbidden', message: `The centre refuses this hall: ${message} Check hall.code against the centre's registry.` };
  return { kind: 'refused', code: isErrorCode(fields.error) ? fields.error : 'invalid-request', message: `The centre refused the batch (HTTP ${response.status}): ${message}` };
}

function failure(error: unknown, timeoutMs: number): CentreReply {
  const name = error instanceof Error ? error.name : '';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  // Sent but not answered in time (a large batch on a slow link, a busy centre): the shipper paces its batches.
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { kind: 'retry', code: 'unavailable', isTimeout: true, message: `The centre did not answer within ${Math.round(timeoutMs / 1000)} s.` };
  }
  if (name === 'AbortError') return { kind: 'retry', code: 'unavailable', message: 'The request was cancelled (the hub is stopping).' };
  const why = code ? ` (${code})` : '';
  return { kind: 'retry', code: 'unavailable', message: `The centre cannot be reached${why}: the network or the centre is down. The hall keeps working and sends its backlog when the link is back.` };
}

/** A link that only says why it cannot work (an unreadable token file): the shipper shows it as 'refused'. */
function brokenLink(message: string): CentreLink {
  const reply: CentreReply = { kind: 'refused', code: 'config-invalid', message };
  return { send: async () => reply, cursor: async () => reply, close: async () => undefined };
}

const readPem = (file: string | undefined): string | undefined => (file === undefined ? undefined : readFileSync(file, 'utf8'));

/** The hall's connection to the centre: token, TLS and timeouts; shared by the shipper and the province adapter. */
export interface CentreConnection {
  readonly base: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** undici's fetch through this connection's Agent (its TLS and timeouts). */
  fetch(url: string, init: Omit<RequestInit, 'dispatcher'>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * undici is loaded at the first request, not with the hub: importing it cost ~0.3 s of start-up CPU and a few
 * MiB of idle memory (issue 20), on every hub, also the many with no uplink configured.
 */
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = (): Promise<typeof import('undici')> => (undici ??= import('undici'));

export function centreConnection(settings: UplinkSettings): { ok: true; connection: CentreConnection } | { ok: false; message: string } {
  let token: string;
  let tls: { cert?: string; key?: string; ca?: string };
  try {
    token = settings.token ?? readFileSync(settings.tokenFile ?? '', 'utf8').trim();
    tls = { cert: readPem(settings.certFile), key: readPem(settings.keyFile), ca: readPem(settings.caFile) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    return { ok: false, message: `The uplink's token or certificate file cannot be read (${code}). Check uplink.tokenFile, certFile, keyFile and caFile in the hall configuration.` };
  }
  if (token === '') return { ok: false, message: 'The uplink token file is empty. Put the hall token the centre issued in it.' };
  const timeoutMs = settings.requestTimeoutSeconds * 1000;
  let agent: Promise<Agent> | undefined;
  const agentOf = (): Promise<Agent> =>
    (agent ??= loadUndici().then(
      ({ Agent }) =>
        new Agent({
          connect: { ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}), ...(tls.ca ? { ca: tls.ca } : {}), timeout: timeoutMs },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          keepAliveTimeout: 30_000,
        }),
    ));
  const base = settings.url.replace(/\/+$/, '');
  return {
    ok: true,
    connection: {
      base,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      timeoutMs,
      fetch: async (url, init) => {
        const [{ fetch }, dispatcher] = await Promise.all([loadUndici(), agentOf()]);
        return fetch(url, { ...init, dispatcher });
      },
      close: async () => {
        if (agent) await (await agent).close().catch(() => undefined);
      },
    },
  };
}

export function centreClient(settings: UplinkSettings): CentreLink {
  const opened = centreConnection(settings);
  if (!opened.ok) return brokenLink(opened.message);
  const connection = opened.connection;
  const { base, headers, timeoutMs } = connection;
  const call = async (path: string, init: { method: 'GET' | 'POST'; body?: string }, what: 'ack' | 'cursor', signal: AbortSignal): Promise<CentreReply> => {
    try {
      const response = await connection.fetch(base + path, {
        method: init.method,
        headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: init.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      return await classify(response, what);
    } catch (error) {
      return failure(error, timeoutMs);
    }
  };
  return {
    send: (batch: UplinkBatch, signal: AbortSignal) => call('/api/uplink/batches', { method: 'POST', body: JSON.stringify(batch) }, 'ack', signal),
    cursor: (generation: string, signal: AbortSignal) => call(`/api/uplink/cursor?generation=${encodeURIComponent(generation)}`, { method: 'GET' }, 'cursor', signal),
    close: () => connection.close(),
  };
}
