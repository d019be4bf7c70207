/** The kiosk extension over real HTTP: identity, limits, green channel, printing to the simulator, printer faults. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { DEMO_PEOPLE } from '../../server/app/kiosk-demo';
import { idCheckCharacter } from '../../drivers/identity';
import { printedJob } from '../support/printer';
import type { ErrorBody } from '../../server/protocol/errors';
import type { AckResult } from '../../server/protocol/events';
import type { IssuedTicket } from '../../server/protocol/http';
import type { StaffSnapshot } from '../../server/protocol/model';

function idNumber(birth: string, serial = '123'): string {
  const first17 = `320102${birth}${serial}`;
  return first17 + idCheckCharacter(first17);
}

describe('kiosk: identity, printing and printer faults', () => {
  let hub: TestHub;
  let kiosk: KioskExtension;

  beforeEach(async () => {
    const config = testConfig();
    kiosk = kioskExtension(config, { printerPollMs: 0 });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kiosk] });
  });
  afterEach(() => hub.dispose());

  it('prints the ticket through the simulator with the tracking QR code', async () => {
    const answer = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } });
    expect(answer.status).toBe(201);
    expect(answer.body.printed).toBe(true);
    const job = await printedJob(kiosk.devices('kiosk1')?.printerSimulator, answer.body.number);
    expect(job.binPath).toBe(join(hub.dataDir, 'printer', 'kiosk1', `${answer.body.number}.bin`));
    const text = readFileSync(join(hub.dataDir, 'printer', 'kiosk1', `${answer.body.number}.txt`), 'utf8');
    expect(text).toContain(answer.body.number);
    expect(text).toContain('综合受理');
    expect(text).toContain(`QR: ${answer.body.trackUrl}`);
    expect(answer.body.trackUrl).toMatch(new RegExp(`/t/${answer.body.trackToken}$`));
  });

  it('takes the same path over socket.io: a typed ID number is hashed and limited, and the ticket is printed', async () => {
    const socket = connectSocket(hub, KIOSK_TOKEN);
    const person = idNumber('19800101');
    const first = await emitAck<Extract<AckResult<IssuedTicket>, { ok: true }>>(socket, 'ticket:issue', { serviceId: 'D', idNumber: person });
    expect(first).toMatchObject({ ok: true, data: { printed: true, personMasked: expect.stringMatching(/^3201\*+\d{3}[\dX]$/) } });
    await printedJob(kiosk.devices('kiosk1')?.printerSimulator, first.data.number);
    for (let i = 1; i < hub.hub.ports.config.policy.perPersonDailyLimit; i++) await emitAck(socket, 'ticket:issue', { serviceId: 'D', idNumber: person });
    const over = await emitAck(socket, 'ticket:issue', { serviceId: 'D', idNumber: person });
    socket.close();
    expect(over).toMatchObject({ ok: false, error: { error: 'person-limit-reached' } });
    expect(JSON.stringify(over)).not.toContain(person);
  });

  it('issues the ticket but says it could not print when the paper is out, and staff see the fault', async () => {
    kiosk.devices('kiosk1')?.printerSimulator?.setPaperOut(true);
    const answer = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ printed: false, printProblem: 'paper-out' });
    const staff = await api<StaffSnapshot>(hub, 'GET', '/api/hall/staff', { token: await login(hub, 'manager') });
    expect(staff.body.devices).toContainEqual(expect.objectContaining({ id: 'kiosk1-printer', kind: 'printer', status: 'error', code: 'paper-out', owner: 'kiosk1' }));
  });

  it('ties a typed ID number to the ticket only masked, and enforces the per-person daily limit', async () => {
    const id = idNumber('19860709');
    const limit = hub.hub.ports.config.policy.perPersonDailyLimit;
    for (let i = 0; i < limit; i += 1) {
      const ok = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: id } });
      expect(ok.status).toBe(201);
      expect(ok.body.personMasked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
      expect(ok.body.priority).toBe('normal');
    }
    const refused = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: id } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('person-limit-reached');
    const otherService = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', idNumber: id } });
    expect(otherService.status).toBe(201);
    const bad = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: id.slice(0, 17) + (id.endsWith('1') ? '2' : '1') } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain(id.slice(0, 17));
    // Nothing in the database file holds the full number.
    hub.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(hub.dataDir, 'hallq.db')).includes(Buffer.from(id))).toBe(false);
  });

  it('gives the green channel to a typed ID number of someone aged 70 or more', async () => {
    const answer = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: idNumber('19500101') } });
    expect(answer.body).toMatchObject({ priority: 'green', priorityReason: 'elderly' });
  });

  it('holds a card read on the kiosk reader for its page, and uses it once', async () => {
    expect((await api(hub, 'GET', '/api/kiosk/identity', { token: KIOSK_TOKEN })).status).toBe(204);
    expect((await api(hub, 'POST', '/api/demo/kiosks/kiosk1/card', { body: { person: 'elderly' } })).status).toBe(202);
    const held = await api<{ handle: string }>(hub, 'GET', '/api/kiosk/identity', { token: KIOSK_TOKEN });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ nameMasked: '李**', isGreenChannel: true });
    expect(JSON.stringify(held.body)).not.toContain(DEMO_PEOPLE.elderly?.card.idNumber.slice(6, 14));
    expect((await api(hub, 'GET', '/api/kiosk/identity')).status).toBe(401);

    const body = { serviceId: 'C', identity: 'card', cardHandle: held.body.handle };
    const ticket = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ priority: 'green', priorityReason: 'elderly', nameMasked: '李**' });
    expect((await api(hub, 'GET', '/api/kiosk/identity', { token: KIOSK_TOKEN })).status).toBe(204);
    const again = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body });
    expect(again.status).toBe(400);
  });
});
