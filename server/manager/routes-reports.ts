/** /api/reports and /api/ratings: figures for a date range as JSON, CSV or XLSX; 好差评 export and upload. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { RangeQuery, RankingQuery, SatisfactionQuery } from '../protocol/manager-model';
import { requireStaff } from '../transport/http/auth-hook';
import type { ManagerContext } from './context';
import { buildReport, checkRange, quarterlyRanking, satisfaction } from './reports';
import { ratingsTable, reportTables, toCsv, toXlsx, type Table } from './exports';
import { ratingRecords, uploadRatings, type RatingsUploader } from './uploader';

const tags = ['reports'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const UploadBody = Type.Object({ from: Day, to: Day }, { additionalProperties: false });

async function sendTables(reply: FastifyReply, tables: Table[], format: 'csv' | 'xlsx', base: string): Promise<FastifyReply> {
  if (format === 'csv') {
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base}.csv"`).send(toCsv(tables));
  }
  const body = await toXlsx(tables, base);
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${base}.xlsx"`)
    .send(body);
}

export function registerReportRoutes(app: FastifyInstance, ctx: ManagerContext, uploader: RatingsUploader): void {
  const manager = (request: Parameters<typeof requireStaff>[1]) => requireStaff(ctx.hub, request, 'manager', 'admin');

  app.get<{ Querystring: Static<typeof RangeQuery> }>('/api/reports', { schema: { tags, querystring: RangeQuery } }, async (request, reply) => {
    manager(request);
    const { from, to, format = 'json' } = request.query;
    const report = buildReport(ctx, from, to);
    if (format === 'json') return report;
    return sendTables(reply, reportTables(report), format, `hallq-report-${from}_${to}`);
  });

  app.get<{ Querystring: Static<typeof RangeQuery> }>('/api/ratings/export', { schema: { tags, querystring: RangeQuery } }, async (request, reply) => {
    manager(request);
    const { from, to, format = 'json' } = request.query;
    checkRange(from, to);
    const records = ratingRecords(ctx, from, to);
    if (format === 'json') return { hallName: ctx.core.config.hall.name, timeZone: ctx.timeZone, from, to, records };
    return sendTables(reply, [ratingsTable(records)], format, `hallq-ratings-${from}_${to}`);
  });

  app.post<{ Body: Static<typeof UploadBody> }>('/api/ratings/upload', { schema: { tags, body: UploadBody } }, async (request) => {
    const actor = manager(request);
    checkRange(request.body.from, request.body.to);
    return uploadRatings(ctx, uploader, request.body.from, request.body.to, actor);
  });

  app.get<{ Querystring: Static<typeof SatisfactionQuery> }>('/api/ratings/satisfaction', { schema: { tags, querystring: SatisfactionQuery } }, async (request) => {
    manager(request);
    const q = request.query;
    return satisfaction(ctx, q.by, q.period, q.from, q.to);
  });

  app.get<{ Querystring: Static<typeof RankingQuery> }>('/api/ratings/ranking', { schema: { tags, querystring: RankingQuery } }, async (request) => {
    manager(request);
    return quarterlyRanking(ctx, request.query.quarter);
  });
}
