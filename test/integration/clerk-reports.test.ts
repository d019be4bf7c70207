/**
 * 人员考核 against a day worked out by hand (issue 19): a clerk at window 1 goes through call, finish, recall,
 * pause, no-show and transfer on a controlled clock in a real hub; the expected seconds are written below from
 * the steps, not from the database. Then: a closed day answers from its stored digest (the ticket queries are
 * counted), a late rating drops that digest, the files carry Chinese headers and names, and the quarter's
 * 红旗窗口 / 服务明星 follow the hall's weighting.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';
import { managerExtension } from '../../server/wings/manager';
import { ClerkDaysRepo, WINDOW_STATES_SQL } from '../../server/storage/clerk-days-repo';
import type { ClerkReport, DutyLine, Honours } from '../../server/protocol/clerk-reports';

const DAY = '2026-11-27';

describe('per-clerk 考核', () => {
  let hub: TestHub;
  let clock: TestClock;
  let manager: string;
  let laterRating: () => Promise<void>;
  let managerWing: ReturnType<typeof managerExtension>;

  beforeAll(async () => {
    clock = new TestClock(); // 2026-11-27 09:00 Asia/Shanghai
    const config = testConfig((file) => {
      file.policy = { ...file.policy!, ranking: { satisfaction: 50, served: 0, handling: 0, noShowRate: 50, minServed: 1 } };
    });
    managerWing = managerExtension(config, { alertIntervalMs: 3_600_000 });
    hub = await startTestHub({ config, clock, extensions: [managerWing] });
    manager = await login(hub, 'manager');
    await openWindow(hub, 'clerk4', 'w4');
    const tickets = [await issue(hub, 'A'), await issue(hub, 'A'), await issue(hub, 'A'), await issue(hub, 'A')];
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    const step = (seconds: number): void => clock.advance(seconds * 1000);
    const verb = async (name: string, body: object = {}): Promise<void> => {
      const reply = await api(hub, 'POST', `/api/windows/w1/${name}`, { token: clerk, body });
      expect(reply.status, `${name}: ${JSON.stringify(reply.body)}`).toBe(200);
    };
    step(120); await verb('call-next'); // idle 120
    step(300); await verb('finish'); // serving 300, handling 300
    step(60); await verb('call-next'); // idle 60
    step(30); await verb('recall'); // serving 30
    step(200); await verb('finish'); // serving 200, handling 200 from the recall
    step(10); await verb('pause', { reason: 'break' }); // idle 10
    step(600); await verb('resume'); // break 600
    step(40); await verb('call-next'); // idle 40
    step(45); await verb('no-show'); // serving 45
    step(20); await verb('call-next'); // idle 20
    step(90); await verb('transfer', { toServiceId: 'D' }); // serving 90, a transfer
    step(15); await verb('pause', { reason: 'meeting' }); // idle 15
    step(120); await verb('close'); // meeting 120
    const [first, second] = tickets;
    const rate = async (trackToken: string, body: object): Promise<void> => {
      const answer = await api(hub, 'POST', `/api/track/${trackToken}/rating`, { body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    };
    await rate(first!.trackToken, { score: 5 });
    laterRating = () => rate(second!.trackToken, { score: 2, tags: ['slow'] });
  }, 120_000);

  afterAll(async () => hub?.dispose());

  const clerkReport = async (query: string): Promise<ClerkReport> => {
    const answer = await api<ClerkReport>(hub, 'GET', `/api/reports/clerks?${query}`, { token: manager });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const line = (lines: DutyLine[], key: string): DutyLine => {
    const found = lines.find((l) => l.key === key);
    if (!found) throw new Error(`no line for ${key}`);
    return found;
  };

  it("gives the clerk's day as worked out by hand, under the clerk's name", async () => {
    const report = await clerkReport(`from=${DAY}&to=${DAY}&period=day`);
    const wang = line(report.clerks, 'clerk1');
    expect(wang).toMatchObject({
      period: DAY, label: '王芳', served: 2, handlingP50Seconds: 200, handlingP90Seconds: 300, noShows: 1, recalls: 1, transfers: 1,
      pauseSeconds: { break: 600, meeting: 120 }, pauseTotalSeconds: 720, servingSeconds: 665, idleSeconds: 265, onDutySeconds: 1650,
      ratings: 1, satisfied: 1, bad: 0, rate: 1,
    });
    expect(wang.noShowRate).toBeCloseTo(1 / 3);
    // The window's own line counts the same visits and the same time.
    expect(line(report.windows, 'w1')).toMatchObject({ label: '1号窗口 综合受理', served: 2, noShows: 1, transfers: 1, onDutySeconds: 1650, idleSeconds: 265 });
    // Nobody served at window 4: on duty and idle from its opening on, no pause.
    const chen = line(report.clerks, 'clerk4');
    expect(chen).toMatchObject({ label: '陈静', served: 0, pauseTotalSeconds: 0 });
    expect(chen.onDutySeconds).toBe(chen.idleSeconds);
    expect(chen.onDutySeconds).toBeGreaterThanOrEqual(1650);
  });

  it('answers a closed day of a year-long range from its stored digest, and a late rating replaces it', async () => {
    clock.advance(24 * 3600_000); // the next day: 11-27 is closed
    manager = await login(hub, 'manager'); // yesterday's session has ended
    const from = '2025-12-01';
    const to = '2026-11-28';
    // The start-up back-fill of past days runs in the background; the query counts below are for this report alone.
    await managerWing.whenWarm();
    await clerkReport(`from=${from}&to=${to}`); // stores whatever the warm-up had not
    await managerWing.whenWarm();
    const handled = vi.spyOn(ClerkDaysRepo.prototype, 'handled');
    const states = vi.spyOn(ClerkDaysRepo.prototype, 'windowStates');
    try {
      const year = await clerkReport(`from=${from}&to=${to}`);
      expect(handled.mock.calls.map((c) => c[0])).toEqual(['2026-11-28']); // today only
      expect(states).toHaveBeenCalledTimes(1);
      expect(line(year.clerks, 'clerk1')).toMatchObject({ period: `${from}~${to}`, served: 2, onDutySeconds: 1650, ratings: 1 });
      // Every clerk has a line over a range, even one who never signed in.
      expect(line(year.clerks, 'clerk2')).toMatchObject({ label: '李伟', served: 0, onDutySeconds: 0 });

      handled.mockClear();
      await laterRating(); // a rating given the next day, by the phone link
      const after = await clerkReport(`from=${from}&to=${to}`);
      expect(handled.mock.calls.map((c) => c[0]).sort()).toEqual([DAY, '2026-11-28']);
      expect(line(after.clerks, 'clerk1')).toMatchObject({ ratings: 2, satisfied: 1, bad: 1, rate: 0.5 });
      // Stored again, from the event log and the tickets; today never is.
      const stored = hub.db.prepare('SELECT day FROM clerk_days WHERE day IN (?, ?)').pluck().all(DAY, '2026-11-28');
      expect(stored).toEqual([DAY]);
    } finally {
      handled.mockRestore();
      states.mockRestore();
    }
  });

  it("reads a day's window states from the covering index, never the log's rows", () => {
    const plan = hub.db.prepare(`EXPLAIN QUERY PLAN ${WINDOW_STATES_SQL}`).all(0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX events_window_states');
  });

  it('ranks the quarter with the hall’s weighting and shows each score broken down', async () => {
    const answer = await api<Honours>(hub, 'GET', '/api/reports/honours?quarter=2026-Q4', { token: manager });
    expect(answer.status).toBe(200);
    const honours = answer.body;
    expect(honours.weights).toEqual({ satisfaction: 50, served: 0, handling: 0, noShowRate: 50, minServed: 1 });
    expect(honours.clerks.map((r) => r.label)).toEqual(['王芳']);
    expect(honours.notQualified.clerks).toEqual(expect.arrayContaining(['陈静', '李伟']));
    const [star] = honours.clerks;
    // satisfaction 1 of 2 → 50 points; no-shows 1 of 3 → 66.7 points; (50 × 50 + 50 × 66.7) / 100.
    expect(star?.score).toBe(58.3);
    expect(star?.factors.find((f) => f.factor === 'satisfaction')).toMatchObject({ value: 0.5, points: 50, weight: 50, weighted: 25 });
    expect(star?.factors.find((f) => f.factor === 'noShowRate')).toMatchObject({ points: 66.7, weight: 50, weighted: 33.3 });
    expect(honours.windows.map((r) => r.key)).toEqual(['w1']);
  });

  // Issue 19: the weighting was hallq.yaml's only; an admin sets it in the console now, audited, applied at once.
  it('ranks with the weighting an admin saves in the console, keeps it when other settings are saved, and refuses all zeros', async () => {
    const put = (body: object) => api<{ ranking?: object }>(hub, 'PUT', '/api/admin/settings', { token: manager, body });
    const honours = async (): Promise<Honours> => (await api<Honours>(hub, 'GET', '/api/reports/honours?quarter=2026-Q4', { token: manager })).body;
    const fromFile = { satisfaction: 50, served: 0, handling: 0, noShowRate: 50, minServed: 1 };
    expect((await api<{ ranking?: object }>(hub, 'GET', '/api/admin/settings', { token: manager })).body.ranking).toEqual(fromFile);
    const chosen = { satisfaction: 100, served: 0, handling: 0, noShowRate: 0, minServed: 1 };
    try {
      const saved = await put({ followupWorkingDays: 15, pauseLimitMinutes: 20, ranking: chosen });
      expect(saved.status).toBe(200);
      expect(saved.body.ranking).toEqual(chosen);
      const after = await honours();
      expect(after.weights).toEqual(chosen);
      const [star] = after.clerks;
      expect(star?.score).toBe(star?.factors.find((f) => f.factor === 'satisfaction')?.points); // the only factor now
      // The deadline and pause form sends no weighting: the saved one stays.
      expect((await put({ followupWorkingDays: 10, pauseLimitMinutes: 20 })).body.ranking).toEqual(chosen);
      expect((await put({ followupWorkingDays: 10, pauseLimitMinutes: 20, ranking: { ...chosen, satisfaction: 0 } })).status).toBe(400);
      expect((await honours()).weights).toEqual(chosen);
      const audited = hub.db.prepare("SELECT actor, data FROM events WHERE type = 'admin:changed' ORDER BY seq").all() as { actor: string; data: string }[];
      const summaries = audited.filter((e) => e.actor === 'staff:manager').map((e) => (JSON.parse(e.data) as { area: string; summary: string }));
      expect(summaries).toContainEqual({ area: 'settings', summary: JSON.stringify({ followupWorkingDays: 15, pauseLimitMinutes: 20, ranking: chosen }) });
    } finally {
      await put({ followupWorkingDays: 15, pauseLimitMinutes: 20, ranking: fromFile });
    }
  });

  it('exports CSV and XLSX with Chinese headers, names and hall-local days', async () => {
    const csv = await fetch(`${hub.url}/api/reports/clerks?from=${DAY}&to=${DAY}&period=day&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('周期,工作人员,办结,办理时长P50(分钟)');
    expect(text).toContain(`${DAY},王芳,2,3.3,5,1,0.333,1,1,12,10,2,0,0,0,0,27.5`);
    expect(text).not.toContain('clerk1');
    const xlsx = await fetch(`${hub.url}/api/reports/honours?quarter=2026-Q4&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const stars = book.worksheets.find((s) => s.name.startsWith('服务明星'));
    expect(stars?.getRow(1).getCell(2).value).toBe('工作人员');
    expect(stars?.getRow(2).getCell(2).value).toBe('王芳');
    expect(stars?.getRow(2).getCell(3).value).toBe(58.3);
  });

  it('refuses a clerk and a bad range in words', async () => {
    const clerk = await login(hub, 'clerk2');
    expect((await api(hub, 'GET', `/api/reports/clerks?from=${DAY}&to=${DAY}`, { token: clerk })).status).toBe(403);
    const bad = await api<{ error: string; message: string }>(hub, 'GET', '/api/reports/clerks?from=2026-11-28&to=2026-11-01', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid-request');
  });
});
