/**
 * Many windows calling at once (issue #7), half over HTTP and half over socket.io: every ticket is called
 * exactly once — none twice (the classic double call), none lost — and retries of one action under one
 * idempotency key, fired together, act once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckResult, WindowCommandReply } from '../../server/protocol/events';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, type TestHub, type TestSocket } from '../support/hub';

const WINDOWS = 12;
const TICKETS = 150;
let hub: TestHub;
const clerks: Array<{ windowId: string; token: string; socket?: TestSocket }> = [];

beforeAll(async () => {
  const config = testConfig((file) => {
    const hash = file.staff[0]?.passwordHash ?? '';
    file.windows = Array.from({ length: WINDOWS }, (_, i) => ({ id: `w${i + 1}`, number: i + 1, services: i % 2 ? ['A', 'B'] : ['B', 'A'] }));
    file.staff = Array.from({ length: WINDOWS }, (_, i) => ({ username: `clerk${i + 1}`, name: `办事员${i + 1}`, role: 'clerk' as const, passwordHash: hash }));
    if (file.policy) file.policy.loginsPerMinute = 100;
  });
  hub = await startTestHub({ config });
  for (let i = 1; i <= WINDOWS; i++) {
    const token = await login(hub, `clerk${i}`);
    expect((await api(hub, 'POST', `/api/windows/w${i}/open`, { token, body: {} })).status).toBe(200);
    const socket = i % 2 === 0 ? connectSocket(hub, token) : undefined;
    if (socket) await new Promise<void>((resolve) => socket.on('connect', resolve));
    clerks.push({ windowId: `w${i}`, token, socket });
  }
});
afterAll(async () => {
  for (const c of clerks) c.socket?.disconnect();
  await hub.dispose();
});

const kiosk = { kind: 'kiosk', kioskId: 'kiosk1' } as const;

/** call-next then finish, until the window finds nobody; answers the tickets it called. */
async function drain(clerk: (typeof clerks)[number]): Promise<string[]> {
  const called: string[] = [];
  const command = async (verb: 'call-next' | 'finish'): Promise<WindowCommandReply | null> => {
    if (clerk.socket) {
      const result = await emitAck<AckResult<WindowCommandReply | null>>(clerk.socket, 'window:command', { windowId: clerk.windowId, verb, body: {} });
      if (!result.ok) throw new Error(`${verb} at ${clerk.windowId}: ${result.error.message}`);
      return result.data;
    }
    const answer = await api<WindowCommandReply>(hub, 'POST', `/api/windows/${clerk.windowId}/${verb}`, { token: clerk.token, body: {} });
    if (answer.status === 204) return null;
    if (answer.status !== 200) throw new Error(`${verb} at ${clerk.windowId}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  for (;;) {
    const reply = await command('call-next');
    if (!reply?.ticket) return called;
    called.push(reply.ticket.id);
    await command('finish');
  }
}

describe('many windows calling at once', () => {
  it(`${WINDOWS} windows over HTTP and socket.io call ${TICKETS} tickets: each exactly once`, async () => {
    const issued = Array.from({ length: TICKETS }, (_, i) => hub.hub.issueTicket(kiosk, { serviceId: i % 3 ? 'A' : 'B' }).id);
    const perWindow = await Promise.all(clerks.map(drain));
    const called = perWindow.flat();
    expect(new Set(called).size).toBe(called.length);
    expect([...called].sort()).toEqual([...issued].sort());
    // More than one window did the work, over both transports: the race was real.
    expect(perWindow.filter((c) => c.length > 0).length).toBeGreaterThan(WINDOWS / 2);
    const db = hub.db;
    expect(db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE status = 'done'").get()).toEqual({ n: TICKETS });
    expect(db.prepare('SELECT COUNT(DISTINCT ticket_id) AS n, COUNT(*) AS calls FROM calls').get()).toEqual({ n: TICKETS, calls: TICKETS });
  });

  it('all windows pressing call-next in the same instant share a short queue without a double call', async () => {
    const issued = new Set(Array.from({ length: 5 }, () => hub.hub.issueTicket(kiosk, { serviceId: 'A' }).id));
    const replies = await Promise.all(clerks.map((c) => api<WindowCommandReply>(hub, 'POST', `/api/windows/${c.windowId}/call-next`, { token: c.token, body: {} })));
    const got = replies.filter((r) => r.status === 200).map((r) => r.body.ticket?.id);
    expect(new Set(got)).toEqual(issued);
    expect(replies.filter((r) => r.status === 204)).toHaveLength(WINDOWS - 5);
  });

  it('one action retried five times at once under one idempotency key acts once', async () => {
    const key = 'double-press-0001';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api<{ id: string; number: string }>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' }, idempotencyKey: key })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    // The same key for a different request is refused rather than silently answered with the old ticket.
    const reused = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' }, idempotencyKey: key });
    expect(reused).toMatchObject({ status: 409, body: { error: 'idempotency-conflict' } });
  });
});
