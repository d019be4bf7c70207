/**
 * The manager console's hall routes: the live hall and its charts, 电子监察 alerts and 差评 follow-ups with
 * their appeals. Registered by server/transport/http/manager-routes.ts, called by manager-ui/ through
 * ui-client/api.ts. Reports: routes/manager-reports.ts; configuration and backups: routes/manager-admin.ts.
 */
import { defineRoute } from '../route-map';
import { NoBody } from '../http';
import {
  AckAlertBody, AlertEvaluation, AlertParams, AlertView, AppealBody, AppealDecisionBody, FollowupList, FollowupParams, FollowupRecordBody, FollowupView,
  FollowupQuery, LiveCharts, LiveHall, RecentQuery,
} from '../manager-model';
import { Type } from '@sinclair/typebox';
import { AuditPage, AuditQuery } from '../audit';
import { TABLE_FILE_TYPES } from './manager-reports';

export const managerRoutes = {
  live: defineRoute({
    method: 'GET', path: '/api/manager/live', tags: ['manager'], access: 'manager', reply: LiveHall,
    summary: 'The live hall: today per service and per window',
    description: "Waiting, longest and mean wait, mean service time, served and no-shows per service today; each window's state, clerk, current ticket and pause note; the 回访整改率 of the last 90 days.",
  }),
  charts: defineRoute({
    method: 'GET', path: '/api/manager/charts', tags: ['manager'], access: 'manager', reply: LiveCharts,
    summary: 'Today per hour against the usual day, and waiting over the day',
    description: 'Arrivals and served per local hour today, beside the mean of the same weekday over the previous four weeks; the number waiting every 15 minutes since the first ticket today.',
  }),
  alerts: defineRoute({
    method: 'GET', path: '/api/alerts', tags: ['manager'], access: 'manager', query: RecentQuery, reply: Type.Array(AlertView),
    summary: '电子监察 alerts',
    description: 'The alerts no manager has acknowledged yet (newest first), or with `scope=recent` every alert raised in the last `days` (default 7).',
  }),
  evaluateAlerts: defineRoute({
    method: 'POST', path: '/api/alerts/evaluate', tags: ['manager'], access: 'manager', body: NoBody, reply: AlertEvaluation,
    summary: 'Run the alert rules now',
    description: 'The rules run on every relevant fact and every 15 s anyway; this runs them at once and answers how many alerts were raised and cleared.',
  }),
  acknowledgeAlert: defineRoute({
    method: 'POST', path: '/api/alerts/:alertId/acknowledge', tags: ['manager'], access: 'manager', params: AlertParams, body: AckAlertBody, reply: AlertView,
    summary: 'Acknowledge an alert with a note',
    description: 'Audited; the alert leaves the open list of every console. An alert is acknowledged once (a second answer is `already-acknowledged`).',
  }),
  followups: defineRoute({
    method: 'GET', path: '/api/followups', tags: ['manager'], access: 'manager', query: FollowupQuery, reply: FollowupList,
    summary: '差评 follow-ups and the 回访整改率',
    description: 'The open follow-ups (earliest deadline first), with `scope=closed` those closed in the last `days` (latest first, with who closed them), or with `scope=recent` every one opened in the last `days` (default 90); with the rate over the same days.',
  }),
  myFollowups: defineRoute({
    method: 'GET', path: '/api/followups/mine', tags: ['manager'], access: 'staff', reply: Type.Array(FollowupView),
    summary: "The signed-in clerk's own 差评 of the last 30 days",
    description: 'The follow-ups assigned to the caller (the clerk who served), latest rating first: what the window page lists so the clerk can file a 申诉 (`POST /api/followups/:followupId/appeal`).',
  }),
  recordFollowup: defineRoute({
    method: 'POST', path: '/api/followups/:followupId/record', tags: ['manager'], access: 'manager', params: FollowupParams, body: FollowupRecordBody, reply: FollowupView,
    summary: 'Record a call-back (回访), remedy (整改) or feedback',
    description: 'The follow-up closes once the visitor was called back and told the outcome. `at` dates a step done earlier (never in the future, never before the rating).',
  }),
  appeal: defineRoute({
    method: 'POST', path: '/api/followups/:followupId/appeal', tags: ['manager'], access: 'staff', params: FollowupParams, body: AppealBody, reply: FollowupView,
    summary: 'Appeal a rating (申诉)',
    description: 'A clerk may appeal only ratings of tickets they served; a manager any. Each rating can be appealed once; the rating itself is never deleted.',
  }),
  decideAppeal: defineRoute({
    method: 'POST', path: '/api/followups/:followupId/appeal/decision', tags: ['manager'], access: 'manager', params: FollowupParams, body: AppealDecisionBody, reply: FollowupView,
    summary: 'Decide an appeal (复核)',
    description: 'By another manager than the one who filed it. An accepted appeal takes the rating out of the satisfaction and follow-up rates and closes the follow-up; the rating stays on record.',
  }),
  audit: defineRoute({
    method: 'GET', path: '/api/manager/audit', tags: ['manager'], access: 'manager', query: AuditQuery, reply: AuditPage,
    summary: 'Search the audit log (操作日志)',
    description: `Every logged change from \`from\` to \`to\` (hall-local days or minutes, at most 400 days), newest first, optionally of one actor (a username, \`system\`, \`kiosk:<id>\`), window, ticket number or kind; \`limit\` per page (default 50), \`before=<next>\` for the next page. Each entry names who, when, which window and ticket, and what: never a visitor's ID number or name. \`format=csv\` or \`format=xlsx\` answers every matching entry (at most 50,000) as a file in words, with hall-local times (${TABLE_FILE_TYPES.join(', ')}).`,
  }),
} as const;
