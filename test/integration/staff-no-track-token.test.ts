/**
 * Regression (QA, 好差评 integrity): the visitor's track token — the key of /t/<token> and of the phone
 * rating, no login needed — used to reach staff in every TicketView: the call-next reply, /api/hall/staff,
 * the staff socket's snapshot and facts, and the replay of stored facts. A clerk read B006's token from
 * their own call-next reply and rated their own visit 5 (counted in reports and the clerk ranking).
 * Now only the issuing kiosk's reply (and the printer) carries it; the phone rating by token still works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AckResult, StaffEvent, StaffSyncReply, WindowCommandReply } from '../../server/protocol/events';
import type { IssuedTicket } from '../../server/protocol/http';
import type { TrackView } from '../../server/protocol/model';
import {
  api, connectSocket, emitAck, issue, KIOSK_TOKEN, login, openWindow, startTestHub, until, type TestHub, type TestSocket,
} from '../support/hub';

let hub: TestHub | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await hub?.dispose();
  hub = undefined;
});

async function staffSocket(running: TestHub, token: string): Promise<TestSocket> {
  const socket = connectSocket(running, token);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return socket;
}

function okData<T>(answer: AckResult<T>): T {
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** Everything staff received, by where it came from; each must name the visit it is about (not vacuous). */
type Seen = Array<{ path: string; payload: unknown; mentions?: string }>;

function expectNoTrackToken(seen: Seen, secrets: readonly string[]): void {
  for (const { path, payload, mentions } of seen) {
    const text = JSON.stringify(payload);
    if (mentions !== undefined) expect(text, `${path} is about ${mentions}`).toContain(mentions);
    expect(text.includes('"trackToken"'), `${path} has a "trackToken" key: ${text}`).toBe(false);
    expect(text.includes('trackUrl'), `${path} has a track link`).toBe(false);
    for (const secret of secrets) expect(text.includes(secret), `${path} holds a visitor's track token`).toBe(false);
  }
}

describe('staff never receive a visitor\'s track token', () => {
  it('not in replies, snapshots, live facts, replayed facts or the audit log; the kiosk and the phone keep it', async () => {
    const running = (hub = await startTestHub());
    const clerk = await openWindow(running, 'clerk1', 'w1');
    const live = await staffSocket(running, clerk);
    const liveFacts: StaffEvent[] = [];
    live.on('hub:events', (events) => liveFacts.push(...events));
    const seen: Seen = [];
    seen.push({ path: 'staff socket first hall:sync', payload: okData(await emitAck<AckResult<StaffSyncReply>>(live, 'hall:sync', {})) });

    // The kiosk's replies keep the token and the QR link, over HTTP and over its socket.
    const first = await issue(running, 'A');
    expect(first.trackToken).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(first.trackUrl).toMatch(new RegExp(`/t/${first.trackToken}$`));
    const kiosk = connectSocket(running, KIOSK_TOKEN);
    sockets.push(kiosk);
    const second = okData(await emitAck<AckResult<IssuedTicket>>(kiosk, 'ticket:issue', { serviceId: 'A' }));
    expect(second.trackToken).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(second.trackUrl).toContain(`/t/${second.trackToken}`);

    // A clerk who issues a ticket gets no token: they could rate it themselves after serving it.
    const byClerk = await api<IssuedTicket>(running, 'POST', '/api/tickets', { token: clerk, body: { serviceId: 'A' } });
    expect(byClerk.status).toBe(201);
    seen.push({ path: 'POST /api/tickets by a clerk', payload: byClerk.body, mentions: byClerk.body.number });
    const third = running.hub.ports.read.tickets.get(byClerk.body.id);
    expect(third?.trackToken).toBeTruthy();
    const secrets = [first.trackToken, second.trackToken ?? 'missing', third?.trackToken ?? 'missing'];

    // QA's reproduction: call, look the ticket up, finish — over HTTP and over the staff socket.
    const called = await api<WindowCommandReply>(running, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
    expect(called.body.ticket?.id).toBe(first.id);
    seen.push({ path: 'HTTP call-next reply', payload: called.body, mentions: first.number });
    seen.push({ path: 'GET /api/tickets/:id', payload: (await api(running, 'GET', `/api/tickets/${first.id}`, { token: clerk })).body, mentions: first.number });
    const staffHall = await api(running, 'GET', '/api/hall/staff', { token: clerk });
    expect(staffHall.status).toBe(200);
    seen.push({ path: 'GET /api/hall/staff', payload: staffHall.body, mentions: second.number });
    const fresh = await staffSocket(running, clerk);
    const snapshot = okData(await emitAck<AckResult<StaffSyncReply>>(fresh, 'hall:sync', {}));
    expect(snapshot.mode).toBe('snapshot');
    seen.push({ path: 'staff socket hall:sync snapshot', payload: snapshot, mentions: third?.number });
    const recall = { windowId: 'w1', verb: 'recall', body: {} };
    seen.push({ path: 'socket recall ack', payload: okData(await emitAck<AckResult<WindowCommandReply>>(live, 'window:command', recall)), mentions: first.number });
    seen.push({ path: 'HTTP finish reply', payload: (await api(running, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} })).body, mentions: first.number });
    const next = { windowId: 'w1', verb: 'call-next', body: {} };
    seen.push({ path: 'socket call-next ack', payload: okData(await emitAck<AckResult<WindowCommandReply>>(live, 'window:command', next)), mentions: second.number });
    const finish = { windowId: 'w1', verb: 'finish', body: {} };
    seen.push({ path: 'socket finish ack', payload: okData(await emitAck<AckResult<WindowCommandReply>>(live, 'window:command', finish)), mentions: second.number });

    const head = running.hub.ports.read.hall.lastSeq();
    await until(() => liveFacts.at(-1)?.seq === head, 'the live staff facts');
    const types = new Set(liveFacts.map((e) => e.type));
    for (const type of ['ticket:issued', 'ticket:called', 'ticket:updated'] as const) expect(types, `live facts include ${type}`).toContain(type);
    seen.push({ path: 'live staff facts (hub:events)', payload: liveFacts, mentions: third?.number });

    // A staff client reconnecting with an old sequence number gets the stored facts replayed.
    const again = await staffSocket(running, clerk);
    const replay = okData(await emitAck<AckResult<StaffSyncReply>>(again, 'hall:sync', { lastSeq: 0 }));
    expect(replay.mode).toBe('replay');
    expect(replay.mode === 'replay' ? replay.events.length : 0).toBe(head);
    seen.push({ path: 'staff replay after reconnect', payload: replay, mentions: first.number });

    // Nor does the append-only audit log keep it: facts are written as staff see them.
    const logged = running.db.prepare('SELECT data FROM events ORDER BY seq').pluck().all() as string[];
    seen.push({ path: 'the events table', payload: logged.join('\n'), mentions: first.number });
    expectNoTrackToken(seen, secrets);

    // The visitor's phone still follows and rates the visit by the token from the kiosk's ticket.
    for (const ticket of [first, second]) {
      const rated = await api(running, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 5 } });
      expect(rated.status).toBe(201);
      expect((await api<TrackView>(running, 'GET', `/api/track/${ticket.trackToken}`)).body).toMatchObject({ status: 'done', rating: 5 });
    }
  }, 60_000);

  it('facts and stored replies written by an earlier version, token included, reach staff without it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hallq-legacy-token-'));
    try {
      let running = (hub = await startTestHub({ dataDir }));
      const ticket = await issue(running, 'A');
      let clerk = await openWindow(running, 'clerk1', 'w1');
      const callBody = { idempotencyKey: 'legacy-call-0001' };
      expect((await api(running, 'POST', '/api/windows/w1/call-next', { token: clerk, body: callBody })).status).toBe(200);
      const issueBody = { serviceId: 'A', idempotencyKey: 'legacy-issue-0001' };
      const byClerk = await api<IssuedTicket>(running, 'POST', '/api/tickets', { token: clerk, body: issueBody });
      expect(byClerk.status).toBe(201);
      const clerkToken = running.hub.ports.read.tickets.get(byClerk.body.id)?.trackToken ?? 'missing';
      await running.stop();
      hub = undefined;

      // What the hub stored before this fix: the token inside every ticket of a fact and of a stored reply.
      const db = new Database(join(dataDir, 'hallq.db'));
      const rows = db.prepare("SELECT type, data FROM events WHERE type LIKE 'ticket:%' ORDER BY seq").all() as { type: string; data: string }[];
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const insert = db.prepare('INSERT INTO events (seq, at, actor, type, data) VALUES (?, ?, ?, ?, ?)');
      let seq = db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
      for (const row of rows) {
        const data = JSON.parse(row.data) as { ticket: { id: string } };
        const token = data.ticket.id === byClerk.body.id ? clerkToken : ticket.trackToken;
        insert.run(++seq, Date.now(), 'kiosk:kiosk1', row.type, JSON.stringify({ ...data, ticket: { ...data.ticket, trackToken: token } }));
      }
      const legacyReply = db.prepare("UPDATE idempotency SET response = json_set(response, ?, ?) WHERE key = ?");
      expect(legacyReply.run('$.ticket.trackToken', ticket.trackToken, callBody.idempotencyKey).changes).toBe(1);
      expect(legacyReply.run('$.trackToken', clerkToken, issueBody.idempotencyKey).changes).toBe(1);
      db.close();

      running = hub = await startTestHub({ dataDir });
      clerk = await login(running, 'clerk1');
      const seen: Seen = [];
      const socket = await staffSocket(running, clerk);
      const replay = okData(await emitAck<AckResult<StaffSyncReply>>(socket, 'hall:sync', { lastSeq: 0 }));
      expect(replay.mode).toBe('replay');
      seen.push({ path: 'replay of legacy facts', payload: replay, mentions: ticket.number });
      const retried = await api(running, 'POST', '/api/windows/w1/call-next', { token: clerk, body: callBody });
      expect(retried.status).toBe(200);
      seen.push({ path: 'HTTP retry of a legacy call-next reply', payload: retried.body, mentions: ticket.number });
      const socketRetry = okData(await emitAck<AckResult<WindowCommandReply>>(socket, 'window:command', { windowId: 'w1', verb: 'call-next', body: callBody }));
      seen.push({ path: 'socket retry of a legacy call-next reply', payload: socketRetry, mentions: ticket.number });
      const issueRetry = await api<IssuedTicket>(running, 'POST', '/api/tickets', { token: clerk, body: issueBody });
      expect(issueRetry.body.id).toBe(byClerk.body.id);
      seen.push({ path: 'retry of a legacy staff issue reply', payload: issueRetry.body, mentions: byClerk.body.number });
      expectNoTrackToken(seen, [ticket.trackToken, clerkToken]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
