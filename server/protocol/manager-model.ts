/**
 * The manager console's contract (issue #6): alerts (电子监察), 好差评 follow-ups and appeals, live-hall
 * figures and admin edits (reports: protocol/reports.ts; the layout: protocol/layout.ts). Browser-safe
 * TypeBox shapes shared by the hub and manager-ui/.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StaffRole } from './model';
import { TERMINAL_FAULT_CODES } from './terminals';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Note = Type.String({ minLength: 1, maxLength: 500 });

export const ALERT_KINDS = ['wait-overdue', 'service-overdue', 'pause-overdue', 'device-offline', 'paper-out', 'clock-step', 'followup-overdue', 'storage-fault', 'terminal-dark', 'kiosks-dark', 'terminal-fault'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const AlertView = Type.Object({
  id: Type.String(),
  kind: Type.Union(ALERT_KINDS.map((k) => Type.Literal(k))),
  /** Ticket, window or device the alert is about. */
  subjectId: Type.String(),
  /** Human label: ticket number, window name, device id. */
  subject: Type.String(),
  serviceId: Type.Optional(Type.String()),
  windowId: Type.Optional(Type.String()),
  /** The limit that was passed (minutes), when the rule has one. */
  limitMinutes: Type.Optional(Type.Integer()),
  /** When the condition began (ticket issued, call, pause, device state change). */
  since: Type.Integer(),
  /** terminal-fault: the fault the page reported (subjectId is the terminal, subject its name); the console words it. */
  faultCode: Type.Optional(Type.Union(TERMINAL_FAULT_CODES.map((c) => Type.Literal(c)))),
  /** terminal-fault: when a response is due (故障分级响应, the grade's target in policy.faultResponse). */
  dueAt: Type.Optional(Type.Integer()),
  raisedAt: Type.Integer(),
  /** The condition no longer holds (ticket called, window resumed, device back); the alert stays until acknowledged. */
  clearedAt: Type.Optional(Type.Integer()),
  acknowledgedAt: Type.Optional(Type.Integer()),
  acknowledgedBy: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
});
export type AlertView = Static<typeof AlertView>;

export const FOLLOWUP_STATUSES = ['open', 'closed'] as const;
export const APPEAL_STATUSES = ['none', 'pending', 'accepted', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** One 差评 and what was done about it (谁办理、谁负责). The rating itself is never deleted. */
export const FollowupView = Type.Object({
  id: Type.String(),
  ratingId: Type.String(),
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  windowId: Type.String(),
  /** The clerk who handled the ticket; absent when nobody was signed in at the window. */
  assignee: Type.Optional(Type.String()),
  score: Type.Integer(),
  tags: Type.Array(Type.String()),
  comment: Type.Optional(Type.String()),
  ratedAt: Type.Integer(),
  /** 整改 deadline: the item is closed by then (province.rules.remedyWorkingDays, else the manager setting). */
  dueAt: Type.Integer(),
  /** 回访 deadline, where the province sets one (province.rules.callbackWorkingDays). */
  callbackDueAt: Type.Optional(Type.Integer()),
  status: Type.Union(FOLLOWUP_STATUSES.map((s) => Type.Literal(s))),
  isOverdue: Type.Boolean(),
  callbackAt: Type.Optional(Type.Integer()),
  callbackNote: Type.Optional(Type.String()),
  /** Who recorded the 回访 (a username; the console shows the name). Absent on steps recorded before this was kept. */
  callbackBy: Type.Optional(Type.String()),
  remedyAt: Type.Optional(Type.Integer()),
  remedyNote: Type.Optional(Type.String()),
  /** Who recorded the 整改. */
  remedyBy: Type.Optional(Type.String()),
  feedbackAt: Type.Optional(Type.Integer()),
  feedbackNote: Type.Optional(Type.String()),
  /** Who recorded the 反馈. */
  feedbackBy: Type.Optional(Type.String()),
  closedAt: Type.Optional(Type.Integer()),
  /** Who closed it: the one who recorded the last step or accepted the appeal (absent on items closed before this was kept). */
  closedBy: Type.Optional(Type.String()),
  appealStatus: Type.Union(APPEAL_STATUSES.map((s) => Type.Literal(s))),
  appealReason: Type.Optional(Type.String()),
  appealBy: Type.Optional(Type.String()),
  appealAt: Type.Optional(Type.Integer()),
  appealDecisionNote: Type.Optional(Type.String()),
  appealDecidedBy: Type.Optional(Type.String()),
  appealDecidedAt: Type.Optional(Type.Integer()),
});
export type FollowupView = Static<typeof FollowupView>;

export const AlertParams = Type.Object({ alertId: Id });
export const FollowupParams = Type.Object({ followupId: Id });
export const AckAlertBody = Type.Object({ note: Note }, { additionalProperties: false });
export type AckAlertBody = Static<typeof AckAlertBody>;

/** One step of the follow-up; `at` defaults to now (a call-back made earlier can be dated back). */
export const FollowupStep = Type.Union([Type.Literal('callback'), Type.Literal('remedy'), Type.Literal('feedback')]);
export type FollowupStep = Static<typeof FollowupStep>;
export const FollowupRecordBody = Type.Object(
  { step: FollowupStep, note: Note, at: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type FollowupRecordBody = Static<typeof FollowupRecordBody>;
export const AppealBody = Type.Object({ reason: Note }, { additionalProperties: false });
export const AppealDecisionBody = Type.Object(
  { decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]), note: Note },
  { additionalProperties: false },
);
export type AppealDecisionBody = Static<typeof AppealDecisionBody>;

/** The 红旗窗口 / 服务明星 weighting (server/domain/clerk-ranking.ts), hallq.yaml `policy.ranking`'s shape. */
export const RankingWeightsView = Type.Object(
  {
    satisfaction: Type.Number({ minimum: 0, maximum: 100 }),
    served: Type.Number({ minimum: 0, maximum: 100 }),
    handling: Type.Number({ minimum: 0, maximum: 100 }),
    noShowRate: Type.Number({ minimum: 0, maximum: 100 }),
    /** Served in the quarter to be ranked at all. */
    minServed: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type RankingWeightsView = Static<typeof RankingWeightsView>;

/** Settings the manager console owns (stored in the hub's database, applied live). */
export const ManagerSettings = Type.Object(
  {
    /** 差评 整改 deadline in working days (national practice: 5–15). */
    followupWorkingDays: Type.Integer({ minimum: 5, maximum: 15 }),
    /** A window paused longer than this raises an alert. */
    pauseLimitMinutes: Type.Integer({ minimum: 1, maximum: 480 }),
    /**
     * The honours weighting. Always in a reply (hallq.yaml's, or the defaults, until an admin saves one); left
     * out of a PUT, the weighting in force stays.
     */
    ranking: Type.Optional(RankingWeightsView),
  },
  { additionalProperties: false },
);
export type ManagerSettings = Static<typeof ManagerSettings>;

export const HolidaysBody = Type.Object(
  {
    /** Days the hall is closed (法定节假日). */
    holidays: Type.Array(Day, { maxItems: 400, uniqueItems: true }),
    /** Weekend days that are working days (调休上班). */
    workdays: Type.Array(Day, { maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type HolidaysBody = Static<typeof HolidaysBody>;

export const NoticesBody = Type.Object({ notices: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 }) }, { additionalProperties: false });

export const StaffParams = Type.Object({ username: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }) });
export const StaffBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    role: StaffRole,
    isDisabled: Type.Optional(Type.Boolean()),
    /** Required for a new account; for an existing one, a password reset. */
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type StaffBody = Static<typeof StaffBody>;
/** What an admin did to a staff account ('admin:changed' with area 'staff'), as the audit log says it. */
export const STAFF_ACTIONS = ['created', 'updated', 'renamed', 'role-changed', 'disabled', 'enabled', 'password-reset', 'unlocked'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** A new account (the console's 新增人员): refused with `account-exists` when the username is taken. */
export const NewStaffBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    role: StaffRole,
    password: Type.String({ minLength: 8, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type NewStaffBody = Static<typeof NewStaffBody>;
export const PasswordResetBody = Type.Object({ password: Type.String({ minLength: 8, maxLength: 256 }) }, { additionalProperties: false });

export const BackupParams = Type.Object({ name: Type.String({ pattern: '^hallq-[A-Za-z0-9_-]+\\.db$' }) });

/**
 * `?scope=open` (the default: what still needs a manager) or `?scope=recent&days=N`. A query string carries
 * text and the hub never coerces types (a body's "7" stays a string), so the number of days is checked as
 * text: a whole number from 1 to 400.
 */
export const RecentQuery = Type.Object(
  {
    scope: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('recent')])),
    days: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|[1-3][0-9][0-9]|400)$', description: 'whole days back, 1–400' })),
  },
  { additionalProperties: false },
);
export type RecentQuery = Static<typeof RecentQuery>;

/** The follow-up list: open ones (default), those closed in the last `days`, or every one opened in the last `days`. */
export const FollowupQuery = Type.Object(
  {
    scope: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('recent')])),
    days: RecentQuery.properties.days,
  },
  { additionalProperties: false },
);
export type FollowupQuery = Static<typeof FollowupQuery>;

/** What one run of the alert rules changed. */
export const AlertEvaluation = Type.Object({ raised: Type.Integer(), cleared: Type.Integer() });
export type AlertEvaluation = Static<typeof AlertEvaluation>;

/** The 回访整改率 since a day: closed / total (1 when there is nothing to follow up), accepted appeals left out. */
export const FollowupSummary = Type.Object({ total: Type.Integer(), closed: Type.Integer(), overdue: Type.Integer(), rate: Type.Number() });
export type FollowupSummary = Static<typeof FollowupSummary>;

export const FollowupList = Type.Object({ items: Type.Array(FollowupView), summary: FollowupSummary });
export type FollowupList = Static<typeof FollowupList>;

/** A service in the live hall: today's figures the staff snapshot does not carry. */
export const LiveService = Type.Object({
  id: Type.String(),
  name: Type.String(),
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  meanWaitSeconds: Type.Optional(Type.Number()),
  meanServiceSeconds: Type.Optional(Type.Number()),
  served: Type.Integer(),
  noShows: Type.Integer(),
  waitLimitMinutes: Type.Integer(),
});
export type LiveService = Static<typeof LiveService>;

/** A window in the live hall, with its clerk's name and the pause note (staff-only words). */
export const LiveWindow = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  state: Type.String(),
  clerk: Type.Optional(Type.String()),
  clerkName: Type.Optional(Type.String()),
  currentNumber: Type.Optional(Type.String()),
  currentSince: Type.Optional(Type.Integer()),
  pauseReason: Type.Optional(Type.String()),
  pauseNote: Type.Optional(Type.String()),
  since: Type.Integer(),
});
export type LiveWindow = Static<typeof LiveWindow>;

export const LiveHall = Type.Object({ now: Type.Integer(), services: Type.Array(LiveService), windows: Type.Array(LiveWindow), followups: FollowupSummary });
export type LiveHall = Static<typeof LiveHall>;

/** Per-hour counts today against the mean of the same weekday over the previous four weeks; waiting every 15 minutes. */
export const LiveCharts = Type.Object({
  hours: Type.Array(Type.Integer()),
  arrivals: Type.Array(Type.Integer()),
  served: Type.Array(Type.Integer()),
  usualArrivals: Type.Array(Type.Number()),
  usualServed: Type.Array(Type.Number()),
  waiting: Type.Array(Type.Object({ at: Type.Integer(), count: Type.Integer() })),
});
export type LiveCharts = Static<typeof LiveCharts>;

/** A staff account as the admin page lists it (never its password data). */
export const StaffView = Type.Object({ username: Type.String(), name: Type.String(), role: StaffRole, isDisabled: Type.Boolean(), isLocked: Type.Boolean() });
export type StaffView = Static<typeof StaffView>;
export const SavedStaff = Type.Object({ username: Type.String(), name: Type.String(), role: StaffRole, isDisabled: Type.Boolean() });
export type SavedStaff = Static<typeof SavedStaff>;

export const BackupFile = Type.Object({ name: Type.String(), bytes: Type.Integer(), at: Type.Integer() });
export type BackupFile = Static<typeof BackupFile>;

/** The backups in <dataDir>/backups: the newest scheduled daily one (and whether it is today's), the last failure of "backup now". */
export const BackupStatus = Type.Object({
  dir: Type.String(),
  lastDaily: Type.Optional(Type.Object({ name: Type.String(), day: Type.String(), at: Type.Integer(), bytes: Type.Integer(), isToday: Type.Boolean() })),
  lastError: Type.Optional(Type.Object({ at: Type.Integer(), message: Type.String() })),
  backups: Type.Array(BackupFile),
});
export type BackupStatus = Static<typeof BackupStatus>;
