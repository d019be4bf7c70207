/**
 * The hub decides priority (issue 18 item 2). `POST /api/tickets {"serviceId":"A","priority":"appointment"}`
 * with the kiosk token and no code used to be accepted, and call-policy.ts treats such a ticket as always due:
 * the client, not the hub, chose who goes first. Every way a kiosk token could mint a priority it has no right
 * to is tried here over HTTP and over socket.io; each is refused (priority-not-allowed, or the appointment's
 * own refusal) and writes nothing. What is allowed still works: green by age on a card or a typed ID number,
 * appointment with an on-time code, green granted by staff with a reason (in the audit log, with who).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub, type TestSocket } from '../support/hub';
import { hubExtensions } from '../../server/extensions';
import { idCheckCharacter } from '../../drivers/identity';
import type { ErrorBody } from '../../server/protocol/errors';
import type { AckResult } from '../../server/protocol/events';
import type { IssuedTicket } from '../../server/protocol/http';
import type { AuditPage } from '../../server/protocol/audit';
import type { ServiceView } from '../../server/protocol/model';

const idNumber = (birth: string, serial = '123'): string => ((first17: string) => first17 + idCheckCharacter(first17))(`320102${birth}${serial}`);
const YOUNG = idNumber('19900101');
const ELDERLY = idNumber('19500101'); // 76 on the test day (2026-11-27)
// The test clock starts at 2026-11-27 09:00 Asia/Shanghai: R1 is due now, R2 was this morning (late), R3 is for A.
const CSV = ['code,serviceId,slotStart,slotEnd', 'R1,B,2026-11-27 09:10,2026-11-27 09:30', 'R2,B,2026-11-27 07:00,2026-11-27 07:30', 'R3,A,2026-11-27 09:10,2026-11-27 09:30'].join('\n');

/** Requests a kiosk may send that ask for a priority the hub did not establish. */
const FORGED: ReadonlyArray<{ what: string; body: Record<string, unknown>; error: string }> = [
  { what: 'appointment with no code', body: { serviceId: 'B', priority: 'appointment' }, error: 'priority-not-allowed' },
  { what: 'green with no age', body: { serviceId: 'B', priority: 'green' }, error: 'priority-not-allowed' },
  { what: 'green with a reason', body: { serviceId: 'B', priority: 'green', priorityReason: 'elderly' }, error: 'priority-not-allowed' },
  { what: 'green with a young typed ID number', body: { serviceId: 'B', priority: 'green', priorityReason: 'pregnant', idNumber: YOUNG }, error: 'priority-not-allowed' },
  { what: 'appointment with a young typed ID number', body: { serviceId: 'B', priority: 'appointment', idNumber: YOUNG }, error: 'priority-not-allowed' },
  { what: 'appointment with a late code', body: { serviceId: 'B', priority: 'appointment', appointmentCode: 'R2' }, error: 'priority-not-allowed' },
  { what: "appointment with another service's code", body: { serviceId: 'B', priority: 'appointment', appointmentCode: 'R3' }, error: 'invalid-request' },
  { what: 'appointment with an unknown code', body: { serviceId: 'B', priority: 'appointment', appointmentCode: 'NOPE' }, error: 'unknown-appointment' },
  { what: "the desk's green reason", body: { serviceId: 'B', greenReason: 'pregnant' }, error: 'forbidden' },
];

describe('a kiosk cannot choose its own priority', () => {
  let hub: TestHub;
  let socket: TestSocket;
  let manager: string;
  beforeAll(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, clock: new TestClock(), extensions: hubExtensions(config) });
    manager = await login(hub, 'manager');
    const imported = await api(hub, 'POST', '/api/appointments/import', { token: manager, rawBody: CSV, headers: { 'content-type': 'text/csv' } });
    expect(imported).toMatchObject({ status: 200, body: { imported: 3 } });
    socket = connectSocket(hub, KIOSK_TOKEN);
  });
  afterAll(async () => {
    socket.close();
    await hub.dispose();
  });

  const waitingB = async (): Promise<number> => (await api<ServiceView[]>(hub, 'GET', '/api/services')).body.find((s) => s.id === 'B')?.waiting ?? -1;

  it.each(FORGED)('refuses $what over HTTP and socket.io, and writes nothing', async ({ body, error }) => {
    const before = await waitingB();
    const http = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body });
    expect(http.body.error).toBe(error);
    expect(http.status).toBeGreaterThanOrEqual(400);
    expect(http.body.message.length).toBeGreaterThan(20);
    const ack = await emitAck<AckResult<IssuedTicket>>(socket, 'ticket:issue', body);
    expect(ack).toMatchObject({ ok: false, error: { error } });
    expect(await waitingB()).toBe(before);
    // A typed ID number never comes back in a refusal.
    expect(JSON.stringify([http.body, ack])).not.toContain(YOUNG.slice(6, 14));
  });

  it('cannot upgrade a plain ticket by replaying its idempotency key with a priority', async () => {
    const plain = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', idempotencyKey: 'k-plain-1' } });
    expect(plain).toMatchObject({ status: 201, body: { priority: 'normal' } });
    const replay = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', idempotencyKey: 'k-plain-1', priority: 'appointment' } });
    // Refused as the priority it asks for, before the stored reply is even looked up.
    expect(replay).toMatchObject({ status: 403, body: { error: 'priority-not-allowed' } });
    const again = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', idempotencyKey: 'k-plain-1' } });
    expect(again.body).toMatchObject({ id: plain.body.id, priority: 'normal' });
  });

  it('still gives what the hub establishes: green by a typed ID number of a 76-year-old, appointment with an on-time code', async () => {
    const byAge = await emitAck<AckResult<IssuedTicket>>(socket, 'ticket:issue', { serviceId: 'B', idNumber: ELDERLY });
    expect(byAge).toMatchObject({ ok: true, data: { priority: 'green', priorityReason: 'elderly' } });
    // Asking for it changes nothing when the age is there: the same green notice as a card.
    const asked = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', idNumber: ELDERLY, priority: 'green' } });
    expect(asked).toMatchObject({ status: 201, body: { priority: 'green', priorityReason: 'elderly' } });
    const booked = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B', priority: 'appointment', appointmentCode: 'R1' } });
    expect(booked).toMatchObject({ status: 201, body: { priority: 'appointment' } });
  });

  it('lets staff grant the green channel with a reason, audited with who granted it, and not without one', async () => {
    const clerk = await login(hub, 'clerk1');
    const none = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: clerk, body: { serviceId: 'B', priority: 'green' } });
    expect(none).toMatchObject({ status: 400, body: { error: 'invalid-request' } });
    const granted = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: clerk, body: { serviceId: 'B', priority: 'green', priorityReason: 'pregnant' } });
    expect(granted).toMatchObject({ status: 201, body: { priority: 'green', priorityReason: 'pregnant' } });
    const staffAppointment = await api<ErrorBody>(hub, 'POST', '/api/tickets', { token: clerk, body: { serviceId: 'B', priority: 'appointment' } });
    expect(staffAppointment).toMatchObject({ status: 403, body: { error: 'priority-not-allowed' } });
    const audit = await api<AuditPage>(hub, 'GET', `/api/manager/audit?${new URLSearchParams({ from: '2026-11-27', to: '2026-11-27', kind: 'ticket:issued', number: granted.body.number }).toString()}`, { token: manager });
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ number: granted.body.number, detail: 'green', detail2: 'pregnant', actor: expect.objectContaining({ kind: 'staff', id: 'clerk1' }) }));
  });
});
