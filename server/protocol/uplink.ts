/**
 * The hall → city-centre link (市、镇两级中心统一管理): the one contract the hub's shipper and the centre's
 * ingest share. The hall's append-only event log is the outbox; the shipper sends it in sequence order,
 * the centre stores each batch in one transaction, idempotent by (hall, generation, seq).
 *
 * `POST /api/uplink/batches` with `Authorization: Bearer <hall token>`; body `UplinkBatch`; answer
 * `UplinkAck` (200) or an `ErrorBody` whose code says what the hall must do (see UPLINK_ERRORS).
 *
 * Nothing personal crosses this link: no ID number (not even masked), no name, phone, track token or
 * password data. The hall projects each fact to an `UplinkEvent` (server/domain/uplink-projection.ts) and
 * a test proves nothing else leaves.
 */
import { Type, type Static } from '@sinclair/typebox';

/** Bumped when a batch changes incompatibly; the centre refuses versions it does not know. */
export const UPLINK_PROTOCOL_VERSION = 1;

/** 行政区划代码 (6 digits) + a number in the district, e.g. 330106-001. Upper-case letters allowed for test halls. */
export const HallCode = Type.String({ minLength: 3, maxLength: 32, pattern: '^[0-9A-Z][0-9A-Z-]{2,31}$' });

/** 区/市 centre, 镇/街道 centre, 村/社区 point. */
export const HallLevel = Type.Union([Type.Literal('district'), Type.Literal('town'), Type.Literal('village')]);
export type HallLevel = Static<typeof HallLevel>;

/**
 * A hall database's history. A new database (install, reinstall) and every restore from a backup start a
 * new generation, so sequence numbers that a restore rewinds are never mistaken for duplicates:
 * `parent`/`forkSeq` say where the new history leaves the old one (events ≤ forkSeq are shared).
 */
export const Generation = Type.Object(
  {
    id: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    parent: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    forkSeq: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type Generation = Static<typeof Generation>;

/** A service as the centre compares it across halls: the hall's id plus the standard 事项 code and category. */
export const UplinkService = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    itemCode: Type.Optional(Type.String({ maxLength: 64 })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    waitLimitMinutes: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type UplinkService = Static<typeof UplinkService>;

/** Who the hall is; sent with every batch (small), so the centre's registry follows edits without a step. */
export const HallProfile = Type.Object(
  {
    code: HallCode,
    name: Type.String({ minLength: 1, maxLength: 60 }),
    level: HallLevel,
    parent: Type.Optional(HallCode),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    services: Type.Array(UplinkService, { maxItems: 500 }),
    windows: Type.Array(Type.Object({ id: Type.String({ maxLength: 32 }), number: Type.Integer(), name: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }), { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type HallProfile = Static<typeof HallProfile>;

/**
 * One fact of the hall's log, as it leaves the hall: the hub's sequence number and hall time (`at`, the
 * hall's clock: the centre keeps its own receive time beside it), the fact's name and its projected payload.
 */
export const UplinkEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    at: Type.Integer({ minimum: 0 }),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type UplinkEvent = Static<typeof UplinkEvent>;

/**
 * A run of the log: every sequence number from `fromSeq` to `toSeq` is accounted for, though facts that do
 * not leave the hall (audit-only, personal) are absent from `events`. The centre accepts a batch only when
 * `fromSeq` is one past what it holds for this generation (or overlaps it, for a resend).
 */
export const UplinkBatch = Type.Object(
  {
    protocol: Type.Literal(UPLINK_PROTOCOL_VERSION),
    hall: HallProfile,
    generation: Generation,
    fromSeq: Type.Integer({ minimum: 1 }),
    toSeq: Type.Integer({ minimum: 0 }),
    /** The hall's backlog after this batch (events not yet sent), for the console's link view. */
    backlog: Type.Integer({ minimum: 0 }),
    /** The hall's clock when the batch was sent; the centre records its skew, never trusts it for "last contact". */
    sentAt: Type.Integer({ minimum: 0 }),
    events: Type.Array(UplinkEvent, { maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type UplinkBatch = Static<typeof UplinkBatch>;

/** What the centre holds for this (hall, generation): the hall resumes after `ackedSeq`. */
export const UplinkAck = Type.Object({
  ackedSeq: Type.Integer({ minimum: 0 }),
  /** Supervision notes (督办) and other centre → hall messages the hall has not seen yet. */
  notes: Type.Optional(Type.Array(Type.Object({ id: Type.String(), followupId: Type.String(), text: Type.String(), by: Type.String(), at: Type.Integer() }))),
});
export type UplinkAck = Static<typeof UplinkAck>;

/**
 * `GET /api/uplink/cursor?generation=<id>` (same token): what the centre holds, so a hall that lost its
 * acknowledged mark (a restore) starts where the centre is, not from 1.
 */
export const UplinkCursor = Type.Object({ ackedSeq: Type.Integer({ minimum: 0 }), generation: Type.Optional(Type.String()) });
export type UplinkCursor = Static<typeof UplinkCursor>;

/**
 * Refusals the shipper acts on (codes of protocol/errors.ts): `uplink-gap` carries `resendFrom` in the
 * body; `uplink-generation-conflict` (the same generation with different facts: a copied database) makes
 * the hall start a new generation; `rate-limited` and `unavailable` are retried with back-off;
 * `unauthenticated`/`forbidden` (a forged token, another hall's code) stop shipping and raise an alert.
 */
export const UplinkGapReply = Type.Object({ error: Type.Literal('uplink-gap'), message: Type.String(), resendFrom: Type.Integer({ minimum: 1 }) });
export type UplinkGapReply = Static<typeof UplinkGapReply>;

/** A supervision note (督办) from the centre about one of the hall's 差评 follow-ups; the hall's managers see it. */
export const SupervisionNote = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  followupId: Type.String({ minLength: 1, maxLength: 64 }),
  text: Type.String({ minLength: 1, maxLength: 1000 }),
  /** The centre's user (a supervisor's account name). */
  by: Type.String({ minLength: 1, maxLength: 64 }),
  at: Type.Integer({ minimum: 0 }),
});
export type SupervisionNote = Static<typeof SupervisionNote>;

const Count = Type.Integer({ minimum: 0 });
const Seconds = Type.Optional(Type.Integer({ minimum: 0 }));
const DayFigures = {
  issued: Count,
  served: Count,
  noShows: Count,
  /** Ended by a transfer to another service or window (a new segment carries on). */
  transferred: Count,
  cancelled: Count,
  /** Wait (issue → first call) and service (call → finish), nearest-rank percentiles in seconds. */
  waitP50Seconds: Seconds,
  waitP90Seconds: Seconds,
  serviceP50Seconds: Seconds,
  serviceP90Seconds: Seconds,
  ratings: Count,
  /** Scores 5 and 4 (非常满意, 满意). */
  satisfied: Count,
  /** Scores 2 and 1 (差评). */
  bad: Count,
};

/**
 * The closing figures of one hall day, logged by the day rollover as the fact `day:summary` (ratings given
 * later by phone arrive as their own facts). No person appears: services, windows and staff usernames only.
 */
export const DaySummary = Type.Object(
  {
    day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    totals: Type.Object(DayFigures, { additionalProperties: false }),
    services: Type.Array(Type.Object({ serviceId: Type.String({ maxLength: 32 }), ...DayFigures }, { additionalProperties: false })),
    windows: Type.Array(Type.Object({ windowId: Type.String({ maxLength: 32 }), ...DayFigures }, { additionalProperties: false })),
    clerks: Type.Array(Type.Object({ staffId: Type.String({ maxLength: 32 }), ...DayFigures }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type DaySummary = Static<typeof DaySummary>;

/** How the link is: not configured, starting, shipping fine, retrying after a failure, or refused by the centre. */
export const UPLINK_STATES = ['off', 'connecting', 'ok', 'retrying', 'refused'] as const;
export const UplinkState = Type.Union(UPLINK_STATES.map((s) => Type.Literal(s)));
export type UplinkState = (typeof UPLINK_STATES)[number];

/** `GET /api/uplink/status` (managers, admins) and `hallq uplink status`: the link as the hall sees it. */
export const UplinkStatus = Type.Object({
  state: UplinkState,
  /** The hall's code and the centre's address; absent when no uplink is configured. */
  hallCode: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  generation: Type.Optional(Generation),
  /** The last sequence number the centre acknowledged, and the hall's newest. */
  ackedSeq: Type.Integer({ minimum: 0 }),
  lastSeq: Type.Integer({ minimum: 0 }),
  /** Facts not yet acknowledged by the centre. */
  backlog: Type.Integer({ minimum: 0 }),
  /** Hall clock of the last answer from the centre (any answer: an error is contact too). */
  lastContactAt: Type.Optional(Type.Integer()),
  /** Hall clock of the last acknowledged batch. */
  lastAckAt: Type.Optional(Type.Integer()),
  /** When the next attempt is due, while retrying. */
  nextAttemptAt: Type.Optional(Type.Integer()),
  /** The last failure as a code and a sentence for the operator (never a token or personal data). */
  lastErrorCode: Type.Optional(Type.String()),
  lastError: Type.Optional(Type.String()),
  lastErrorAt: Type.Optional(Type.Integer()),
  /** The latest supervision notes (督办) from the centre, newest first, with the 差评's ticket number. */
  notes: Type.Array(Type.Composite([SupervisionNote, Type.Object({ number: Type.Optional(Type.String()), receivedAt: Type.Integer() })])),
});
export type UplinkStatus = Static<typeof UplinkStatus>;

/**
 * 好差评 records through the city centre (docs/province.md, adapter `city-centre`): the hall posts its
 * outbox records, already in the platform's field names and WITHOUT personal fields, to
 * `POST /api/uplink/province-records` (same hall token as the batches); the centre stores each once per
 * (hall, record id) and forwards them for all its halls to the provincial platform. The answer per record
 * is its state at the centre now, so the hall's ordinary retry loop converges on the platform's answer:
 * `forwarded` (stored durably at the centre, the platform has not answered yet: ask again later),
 * `accepted`/`duplicate` (the platform holds it), `rejected` (with the platform's reason).
 */
export const ProvinceRecordFields = Type.Record(
  Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Number()]),
  { maxProperties: 64 },
);

export const UplinkProvinceRecord = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }),
    /**
     * `deliver`: new, or corrected and resent by a manager (a record the platform rejected is forwarded again);
     * `poll`: the centre already has it, the hall only asks for the platform's answer (carries the record
     * anyway, so a centre that lost it stores it again).
     */
    intent: Type.Union([Type.Literal('deliver'), Type.Literal('poll')]),
    record: ProvinceRecordFields,
  },
  { additionalProperties: false },
);
export type UplinkProvinceRecord = Static<typeof UplinkProvinceRecord>;

export const UplinkProvinceBatch = Type.Object(
  {
    protocol: Type.Literal(UPLINK_PROTOCOL_VERSION),
    /** Must be the hall of the token (403 otherwise), as in a batch. */
    hallCode: HallCode,
    records: Type.Array(UplinkProvinceRecord, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type UplinkProvinceBatch = Static<typeof UplinkProvinceBatch>;

export const PROVINCE_FORWARD_STATES = ['forwarded', 'accepted', 'duplicate', 'rejected'] as const;
export type ProvinceForwardState = (typeof PROVINCE_FORWARD_STATES)[number];

export const UplinkProvinceResult = Type.Object({
  id: Type.String(),
  state: Type.Union(PROVINCE_FORWARD_STATES.map((s) => Type.Literal(s))),
  /** The platform's id of the record, once it holds it. */
  platformId: Type.Optional(Type.String({ maxLength: 200 })),
  /** Rejected: the platform's reason. Forwarded: why the centre's last attempt failed, if it did. */
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export type UplinkProvinceResult = Static<typeof UplinkProvinceResult>;

export const UplinkProvinceReply = Type.Object({ results: Type.Array(UplinkProvinceResult, { maxItems: 500 }) });
export type UplinkProvinceReply = Static<typeof UplinkProvinceReply>;
