/**
 * A session's end reaches its sockets (issue 21): the actor used to be captured once at the handshake, so
 * after sign-out, a disabled account or a password reset the same clerk's socket still ran call-next and
 * kept receiving staff events. For each way a session ends: the socket gets the reason and is disconnected
 * within a second; and, since the disconnect can race a command, a command whose session ended behind the
 * gateway's back (the database changed, no bus event) is refused with `session-ended` and ends the socket.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connectSocket, login, openWindow, startTestHub, testConfig, TestClock, type TestHub, type TestSocket } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import { hashToken } from '../../server/app/passwords';
import type { AckResult, StaffEvent } from '../../server/protocol/events';
import type { SessionEnded, SessionEndReason } from '../../server/protocol/sessions';

const config = testConfig();
let hub: TestHub;
let clock: TestClock;
let admin: string;

beforeEach(async () => {
  clock = new TestClock();
  hub = await startTestHub({ config, clock, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
  admin = await login(hub, 'manager');
});
afterEach(() => hub.dispose());

/** A staff socket that has synced (so it is in the staff room), with what it saw. */
async function staffSocket(token: string): Promise<{ socket: TestSocket; ended: Promise<{ ended: SessionEnded; disconnectedAfterMs: number }>; events: StaffEvent[] }> {
  const socket = connectSocket(hub, token);
  const events: StaffEvent[] = [];
  socket.on('hub:events', (batch) => events.push(...batch));
  const ended = new Promise<{ ended: SessionEnded; disconnectedAfterMs: number }>((resolve, reject) => {
    let reason: SessionEnded | undefined;
    let at = 0;
    socket.on('session:ended', (payload) => {
      reason = payload;
      at = Date.now();
    });
    socket.on('disconnect', () => (reason ? resolve({ ended: reason, disconnectedAfterMs: Date.now() - at }) : reject(new Error('disconnected without a reason'))));
  });
  // A socket the test closes itself ends without a reason: only an awaited `ended` may fail on that.
  ended.catch(() => undefined);
  const synced = await ack(socket, 'hall:sync', {});
  expect(synced.ok).toBe(true);
  return { socket, ended, events };
}

function ack<T = unknown>(socket: TestSocket, event: 'hall:sync' | 'window:command', payload: unknown): Promise<AckResult<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 3_000);
    (socket.emit as (e: string, p: unknown, cb: (r: AckResult<T>) => void) => void)(event, payload, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

/** Resolves within `ms` or fails: "within a second" measured from the action that ended the session. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const staffBody = (role: 'clerk' | 'manager', isDisabled = false) => ({ name: '王芳', role, isDisabled });

describe('the end of a session reaches its sockets within a second', () => {
  const cases: Array<{ reason: SessionEndReason; scope: 'session' | 'user'; end: (token: string) => Promise<unknown> }> = [
    { reason: 'signed-out', scope: 'session', end: (token) => api(hub, 'POST', '/api/auth/logout', { token }) },
    // The clerk's sessions were opened a minute before the bystander's: only theirs are past their time.
    { reason: 'expired', scope: 'session', end: async () => clock.advance(config.policy.sessionHours * 3_600_000 - 30_000) },
    { reason: 'disabled', scope: 'user', end: () => api(hub, 'PUT', '/api/admin/staff/clerk1', { token: admin, body: staffBody('clerk', true) }) },
    { reason: 'role-changed', scope: 'user', end: () => api(hub, 'PUT', '/api/admin/staff/clerk1', { token: admin, body: staffBody('manager') }) },
    { reason: 'password-reset', scope: 'user', end: () => api(hub, 'POST', '/api/admin/staff/clerk1/password', { token: admin, body: { password: 'a-new-password-1' } }) },
  ];

  for (const { reason, scope, end } of cases) {
    it(`${reason}: the reason, then the disconnect; ${scope === 'user' ? 'every session of the user' : 'only that session'}; no more staff events`, async () => {
      const token = await openWindow(hub, 'clerk1', 'w1');
      const other = await login(hub, 'clerk1'); // a second session of the same clerk (another PC)
      clock.advance(60_000);
      const bystander = await staffSocket(await login(hub, 'clerk2'));
      const first = await staffSocket(token);
      const second = await staffSocket(other);
      const started = Date.now();
      await end(token);
      const { ended, disconnectedAfterMs } = await within(1_000 + (reason === 'expired' ? 200 : 0), first.ended);
      expect(Date.now() - started).toBeLessThan(reason === 'expired' ? 1_200 : 1_000);
      expect(ended.reason).toBe(reason);
      expect(ended.message.length).toBeGreaterThan(10);
      expect(disconnectedAfterMs).toBeLessThan(500);
      if (scope === 'user') {
        expect((await within(1_000, second.ended)).ended.reason).toBe(reason);
      } else if (reason === 'signed-out') {
        // Signing out on one PC leaves the clerk's other session alone.
        expect(second.socket.connected).toBe(true);
        expect((await ack(second.socket, 'hall:sync', {})).ok).toBe(true);
      }
      // A fact after the end reaches the bystander but not the ended socket.
      const seenBefore = first.events.length;
      const bystanderSaw = new Promise<void>((resolve) => bystander.socket.once('hub:events', () => resolve()));
      const notifier = await login(hub, 'manager'); // the admin's own session may have expired with the clock
      expect((await api(hub, 'PUT', '/api/admin/notices', { token: notifier, body: { notices: ['今日系统维护'] } })).status).toBe(200);
      await within(1_000, bystanderSaw);
      expect(first.events.length).toBe(seenBefore);
      expect(first.socket.connected).toBe(false);
      for (const s of [first, second, bystander]) s.socket.close();
    });
  }
});

describe('every socket command re-checks its session (the disconnect can race a command)', () => {
  // Each ends the session the way its use case does in the database, but without the bus event: as if the
  // command had overtaken the disconnect.
  const cases: Array<{ reason: SessionEndReason; endQuietly: (token: string) => void }> = [
    { reason: 'signed-out', endQuietly: (token) => hub.hub.ports.accounts.auth.deleteSession(hashToken(token)) },
    { reason: 'expired', endQuietly: () => (hub.hub.stop(), clock.advance(config.policy.sessionHours * 3_600_000 + 1)) },
    { reason: 'disabled', endQuietly: () => updateClerk1({ isDisabled: true }) },
    { reason: 'role-changed', endQuietly: () => updateClerk1({ role: 'manager' }) },
    // A reset deletes the account's sessions in its transaction; the row is gone when the command arrives.
    { reason: 'signed-out', endQuietly: () => hub.hub.ports.accounts.auth.deleteSessionsOf('clerk1') },
  ];

  function updateClerk1(change: { isDisabled?: boolean; role?: 'manager' }): void {
    const auth = hub.hub.ports.accounts.auth;
    const staff = auth.findStaff('clerk1');
    if (!staff) throw new Error('no clerk1');
    auth.upsertStaff({ ...staff, ...change });
  }

  cases.forEach(({ reason, endQuietly }, i) => {
    it(`${i === 4 ? 'password reset' : reason}: call-next is refused with session-ended, then the socket ends`, async () => {
      const token = await openWindow(hub, 'clerk1', 'w1');
      const clerk = await staffSocket(token);
      await api(hub, 'POST', '/api/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'A' } });
      endQuietly(token);
      const refused = await ack(clerk.socket, 'window:command', { windowId: 'w1', verb: 'call-next' });
      expect(refused).toMatchObject({ ok: false, error: { error: 'session-ended' } });
      const { ended } = await within(1_000, clerk.ended);
      expect(ended.reason).toBe(reason);
      // Nothing was called: the waiting ticket is still waiting.
      const snapshot = await api<{ windows: Array<{ id: string; current?: unknown }> }>(hub, 'GET', '/api/hall');
      expect(snapshot.body.windows.find((w) => w.id === 'w1')?.current).toBeUndefined();
      clerk.socket.close();
    });
  });

  it("a live session's commands still run (the re-check refuses only ended sessions)", async () => {
    const token = await openWindow(hub, 'clerk1', 'w1');
    const clerk = await staffSocket(token);
    await api(hub, 'POST', '/api/tickets', { token: 'demo-kiosk-token', body: { serviceId: 'A' } });
    const called = await ack<{ ticket?: { number: string } }>(clerk.socket, 'window:command', { windowId: 'w1', verb: 'call-next' });
    expect(called.ok).toBe(true);
    clerk.socket.close();
  });
});
