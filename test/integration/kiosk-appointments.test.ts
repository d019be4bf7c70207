/** Appointments: CSV import and API creation by staff, kiosk preview, check-in on time, late, used, not today. */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension } from '../../server/wings/kiosk';
import { idCheckCharacter } from '../../drivers/identity';
import type { ErrorBody } from '../../server/protocol/errors';
import type { IssuedTicket } from '../../server/protocol/http';

/** An appointment as GET and POST /api/appointments answer it (server/transport/http/kiosk-routes.ts): the fields read here. */
interface AppointmentView {
  code: string;
  status: string;
}

// The test clock starts at 2026-11-27 09:00 Asia/Shanghai.
const ID = ((first17: string) => first17 + idCheckCharacter(first17))('32010219700304567');
const CSV = [
  'code,serviceId,slotStart,slotEnd,idNumber,name',
  `R100,A,2026-11-27 09:10,2026-11-27 09:30,${ID},赵子龙`,
  'R200,B,2026-11-27 08:00,2026-11-27 08:30,,',
  'R300,C,2026-11-28 09:00,2026-11-28 09:30',
  'R400,D,2026-11-27 15:00,2026-11-27 15:30',
].join('\n');

describe('kiosk: appointments', () => {
  let hub: TestHub;
  let manager: string;

  beforeEach(async () => {
    const config = testConfig();
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 })] });
    manager = await login(hub, 'manager');
    const imported = await api(hub, 'POST', '/api/appointments/import', { token: manager, rawBody: CSV, headers: { 'content-type': 'text/csv' } });
    expect(imported).toMatchObject({ status: 200, body: { imported: 4 } });
  });
  afterEach(() => hub.dispose());

  const checkIn = (code: string, serviceId: string) => api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId, appointmentCode: code } });

  it('previews an appointment for the kiosk with the masked person only', async () => {
    const preview = await api(hub, 'GET', '/api/appointments/R100', { token: KIOSK_TOKEN });
    expect(preview.body).toMatchObject({ code: 'R100', serviceId: 'A', status: 'on-time', nameMasked: '赵**' });
    expect(JSON.stringify(preview.body)).not.toContain(ID.slice(4, 14));
    expect((await api<AppointmentView>(hub, 'GET', '/api/appointments/R200', { token: KIOSK_TOKEN })).body.status).toBe('late');
    expect((await api<AppointmentView>(hub, 'GET', '/api/appointments/R300', { token: KIOSK_TOKEN })).body.status).toBe('not-today');
    expect((await api<AppointmentView>(hub, 'GET', '/api/appointments/R400', { token: KIOSK_TOKEN })).body.status).toBe('early');
    expect((await api<ErrorBody>(hub, 'GET', '/api/appointments/NOPE', { token: KIOSK_TOKEN })).body.error).toBe('unknown-appointment');
    expect((await api(hub, 'GET', '/api/appointments/R100')).status).toBe(401);
  });

  it('gives appointment priority in the slot, once', async () => {
    const ticket = await checkIn('R100', 'A');
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ priority: 'appointment', dueAt: Date.parse('2026-11-27T01:10:00Z'), nameMasked: '赵**' });
    const again = await checkIn('R100', 'A');
    expect(again).toMatchObject({ status: 409, body: { error: 'appointment-used' } });
    expect((await api<AppointmentView>(hub, 'GET', '/api/appointments/R100', { token: KIOSK_TOKEN })).body.status).toBe('used');
  });

  it('checks a booked visitor in after the walk-in daily cap is reached', async () => {
    const config = testConfig((file) => {
      file.services = file.services.map((s) => (s.id === 'A' ? { ...s, dailyCap: 1 } : s));
    });
    const capped = await startTestHub({ config, clock: new TestClock(), extensions: [kioskExtension(config, { printerPollMs: 0 })] });
    try {
      const admin = await login(capped, 'manager');
      expect((await api(capped, 'POST', '/api/appointments/import', { token: admin, rawBody: CSV, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
      const walkIn = () => api<ErrorBody>(capped, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A' } });
      expect((await walkIn()).status).toBe(201);
      expect((await walkIn()).body.error).toBe('daily-cap-reached');
      const booked = await api(capped, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', appointmentCode: 'R100' } });
      expect(booked).toMatchObject({ status: 201, body: { priority: 'appointment' } });
      expect((await walkIn()).body.error).toBe('daily-cap-reached');
    } finally {
      await capped.dispose();
    }
  });

  it('reads a file saved by Excel or WPS on a Chinese system (GBK), and UTF-8 with a BOM', async () => {
    const upload = (bytes: Buffer) =>
      fetch(`${hub.url}/api/appointments/import`, { method: 'POST', headers: { authorization: `Bearer ${manager}`, 'content-type': 'text/csv' }, body: new Uint8Array(bytes) });
    const gbk = iconv.encode(CSV.replace(/R(\d)00/g, 'G$100'), 'gbk');
    expect(gbk.toString('utf8')).not.toContain('赵子龙'); // really not UTF-8
    expect((await upload(gbk)).status).toBe(200);
    expect((await api(hub, 'GET', '/api/appointments/G100', { token: KIOSK_TOKEN })).body).toMatchObject({ code: 'G100', nameMasked: '赵**' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV.replace(/R(\d)00/g, 'U$100'), 'utf8')]);
    expect((await upload(withBom)).status).toBe(200);
    expect((await api(hub, 'GET', '/api/appointments/U100', { token: KIOSK_TOKEN })).body).toMatchObject({ code: 'U100', nameMasked: '赵**' });
  });

  it('answers a retried check-in with the same ticket instead of refusing it', async () => {
    const body = { serviceId: 'A', appointmentCode: 'R100' };
    const first = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body, idempotencyKey: 'retry-key-0001' });
    const retry = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body, idempotencyKey: 'retry-key-0001' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('turns a late appointment into a normal ticket and refuses other days and wrong services', async () => {
    expect((await checkIn('R200', 'B')).body).toMatchObject({ priority: 'normal' });
    expect(await checkIn('R300', 'C')).toMatchObject({ status: 409, body: { error: 'appointment-not-today' } });
    expect(await checkIn('R400', 'A')).toMatchObject({ status: 400 });
    expect(await checkIn('NOPE', 'A')).toMatchObject({ status: 404, body: { error: 'unknown-appointment' } });
  });

  it('lets only the person who booked check in with an ID, and anyone with the code alone', async () => {
    const other = ((first17: string) => first17 + idCheckCharacter(first17))('32010219800101123');
    const refused = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', appointmentCode: 'R100', idNumber: other } });
    expect(refused).toMatchObject({ status: 409, body: { error: 'appointment-other-person' } });
    expect(JSON.stringify(refused.body)).not.toContain(ID.slice(4, 14));
    expect((await api<AppointmentView>(hub, 'GET', '/api/appointments/R100', { token: KIOSK_TOKEN })).body.status).toBe('on-time');
    const booker = await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', appointmentCode: 'R100', idNumber: ID } });
    expect(booker).toMatchObject({ status: 201, body: { priority: 'appointment', nameMasked: '赵**' } });
    // An appointment booked without an ID number takes whichever card is shown.
    expect((await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'D', appointmentCode: 'R400', idNumber: other } })).status).toBe(201);
  });

  it('keeps an early check-in as an appointment ticket due at its slot', async () => {
    expect((await checkIn('R400', 'D')).body).toMatchObject({ priority: 'appointment', dueAt: Date.parse('2026-11-27T07:00:00Z') });
  });

  it('lets managers create appointments and refuses bad files whole', async () => {
    const created = await api<AppointmentView>(hub, 'POST', '/api/appointments', {
      token: manager,
      body: { serviceId: 'B', slotStart: '2026-11-27 10:00', slotEnd: '2026-11-27 10:30' },
    });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^\d{8}$/);
    const clerk = await login(hub, 'clerk1');
    expect((await api(hub, 'POST', '/api/appointments', { token: clerk, body: { serviceId: 'B', slotStart: 0, slotEnd: 1 } })).status).toBe(403);
    const bad = await api<ErrorBody>(hub, 'POST', '/api/appointments/import', {
      token: manager,
      rawBody: `R900,A,2026-11-27 10:00,2026-11-27 10:30\nR901,Z,2026-11-27 10:00,2026-11-27 10:30\nR902,A,2026-11-27 10:00,2026-11-27 10:30,11010119491231002X`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('line 2');
    expect(bad.body.message).toContain('line 3');
    expect(bad.body.message).not.toContain('11010119491231002X');
    expect((await api(hub, 'GET', '/api/appointments/R900', { token: KIOSK_TOKEN })).status).toBe(404);
  });

  it('writes each import and creation to the audit log with who did it, and no personal data', async () => {
    await api(hub, 'POST', '/api/appointments', { token: manager, body: { code: 'R500', serviceId: 'B', slotStart: '2026-11-27 10:00', slotEnd: '2026-11-27 10:30', idNumber: ID, name: '赵子龙' } });
    await api(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'A', appointmentCode: 'R100' } });
    const again = await api(hub, 'POST', '/api/appointments/import', { token: manager, rawBody: CSV, headers: { 'content-type': 'text/csv' } });
    expect(again.body).toEqual({ imported: 3, keptUsed: ['R100'] });
    const log = hub.db.prepare("SELECT actor, data FROM events WHERE type = 'admin:changed' ORDER BY seq").all() as { actor: string; data: string }[];
    expect(log.map((e) => ({ actor: e.actor, ...JSON.parse(e.data) }))).toEqual([
      { actor: 'staff:manager', area: 'appointments', summary: 'imported 4 appointments from a file of 4' },
      { actor: 'staff:manager', area: 'appointments', summary: 'appointment R500 for B at 2026-11-27 10:00–10:30, booked with an ID number' },
      { actor: 'staff:manager', area: 'appointments', summary: 'imported 3 appointments from a file of 4; 1 already used and kept as they were' },
    ]);
    const text = JSON.stringify(log);
    expect(text).not.toContain(ID.slice(4, 14));
    expect(text).not.toContain('子龙');
  });
});
