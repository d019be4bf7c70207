/**
 * Reports of the manager console (GET /api/reports, /api/ratings/*): figures for a date range, satisfaction
 * and the quarterly ranking, and the 好差评 records for the provincial platform. Definitions
 * (docs/manager.md): wait = first call − issue; service = finish − first call of a finished ticket; no-show
 * rate = no-shows / (served + no-shows); satisfaction = levels 5–3 / all ratings. Times in seconds.
 */
import { Type, type Static } from '@sinclair/typebox';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** A report covers the business days `from`..`to` (inclusive); `format` csv or xlsx answers a file. */
export const RangeQuery = Type.Object(
  { from: Day, to: Day, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])) },
  { additionalProperties: false },
);
export type RangeQuery = Static<typeof RangeQuery>;
/** The ticket export is a file only: CSV (default) or XLSX, Chinese headers and words unless `lang=en`. */
export const TicketExportQuery = Type.Object(
  { from: Day, to: Day, format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])), lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])) },
  { additionalProperties: false },
);
export type TicketExportQuery = Static<typeof TicketExportQuery>;
export const SatisfactionQuery = Type.Object(
  {
    by: Type.Union([Type.Literal('window'), Type.Literal('clerk'), Type.Literal('service')]),
    period: Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('quarter')]),
    from: Day,
    to: Day,
  },
  { additionalProperties: false },
);
export type SatisfactionQuery = Static<typeof SatisfactionQuery>;
export const RankingQuery = Type.Object({ quarter: Type.String({ pattern: '^\\d{4}-Q[1-4]$' }) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
const Seconds = Type.Optional(Type.Number());

/** Ticket figures of one line; a percentile or mean is absent when there is nothing to measure. */
const FigureFields = {
  arrivals: Count,
  served: Count,
  noShows: Count,
  noShowRate: Type.Optional(Type.Number()),
  waitP50Seconds: Seconds,
  waitP90Seconds: Seconds,
  waitMeanSeconds: Seconds,
  serviceP50Seconds: Seconds,
  serviceP90Seconds: Seconds,
  serviceMeanSeconds: Seconds,
};

/** Rating figures of one line: `rate` is satisfied / ratings (absent with no rating). */
const SatisfactionFields = {
  ratings: Count,
  satisfied: Count,
  bad: Count,
  rate: Type.Optional(Type.Number()),
  byLevel: Type.Object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }),
};

const Labelled = { key: Type.String(), label: Type.String() };

export const ReportLine = Type.Object({ ...Labelled, ...FigureFields, ...SatisfactionFields });
export type ReportLine = Static<typeof ReportLine>;

/**
 * An hour of the day: ticket figures only. Ratings are counted per day, service, window and clerk, not per
 * hour, so an hour's line has no rating columns (they showed 0 beside a total that had ratings).
 */
export const HourLine = Type.Object({ ...Labelled, ...FigureFields });
export type HourLine = Static<typeof HourLine>;

export const Report = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: ReportLine,
  byService: Type.Array(ReportLine),
  byWindow: Type.Array(ReportLine),
  byHour: Type.Array(HourLine),
});
export type Report = Static<typeof Report>;

/** Satisfaction of one window, clerk or service in one period ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY-Qn'). */
export const SatisfactionRow = Type.Object({ period: Type.String(), ...Labelled, ...SatisfactionFields });
export type SatisfactionRow = Static<typeof SatisfactionRow>;
export const RankingRow = Type.Object({ period: Type.String(), ...Labelled, ...SatisfactionFields, rank: Type.Integer({ minimum: 1 }) });
export type RankingRow = Static<typeof RankingRow>;

/** One rating as the 好差评 platforms ask for it, keyed by ticket (办件编号). Times are epoch ms; the hall's zone is in the batch. */
export const RatingRecord = Type.Object({
  ratingId: Type.String(),
  ticketId: Type.String(),
  number: Type.String(),
  day: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  windowId: Type.String(),
  windowNumber: Type.Optional(Type.Integer()),
  staffId: Type.Optional(Type.String()),
  level: Type.Integer(),
  levelName: Type.String(),
  reasons: Type.Array(Type.String()),
  comment: Type.Optional(Type.String()),
  channel: Type.String(),
  issuedAt: Type.Integer(),
  finishedAt: Type.Integer(),
  ratedAt: Type.Integer(),
  /** 'none' | 'pending' | 'accepted' | 'rejected'; an accepted appeal must be reported as such, not dropped. */
  appealStatus: Type.String(),
  uploadedAt: Type.Optional(Type.Integer()),
});
export type RatingRecord = Static<typeof RatingRecord>;

export const RatingsExport = Type.Object({ hallName: Type.String(), timeZone: Type.String(), from: Type.String(), to: Type.String(), records: Type.Array(RatingRecord) });
export type RatingsExport = Static<typeof RatingsExport>;
