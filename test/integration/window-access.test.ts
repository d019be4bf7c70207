/**
 * Window authorization is decided once (server/app/window-access.ts), for HTTP, the socket and a release:
 * the same refusal with the same words on every path, and who the actor is before anything about the
 * window, so a kiosk, a stranger or a clerk learns nothing about windows they may not touch.
 * Real hub on port 0, real socket.io client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.dispose();
});

type Refusal = { error: string; message: string };

describe('window verbs', () => {
  it('refuse a stranger and a kiosk before looking at the window, with the same words over HTTP and the socket', async () => {
    for (const windowId of ['w1', 'no-such-window']) {
      expect(await api<Refusal>(hub, 'POST', `/api/windows/${windowId}/call-next`, { body: {} })).toMatchObject({
        status: 401,
        body: { error: 'unauthenticated', message: 'Sign in as staff to use a window.' },
      });
      expect(await api<Refusal>(hub, 'POST', `/api/windows/${windowId}/call-next`, { token: KIOSK_TOKEN, body: {} })).toMatchObject({
        status: 403,
        body: { error: 'forbidden', message: 'A kiosk cannot operate a window.' },
      });
    }
    const stranger = connectSocket(hub);
    try {
      const ack = await emitAck<{ ok: boolean; error?: Refusal }>(stranger, 'window:command', { windowId: 'w1', verb: 'call-next' });
      expect(ack).toEqual({ ok: false, error: { error: 'unauthenticated', message: 'Sign in as staff to use a window.' } });
    } finally {
      stranger.close();
    }
  });

  it('tell staff about an unknown window only once they may operate windows', async () => {
    const clerk = await login(hub, 'clerk1');
    expect(await api<Refusal>(hub, 'POST', '/api/windows/no-such-window/call-next', { token: clerk, body: {} })).toMatchObject({ status: 404, body: { error: 'unknown-window' } });
  });
});

describe('a release (强制关窗)', () => {
  it('is refused to a clerk before the window is looked up; a manager learns the window is unknown', async () => {
    const clerk = await login(hub, 'clerk2');
    const manager = await login(hub, 'manager');
    for (const windowId of ['w1', 'no-such-window']) {
      expect(await api<Refusal>(hub, 'POST', `/api/windows/${windowId}/release`, { token: clerk, body: {} })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(await api<Refusal>(hub, 'POST', `/api/windows/${windowId}/release`, { token: KIOSK_TOKEN, body: {} })).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
      expect(await api<Refusal>(hub, 'POST', `/api/windows/${windowId}/release`, { body: {} })).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    }
    expect(await api<Refusal>(hub, 'POST', '/api/windows/no-such-window/release', { token: manager, body: {} })).toMatchObject({ status: 404, body: { error: 'unknown-window' } });
  });
});
