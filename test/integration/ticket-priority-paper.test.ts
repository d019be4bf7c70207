/**
 * The paper ticket once said nothing of the green channel or an appointment (issue 18, item 8): an elderly
 * visitor had nothing to show staff. Now 「绿色通道（reason）」 or 「预约」 is printed large under the number,
 * read here from the simulated printer's decoded bytes. And a capped or closed service's ServiceView says when
 * tickets can be taken again (`nextOpening`), so the kiosk can say the next step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { kioskExtension, type KioskExtension } from '../../server/wings/kiosk';
import { printedJob } from '../support/printer';
import { idCheckCharacter } from '../../drivers/identity';
import type { IssuedTicket } from '../../server/protocol/http';
import type { DeskIssued } from '../../server/protocol/desk';
import type { ServiceView } from '../../server/protocol/model';

// The test clock is 2026-11-27 09:00 in Shanghai; born 1950: 76, over the demo hall's green age (70).
const ELDERLY_ID = ((first17: string) => first17 + idCheckCharacter(first17))('32010219500101123');
const YOUNG_ID = ((first17: string) => first17 + idCheckCharacter(first17))('32010219900101123');

describe('what the paper and the service list tell a visitor', () => {
  let hub: TestHub;
  let kiosk: KioskExtension;

  beforeEach(async () => {
    const config = testConfig((file) => {
      const b = file.services?.find((s) => s.id === 'B');
      if (b) b.dailyCap = 1;
      const d = file.services?.find((s) => s.id === 'D');
      if (d) {
        d.hours = [{ from: '13:30', to: '17:00' }, { from: '09:30', to: '11:30' }];
        d.dailyCap = 1;
      }
    });
    kiosk = kioskExtension(config, { printerPollMs: 0 });
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [kiosk] });
  });
  afterEach(() => hub.dispose());

  const paper = async (number: string): Promise<string> => {
    await printedJob(kiosk.devices('kiosk1')?.printerSimulator, number);
    return readFileSync(join(hub.dataDir, 'printer', 'kiosk1', `${number}.txt`), 'utf8');
  };
  const kioskIssue = async (body: Record<string, unknown>): Promise<IssuedTicket> => {
    const answer = await api<IssuedTicket>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };

  it('prints 绿色通道（老年人） for a typed ID number of a 76-year-old, and nothing extra for a 36-year-old', async () => {
    const elderly = await kioskIssue({ serviceId: 'A', idNumber: ELDERLY_ID });
    expect(elderly.priority).toBe('green');
    const lines = (await paper(elderly.number)).split('\n');
    expect(lines[lines.indexOf(elderly.number) + 1]).toBe('绿色通道（老年人）');
    const young = await kioskIssue({ serviceId: 'A', idNumber: YOUNG_ID });
    expect(await paper(young.number)).not.toMatch(/绿色通道|预约/);
  });

  it('prints the reason staff gave at the front desk, in English for an English ticket', async () => {
    const clerk = await login(hub, 'clerk3');
    const answer = await api<DeskIssued>(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', greenReason: 'pregnant', printAt: 'kiosk1' } });
    expect(answer.status).toBe(201);
    expect(await paper(answer.body.ticket.number)).toContain('绿色通道（孕妇）');
    const english = await api<DeskIssued>(hub, 'POST', '/api/desk/tickets', { token: clerk, body: { serviceId: 'A', greenReason: 'military', printAt: 'kiosk1', language: 'en' } });
    expect(await paper(english.body.ticket.number)).toContain('Green channel (Military)');
  });

  it('prints 预约 for an appointment checked in on time', async () => {
    const manager = await login(hub, 'manager');
    const csv = 'code,serviceId,slotStart,slotEnd\nR100,A,2026-11-27 09:10,2026-11-27 09:30';
    expect((await api(hub, 'POST', '/api/appointments/import', { token: manager, rawBody: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
    const booked = await kioskIssue({ serviceId: 'A', appointmentCode: 'R100' });
    expect(booked.priority).toBe('appointment');
    const lines = (await paper(booked.number)).split('\n');
    expect(lines[lines.indexOf(booked.number) + 1]).toBe('预约');
  });

  it('says when a capped service and a closed one issue again', async () => {
    const services = async () => new Map((await api<ServiceView[]>(hub, 'GET', '/api/services')).body.map((s) => [s.id, s]));
    let listed = await services();
    expect(listed.get('A')?.nextOpening).toBeUndefined();
    // 09:00: D opens at 09:30 today.
    expect(listed.get('D')).toMatchObject({ isAvailable: false, unavailableReason: 'outside-hours', nextOpening: { isToday: true, from: '09:30' } });
    await kioskIssue({ serviceId: 'B' });
    listed = await services();
    expect(listed.get('B')).toMatchObject({ isAvailable: false, unavailableReason: 'daily-cap-reached', nextOpening: { isToday: false } });
  });

  // Review: a service whose morning took the whole cap said 「今天 13:30 起可取号」 over lunch; at 13:30 it
  // would only have said 「今天的号已取完」, and an elderly visitor would have waited for nothing.
  it('says the next working day, not after lunch, when the morning used up the day’s cap', async () => {
    hub.clock?.advance(30 * 60_000); // 09:30: D's morning range opens
    await kioskIssue({ serviceId: 'D' });
    hub.clock?.advance(150 * 60_000); // 12:00: lunch, D closed until 13:30, and its cap of 1 is spent
    const d = (await api<ServiceView[]>(hub, 'GET', '/api/services')).body.find((s) => s.id === 'D');
    expect(d).toMatchObject({ isAvailable: false, unavailableReason: 'outside-hours', nextOpening: { isToday: false, from: '09:30' } });
  });
});
