/**
 * Cross-hall reports against a real PostgreSQL and a real centre: three halls ship their days over the
 * uplink, the rollup runs, and the figures are the ones worked out by hand in support/report-scenario.ts —
 * by hall, category, window and clerk, over whole months and edge days, on each hall's own calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { call, DISTRICT, ManualClock, signInAs, startTestCentre, TOWN, USERS, VILLAGE } from './support/centre';
import { buildCity, shipCity, type City } from './support/report-scenario';
import type { RunningCentre } from '../../server/centre/compose';
import { ReportsRepo } from '../../server/centre/storage/reports-repo';
import { rollUpReports } from '../../server/centre/app/reports';
import type { RankingReply, ReportReply, ReportRow } from '../../server/protocol/centre-reports';

let db: TestDatabase;
let centre: RunningCentre;
let city: City;
let token: string;
const clock = new ManualClock(Date.parse('2026-04-05T02:00:00Z'));

const rollUp = (): Promise<number> => rollUpReports({ repo: new ReportsRepo(centre.pool), clock });
const report = async (query: string): Promise<ReportReply> => {
  const answer = await call<ReportReply>(centre, 'GET', `/api/centre/reports?${query}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const row = (r: ReportReply, key: string): ReportRow => {
  const found = r.rows.find((x) => x.key === key);
  if (!found) throw new Error(`no row ${key} in ${r.rows.map((x) => x.key).join(', ')}`);
  return found;
};

beforeAll(async () => {
  db = await createTestDatabase('hallq_reports');
  centre = await startTestCentre(db.url, { clock, edit: (f) => void (f.reports = { refreshSeconds: 3600, maxDays: 400, ranking: { weights: { satisfaction: 0.5, volume: 0.2, waitWithinLimit: 0.3 }, minRatings: 1, top: 10 } }) });
  city = buildCity();
  await shipCity(city, centre);
  expect(await rollUp()).toBeGreaterThan(0);
  token = await signInAs(centre, USERS.supervisor);
});

afterAll(async () => {
  await centre?.close();
  await db?.drop();
});

describe('cross-hall report figures', () => {
  it('by hall over one day: volumes, wait and service p50/p90, no-shows, 满意率 as worked out by hand', async () => {
    const r = await report('from=2026-03-02&to=2026-03-02&by=hall');
    expect(r.halls).toBe(4);
    expect(r.pendingDays).toBe(0);
    const d = row(r, DISTRICT);
    expect(d).toMatchObject({
      hallName: '西湖区政务服务中心', issued: 5, served: 3, noShows: 1, noShowRate: 0.25,
      // waits 5:30, 12:00, 38:00, 7:00 → minutes 5, 7, 12, 38: p50 = 2nd = 7 min, p90 = 4th = 38 min; mean 937.5 s
      waitP50Seconds: 420, waitP90Seconds: 2280, waitMeanSeconds: 938, waitWithinLimitRate: 0.75,
      // services 10:00, 7:00, 2:00 → p50 = 7 min, p90 = 10 min
      serviceP50Seconds: 420, serviceP90Seconds: 600, serviceMeanSeconds: 380,
      // ratings 5, 4, 2: two satisfied (3–5) of three; one 差评
      ratings: 3, satisfied: 2, bad: 1,
    });
    expect(d.satisfactionRate).toBeCloseTo(2 / 3, 10);
    // A rating of 3 (基本满意) is not 差评: it counts as satisfied (protocol/rating-levels.ts, the hall's own rule).
    expect(row(r, TOWN)).toMatchObject({ issued: 1, served: 1, waitP50Seconds: 1200, ratings: 1, satisfied: 1, bad: 0, satisfactionRate: 1 });
    // The total merges the histograms, not the percentiles: waits 5, 7, 10, 12, 20, 38 min → p50 10, p90 38.
    expect(r.total).toMatchObject({ issued: 7, served: 5, noShows: 1, ratings: 5, satisfied: 3, bad: 2, waitP50Seconds: 600, waitP90Seconds: 2280 });
  });

  it('by 事项 category, by window and by clerk, with the visits that had none in their own row', async () => {
    const byCategory = await report(`from=2026-03-02&to=2026-03-02&by=category&hall=${DISTRICT}`);
    expect(byCategory.rows.map((x) => x.category)).toEqual(['household', 'social']);
    expect(row(byCategory, 'category|social')).toMatchObject({ issued: 3, served: 2, noShows: 1, ratings: 2, satisfied: 2, waitWithinLimitRate: 2 / 3 });
    expect(row(byCategory, 'category|household')).toMatchObject({ issued: 2, served: 1, ratings: 1, bad: 1, waitP50Seconds: 420 });

    const byWindow = await report(`from=2026-03-02&to=2026-03-02&by=window&hall=${DISTRICT}`);
    expect(byWindow.rows.map((x) => x.key)).toEqual([`${DISTRICT}|w1`, `${DISTRICT}|w2`, `${DISTRICT}|`]);
    expect(row(byWindow, `${DISTRICT}|w1`)).toMatchObject({ windowNumber: 1, windowName: '1号窗口', served: 2, ratings: 2, satisfactionRate: 1 });
    expect(row(byWindow, `${DISTRICT}|w2`)).toMatchObject({ served: 1, noShows: 1, waitWithinLimitRate: 0.5 });
    // The ticket still waiting has no window yet.
    expect(row(byWindow, `${DISTRICT}|`)).toMatchObject({ issued: 1, served: 0 });

    const byClerk = await report('from=2026-03-02&to=2026-03-02&by=clerk');
    expect(byClerk.rows.map((x) => x.key)).toEqual([`${DISTRICT}|`, `${DISTRICT}|clerk1`, `${DISTRICT}|clerk2`, `${TOWN}|clerk7`, `${VILLAGE}|clerk9`]);
    expect(row(byClerk, `${DISTRICT}|clerk2`)).toMatchObject({ clerk: 'clerk2', served: 1, noShows: 1, ratings: 1, bad: 1 });
  });

  it("counts a rating on the hall's own calendar day, whatever the UTC date", async () => {
    // The town's 07:30 visit of 03-03 happened on 03-02 in UTC; it belongs to 03-03.
    expect(row(await report(`from=2026-03-03&to=2026-03-03&hall=${TOWN}`), TOWN)).toMatchObject({ issued: 1, ratings: 1, satisfied: 1 });
    expect(row(await report(`from=2026-03-02&to=2026-03-02&hall=${TOWN}`), TOWN)).toMatchObject({ issued: 1, ratings: 1, satisfied: 1 });
    // The village finished at 22:50 in Urumqi (00:50 on 03-03 in Shanghai): its rating is of 03-02 there.
    expect(row(await report(`from=2026-03-02&to=2026-03-02&hall=${VILLAGE}`), VILLAGE)).toMatchObject({ ratings: 1, bad: 1 });
    expect((await report(`from=2026-03-03&to=2026-03-03&hall=${VILLAGE}`)).rows).toEqual([]);
  });

  it('reads whole months from the monthly rollup and the edge days from the daily one, both ends included', async () => {
    const march = await report(`from=2026-03-01&to=2026-03-31&hall=${DISTRICT}`);
    const marchDays = await report(`from=2026-03-02&to=2026-03-30&hall=${DISTRICT}`);
    expect(row(march, DISTRICT)).toEqual(row(marchDays, DISTRICT));
    // 02-27 … 04-02: March whole, 02-28 and 04-01 at the edges; 02-26 and 04-03 outside.
    const span = row(await report(`from=2026-02-27&to=2026-04-02&hall=${DISTRICT}`), DISTRICT);
    expect(span).toMatchObject({ issued: 7, served: 5, ratings: 5, satisfied: 4 });
    expect(row(await report(`from=2026-02-26&to=2026-04-03&hall=${DISTRICT}`), DISTRICT)).toMatchObject({ issued: 9, ratings: 7 });
    expect(row(await report(`from=2026-04-03&to=2026-04-03&hall=${DISTRICT}`), DISTRICT)).toMatchObject({ issued: 1, waitP50Seconds: 60, serviceP90Seconds: 60 });
  });

  it('refuses a range that is not one, with a sentence that says what to change', async () => {
    for (const [query, words] of [
      ['from=2026-03-05&to=2026-03-01', 'swap'],
      ['from=2026-02-30&to=2026-03-01', 'calendar day'],
      ['from=2025-01-01&to=2026-03-01', 'at most 400'],
    ] as const) {
      const answer = await call<{ error: string; message: string }>(centre, 'GET', `/api/centre/reports?${query}`, { token });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid-request');
      expect(answer.body.message).toContain(words);
    }
    const bad = await call<{ error: string }>(centre, 'GET', '/api/centre/reports?from=2026-03-01&to=2026-03-02&by=street', { token });
    expect(bad.status).toBe(400);
  });
});

describe('XLSX export', () => {
  const sheetRows = async (query: string): Promise<{ names: string[]; rows: Record<string, unknown[][]> }> => {
    const response = await fetch(`${centre.url}/api/centre/reports/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="hallq-city-report-[a-z]+-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const rows: Record<string, unknown[][]> = {};
    book.eachSheet((sheet) => {
      rows[sheet.name] = [];
      sheet.eachRow((r) => void rows[sheet.name]?.push((r.values as unknown[]).slice(1)));
    });
    return { names: Object.keys(rows), rows };
  };

  it('has Chinese headings by default, the same figures as the page, and a sheet that says what they mean', async () => {
    const { names, rows } = await sheetRows(`from=2026-03-02&to=2026-03-02&by=window&hall=${DISTRICT}`);
    expect(names).toEqual(['汇总', '说明']);
    const [head, w1, w2, none, total] = rows['汇总'] ?? [];
    expect(head?.slice(0, 6)).toEqual(['大厅', '大厅编码', '窗口', '取号', '办结', '过号']);
    expect(head).toContain('满意率 (%)');
    expect(w1?.slice(0, 5)).toEqual(['西湖区政务服务中心', DISTRICT, '1号窗口', 2, 2]);
    expect(w2?.slice(2, 6)).toEqual(['2号窗口', 2, 1, 1]);
    expect(none?.[2]).toBe('未到窗口');
    // Total: 5 issued, 3 served, 1 no-show, 25 % no-shows, wait p50 7 min and p90 38 min, 75 % within the limit.
    expect(total?.slice(0, 10)).toEqual(['合计', undefined, undefined, 5, 3, 1, 25, 7, 38, 75]);
    const about = (rows['说明'] ?? []).map((r) => r.join(' '));
    expect(about.join('\n')).toContain('满意率 = 评价为“基本满意”“满意”“非常满意”（3–5 级）');
  });

  it("in English on request, with times in the hall's own zone", async () => {
    const { names, rows } = await sheetRows(`from=2026-03-02&to=2026-03-02&hall=${VILLAGE}&lang=en`);
    expect(names).toEqual(['Summary', 'About']);
    expect(rows.Summary?.[0]?.slice(0, 3)).toEqual(['Hall', 'Hall code', 'Issued']);
    const made = rows.About?.find((r) => r[0] === 'Made at');
    // The centre's clock is 02:00 UTC: 08:00 in Urumqi.
    expect(made?.[1]).toBe('05/04/2026, 08:00 (Asia/Urumqi)');
  });
});

describe('rankings', () => {
  it('红旗窗口 by the stated formula: satisfaction, served relative to the most served, waits within the limit', async () => {
    const answer = await call<RankingReply>(centre, 'GET', '/api/centre/rankings?from=2026-03-02&to=2026-03-02&kind=window', { token });
    expect(answer.status).toBe(200);
    const r = answer.body;
    expect(r.weights).toEqual({ satisfaction: 0.5, volume: 0.2, waitWithinLimit: 0.3 });
    // District w1: 0.5·1 + 0.2·2/2 + 0.3·1 = 100; town w1 (one 基本满意, satisfied): 0.5·1 + 0.2·½ + 0.3·1 = 90;
    // village w1 (one 差评): 0.2·½ + 0.3·1 = 40; district w2: 0.2·½ + 0.3·½ = 25.
    expect(r.entries.map((e) => [e.rank, e.key, e.score])).toEqual([
      [1, `${DISTRICT}|w1`, 100],
      [2, `${TOWN}|w1`, 90],
      [3, `${VILLAGE}|w1`, 40],
      [4, `${DISTRICT}|w2`, 25],
    ]);
    expect(r.unranked).toBe(0);
  });

  it('服务明星 in one hall: only its clerks, with the figures the score came from', async () => {
    const answer = await call<RankingReply>(centre, 'GET', `/api/centre/rankings?from=2026-03-02&to=2026-03-02&kind=clerk&hall=${DISTRICT}`, { token });
    expect(answer.body.entries.map((e) => e.clerk)).toEqual(['clerk1', 'clerk2']);
    expect(answer.body.entries[0]).toMatchObject({ hallCode: DISTRICT, served: 2, ratings: 2, satisfactionRate: 1, waitWithinLimitRate: 1, volumeShare: 1 });
  });
});

describe('the rollup follows late changes', () => {
  it('an appeal accepted later takes its rating out; a stale rollup is caught up by the report itself', async () => {
    city.district.acceptAppeal(city.ids.d4 as string);
    await city.district.ship(centre);
    // Not yet rolled up, and the rollup ran less than refreshSeconds ago: the report says a day is pending.
    const before = await report(`from=2026-03-02&to=2026-03-02&hall=${DISTRICT}`);
    expect(before.pendingDays).toBe(1);
    expect(row(before, DISTRICT).bad).toBe(1);
    clock.advance(3_601_000);
    const after = await report(`from=2026-03-02&to=2026-03-02&hall=${DISTRICT}`);
    expect(after.pendingDays).toBe(0);
    expect(after.asOf).toBe(clock.now());
    expect(row(after, DISTRICT)).toMatchObject({ ratings: 2, satisfied: 2, bad: 0, satisfactionRate: 1 });
    // The month's rollup followed the day.
    expect(row(await report(`from=2026-03-01&to=2026-03-31&hall=${DISTRICT}`), DISTRICT)).toMatchObject({ ratings: 2, bad: 0 });
  });
});
