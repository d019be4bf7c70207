/**
 * A capped service said 「下个工作日 09:00 起可取号」 and never looked at the hall's holiday calendar (issue 18
 * leftover). Now its ServiceView names the day from that calendar, as an admin sets it through the real
 * holidays route: on Friday 2026-11-27 the next working day is Monday 30th, Tuesday 1 Dec once Monday is a
 * holiday, and tomorrow once Saturday 28th is a 调休 working day. The kiosk hears it live after the change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, connectSocket, emitAck, issue, KIOSK_TOKEN, login, startTestHub, testConfig, TestClock, until, type TestHub, type TestSocket } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import type { ServiceView } from '../../server/protocol/model';
import type { AckResult, PublicSyncReply, QueuesPayload } from '../../server/protocol/events';

describe('the next working day a capped service issues again', () => {
  let hub: TestHub;
  let manager: string;
  let socket: TestSocket | undefined;

  beforeEach(async () => {
    const config = testConfig((file) => {
      const b = file.services?.find((s) => s.id === 'B');
      if (b) Object.assign(b, { dailyCap: 1, hours: [{ from: '08:30', to: '17:00' }] });
    });
    // Friday 2026-11-27 09:00 in Asia/Shanghai.
    hub = await startTestHub({ config, clock: new TestClock(), extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    manager = await login(hub, 'manager');
  });
  afterEach(async () => {
    socket?.close();
    socket = undefined;
    await hub.dispose();
  });

  const listedB = async (): Promise<ServiceView | undefined> => (await api<ServiceView[]>(hub, 'GET', '/api/services', { token: KIOSK_TOKEN })).body.find((s) => s.id === 'B');
  const setCalendar = async (holidays: string[], workdays: string[]): Promise<void> => {
    expect((await api(hub, 'PUT', '/api/admin/holidays', { token: manager, body: { holidays, workdays } })).status).toBe(200);
  };

  it('names Monday after a Friday, skips a holiday Monday, and says tomorrow for a 调休 Saturday', async () => {
    await issue(hub, 'B');
    expect(await listedB()).toMatchObject({ isAvailable: false, unavailableReason: 'daily-cap-reached', nextOpening: { isToday: false, day: '2026-11-30', isTomorrow: false, from: '08:30' } });

    await setCalendar(['2026-11-30'], []);
    expect((await listedB())?.nextOpening).toEqual({ isToday: false, day: '2026-12-01', isTomorrow: false, from: '08:30' });

    await setCalendar(['2026-11-30'], ['2026-11-28']);
    expect((await listedB())?.nextOpening).toEqual({ isToday: false, day: '2026-11-28', isTomorrow: true, from: '08:30' });
  });

  it('reaches a connected kiosk with the queue figures once the calendar changes', async () => {
    await issue(hub, 'B');
    const kiosk = connectSocket(hub, KIOSK_TOKEN);
    socket = kiosk;
    const heard: QueuesPayload[] = [];
    kiosk.on('queues:updated', (payload) => heard.push(payload));
    // The snapshot already names Monday; hall:sync also joins the kiosk to the room the queue figures go to.
    const synced = await emitAck<AckResult<PublicSyncReply>>(kiosk, 'hall:sync', {});
    const inSnapshot = synced.ok && synced.data.mode === 'snapshot' ? synced.data.snapshot.services.find((s) => s.id === 'B') : undefined;
    expect(inSnapshot?.nextOpening).toMatchObject({ day: '2026-11-30', isTomorrow: false });
    await setCalendar(['2026-11-30'], []);
    const saysTuesday = (): boolean => heard.some((p) => p.services.find((s) => s.id === 'B')?.nextOpening?.day === '2026-12-01');
    await until(saysTuesday, 'a queues:updated naming Tuesday 2026-12-01 for B');
  });
});
