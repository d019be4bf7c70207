/**
 * Privacy (issue #7): after a full run of the demo hall — ID cards read and typed at the kiosk, staff signing
 * in, calls, finishes, phone tracking and rating, public and staff sockets — nothing personal or secret is in
 * the logs (captured with the production logger options, at debug level), nor in the database file except
 * masked and keyed-hash forms, nor in any public payload (HTTP or socket).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../server/compose';
import { hubExtensions } from '../../server/extensions';
import { loggerOptions } from '../../server/logging';
import { DEMO_PEOPLE } from '../../server/app/kiosk-demo';
import { maskIdNumber, maskName } from '../../drivers/identity';
import type { AckResult } from '../../server/protocol/events';
import { api, connectSocket, emitAck, KIOSK_TOKEN, DEMO_PASSWORD, testConfig } from '../support/hub';

const config = testConfig();
const dataDir = mkdtempSync(join(tmpdir(), 'hallq-privacy-'));
let hub: RunningHub;
let logs = '';
const publicPayloads: unknown[] = [];
const secrets: string[] = [DEMO_PASSWORD, KIOSK_TOKEN];
const people = Object.values(DEMO_PEOPLE).map((p) => p.card);
const staffWords = config.staff.flatMap((s) => [s.name, s.username]);

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs += chunk.toString('utf8');
      done();
    },
  });
  const base = loggerOptions(dataDir, {}, false);
  hub = await startHub({ config, dataDir, host: '127.0.0.1', port: 0, extensions: hubExtensions(config), logger: { ...(typeof base === 'object' ? base : {}), level: 'debug', stream } });

  const display = connectSocket(hub);
  display.on('hub:public-events', (events) => publicPayloads.push(...events));
  display.on('queues:updated', (e) => publicPayloads.push(e));
  await new Promise<void>((resolve) => display.on('connect', resolve));
  publicPayloads.push(await emitAck<AckResult<unknown>>(display, 'hall:sync', {}));

  // Staff sign in (one wrong password first), open windows, a staff socket follows along.
  expect((await api(hub, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: 'wrong-password' } })).status).toBe(401);
  const tokens: string[] = [];
  for (const username of ['clerk1', 'clerk2']) {
    const answer = await api<{ token: string }>(hub, 'POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.push(answer.body.token);
  }
  secrets.push(...tokens);
  const staff = connectSocket(hub, tokens[0]);
  await new Promise<void>((resolve) => staff.on('connect', resolve));
  await emitAck(staff, 'hall:sync', {});
  await api(hub, 'POST', '/api/windows/w1/open', { token: tokens[0], body: {} });
  await api(hub, 'POST', '/api/windows/w2/open', { token: tokens[1], body: {} });

  // Visitors identify with a typed ID number, and one with the card on the simulated reader.
  const issued: Array<{ trackToken: string }> = [];
  for (const person of people) {
    const answer = await api<{ trackToken: string }>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: person.idNumber } });
    expect(answer.status).toBe(201);
    issued.push(answer.body);
  }
  // A malformed request that carries an ID number must not echo it anywhere either.
  await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: people[0]?.idNumber, name: people[0]?.name } });
  await api(hub, 'POST', '/api/demo/kiosks/kiosk1/card', { body: { person: 'adult' } });
  for (let i = 0; i < 30; i++) {
    const card = await api<{ cardHandle?: string }>(hub, 'GET', '/api/kiosk/identity', { token: KIOSK_TOKEN });
    if (card.status === 200 && card.body.cardHandle) {
      const answer = await api<{ trackToken: string }>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', identity: 'card', cardHandle: card.body.cardHandle } });
      if (answer.status === 201) issued.push(answer.body);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  secrets.push(...issued.map((t) => t.trackToken));

  for (const verb of ['call-next', 'finish', 'call-next', 'recall', 'finish']) await api(hub, 'POST', `/api/windows/w1/${verb}`, { token: tokens[0], body: {} });
  for (const ticket of issued) {
    publicPayloads.push((await api(hub, 'GET', `/api/track/${ticket.trackToken}`)).body);
    publicPayloads.push((await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 2, tags: ['slow'] } })).body);
  }
  for (const path of ['/api/hall', '/api/services', '/api/windows']) publicPayloads.push((await api(hub, 'GET', path)).body);
  await new Promise((resolve) => setTimeout(resolve, 300));
  display.disconnect();
  staff.disconnect();
  await hub.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('no personal data or secrets where they do not belong', () => {
  it('the logs of a full run hold no ID number, name, password or token', () => {
    expect(logs.length).toBeGreaterThan(1000);
    // Requests are logged, with the track token cut out of the URL (it used to be logged whole).
    expect(logs).toContain('/api/track/[token]');
    const forbidden = [...people.flatMap((p) => [p.idNumber, p.name]), ...staffWords.filter((w) => !/^[a-z]+\d*$/.test(w)), ...secrets];
    for (const word of forbidden) expect(logs.includes(word), `the logs contain "${word}"`).toBe(false);
  });

  it('the database keeps ID numbers and names only masked and hashed', () => {
    const bytes = readdirSync(dataDir)
      .filter((f) => f.startsWith('hallq.db'))
      .map((f) => readFileSync(join(dataDir, f)))
      .reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0));
    for (const p of people) {
      expect(bytes.includes(Buffer.from(p.idNumber)), `hallq.db holds ${p.idNumber}`).toBe(false);
      expect(bytes.includes(Buffer.from(p.name)), `hallq.db holds ${p.name}`).toBe(false);
    }
    expect(bytes.includes(Buffer.from(maskIdNumber(people[0]?.idNumber ?? '')))).toBe(true);
  });

  it('public payloads carry no personal data, no staff identity and nobody\'s track token', () => {
    expect(publicPayloads.length).toBeGreaterThan(10);
    const text = JSON.stringify(publicPayloads);
    for (const key of ['personMasked', 'nameMasked', 'personHash', 'staffId', 'trackToken', 'idNumber', 'kioskId']) {
      expect(text.includes(`"${key}"`), `a public payload has "${key}"`).toBe(false);
    }
    const words = [...people.flatMap((p) => [p.idNumber, p.name, maskIdNumber(p.idNumber), maskName(p.name)]), ...staffWords, ...secrets];
    for (const word of words) expect(text.includes(word), `a public payload contains "${word}"`).toBe(false);
  });
});
