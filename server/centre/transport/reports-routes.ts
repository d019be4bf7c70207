/**
 * The reports' routes, registered from their definitions in server/protocol/centre-reports.ts through the
 * shared route kit, like the console's (console-routes.ts). Each handler: the session behind the bearer
 * token, then the use case, which decides which halls the viewer may read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { centreReportRoutes, XLSX_TYPE, type RankingQuery, type RankingReply, type ReportExportQuery, type ReportQuery, type ReportReply } from '../../protocol/centre-reports';
import { registerRoute } from '../../transport/http/route-kit';
import type { SignedIn } from '../app/sessions';
import type { ReportFile } from '../app/report-export';
import type { Viewer } from '../domain/access';
import { bearerToken } from './console-routes';

export interface ReportPorts {
  authenticate(token: string | undefined): Promise<SignedIn>;
  report(viewer: Viewer, query: ReportQuery): Promise<ReportReply>;
  ranking(viewer: Viewer, query: RankingQuery): Promise<RankingReply>;
  exportReport(viewer: Viewer, query: ReportExportQuery): Promise<ReportFile>;
}

export function registerReportRoutes(app: FastifyInstance, ports: ReportPorts): void {
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (await ports.authenticate(bearerToken(request))).viewer;

  registerRoute(app, centreReportRoutes.report, async ({ request, query }) => ports.report(await viewerOf(request), query));
  registerRoute(app, centreReportRoutes.ranking, async ({ request, query }) => ports.ranking(await viewerOf(request), query));
  registerRoute(app, centreReportRoutes.exportReport, async ({ request, query, reply }) => {
    const file = await ports.exportReport(await viewerOf(request), query);
    // The name is ASCII (days and a grouping word), so the plain filename parameter is enough.
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
  });
}
