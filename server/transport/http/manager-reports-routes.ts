/** /api/reports and /api/ratings, from the contract (protocol/routes/manager-reports.ts): JSON, or the same tables as CSV or XLSX. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Hub } from '../../app/hub';
import type { Manager } from '../../app/manager';
import { checkRange } from '../../app/reports';
import { ratingsTable, reportTables } from '../../app/report-files';
import { clerkReportTables, honoursTables } from '../../app/clerk-report-files';
import { toCsv, toXlsx, type Table } from '../../app/table-files';
import { reportRoutes as routes, TABLE_FILE_TYPES } from '../../protocol/routes/manager-reports';
import { requireStaff } from './auth-hook';
import { registerRoute } from './route-kit';

async function sendTables(reply: FastifyReply, tables: Table[], format: 'csv' | 'xlsx', base: string): Promise<FastifyReply> {
  const [csvType, xlsxType] = TABLE_FILE_TYPES;
  if (format === 'csv') return reply.type(csvType).header('content-disposition', `attachment; filename="${base}.csv"`).send(toCsv(tables));
  const body = await toXlsx(tables, base);
  return reply.type(xlsxType).header('content-disposition', `attachment; filename="${base}.xlsx"`).send(body);
}

export function registerReportRoutes(app: FastifyInstance, hub: Hub, manager: Manager): void {
  const asManager = (request: FastifyRequest) => requireStaff(hub, request, 'manager', 'admin');
  const { reports, ratings } = manager;

  registerRoute(app, routes.report, ({ request, query, reply }) => {
    asManager(request);
    const { from, to, format = 'json' } = query;
    const report = reports.build(from, to);
    return format === 'json' ? report : sendTables(reply, reportTables(report), format, `hallq-report-${from}_${to}`);
  });
  registerRoute(app, routes.ratingsExport, ({ request, query, reply }) => {
    asManager(request);
    const { from, to, format = 'json' } = query;
    checkRange(from, to);
    const exported = ratings.export(from, to);
    return format === 'json' ? exported : sendTables(reply, [ratingsTable(exported.records, exported.timeZone)], format, `hallq-ratings-${from}_${to}`);
  });
  registerRoute(app, routes.ticketsExport, ({ request, query, reply }) => {
    asManager(request);
    const { from, to, format = 'csv', lang = 'zh-CN' } = query;
    checkRange(from, to);
    return sendTables(reply, [manager.tickets.table(from, to, lang)], format, `hallq-tickets-${from}_${to}`);
  });
  registerRoute(app, routes.satisfaction, ({ request, query }) => (asManager(request), reports.satisfaction(query.by, query.period, query.from, query.to)));
  registerRoute(app, routes.ranking, ({ request, query }) => (asManager(request), reports.ranking(query.quarter)));
  registerRoute(app, routes.clerkReport, ({ request, query, reply }) => {
    asManager(request);
    const { from, to, period = 'range', format = 'json' } = query;
    const report = manager.clerkReports.report(from, to, period);
    return format === 'json' ? report : sendTables(reply, clerkReportTables(report), format, `hallq-clerks-${from}_${to}`);
  });
  registerRoute(app, routes.honours, ({ request, query, reply }) => {
    asManager(request);
    const { quarter, format = 'json' } = query;
    const honours = manager.clerkReports.honours(quarter);
    return format === 'json' ? honours : sendTables(reply, honoursTables(honours), format, `hallq-honours-${quarter}`);
  });
}
