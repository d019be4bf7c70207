/**
 * Who reads which hall's figures: every report route against every role, and a hall viewer tried through
 * every parameter (grouping, the hall filter, the export, the rankings) never sees another hall's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { call, DISTRICT, ManualClock, OTHER_TOWN, signInAs, startTestCentre, TOWN, USERS, VILLAGE } from './support/centre';
import { buildCity, shipCity } from './support/report-scenario';
import type { RunningCentre } from '../../server/centre/compose';
import { ReportsRepo } from '../../server/centre/storage/reports-repo';
import { rollUpReports } from '../../server/centre/app/reports';
import { centreReportRoutes, REPORT_GROUPINGS, type RankingReply, type ReportReply } from '../../server/protocol/centre-reports';

let db: TestDatabase;
let centre: RunningCentre;
const tokens: Record<keyof typeof USERS, string> = { admin: '', supervisor: '', viewer: '' };
const clock = new ManualClock(Date.parse('2026-04-05T02:00:00Z'));
const RANGE = 'from=2026-02-01&to=2026-04-30';

beforeAll(async () => {
  db = await createTestDatabase('hallq_report_roles');
  centre = await startTestCentre(db.url, { clock, edit: (f) => void (f.reports = { refreshSeconds: 3600, maxDays: 400, ranking: { weights: { satisfaction: 1, volume: 1, waitWithinLimit: 1 }, minRatings: 0, top: 50 } }) });
  await shipCity(buildCity(), centre);
  await rollUpReports({ repo: new ReportsRepo(centre.pool), clock });
  for (const role of Object.keys(USERS) as (keyof typeof USERS)[]) tokens[role] = await signInAs(centre, USERS[role]);
});

afterAll(async () => {
  await centre?.close();
  await db?.drop();
});

/** Every hall code a reply mentions, wherever it is. */
function hallsIn(body: unknown): Set<string> {
  const found = new Set<string>();
  JSON.stringify(body, (_key, value: unknown) => {
    if (typeof value === 'string') for (const code of [DISTRICT, TOWN, VILLAGE, OTHER_TOWN]) if (value.includes(code)) found.add(code);
    return value;
  });
  return found;
}

async function xlsxText(bytes: ArrayBuffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value)))));
  return cells.join('\n');
}

describe('report routes against every role', () => {
  const paths = [
    `${centreReportRoutes.report.path}?${RANGE}`,
    `${centreReportRoutes.exportReport.path}?${RANGE}`,
    `${centreReportRoutes.ranking.path}?${RANGE}&kind=window`,
  ];

  it('refuses every report route without a session, or with a forged one', async () => {
    for (const path of paths) {
      expect((await call(centre, 'GET', path)).status, path).toBe(401);
      expect((await call(centre, 'GET', path, { token: 'not-a-session-token-0123456789' })).status, path).toBe(401);
    }
  });

  it('lets the city administrator and supervisors read every hall', async () => {
    for (const role of ['admin', 'supervisor'] as const) {
      const r = await call<ReportReply>(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}`, { token: tokens[role] });
      expect(r.status).toBe(200);
      expect(r.body.rows.map((x) => x.hallCode)).toEqual([DISTRICT, TOWN, VILLAGE]);
      const file = await fetch(`${centre.url}${paths[1]}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
      expect(file.status).toBe(200);
      expect(hallsIn(await xlsxText(await file.arrayBuffer()))).toEqual(new Set([DISTRICT, TOWN, VILLAGE]));
      const ranking = await call<RankingReply>(centre, 'GET', paths[2] as string, { token: tokens[role] });
      expect(hallsIn(ranking.body.entries)).toEqual(new Set([DISTRICT, TOWN, VILLAGE]));
    }
  });
});

describe('a hall viewer reads its own hall only', () => {
  const viewer = (): string => tokens.viewer;

  it('through every grouping, with or without naming its own hall', async () => {
    const own = await call<ReportReply>(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}&hall=${TOWN}`, { token: viewer() });
    for (const by of REPORT_GROUPINGS) {
      for (const hall of ['', `&hall=${TOWN}`]) {
        const r = await call<ReportReply>(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}&by=${by}${hall}`, { token: viewer() });
        expect(r.status, `${by}${hall}`).toBe(200);
        expect(r.body.halls).toBe(1);
        expect([...hallsIn(r.body.rows)].filter((c) => c !== TOWN), `${by}${hall}`).toEqual([]);
        // Categories name no hall: their totals prove the other halls' tickets are not inside.
        expect(r.body.total, `${by}${hall}`).toEqual(own.body.total);
      }
    }
    expect(own.body.total).toMatchObject({ issued: 2, ratings: 2 });
  });

  it('is refused another hall by name, in the report, the export and the rankings, and learns nothing of it', async () => {
    for (const other of [DISTRICT, VILLAGE, OTHER_TOWN]) {
      for (const path of [
        `${centreReportRoutes.report.path}?${RANGE}&hall=${other}`,
        `${centreReportRoutes.report.path}?${RANGE}&by=window&hall=${other}`,
        `${centreReportRoutes.exportReport.path}?${RANGE}&hall=${other}&lang=en`,
        `${centreReportRoutes.ranking.path}?${RANGE}&kind=clerk&hall=${other}`,
      ]) {
        const r = await call<{ error: string; message: string }>(centre, 'GET', path, { token: viewer() });
        expect(r.status, path).toBe(403);
        expect(r.body.error).toBe('forbidden');
        expect(r.body.message).toContain(TOWN);
      }
    }
    // A hall that does not exist is refused the same way (no hint whether it exists).
    expect((await call(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}&hall=999999-999`, { token: viewer() })).status).toBe(403);
  });

  it('cannot smuggle a hall in through a repeated or extra parameter', async () => {
    const repeated = await call<ReportReply>(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}&hall=${TOWN}&hall=${DISTRICT}`, { token: viewer() });
    expect([403, 400]).toContain(repeated.status);
    const extra = await call(centre, 'GET', `${centreReportRoutes.report.path}?${RANGE}&halls=${DISTRICT}`, { token: viewer() });
    expect(extra.status).toBe(400);
  });

  it('gets its own hall only in the export and in the rankings', async () => {
    const file = await fetch(`${centre.url}${centreReportRoutes.exportReport.path}?${RANGE}&by=clerk`, { headers: { authorization: `Bearer ${viewer()}` } });
    expect(file.status).toBe(200);
    expect(hallsIn(await xlsxText(await file.arrayBuffer()))).toEqual(new Set([TOWN]));
    for (const kind of ['window', 'clerk']) {
      const r = await call<RankingReply>(centre, 'GET', `${centreReportRoutes.ranking.path}?${RANGE}&kind=${kind}`, { token: viewer() });
      expect(r.status).toBe(200);
      expect(r.body.entries.length).toBeGreaterThan(0);
      expect(hallsIn(r.body)).toEqual(new Set([TOWN]));
    }
  });
});
