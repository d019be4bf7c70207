/**
 * The reports part of the centre's composition root (called by compose.ts): the rollup's repository and
 * timer, the report routes and the console page, as one Fastify plugin and a stop for the timer.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CentreReportsSettings } from './config-reports';
import { DEFAULT_REPORTS_SETTINGS } from './config-reports';
import type { Pool } from './storage/pool';
import { ReportsRepo } from './storage/reports-repo';
import type { CentreLog, Clock } from './app/errors';
import type { SignedIn } from './app/sessions';
import { runRanking, runReport, startReportRollup, type ReportsDeps } from './app/reports';
import { exportReport } from './app/report-export';
import { registerReportRoutes } from './transport/reports-routes';
import { registerConsolePage } from './transport/console-page';
import { PROJECT_ROOT } from '../project-root';

export const DEFAULT_CITY_UI_DIR = join(PROJECT_ROOT, 'dist', 'ui');

export interface CentreReportsOptions {
  readonly pool: Pool;
  readonly clock: Clock;
  readonly settings?: CentreReportsSettings;
  /** The logger is Fastify's, known only once the app exists: read on each use. */
  readonly log: () => CentreLog;
  readonly authenticate: (token: string | undefined) => Promise<SignedIn>;
  readonly uiDir?: string;
  /** Off in tests that roll up by hand (`rollUpReports`); on by default. */
  readonly isRollupTimed?: boolean;
}

export interface CentreReports {
  readonly deps: ReportsDeps;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  stop(): Promise<void>;
}

export function composeCentreReports(options: CentreReportsOptions): CentreReports {
  const deps: ReportsDeps = {
    repo: new ReportsRepo(options.pool),
    clock: options.clock,
    settings: options.settings ?? DEFAULT_REPORTS_SETTINGS,
    get log() {
      return options.log();
    },
  };
  const rollup = options.isRollupTimed === false ? undefined : startReportRollup(deps);
  return {
    deps,
    plugin: async (app) => {
      registerReportRoutes(app, {
        authenticate: options.authenticate,
        report: (viewer, query) => runReport(deps, viewer, query),
        ranking: (viewer, query) => runRanking(deps, viewer, query),
        exportReport: (viewer, query) => exportReport(deps, viewer, query),
      });
      await registerConsolePage(app, options.uiDir ?? DEFAULT_CITY_UI_DIR);
    },
    stop: async () => rollup?.stop(),
  };
}
