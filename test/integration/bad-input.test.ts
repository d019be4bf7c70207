/** Every core route answers bad input with a 4xx and a message a person can act on — and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/protocol/errors';
import type { AckResult, PublicSyncReply, StaffSyncReply } from '../../server/protocol/events';
import type { HallSnapshot } from '../../server/protocol/model';
import { api, connectSocket, emitAck, KIOSK_TOKEN, openWindow, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
let clerk: string;

beforeAll(async () => {
  hub = await startTestHub();
  clerk = await openWindow(hub, 'clerk1', 'w1');
});
afterAll(async () => hub.dispose());

type Case = [method: 'GET' | 'POST', path: string, options: Parameters<typeof api>[3], status: number, code: string];

const cases = (): Case[] => [
  ['POST', '/api/auth/login', { body: {} }, 400, 'invalid-request'],
  ['POST', '/api/auth/login', { body: { username: 'clerk1', password: 'wrong' } }, 401, 'bad-credentials'],
  ['POST', '/api/auth/login', { body: { username: 'x'.repeat(65), password: 'p' } }, 400, 'invalid-request'],
  ['POST', '/api/auth/login', { rawBody: '{"username":' }, 400, 'invalid-request'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'Z' } }, 404, 'unknown-service'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', priority: 'vip' } }, 400, 'invalid-request'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', extra: 1 } }, 400, 'invalid-request'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, body: [] }, 400, 'invalid-request'],
  ['POST', '/api/tickets', { body: { serviceId: 'A' } }, 403, 'forbidden'],
  ['POST', '/api/tickets', { token: 'not-a-token', body: { serviceId: 'A' } }, 401, 'unauthenticated'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, rawBody: 'x'.repeat(70_000) }, 413, 'payload-too-large'],
  ['POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' }, idempotencyKey: 'short' }, 400, 'invalid-request'],
  ['GET', '/api/tickets/nope', { token: clerk }, 404, 'unknown-ticket'],
  ['GET', '/api/tickets/nope', {}, 403, 'forbidden'],
  ['GET', '/api/tickets/..%2F..%2Fetc', { token: clerk }, 400, 'invalid-request'],
  ['GET', '/api/track/short', {}, 400, 'invalid-request'],
  ['GET', '/api/track/aaaaaaaaaaaaaaaa', {}, 404, 'unknown-ticket'],
  ['POST', '/api/track/aaaaaaaaaaaaaaaa/rating', { body: { score: 6 } }, 400, 'invalid-request'],
  ['POST', '/api/track/aaaaaaaaaaaaaaaa/rating', { body: { score: 5, tags: ['rude-words'] } }, 400, 'invalid-request'],
  ['POST', '/api/track/aaaaaaaaaaaaaaaa/rating', { body: { score: 5 } }, 404, 'unknown-ticket'],
  ['POST', '/api/windows/w9/open', { token: clerk, body: {} }, 404, 'unknown-window'],
  ['POST', '/api/windows/w1/pause', { token: clerk, body: { reason: 'nap' } }, 400, 'invalid-request'],
  ['POST', '/api/windows/w1/park', { token: clerk, body: { minutes: 0 } }, 400, 'invalid-request'],
  ['POST', '/api/windows/w1/call', { token: clerk, body: {} }, 400, 'invalid-request'],
  ['POST', '/api/windows/w1/call', { token: clerk, body: { ticketId: 'nope' } }, 404, 'unknown-ticket'],
  ['POST', '/api/windows/w1/recall', { token: clerk, body: {} }, 409, 'no-current-ticket'],
  ['POST', '/api/windows/w1/finish', { token: clerk, body: {} }, 409, 'no-current-ticket'],
  ['POST', '/api/windows/w1/transfer', { token: clerk, body: { toServiceId: 'A' } }, 409, 'no-current-ticket'],
  ['POST', '/api/windows/w1/resume', { token: clerk, body: {} }, 409, 'ticket-state'],
  ['POST', '/api/windows/w1/call-next', { body: {} }, 401, 'unauthenticated'],
  ['POST', '/api/windows/w1/call-next', { token: KIOSK_TOKEN, body: {} }, 403, 'forbidden'],
  ['POST', '/api/windows/w2/call-next', { token: clerk, body: {} }, 403, 'not-signed-in-here'],
  ['POST', '/api/windows/w1/auto-call', { token: clerk, body: { enabled: 'yes' } }, 400, 'invalid-request'],
  ['GET', '/api/hall/staff', {}, 401, 'unauthenticated'],
  ['GET', '/api/nothing-here', {}, 404, 'not-found'],
];

describe('bad input', () => {
  it('answers every bad request with the right 4xx, an error code and a readable message, and changes nothing', async () => {
    const before = (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body;
    for (const [method, path, options, status, code] of cases()) {
      const answer = await api<ErrorBody>(hub, method, path, options);
      expect({ path, status: answer.status, code: answer.body?.error }).toEqual({ path, status, code });
      expect(typeof answer.body.message).toBe('string');
      expect(answer.body.message.length).toBeGreaterThan(10);
    }
    const after = (await api<HallSnapshot>(hub, 'GET', '/api/hall')).body;
    expect(after.seq).toBe(before.seq);
  });

  it('answers bad socket commands with an error ack, and survives a command without an ack', async () => {
    const socket = connectSocket(hub, clerk);
    expect(await emitAck(socket, 'window:command', { windowId: 'w1', verb: 'explode' })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(await emitAck(socket, 'window:command', { windowId: 'w1', verb: 'pause', body: { reason: 7 } })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(await emitAck(socket, 'hall:sync', { lastSeq: -3 })).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    expect(await emitAck(socket, 'ticket:rate', 'nonsense')).toMatchObject({ ok: false, error: { error: 'invalid-request' } });
    socket.emit('ticket:issue' as 'hall:sync', null as never, undefined as never);
    const stillAlive = await emitAck<AckResult<PublicSyncReply | StaffSyncReply>>(socket, 'hall:sync', {});
    expect(stillAlive.ok).toBe(true);
    socket.close();
  });
});
