import { it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../server/centre/storage/embedded-postgres';
import { centreConfig, ManualClock, signInAs, USERS, call, DISTRICT } from '../centre/support/centre';
import { buildCity, shipCity } from '../centre/support/report-scenario';
import { buildCentre } from '../../server/centre/compose';
import { ReportsRepo } from '../../server/centre/storage/reports-repo';
import { rollUpReports } from '../../server/centre/app/reports';

it('reports on pglite', async () => {
  const pg = await startEmbeddedPostgres(join(mkdtempSync(join(tmpdir(), 'pgl-')), 'data'));
  const clock = new ManualClock(Date.parse('2026-04-05T02:00:00Z'));
  const config = await centreConfig(pg.url, (f) => { f.database.poolSize = 1; });
  const centre = await buildCentre({ config, clock, host: '127.0.0.1', port: 0 });
  await shipCity(buildCity(), centre);
  console.log('rolled', await rollUpReports({ repo: new ReportsRepo(centre.pool), clock }));
  const token = await signInAs(centre, USERS.supervisor);
  const r = await call<{ rows: { key: string; issued: number; satisfactionRate: number }[] }>(centre, 'GET', '/api/centre/reports?from=2026-03-02&to=2026-03-02', { token });
  console.log(r.status, JSON.stringify(r.body).slice(0, 300));
  expect(r.body.rows.find((x) => x.key === DISTRICT)?.issued).toBe(5);
  await centre.close();
  await pg.stop();
}, 120_000);
