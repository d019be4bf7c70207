/** The province platform as the deliverer needs it; server/transport/province/ speaks HTTP or files for it. */
import { Type, type Static } from '@sinclair/typebox';

export interface OutgoingRecord {
  /** The stable record id (the platform's idempotency key); also inside `record` under its mapped name. */
  readonly id: string;
  readonly record: Readonly<Record<string, string | number>>;
  /** The city centre already holds it (state 'forwarded'): only the platform's answer is asked for. */
  readonly isForwarded?: boolean;
}

/** The platform's answer per record, as the http-json interface and the simulator speak it. */
export const PlatformResult = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  platformId: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export type PlatformResult = Static<typeof PlatformResult>;
export const PlatformReply = Type.Object({ results: Type.Array(PlatformResult, { maxItems: 1000 }) });
export type PlatformReply = Static<typeof PlatformReply>;

/**
 * The city centre stored the record durably but the platform has not answered yet (adapter `city-centre`):
 * the hall marks it 'forwarded' and asks again after `askAgainAfterMs` (hall time).
 */
export interface ForwardedResult {
  readonly id: string;
  readonly status: 'forwarded';
  readonly askAgainAfterMs: number;
  readonly reason?: string;
}
export type AdapterResult = PlatformResult | ForwardedResult;

export type AdapterReply =
  | { readonly kind: 'results'; readonly results: readonly AdapterResult[] }
  /** Nothing was decided (time-out, 5xx, network, a reply that is not the interface's): try again later. */
  | { readonly kind: 'failed'; readonly message: string };

export interface ProvinceAdapter {
  readonly name: string;
  send(records: readonly OutgoingRecord[], signal: AbortSignal): Promise<AdapterReply>;
}
