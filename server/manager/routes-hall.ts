/** /api/manager (live hall), /api/alerts and /api/followups. Parse, check the role, call the use case. */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { ErrorReply, NoBody } from '../protocol/http';
import {
  AckAlertBody, AlertParams, AlertView, AppealBody, AppealDecisionBody, FollowupParams, FollowupRecordBody, FollowupView,
} from '../protocol/manager-model';
import { requireStaff } from '../transport/http/auth-hook';
import type { ManagerContext } from './context';
import { acknowledgeAlert, evaluateAlerts } from './alert-engine';
import { appealRating, decideRatingAppeal, followupSummary, recordFollowupStep, toFollowupView } from './followups';
import { liveCharts } from './reports';
import { liveHall as liveFigures } from './live';
import { startOfDay, addDays } from './working-days';

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const tags = ['manager'];
const ListQuery = Type.Object(
  {
    scope: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('recent')])),
    // A query string carries text and the hub never coerces types (a body's "7" stays a string), so the
    // number of days is checked as text: a whole number from 1 to 400.
    days: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|[1-3][0-9][0-9]|400)$', description: 'whole days back, 1–400' })),
  },
  { additionalProperties: false },
);

const daysBack = (query: Static<typeof ListQuery>, otherwise: number): number => (query.days === undefined ? otherwise : Number(query.days));

export function registerHallRoutes(app: FastifyInstance, ctx: ManagerContext): void {
  const hub = ctx.hub;
  const manager = (request: Parameters<typeof requireStaff>[1]) => requireStaff(hub, request, 'manager', 'admin');

  app.get('/api/manager/live', { schema: { tags } }, async (request) => {
    manager(request);
    const since = startOfDay(addDays(ctx.core.today(), -90), ctx.timeZone);
    return { ...liveFigures(ctx), followups: followupSummary(ctx, since) };
  });

  app.get('/api/manager/charts', { schema: { tags } }, async (request) => {
    manager(request);
    return liveCharts(ctx);
  });

  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/alerts', { schema: { tags, querystring: ListQuery, response: { 200: Type.Array(AlertView), ...errors } } }, async (request) => {
    manager(request);
    if (request.query.scope !== 'recent') return ctx.alerts.unacknowledged();
    const now = ctx.core.now();
    return ctx.alerts.between(now - daysBack(request.query, 7) * 86_400_000, now + 1);
  });

  app.post('/api/alerts/evaluate', { schema: { tags, body: NoBody } }, async (request) => {
    manager(request);
    return evaluateAlerts(ctx);
  });

  app.post<{ Params: Static<typeof AlertParams>; Body: Static<typeof AckAlertBody> }>(
    '/api/alerts/:alertId/acknowledge',
    { schema: { tags, params: AlertParams, body: AckAlertBody, response: { 200: AlertView, ...errors } } },
    async (request) => acknowledgeAlert(ctx, manager(request), request.params.alertId, request.body.note),
  );

  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/followups', { schema: { tags, querystring: ListQuery } }, async (request) => {
    manager(request);
    const now = ctx.core.now();
    const days = daysBack(request.query, 90);
    const items = request.query.scope === 'recent' ? ctx.followups.list(now - days * 86_400_000, now + 1) : ctx.followups.listOpen();
    const since = startOfDay(addDays(ctx.core.today(), -days), ctx.timeZone);
    return { items: items.map((f) => toFollowupView(f, now)), summary: followupSummary(ctx, since) };
  });

  app.post<{ Params: Static<typeof FollowupParams>; Body: Static<typeof FollowupRecordBody> }>(
    '/api/followups/:followupId/record',
    { schema: { tags, params: FollowupParams, body: FollowupRecordBody, response: { 200: FollowupView, ...errors } } },
    async (request) => recordFollowupStep(ctx, manager(request), request.params.followupId, request.body),
  );

  // Any staff member may appeal (a clerk only their own ratings: followups.ts decides).
  app.post<{ Params: Static<typeof FollowupParams>; Body: Static<typeof AppealBody> }>(
    '/api/followups/:followupId/appeal',
    { schema: { tags, params: FollowupParams, body: AppealBody, response: { 200: FollowupView, ...errors } } },
    async (request) => appealRating(ctx, requireStaff(hub, request), request.params.followupId, request.body.reason),
  );

  app.post<{ Params: Static<typeof FollowupParams>; Body: Static<typeof AppealDecisionBody> }>(
    '/api/followups/:followupId/appeal/decision',
    { schema: { tags, params: FollowupParams, body: AppealDecisionBody, response: { 200: FollowupView, ...errors } } },
    async (request) => decideRatingAppeal(ctx, manager(request), request.params.followupId, request.body.decision, request.body.note),
  );
}
