/**
 * Sessions and limits (issue #7): sessions expire; failed sign-ins lock the account from that address
 * (issue 21: not from others; test/integration/sign-in-lockout.test.ts) — also when the guesses arrive all
 * at once (they used to slip past the lock); sign-ins and ticket issuance are rate
 * limited per address and per kiosk, over HTTP and over the socket; one ID card gets a limited number of
 * tickets per service per day.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hubExtensions } from '../../server/extensions';
import type { AckResult } from '../../server/protocol/events';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.dispose();
  hub = undefined;
});

describe('sessions and sign-in', () => {
  it('a session expires after the configured hours', async () => {
    const clock = new TestClock();
    hub = await startTestHub({ clock });
    const token = await login(hub, 'clerk1');
    expect((await api(hub, 'GET', '/api/hall/staff', { token })).status).toBe(200);
    clock.advance(12 * 3600_000 - 1);
    expect((await api(hub, 'GET', '/api/hall/staff', { token })).status).toBe(200);
    clock.advance(1);
    const expired = await api(hub, 'GET', '/api/hall/staff', { token });
    expect(expired).toMatchObject({ status: 401, body: { error: 'session-expired' } });
    // Gone for good: the row is deleted, not merely refused.
    expect((await api(hub, 'GET', '/api/hall/staff', { token })).body).toMatchObject({ error: 'unauthenticated' });
  });

  it('locks an account from an address after 5 wrong passwords, even for the right one, until the lock ends', async () => {
    const clock = new TestClock();
    hub = await startTestHub({ clock });
    for (let i = 0; i < 5; i++) expect((await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: 'wrong' } })).status).toBe(401);
    const locked = await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: 'demo1234' } });
    expect(locked).toMatchObject({ status: 429, body: { error: 'rate-limited' } });
    clock.advance(5 * 60_000 + 1);
    expect((await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: 'demo1234' } })).status).toBe(200);
  });

  it('locks an account from an address after a burst of parallel wrong guesses (regression: each read the count before any failed)', async () => {
    hub = await startTestHub();
    const guesses = await Promise.all(Array.from({ length: 8 }, () => api(hub as TestHub, 'POST', '/api/auth/login', { body: { username: 'clerk2', password: 'guess' } })));
    expect(guesses.every((g) => g.status === 401 || g.status === 429)).toBe(true);
    const right = await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk2', password: 'demo1234' } });
    expect(right).toMatchObject({ status: 429, body: { error: 'rate-limited' } });
  });

  it('limits sign-in attempts per address', async () => {
    hub = await startTestHub({ config: testConfig((f) => void (f.policy && (f.policy.loginsPerMinute = 5))) });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await api(hub, 'POST', '/api/auth/login', { body: { username: `nobody${i}`, password: 'x' } }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[5]).toMatchObject({ status: 429, body: { error: 'rate-limited' } });
  });
});

describe('issuance limits', () => {
  const SECOND_KIOSK = 'second-kiosk-token-for-tests';
  const limitedConfig = testConfig((f) => {
    if (f.policy) f.policy.ticketsPerMinutePerKiosk = 5;
    f.kiosks.push({ id: 'kiosk2', name: '二楼', tokenHash: createHash('sha256').update(SECOND_KIOSK).digest('hex') });
  });

  it('per kiosk over HTTP: one kiosk past its budget is refused, another kiosk is not', async () => {
    hub = await startTestHub({ config: limitedConfig });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await api(hub, 'POST', '/api/tickets', { token: SECOND_KIOSK, body: { serviceId: 'A' } })).status).toBe(201);
  });

  it('per kiosk over the socket too', async () => {
    hub = await startTestHub({ config: limitedConfig });
    const socket = connectSocket(hub, KIOSK_TOKEN);
    const answers: AckResult<unknown>[] = [];
    for (let i = 0; i < 6; i++) answers.push(await emitAck<AckResult<unknown>>(socket, 'ticket:issue', { serviceId: 'A' }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false]);
    expect(answers[5]).toMatchObject({ ok: false, error: { error: 'rate-limited' } });
    socket.disconnect();
  });

  it('per person: one ID card gets at most the daily limit of tickets for a service', async () => {
    const config = testConfig();
    hub = await startTestHub({ config, extensions: hubExtensions(config) });
    const ask = (idNumber: string): Promise<{ status: number; body: unknown }> =>
      api(hub as TestHub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', idNumber } });
    const same = [];
    for (let i = 0; i < 4; i++) same.push(await ask('110101199003070011'));
    expect(same.map((a) => a.status)).toEqual([201, 201, 201, 409]);
    expect(same[3]?.body).toMatchObject({ error: 'person-limit-reached' });
    expect((await ask('310101195001011236')).status).toBe(201);
  });
});
