/**
 * A provincial 好差评 platform simulator (docs/province.md): a real HTTP server that checks every record
 * against the configured interface (signature, required fields, code tables), stores each record id once,
 * and answers per record. Switches make it misbehave: down (503), time-outs, slow answers, duplicate acks,
 * field rejections. Knows nothing of the hub: the spec is plain data (tests build it from the mapping).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../province/signature';

export interface ProvinceSimSpec {
  readonly path: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly headers: { readonly appKey: string; readonly timestamp: string; readonly nonce: string; readonly signature: string };
  /** The platform field that holds the record id. */
  readonly idField: string;
  readonly required: readonly string[];
  /** Allowed values per field; a comma-separated field (evalDetail) is checked code by code. */
  readonly codeTables: Readonly<Record<string, readonly string[]>>;
}

export interface ProvinceSimSwitches {
  mode: 'ok' | 'down' | 'timeout';
  /** Answer after this many ms. */
  slowMs: number;
  /** Every result is sent twice (and a known id is answered 'duplicate'). */
  duplicateAcks: boolean;
  /** Reject a record when this says why (e.g. a case number the platform does not know). */
  reject: (record: Readonly<Record<string, unknown>>) => string | undefined;
}

export interface ProvinceSim {
  readonly url: string;
  readonly switches: ProvinceSimSwitches;
  /** Stored records by id: what the platform holds in effect. */
  readonly stored: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Every record received, accepted or not, in order (ids). */
  readonly received: readonly string[];
  /** Requests refused before any record was looked at (bad signature, …), with the reason. */
  readonly refusedRequests: readonly string[];
  /** Every per-record answer given, in order (a duplicate ack counts once here). */
  readonly answers: readonly Result[];
  /** The signature header of every request, as sent (a log test looks for them in the hub's output). */
  readonly signatures: readonly string[];
  /** Requests received and not answered yet (a crash test kills the hub while one is in flight). */
  inFlight(): number;
  close(): Promise<void>;
}

export interface Result { id: string; status: 'accepted' | 'duplicate' | 'rejected'; platformId?: string; reason?: string }

export function checkRecord(spec: ProvinceSimSpec, record: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of spec.required) {
    const value = record[field];
    if (value === undefined || value === null || value === '') return `缺少必填字段 ${field}`;
  }
  for (const [field, codes] of Object.entries(spec.codeTables)) {
    const value = record[field];
    if (value === undefined) continue;
    const parts = String(value).split(',');
    const bad = parts.find((p) => !codes.includes(p));
    if (bad !== undefined) return `字段 ${field} 的代码 ${bad} 不在代码表中`;
  }
  return undefined;
}

export async function startProvinceSim(spec: ProvinceSimSpec, options: { port?: number; host?: string } = {}): Promise<ProvinceSim> {
  const switches: ProvinceSimSwitches = { mode: 'ok', slowMs: 0, duplicateAcks: false, reject: () => undefined };
  const stored = new Map<string, Readonly<Record<string, unknown>>>();
  const received: string[] = [];
  const refusedRequests: string[] = [];
  const answers: Result[] = [];
  const signatures: string[] = [];
  let inFlight = 0;
  const hanging = new Set<ServerResponse>();
  let serial = 0;

  const answer = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || req.url !== spec.path) return answer(res, 404, { error: 'not-found' });
    if (switches.mode === 'timeout') {
      hanging.add(res);
      return;
    }
    if (switches.mode === 'down') return answer(res, 503, { error: 'unavailable' });
    if (switches.slowMs > 0) await new Promise((r) => setTimeout(r, switches.slowMs));
    const header = (name: string): string => String(req.headers[name.toLowerCase()] ?? '');
    signatures.push(header(spec.headers.signature));
    if (header(spec.headers.appKey) !== spec.appKey) {
      refusedRequests.push('unknown app key');
      return answer(res, 401, { error: 'unknown app key' });
    }
    const input = { method: 'POST', path: spec.path, timestamp: header(spec.headers.timestamp), nonce: header(spec.headers.nonce), body };
    if (!/^[0-9a-f]{64}$/.test(header(spec.headers.signature)) || !verify(spec.appSecret, input, header(spec.headers.signature))) {
      refusedRequests.push('bad signature');
      return answer(res, 401, { error: 'bad signature' });
    }
    let records: Record<string, unknown>[];
    try {
      const parsed = JSON.parse(body) as { records?: unknown };
      if (!Array.isArray(parsed.records)) throw new Error('no records');
      records = parsed.records as Record<string, unknown>[];
    } catch {
      refusedRequests.push('not JSON');
      return answer(res, 400, { error: 'body must be { records: [...] }' });
    }
    const results: Result[] = [];
    for (const record of records) {
      const id = String(record[spec.idField] ?? '');
      received.push(id);
      if (!id) {
        results.push({ id: '?', status: 'rejected', reason: `缺少记录编号 ${spec.idField}` });
        continue;
      }
      if (stored.has(id)) {
        results.push({ id, status: 'duplicate', platformId: `P-${id}` });
        continue;
      }
      const reason = checkRecord(spec, record) ?? switches.reject(record);
      if (reason) {
        results.push({ id, status: 'rejected', reason });
        continue;
      }
      stored.set(id, record);
      serial += 1;
      results.push({ id, status: 'accepted', platformId: `P-${id}`.slice(0, 190) || `P-${serial}` });
    }
    answers.push(...results);
    answer(res, 200, { results: switches.duplicateAcks ? results.flatMap((r) => [r, r]) : results });
  };

  const server: Server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    handle(req, res).catch(() => answer(res, 500, { error: 'internal' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${spec.path}`,
    switches,
    stored,
    received,
    refusedRequests,
    answers,
    signatures,
    inFlight: () => inFlight,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
