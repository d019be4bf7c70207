/** 好差评 delivery to the province (docs/province.md): the 办件 on a ticket and each record's delivery state. */
import { Type, type Static } from '@sinclair/typebox';

export const CaseNumber = Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z_-]{3,63}$', description: '办件编号 from the business system (a scanner types it)' });
export const UserProp = Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 个人 / 2 法人' });

export const AttachCaseBody = Type.Object({ caseNumber: CaseNumber, userProp: Type.Optional(UserProp) }, { additionalProperties: false });
export type AttachCaseBody = Static<typeof AttachCaseBody>;

/** The business system attaches by ticket, or by window (the ticket that window serves now). */
export const IntegrationCaseBody = Type.Object(
  { ticketId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), windowId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })), caseNumber: CaseNumber, userProp: Type.Optional(UserProp) },
  { additionalProperties: false },
);
export type IntegrationCaseBody = Static<typeof IntegrationCaseBody>;

export const TicketCases = Type.Object({ ticketId: Type.String(), number: Type.String(), cases: Type.Array(Type.Object({ caseNumber: Type.String(), userProp: Type.Optional(UserProp), source: Type.String(), attachedAt: Type.Integer() })) });
export type TicketCases = Static<typeof TicketCases>;

/** The 办件 of a ticket for the clerk's page, and whether this hall delivers to a province at all (the field shows only then). */
export const TicketCasesReply = Type.Composite([TicketCases, Type.Object({ isConfigured: Type.Boolean() })]);
export type TicketCasesReply = Static<typeof TicketCasesReply>;

/** 'forwarded': stored at the city centre, the platform's answer not in yet (adapter `city-centre`). */
export const ProvinceState = Type.Union([Type.Literal('pending'), Type.Literal('retrying'), Type.Literal('forwarded'), Type.Literal('held'), Type.Literal('rejected'), Type.Literal('acked')]);
export type ProvinceState = Static<typeof ProvinceState>;

export const ProvinceRecordView = Type.Object({
  id: Type.String(),
  ratingId: Type.String(),
  number: Type.Optional(Type.String()),
  version: Type.Integer(),
  kind: Type.Union([Type.Literal('rating'), Type.Literal('appeal-accepted'), Type.Literal('followup-closed')]),
  caseNumber: Type.Optional(Type.String()),
  state: ProvinceState,
  attempts: Type.Integer(),
  nextAt: Type.Integer(),
  reason: Type.Optional(Type.String()),
  platformId: Type.Optional(Type.String()),
  corrections: Type.Record(Type.String(), Type.String()),
  updatedAt: Type.Integer(),
  ackedAt: Type.Optional(Type.Integer()),
});
export type ProvinceRecordView = Static<typeof ProvinceRecordView>;

export const ProvinceOverview = Type.Object({
  isConfigured: Type.Boolean(),
  adapter: Type.Optional(Type.String()),
  counts: Type.Record(ProvinceState, Type.Integer()),
  lastAttemptAt: Type.Optional(Type.Integer()),
  lastSuccessAt: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  records: Type.Array(ProvinceRecordView),
});
export type ProvinceOverview = Static<typeof ProvinceOverview>;

export const ProvinceListQuery = Type.Object({ state: Type.Optional(ProvinceState), limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$', description: 'How many records, 1–500 (a query string carries it as text)' })) }, { additionalProperties: false });

/** A manager's correction: the 办件编号 and/or other canonical fields (docs/province.md), then resend. */
export const ProvinceCorrectionBody = Type.Object(
  { caseNumber: Type.Optional(CaseNumber), fields: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z]{1,32}$' }), Type.String({ maxLength: 200 }))) },
  { additionalProperties: false },
);
export type ProvinceCorrectionBody = Static<typeof ProvinceCorrectionBody>;

/** "Send pending now": how many waiting records (pending, or retrying after a failure) are due at once. */
export const SendNowReply = Type.Object({ isConfigured: Type.Boolean(), due: Type.Integer({ minimum: 0 }) });
export type SendNowReply = Static<typeof SendNowReply>;
