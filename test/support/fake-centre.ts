/**
 * A small city centre for the hall side's tests: a real HTTP server (port 0) that speaks the uplink
 * contract (server/protocol/uplink.ts) with the real centre's pure batch rules (server/centre/domain/
 * batch-plan.ts; a resend compared fact by fact, as the real centre does in SQL), keeps what it accepted in memory, and has fault switches: answer 503, refuse the token,
 * stop and start again on the same port. The multi-process tests use the real centre (test/city).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Value } from '@sinclair/typebox/value';
import { UplinkBatch, type SupervisionNote, type UplinkEvent } from '../../server/protocol/uplink';
import { conflictAt, newCursor, planBatch, type GenerationCursor } from '../../server/centre/domain/batch-plan';
import { canonicalJson } from '../../server/centre/domain/event-content';

export interface HeldGeneration {
  cursor: GenerationCursor;
  readonly events: Map<number, UplinkEvent>;
}

export interface FakeCentre {
  readonly url: string;
  /** By hall code, then generation id. */
  readonly halls: Map<string, Map<string, HeldGeneration>>;
  readonly batches: UplinkBatch[];
  /** 'ok', or answer every request with this status. */
  mode: 'ok' | 503 | 401 | 429;
  /** A slow line: a batch of more than `events` facts is answered only after `ms` (and not taken if the hall gave up). */
  slowAbove?: { readonly events: number; readonly ms: number };
  /** Notes handed to the hall with the next acknowledgement. */
  readonly outbox: SupervisionNote[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Events of a hall in (generation order of arrival, seq order). */
  eventsOf(code: string, generation: string): UplinkEvent[];
}

/** What a resend is compared on, as the real centre does in SQL: type, hall time and payload, whatever the key order. */
const contentOf = (e: UplinkEvent): string => canonicalJson({ type: e.type, at: e.at, data: e.data });

/** The first sequence in `range` where the sent and the held facts differ, or where a fact is on one side only. */
function firstDifference(range: { from: number; to: number }, sent: readonly UplinkEvent[], held: ReadonlyMap<number, UplinkEvent>): number | undefined {
  const sentBySeq = new Map(sent.map((e) => [e.seq, e]));
  const seqs = [...new Set([...sentBySeq.keys(), ...held.keys()])].filter((seq) => seq >= range.from && seq <= range.to).sort((a, b) => a - b);
  return seqs.find((seq) => {
    const mine = held.get(seq);
    const theirs = sentBySeq.get(seq);
    return mine === undefined || theirs === undefined || contentOf(mine) !== contentOf(theirs);
  });
}

export async function startFakeCentre(tokens: Record<string, string>, port = 0): Promise<FakeCentre> {
  const halls = new Map<string, Map<string, HeldGeneration>>();
  const batches: UplinkBatch[] = [];
  let server: Server | undefined;
  let boundPort = port;

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (centre.mode !== 'ok') return send(res, centre.mode, { error: centre.mode === 401 ? 'unauthenticated' : centre.mode === 429 ? 'rate-limited' : 'unavailable', message: 'fault switch' });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const code = token ? tokens[token] : undefined;
    if (!code) return send(res, 401, { error: 'unauthenticated', message: 'Unknown hall token.' });
    const held = halls.get(code) ?? new Map<string, HeldGeneration>();
    halls.set(code, held);
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/api/uplink/cursor') {
      const generation = held.get(url.searchParams.get('generation') ?? '');
      return send(res, 200, { ackedSeq: generation?.cursor.ackedSeq ?? 0, ...(generation ? { generation: generation.cursor.id } : {}) });
    }
    if (req.method !== 'POST' || url.pathname !== '/api/uplink/batches') return send(res, 404, { error: 'not-found', message: 'No such route.' });
    let batch: unknown;
    try {
      batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: 'invalid-request', message: 'Not JSON.' });
    }
    if (!Value.Check(UplinkBatch, batch)) return send(res, 400, { error: 'invalid-request', message: 'Not an uplink batch.' });
    if (batch.hall.code !== code) return send(res, 403, { error: 'forbidden', message: `This token belongs to hall ${code}.` });
    const slow = centre.slowAbove;
    if (slow && batch.events.length > slow.events) {
      await new Promise((resolve) => setTimeout(resolve, slow.ms));
      if (res.destroyed || req.destroyed) return;
    }
    batches.push(batch);
    const existing = held.get(batch.generation.id);
    const parent = batch.generation.parent ? held.get(batch.generation.parent)?.cursor : undefined;
    const cursor = existing?.cursor ?? newCursor(batch.generation, parent);
    const plan = planBatch(batch, cursor, !existing);
    if (!plan.ok) return send(res, plan.code === 'invalid-request' ? 400 : 409, { error: plan.code, message: plan.message, ...(plan.resendFrom ? { resendFrom: plan.resendFrom } : {}) });
    const generation = existing ?? { cursor, events: new Map<number, UplinkEvent>() };
    if (plan.compare) {
      const differing = firstDifference(plan.compare, batch.events, generation.events);
      if (differing !== undefined) {
        const conflict = conflictAt(batch.generation.id, differing);
        return send(res, 409, { error: conflict.code, message: conflict.message });
      }
    }
    for (const e of batch.events) if (e.seq >= plan.storeFrom) generation.events.set(e.seq, e);
    generation.cursor = plan.cursor;
    held.set(batch.generation.id, generation);
    const notes = centre.outbox.splice(0);
    return send(res, 200, { ackedSeq: plan.ackedSeq, ...(notes.length > 0 ? { notes } : {}) });
  };

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((req, res) => void handle(req, res).catch(() => send(res, 500, { error: 'internal', message: 'fake centre failed' })));
      s.once('error', reject);
      s.listen(boundPort, '127.0.0.1', () => {
        const address = s.address();
        boundPort = typeof address === 'object' && address ? address.port : boundPort;
        server = s;
        resolve();
      });
    });

  const centre: FakeCentre = {
    get url() {
      return `http://127.0.0.1:${boundPort}`;
    },
    halls,
    batches,
    mode: 'ok',
    outbox: [],
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
        server = undefined;
      }),
    start: listen,
    eventsOf: (code, generation) => [...(halls.get(code)?.get(generation)?.events.values() ?? [])].sort((a, b) => a.seq - b.seq),
  };
  await listen();
  return centre;
}
