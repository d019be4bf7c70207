/**
 * Request shapes of the HTTP API (and of the same commands over socket.io). One schema per body,
 * used by Fastify for validation and OpenAPI, by the socket gateway through `check`, and by the UIs for types.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PauseReason, Priority, RatingScore, RatingTag, TicketView, UserView, WindowView } from './model';
import type { ErrorDetails } from './errors';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdempotencyKey = Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;
export const LoginReply = Type.Object({ token: Type.String(), user: UserView, expiresAt: Type.Integer() });
export type LoginReply = Static<typeof LoginReply>;

export const IssueTicketBody = Type.Object(
  {
    serviceId: Id,
    priority: Type.Optional(Priority),
    /** Why the green channel: 'elderly' | 'assisted' | 'pregnant' | 'other' (never "disabled": that is sensitive). */
    priorityReason: Type.Optional(Type.Union([Type.Literal('elderly'), Type.Literal('assisted'), Type.Literal('pregnant'), Type.Literal('other')])),
    /** Staff only (导办台): the green channel for this reason, one of the hall's `policy.greenReasons` ids; stands for priorityReason. */
    greenReason: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
    /** Staff only: a short 代办 note the clerk sees (never an ID or phone number). */
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
    idempotencyKey: Type.Optional(IdempotencyKey),
    /** 一证通办 with the card just read on this kiosk: `cardHandle` is the opaque handle from GET /api/kiosk/identity. */
    identity: Type.Optional(Type.Literal('card')),
    cardHandle: Type.Optional(Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    /** Typed on the kiosk keypad; validated, then kept only masked and as a keyed hash (never stored or logged). */
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9Xx ]+$' })),
    /** Appointment check-in (预约取号): the code from the booking. */
    appointmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type IssueTicketBody = Static<typeof IssueTicketBody>;

/**
 * The answer to taking a ticket. `trackToken` and `trackUrl` (the phone page, for the QR code) are in the
 * issuing kiosk's reply only: the token alone rates the visit, so a staff member who issues a ticket does
 * not get it (the printer hook still does).
 */
export const IssuedTicket = Type.Composite([
  TicketView,
  Type.Object({
    printed: Type.Optional(Type.Boolean()),
    printProblem: Type.Optional(Type.String()),
    trackToken: Type.Optional(Type.String()),
    trackUrl: Type.Optional(Type.String()),
    /** As on ServiceView, at the moment of issue: no open window serves the service; the estimate is a guess. */
    isUnstaffed: Type.Optional(Type.Boolean()),
    isGuess: Type.Optional(Type.Boolean()),
  }),
]);
export type IssuedTicket = Static<typeof IssuedTicket>;
/** What a kiosk gets back: always with the visitor's track link. */
export type KioskIssuedTicket = IssuedTicket & { readonly trackToken: string; readonly trackUrl: string };

export const WindowParams = Type.Object({ windowId: Id });
export const TicketParams = Type.Object({ ticketId: Id });
export const TrackParams = Type.Object({ trackToken: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

const Empty = { additionalProperties: false } as const;

/** The body of a command that takes none: nothing (or `{}`); anything else is refused, not ignored. */
export const NoBody = Type.Union([Type.Null(), Type.Object({}, Empty)]);

/** Bodies of the window verbs, by verb. Every one may carry an idempotency key (or the HTTP header). */
export const WindowVerbBodies = {
  'open': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'close': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'pause': Type.Object({ reason: PauseReason, note: Type.Optional(Type.String({ maxLength: 200 })), idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'resume': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'call-next': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'call': Type.Object({ ticketId: Id, idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'recall': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'no-show': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  /** Puts a visitor marked absent a moment ago back at the counter (撤销过号), within policy.noShowUndoMinutes. */
  'undo-no-show': Type.Object({ ticketId: Id, idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'park': Type.Object({ minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })), idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'finish': Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
  'transfer': Type.Object(
    {
      toServiceId: Type.Optional(Id),
      toWindowId: Type.Optional(Id),
      note: Type.Optional(Type.String({ maxLength: 200 })),
      /** After the other service, the visitor comes back to this one, ahead of normal tickets. */
      returnAfter: Type.Optional(Type.Boolean()),
      idempotencyKey: Type.Optional(IdempotencyKey),
    },
    Empty,
  ),
  'auto-call': Type.Object({ enabled: Type.Boolean(), idempotencyKey: Type.Optional(IdempotencyKey) }, Empty),
} as const;
export type WindowVerb = keyof typeof WindowVerbBodies;
export const WINDOW_VERBS = Object.keys(WindowVerbBodies) as WindowVerb[];
export type WindowVerbBody<V extends WindowVerb> = Static<(typeof WindowVerbBodies)[V]>;
/** Each verb's body, by verb: indexed by a generic verb `V`, it keeps the verb and its body paired. */
export type WindowVerbBodyMap = { [V in WindowVerb]: WindowVerbBody<V> };
/** A verb with its own body, as a discriminated union (`switch (command.verb)` narrows `command.body`). */
export type WindowVerbCommand = { [V in WindowVerb]: { readonly verb: V; readonly body: WindowVerbBody<V> } }[WindowVerb];

/**
 * `POST /api/windows/:windowId/release` (强制关窗, managers and admins): nothing, or an idempotency key.
 * Not a window verb: it is not the clerk's, and the clerk's page never sends it.
 */
export const ReleaseWindowBody = Type.Union([Type.Null(), Type.Object({ idempotencyKey: Type.Optional(IdempotencyKey) }, Empty)]);
export type ReleaseWindowBody = Static<typeof ReleaseWindowBody>;

export const RatingBody = Type.Object(
  {
    score: RatingScore,
    tags: Type.Optional(Type.Array(RatingTag, { maxItems: 7, uniqueItems: true })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    idempotencyKey: Type.Optional(IdempotencyKey),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

/** ErrorDetails (protocol/errors.ts) as a schema: Fastify writes an error reply by it, so a field left out is dropped. */
const ErrorDetailsReply = Type.Object({
  problems: Type.Optional(
    Type.Array(
      Type.Object({
        path: Type.String(),
        message: Type.String(),
        emptyKiosk: Type.Optional(
          Type.Object({
            kiosk: Type.String(),
            kioskName: Type.Optional(Type.String()),
            offers: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('department'), Type.Literal('service')]), id: Type.String(), name: Type.Optional(Type.String()) })),
          }),
        ),
      }),
    ),
  ),
});
// What the schema lets through is what the pages read (test/integration/error-details-reply.test.ts sends every field).
const fitsDetails = (d: Static<typeof ErrorDetailsReply>): ErrorDetails => d;
void fitsDetails;

export const ErrorReply = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(ErrorDetailsReply) });

/** What every window verb (and a release) answers: the window after the change and the ticket it concerned, if any. */
export const WindowCommandReply = Type.Object({ window: WindowView, ticket: Type.Optional(TicketView) });
export type WindowCommandReply = Static<typeof WindowCommandReply>;
