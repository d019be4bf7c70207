/**
 * The city centre's HTTP contract (市、镇两级中心统一管理): the console's routes as data, their request and
 * reply shapes, and the halls' uplink routes (bodies in ./uplink.ts). Browser-safe: TypeBox and types only,
 * so the city console page imports it as the hall pages import ./routes/core.ts.
 *
 * Sign-in answers a session token for `Authorization: Bearer <token>`. Sessions live in PostgreSQL, so any
 * centre process behind the load balancer accepts them and sign-out ends them everywhere.
 *
 * Roles: `city-admin` and `city-supervisor` (督查科) see every hall; a supervisor (and the admin) writes
 * supervision notes (督办); `hall-viewer` sees one hall, its `hallCode`, read-only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route-map';
import { ErrorReply } from './http';
import { Generation, HallCode, HallLevel, UplinkAck, UplinkBatch, UplinkCursor, UplinkProvinceBatch, UplinkProvinceReply } from './uplink';
import { WindowState } from './model';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const Ms = Type.Integer({ description: 'epoch milliseconds' });

export const CENTRE_ROLES = ['city-admin', 'city-supervisor', 'hall-viewer'] as const;
export type CentreRole = (typeof CENTRE_ROLES)[number];
export const CentreRole = Type.Union(CENTRE_ROLES.map((r) => Type.Literal(r)));

export const CentreUserView = Type.Object({
  username: Type.String(),
  name: Type.String(),
  role: CentreRole,
  /** The one hall a `hall-viewer` sees; absent for city roles. */
  hallCode: Type.Optional(Type.String()),
});
export type CentreUserView = Static<typeof CentreUserView>;

export const CentreSignInBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type CentreSignInBody = Static<typeof CentreSignInBody>;
export const CentreSession = Type.Object({ token: Type.String(), expiresAt: Ms, user: CentreUserView });
export type CentreSession = Static<typeof CentreSession>;
export const CentreWhoAmI = Type.Object({ expiresAt: Ms, user: CentreUserView });
export type CentreWhoAmI = Static<typeof CentreWhoAmI>;

/**
 * The uplink as the console shows it: `never` (no batch yet), `offline` (no contact for the configured
 * time, 5 minutes by default), `lagging` (in contact, but the hall still holds events to send), `live`.
 */
export const LINK_STATES = ['live', 'lagging', 'offline', 'never'] as const;
export type LinkState = (typeof LINK_STATES)[number];
export const LinkView = Type.Object({
  state: Type.Union(LINK_STATES.map((s) => Type.Literal(s))),
  /** The centre's clock when the hall's last batch arrived (never the hall's clock). */
  lastContactAt: Type.Optional(Ms),
  /** Events the hall still held after its last batch. */
  backlog: Type.Integer(),
  /** Hall clock − centre clock at the last batch (ms; positive: the hall is ahead). */
  skewMs: Type.Optional(Type.Integer()),
  generation: Type.Optional(Type.String()),
  ackedSeq: Type.Integer(),
});
export type LinkView = Static<typeof LinkView>;

/** The service whose oldest waiting visitor is furthest past (or nearest to) its wait limit. */
export const LongestWaitView = Type.Object({
  serviceId: Type.String(),
  serviceName: Type.String(),
  minutes: Type.Integer(),
  limitMinutes: Type.Integer(),
  isOverLimit: Type.Boolean(),
  /** Hall time the oldest waiting ticket was issued. */
  since: Ms,
});
export type LongestWaitView = Static<typeof LongestWaitView>;

/** Today's ratings at the hall; satisfied = levels 5–3 (as the hall's own reports count them). */
export const SatisfactionView = Type.Object({ ratings: Type.Integer(), satisfied: Type.Integer(), rate: Type.Optional(Type.Number()) });
export type SatisfactionView = Static<typeof SatisfactionView>;

/** One hall on the city grid. Figures are as of the hall's last batch; the wait is aged to now. */
export const HallGlance = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: HallLevel,
  parent: Type.Optional(Type.String()),
  /** The hall's business day of these figures (its own calendar). */
  day: Type.Optional(Type.String()),
  waiting: Type.Integer(),
  /** Windows not closed (open, serving or paused), and of those how many serve or pause right now. */
  openWindows: Type.Integer(),
  servingWindows: Type.Integer(),
  pausedWindows: Type.Integer(),
  totalWindows: Type.Integer(),
  longestWait: Type.Optional(LongestWaitView),
  satisfaction: SatisfactionView,
  openAlerts: Type.Integer(),
  link: LinkView,
});
export type HallGlance = Static<typeof HallGlance>;

export const HallsGlanceReply = Type.Object({
  now: Ms,
  /** district, then town, then village; only levels with a visible hall; halls by code. */
  levels: Type.Array(Type.Object({ level: HallLevel, halls: Type.Array(HallGlance) })),
});
export type HallsGlanceReply = Static<typeof HallsGlanceReply>;

export const HallServiceLive = Type.Object({
  id: Type.String(),
  name: Type.String(),
  itemCode: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  waiting: Type.Integer(),
  longestWaitMinutes: Type.Optional(Type.Integer()),
  limitMinutes: Type.Integer(),
});
export const HallWindowLive = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  state: WindowState,
  since: Type.Optional(Ms),
  pauseReason: Type.Optional(Type.String()),
  /** The ticket at the counter (its number and service only). */
  current: Type.Optional(Type.Object({ number: Type.String(), serviceId: Type.String(), calledAt: Ms })),
});
export const HallAlertLive = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  raisedAt: Ms,
  clearedAt: Type.Optional(Ms),
  limitMinutes: Type.Optional(Type.Integer()),
});
export const HallDeviceLive = Type.Object({ id: Type.String(), kind: Type.String(), state: Type.String(), since: Type.Optional(Ms) });
export const HallTodayView = Type.Object({
  issued: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  satisfaction: SatisfactionView,
});

/** One hall, read-only: its glance plus services, windows, alerts and devices as of its last batch. */
export const HallLiveView = Type.Object({
  now: Ms,
  hall: HallGlance,
  timeZone: Type.Optional(Type.String()),
  services: Type.Array(HallServiceLive),
  windows: Type.Array(HallWindowLive),
  alerts: Type.Array(HallAlertLive),
  devices: Type.Array(HallDeviceLive),
  today: HallTodayView,
});
export type HallLiveView = Static<typeof HallLiveView>;

export const SupervisionNoteView = Type.Object({
  id: Type.String(),
  hallCode: Type.String(),
  followupId: Type.String(),
  text: Type.String(),
  /** The supervisor's name (as the hall's managers see it) and username. */
  by: Type.String(),
  byUsername: Type.String(),
  at: Ms,
  /** When the hall's next batch showed it had received the note; absent while on its way. */
  deliveredAt: Type.Optional(Ms),
});
export type SupervisionNoteView = Static<typeof SupervisionNoteView>;

/** An open 差评 follow-up of a hall, with its deadline and the supervision notes written on it. */
export const SupervisionItem = Type.Object({
  hallCode: Type.String(),
  hallName: Type.String(),
  followupId: Type.String(),
  ticketNumber: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.Optional(Type.String()),
  windowId: Type.String(),
  /** The clerk's username; absent when nobody was signed in at the window. */
  assignee: Type.Optional(Type.String()),
  score: Type.Integer(),
  tags: Type.Array(Type.String()),
  comment: Type.Optional(Type.String()),
  ratedAt: Ms,
  dueAt: Ms,
  isOverdue: Type.Boolean(),
  notes: Type.Array(SupervisionNoteView),
});
export type SupervisionItem = Static<typeof SupervisionItem>;
export const SupervisionReply = Type.Object({ now: Ms, items: Type.Array(SupervisionItem, { description: 'overdue first, then by deadline' }) });
export type SupervisionReply = Static<typeof SupervisionReply>;

export const CentreHallParams = Type.Object({ hallCode: HallCode });
export const FollowupNoteParams = Type.Object({ hallCode: HallCode, followupId: Id });
export const SupervisionNoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export type SupervisionNoteBody = Static<typeof SupervisionNoteBody>;
export const CentreHealth = Type.Object({ ok: Type.Boolean(), database: Type.Boolean() });

export const UplinkCursorQuery = Type.Object({ generation: Generation.properties.id }, { additionalProperties: false });
/** 409 on the uplink: `uplink-gap` carries `resendFrom`; `uplink-generation-conflict` names the sequence. */
export const UplinkRefusal = Type.Object({ error: Type.String(), message: Type.String(), resendFrom: Type.Optional(Type.Integer()) });

export const centreRoutes = {
  signIn: defineRoute({
    method: 'POST', path: '/api/centre/session', tags: ['centre'], access: 'anyone', body: CentreSignInBody, reply: CentreSession, status: 201,
    summary: 'Sign in to the city console',
    description: 'Answers a session token for `Authorization: Bearer`. Rate-limited per address across all centre processes.',
  }),
  whoAmI: defineRoute({ method: 'GET', path: '/api/centre/session', tags: ['centre'], access: 'city-user', reply: CentreWhoAmI, summary: 'Who the session belongs to' }),
  signOut: defineRoute({
    method: 'DELETE', path: '/api/centre/session', tags: ['centre'], access: 'city-user', reply: Type.Null(), status: 204,
    summary: 'Sign out', description: 'Ends the session in every centre process (its live streams close too).',
  }),
  halls: defineRoute({
    method: 'GET', path: '/api/centre/halls', tags: ['centre'], access: 'city-user', reply: HallsGlanceReply,
    summary: 'The halls at a glance, grouped by level',
    description: 'Waiting, open windows, longest wait against its limit, today\u2019s satisfaction, open alerts and the link (last contact, backlog). A hall viewer sees its own hall only.',
  }),
  hall: defineRoute({
    method: 'GET', path: '/api/centre/halls/:hallCode', tags: ['centre'], access: 'city-user', params: CentreHallParams, reply: HallLiveView,
    summary: "One hall's live view (read-only)", description: 'A hall viewer may open its own hall only (403 otherwise).',
  }),
  supervision: defineRoute({
    method: 'GET', path: '/api/centre/followups', tags: ['centre'], access: 'city-user', reply: SupervisionReply,
    summary: '差评 supervision: every open follow-up of every visible hall', description: 'With its deadline, overdue first, and the supervision notes written on it.',
  }),
  addNote: defineRoute({
    method: 'POST', path: '/api/centre/halls/:hallCode/followups/:followupId/notes', tags: ['centre'], access: 'city-supervisor',
    params: FollowupNoteParams, body: SupervisionNoteBody, reply: SupervisionNoteView, status: 201,
    summary: 'Write a supervision note (督办) on a follow-up',
    description: "The hall receives it in the `notes` of its next UplinkAck; it is marked delivered when the hall's following batch shows it got that ack.",
  }),
  health: defineRoute({ method: 'GET', path: '/api/centre/health', tags: ['centre'], access: 'anyone', reply: CentreHealth, summary: 'For the load balancer: the process runs and reaches PostgreSQL' }),
} as const;

/**
 * The halls' side (server/protocol/uplink.ts has the bodies). Registered by the centre with its own 409
 * reply shape (`resendFrom`), so they are listed here as data but not through the shared route kit.
 */
export const uplinkRoutes = {
  batches: { method: 'POST', path: '/api/uplink/batches', access: 'hall', body: UplinkBatch, reply: UplinkAck, refusal: UplinkRefusal },
  cursor: { method: 'GET', path: '/api/uplink/cursor', access: 'hall', query: UplinkCursorQuery, reply: UplinkCursor, refusal: ErrorReply },
  /** 好差评 records forwarded by the centre to the province (docs/province.md, adapter `city-centre`). */
  provinceRecords: { method: 'POST', path: '/api/uplink/province-records', access: 'hall', body: UplinkProvinceBatch, reply: UplinkProvinceReply, refusal: ErrorReply },
} as const;

/**
 * `GET /api/centre/live` (Bearer session, like every console route): Server-Sent Events. The page reads it
 * with `fetch()` and the body's reader, since EventSource cannot send an Authorization header. Events:
 * - `ready` `{ now }` once, when the stream is attached;
 * - `hall` `HallGlance` whenever a visible hall's batch has been stored (by any centre process);
 * - `session-ended` `{}` when the session is signed out (anywhere); the stream then closes.
 * A comment line `: ping` every 25 s keeps proxies from closing an idle stream.
 */
export const CENTRE_LIVE_PATH = '/api/centre/live';
export interface CentreLiveEvents {
  ready: { now: number };
  hall: HallGlance;
  'session-ended': Record<string, never>;
}

/** Words for the page (zh-CN first): levels, link states, roles. */
export const LEVEL_WORDS = { district: { zh: '区（市）中心', en: 'District centre' }, town: { zh: '镇（街道）中心', en: 'Town centre' }, village: { zh: '村（社区）服务点', en: 'Village point' } } as const;
export const LINK_STATE_WORDS: Record<LinkState, { zh: string; en: string }> = {
  live: { zh: '在线', en: 'Live' },
  lagging: { zh: '补传中', en: 'Catching up' },
  offline: { zh: '失联', en: 'Offline' },
  never: { zh: '未接入', en: 'Never connected' },
};
export const ROLE_WORDS: Record<CentreRole, { zh: string; en: string }> = {
  'city-admin': { zh: '市级管理员', en: 'City administrator' },
  'city-supervisor': { zh: '督查人员', en: 'City supervisor' },
  'hall-viewer': { zh: '大厅查看', en: 'Hall viewer' },
};
