/**
 * The window devices' contract: the clerk's own day (我的今日 on the window page), the rating pad facing
 * the visitor (/rate), and the demo hall's buttons that "press" its simulated keypad and caller.
 * Browser-safe: TypeBox schemas and the types the pages use.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IdempotencyKey } from './http';
import { RATING_LEVELS, RatingChannel, RatingScore, RatingTag } from './model';

/** The keys of a hardware caller (呼叫器) on a window bus, as the hub sees them (whatever the protocol's codes). */
export const CALLER_KEYS = ['call-next', 'recall', 'no-show', 'finish', 'pause', 'transfer'] as const;
export type CallerKey = (typeof CALLER_KEYS)[number];

/** A level 1–5, typed as the national levels (not any number) for the pages. */
const Score = Type.Unsafe<RatingScore>(RatingScore);

/** A visitor's rating of a finished visit, as the clerk sees it on their own day. */
export const VisitRatingView = Type.Object({ score: Score, tags: Type.Array(Type.String()), channel: RatingChannel });
export type VisitRatingView = Static<typeof VisitRatingView>;

/** The clerk's figures for the hall day: their own visits and ratings only. */
export const ClerkDayFigures = Type.Object({
  served: Type.Integer({ minimum: 0 }),
  noShows: Type.Integer({ minimum: 0 }),
  transferred: Type.Integer({ minimum: 0 }),
  /** Mean of finished − first called over the day's finished visits; absent before the first one. */
  averageServiceSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
  ratings: Type.Object({
    count: Type.Integer({ minimum: 0 }),
    average: Type.Optional(Type.Number()),
    /** 不满意 and 非常不满意 (levels 2 and 1). */
    bad: Type.Integer({ minimum: 0 }),
    byScore: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  }),
});
export type ClerkDayFigures = Static<typeof ClerkDayFigures>;

/** The last visit the window finished today, with its rating once there is one. */
export const LastFinishedVisit = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  finishedAt: Type.Integer(),
  rating: Type.Optional(VisitRatingView),
  /** The keypad and the rating pad still offer this visit to the visitor. */
  isAwaitingRating: Type.Boolean(),
});
export type LastFinishedVisit = Static<typeof LastFinishedVisit>;

/** `GET /api/windows/:windowId/today`. */
export const WindowTodayReply = Type.Object({ day: Type.String(), figures: ClerkDayFigures, lastFinished: Type.Optional(LastFinishedVisit) });
export type WindowTodayReply = Static<typeof WindowTodayReply>;

/** `GET /api/windows/:windowId/rating-pad`: what the tablet facing the visitor shows. Only the ticket number, never a name. */
export const PadState = Type.Object({
  windowId: Type.String(),
  windowNumber: Type.Integer(),
  windowName: Type.String(),
  /** A finished visit is waiting for its rating (一次一评). */
  isArmed: Type.Boolean(),
  number: Type.Optional(Type.String()),
  /** Until the hall's rating time for this visit runs out. */
  secondsLeft: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The demo hall publishes its pads' tokens (demo-pad-<window number>), so the page may use them by itself. */
  isDemo: Type.Boolean(),
});
export type PadState = Static<typeof PadState>;

export const RatingPadBody = Type.Object(
  {
    /** The number the pad showed: a pad still showing an older visit must not rate the newer one. */
    number: Type.String({ minLength: 1, maxLength: 16 }),
    score: RatingScore,
    tags: Type.Optional(Type.Array(RatingTag, { maxItems: 7, uniqueItems: true })),
    /** The visitor's written comment, optional (as RatingBody.comment). */
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    idempotencyKey: Type.Optional(IdempotencyKey),
  },
  { additionalProperties: false },
);
export type RatingPadBody = Static<typeof RatingPadBody>;

export const RatingPadReply = Type.Object({ number: Type.String(), score: RatingScore });
export type RatingPadReply = Static<typeof RatingPadReply>;

/** Demo: a visitor presses a level (1–5) and, for a bad one, reasons on the simulated keypad. */
export const PressKeypadBody = Type.Object(
  { level: Type.Union(RATING_LEVELS.map((l) => Type.Literal(l))), reasons: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 7 })) },
  { additionalProperties: false },
);
export type PressKeypadBody = Static<typeof PressKeypadBody>;
export const PressKeypadReply = Type.Object({ isAccepted: Type.Boolean({ description: 'False when the keypad ignored the press (not armed, or no such level).' }) });

/** Demo: a clerk presses a key of the simulated caller. */
export const PressCallerBody = Type.Object({ key: Type.Union(CALLER_KEYS.map((k) => Type.Literal(k))) }, { additionalProperties: false });
export type PressCallerBody = Static<typeof PressCallerBody>;
export const PressCallerReply = Type.Object({ isSent: Type.Boolean() });
export const CallerBeepsReply = Type.Object({ beeps: Type.Integer({ minimum: 0, description: 'How often the caller beeped; a refused key beeps twice.' }) });
export const StripTextReply = Type.Object({ text: Type.Union([Type.String(), Type.Null()], { description: 'What the strip shows now; null when blank.' }) });
