/**
 * The guarantees the peers broke: duplicate numbers under load, one visitor called by two clerks,
 * double presses, a restart losing tickets, displays missing calls across a reconnect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AckResult, PublicEvent, PublicSyncReply, WindowCommandReply } from '../../server/protocol/events';
import type { HallSnapshot, ServiceView, TrackView } from '../../server/protocol/model';
import {
  api, connectSocket, emitAck, issue, KIOSK_TOKEN, openWindow, startTestHub, TestClock, type ApiAnswer, type TestHub, unlimitedConfig,
} from '../support/hub';

/** The ack of a command the test expects to succeed: it reads `data` without checking `ok` first. */
type Answered<T> = Extract<AckResult<T>, { ok: true }>;
/** A public client's `hall:sync` answer, in the mode the test expects. */
type SyncAnswer<M extends PublicSyncReply['mode'] = PublicSyncReply['mode']> = Answered<Extract<PublicSyncReply, { mode: M }>>;
type CallEvent = Extract<PublicEvent, { type: 'ticket:called' }>;
type CallNextAnswer = ApiAnswer<WindowCommandReply>;

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.dispose();
});

async function start(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const hub = await startTestHub(options);
  hubs.push(hub);
  return hub;
}

describe('numbers and calls under concurrency', () => {
  it('issues 200 concurrent tickets with no duplicate number and none lost', async () => {
    const hub = await start({ config: unlimitedConfig() });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: i % 2 ? 'A' : 'B' } })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const numbers = answers.map((a) => (a.body as { number: string }).number);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.filter((n) => n.startsWith('A')).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
  });

  it('five windows calling at once over HTTP and socket.io never get the same ticket', async () => {
    const hub = await start();
    const tokens = await Promise.all([['clerk1', 'w1'], ['clerk2', 'w2'], ['clerk3', 'w5']].map(([u, w]) => openWindow(hub, u!, w!)));
    const sockets = tokens.map((t) => connectSocket(hub, t));
    for (let i = 0; i < 30; i++) await issue(hub, 'A');
    const calledIds: string[] = [];
    for (let round = 0; round < 10; round++) {
      // A pair, not an array: spread into Promise.all, each answer keeps its own type (HTTP answer or socket ack).
      const viaHttp = ['w1', 'w2'].map((w, i) => api<WindowCommandReply>(hub, 'POST', `/api/windows/${w}/call-next`, { token: tokens[i], body: {} })) as [
        Promise<CallNextAnswer>,
        Promise<CallNextAnswer>,
      ];
      const viaSocket = emitAck<Answered<WindowCommandReply | null>>(sockets[2]!, 'window:command', { windowId: 'w5', verb: 'call-next', body: {} });
      const [a, b, c] = await Promise.all([...viaHttp, viaSocket]);
      for (const ticket of [a?.body?.ticket, b?.body?.ticket, c?.data?.ticket]) if (ticket) calledIds.push(ticket.id);
      await Promise.all(['w1', 'w2'].map((w, i) => api(hub, 'POST', `/api/windows/${w}/finish`, { token: tokens[i], body: {} })));
      await emitAck(sockets[2]!, 'window:command', { windowId: 'w5', verb: 'finish', body: {} });
    }
    for (const s of sockets) s.close();
    expect(calledIds).toHaveLength(30);
    expect(new Set(calledIds).size).toBe(30);
    const db = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    const twice = db.prepare('SELECT ticket_id, COUNT(DISTINCT window_id) AS n FROM calls GROUP BY ticket_id HAVING n > 1').all();
    db.close();
    expect(twice).toEqual([]);
  });

  it('a double press with one idempotency key takes effect once and answers the same', async () => {
    const hub = await start();
    const token = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A');
    await issue(hub, 'A');
    const press = () => api(hub, 'POST', '/api/windows/w1/call-next', { token, body: {}, idempotencyKey: 'press-0001' });
    const [first, second] = await Promise.all([press(), press()]);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const kiosk = () => api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' }, idempotencyKey: 'kiosk-tap-1' });
    const [t1, t2] = await Promise.all([kiosk(), kiosk()]);
    expect(t1.body).toEqual(t2.body);
    const hall = await api<ServiceView[]>(hub, 'GET', '/api/services');
    expect(hall.body.find((s: { id: string }) => s.id === 'B')!.issuedToday).toBe(1);
    const reused = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'C' }, idempotencyKey: 'kiosk-tap-1' });
    expect(reused).toMatchObject({ status: 409, body: { error: 'idempotency-conflict' } });
  });
});

describe('restart and resync', () => {
  it('keeps every ticket, call and rating across a restart on the same file, and continues numbering', async () => {
    const first = await start();
    const token = await openWindow(first, 'clerk1', 'w1');
    const a1 = await issue(first, 'A');
    await issue(first, 'A');
    await api(first, 'POST', '/api/windows/w1/call-next', { token, body: {} });
    await api(first, 'POST', '/api/windows/w1/finish', { token, body: {} });
    await api(first, 'POST', `/api/track/${a1.trackToken}/rating`, { body: { score: 4 } });
    const before = (await api<HallSnapshot>(first, 'GET', '/api/hall')).body;
    await first.stop();
    hubs.splice(hubs.indexOf(first), 1);

    const second = await start({ dataDir: first.dataDir });
    const after = (await api<HallSnapshot>(second, 'GET', '/api/hall')).body;
    expect(after.seq).toBe(before.seq);
    expect(after.recentCalls).toEqual(before.recentCalls);
    expect((await api(second, 'GET', `/api/track/${a1.trackToken}`)).body).toMatchObject({ status: 'done', rating: 4 });
    expect((await issue(second, 'A')).number).toBe('A003');
    // The clerk's session and window survive too.
    expect((await api<Required<WindowCommandReply>>(second, 'POST', '/api/windows/w1/call-next', { token, body: {} })).body.ticket.number).toBe('A002');
  });

  it('replays exactly the facts a display missed, in order, or sends a snapshot when it is too far behind', async () => {
    const hub = await start();
    const token = await openWindow(hub, 'clerk1', 'w1');
    const display = connectSocket(hub);
    const snap = await emitAck<SyncAnswer<'snapshot'>>(display, 'hall:sync', {});
    const lastSeq = snap.data.snapshot.seq as number;
    display.close();
    for (let i = 0; i < 3; i++) {
      await issue(hub, 'A');
      await api(hub, 'POST', '/api/windows/w1/call-next', { token, body: {} });
      await api(hub, 'POST', '/api/windows/w1/finish', { token, body: {} });
    }
    const back = connectSocket(hub);
    const replay = await emitAck<SyncAnswer<'replay'>>(back, 'hall:sync', { lastSeq });
    back.close();
    expect(replay.data.mode).toBe('replay');
    const calls = replay.data.events.filter((e): e is CallEvent => e.type === 'ticket:called').map((e: { data: { call: { number: string } } }) => e.data.call.number);
    expect(calls).toEqual(['A001', 'A002', 'A003']);
    const seqs = replay.data.events.map((e: { seq: number }) => e.seq);
    expect(seqs.every((s: number) => s > lastSeq)).toBe(true);
    const stranger = connectSocket(hub);
    const ahead = await emitAck<SyncAnswer>(stranger, 'hall:sync', { lastSeq: 1_000_000 });
    stranger.close();
    expect(ahead.data.mode).toBe('snapshot');
  });
});

describe('day rollover', () => {
  it('restarts numbering at local midnight and closes the previous day with a reason, keeping history', async () => {
    const clock = new TestClock(Date.parse('2026-11-27T15:00:00Z')); // 23:00 in Shanghai
    const hub = await start({ clock });
    const old = await issue(hub, 'A');
    expect(old.number).toBe('A001');
    clock.advance(61 * 60_000); // 00:01 on the 28th
    hub.hub.housekeeping();
    expect((await api<TrackView>(hub, 'GET', `/api/track/${old.trackToken}`)).body.status).toBe('cancelled');
    const fresh = await issue(hub, 'A');
    expect(fresh).toMatchObject({ number: 'A001', day: '2026-11-28' });
    const staffToken = await openWindow(hub, 'clerk1', 'w1');
    const record = await api(hub, 'GET', `/api/tickets/${old.id}`, { token: staffToken });
    expect(record.body).toMatchObject({ day: '2026-11-27', status: 'cancelled', closeReason: 'day-closed' });
  });
});
