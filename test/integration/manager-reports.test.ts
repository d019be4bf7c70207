/**
 * Report figures against a seeded day. The test drives a known timeline with a controlled clock and computes
 * the expected counts and percentiles itself, from the times it set — not from the database — then compares
 * them with /api/reports, and checks the CSV and XLSX files carry the same figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import type { Report } from '../../server/protocol/reports';
import type { WindowCommandReply } from '../../server/protocol/events';

interface Seen {
  serviceId: string;
  windowId?: string;
  issuedAt: number;
  calledAt?: number;
  finishedAt?: number;
  status: 'waiting' | 'done' | 'no-show';
}

/** Nearest rank, written out independently of server/domain/report-figures.ts. */
function nearestRank(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  let rank = Math.ceil((p / 100) * sorted.length);
  if (rank < 1) rank = 1;
  return sorted[rank - 1];
}

describe('manager reports', () => {
  let hub: TestHub;
  let clock: TestClock;
  let token: string;
  const seen = new Map<string, Seen>();

  beforeAll(async () => {
    clock = new TestClock(); // 2026-11-27 09:00 Asia/Shanghai
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: [managerExtension(config, { alertIntervalMs: 3_600_000 })] });
    token = await login(hub, 'manager');
    const clerks = { w1: await openWindow(hub, 'clerk1', 'w1'), w4: await openWindow(hub, 'clerk4', 'w4') };
    const step = (seconds: number): void => clock.advance(seconds * 1000);
    const take = async (serviceId: string): Promise<void> => {
      const t = await issue(hub, serviceId);
      seen.set(t.id, { serviceId, issuedAt: clock.now(), status: 'waiting' });
    };
    const verb = async (windowId: 'w1' | 'w4', name: 'call-next' | 'finish' | 'no-show'): Promise<void> => {
      const reply = await api<WindowCommandReply | undefined>(hub, 'POST', `/api/windows/${windowId}/${name}`, { token: clerks[windowId], body: {} });
      expect([200, 204]).toContain(reply.status);
      const id: string | undefined = reply.body?.ticket?.id;
      if (!id) return;
      const s = seen.get(id);
      if (!s) throw new Error('unknown ticket in reply');
      if (name === 'call-next') Object.assign(s, { windowId, calledAt: s.calledAt ?? clock.now() });
      else Object.assign(s, { status: name === 'finish' ? 'done' : 'no-show', finishedAt: clock.now() });
    };
    // A: five visitors at w1 (one no-show, one still waiting); D: three at w4.
    for (let i = 0; i < 5; i++) (await take('A'), step(37 + i * 11));
    for (let i = 0; i < 3; i++) (await take('D'), step(53));
    const plan: ['w1' | 'w4', 'call-next' | 'finish' | 'no-show', number][] = [
      ['w1', 'call-next', 95], ['w1', 'finish', 410], ['w4', 'call-next', 30], ['w1', 'call-next', 61], ['w4', 'finish', 733],
      ['w1', 'no-show', 12], ['w1', 'call-next', 300], ['w4', 'call-next', 45], ['w1', 'finish', 3600], ['w4', 'finish', 125],
      ['w1', 'call-next', 20], ['w1', 'finish', 488], ['w4', 'call-next', 5], ['w4', 'no-show', 60],
    ];
    for (const [w, v, wait] of plan) (await verb(w, v), step(wait));
  }, 120_000);

  afterAll(async () => hub?.dispose());

  const expected = (filter: (s: Seen) => boolean) => {
    const list = [...seen.values()].filter(filter);
    const waits = list.filter((s) => s.calledAt !== undefined).map((s) => Math.round(((s.calledAt ?? 0) - s.issuedAt) / 1000));
    const services = list.filter((s) => s.status === 'done').map((s) => Math.round(((s.finishedAt ?? 0) - (s.calledAt ?? 0)) / 1000));
    const served = list.filter((s) => s.status === 'done').length;
    const noShows = list.filter((s) => s.status === 'no-show').length;
    return {
      served,
      noShows,
      noShowRate: noShows / (served + noShows),
      waitP50Seconds: nearestRank(waits, 50),
      waitP90Seconds: nearestRank(waits, 90),
      serviceP50Seconds: nearestRank(services, 50),
      serviceP90Seconds: nearestRank(services, 90),
    };
  };

  it('answers counts, no-show rate and p50/p90 by service, by window and in total', async () => {
    const { status, body } = await api<Report>(hub, 'GET', '/api/reports?from=2026-11-27&to=2026-11-27', { token });
    expect(status).toBe(200);
    const a = body.byService.find((l: { key: string }) => l.key === 'A');
    expect(a).toMatchObject({ arrivals: 5, ...expected((s) => s.serviceId === 'A') });
    expect(body.byService.find((l: { key: string }) => l.key === 'D')).toMatchObject({ arrivals: 3, ...expected((s) => s.serviceId === 'D') });
    expect(body.byWindow.find((l: { key: string }) => l.key === 'w4')).toMatchObject(expected((s) => s.windowId === 'w4'));
    expect(body.total).toMatchObject({ arrivals: 8, ...expected(() => true) });
    // By hour: every arrival counted once, in the local hour it was issued (all between 09:00 and 10:00 here).
    const hours = body.byHour.map((l: { key: string; arrivals: number }): [string, number] => [l.key, l.arrivals]).filter(([, n]: [string, number]) => n > 0);
    expect(hours).toEqual([['9', 8]]);
    // Ratings are not counted by hour: an hour's line has no rating figures (it showed 0 beside a rated total).
    expect(body.byHour.every((l) => !('ratings' in l) && !('rate' in l))).toBe(true);
    // A day with nothing answers zeros, not errors.
    const empty = (await api<Report>(hub, 'GET', '/api/reports?from=2026-11-20&to=2026-11-21', { token })).body;
    expect(empty.total).toMatchObject({ arrivals: 0, served: 0 });
    expect(empty.total.waitP50Seconds).toBeUndefined();
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const a = expected((s) => s.serviceId === 'A');
    const csv = await fetch(`${hub.url}/api/reports?from=2026-11-27&to=2026-11-27&format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    const line = text.split('\r\n').find((l) => l.startsWith('综合受理,'));
    expect(line?.split(',').slice(1, 4)).toEqual(['5', String(a.served), String(a.noShows)]);
    // Each table's first column says what it counts (issue 19).
    expect(text.split('\r\n').filter((l) => /^(事项 Service|窗口 Window|时段 Hour),取号/.test(l)).map((l) => l.split(',')[0])).toEqual(['事项 Service', '窗口 Window', '时段 Hour']);
    const nine = text.split('\r\n').find((l) => l.startsWith('09:00,'));
    expect(nine?.split(',').slice(1, 2)).toEqual(['8']);
    expect(nine?.split(',').slice(-3)).toEqual(['', '', '']);

    const xlsx = await fetch(`${hub.url}/api/reports?from=2026-11-27&to=2026-11-27&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    const row = sheet?.getRows(2, 10)?.find((r) => r.getCell(1).value === '综合受理');
    expect(row?.getCell(2).value).toBe(5);
    expect(row?.getCell(6).value).toBe(Math.round((a.waitP50Seconds ?? 0) / 6) / 10);
  });

  it('validates the range and refuses clerks', async () => {
    expect((await api(hub, 'GET', '/api/reports?from=2026-11-28&to=2026-11-27', { token })).status).toBe(400);
    expect((await api(hub, 'GET', '/api/reports?from=yesterday&to=2026-11-27', { token })).status).toBe(400);
    const clerk = await login(hub, 'clerk2');
    expect((await api(hub, 'GET', '/api/reports?from=2026-11-27&to=2026-11-27', { token: clerk })).status).toBe(403);
  });
});
